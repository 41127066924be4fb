// `npm start` (bin/start.js) in the browser host (CXW_FORCE_BROWSER=1, as on a machine without the Electron
// binary) when its port is busy. The default port 4317 is occupied by a plain net server (or is already busy on
// this machine — either way it is busy): start must pick another port, say so, print the URL, and answer there.
// A port the user names with --port that is busy is refused: exit 1 and a message naming the port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, NOT_BUILT_MESSAGE, ROOT } from '../support/cli';

const DEFAULT_PORT = 4317;

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

function occupy(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(null)); // already busy: that is all the test needs
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

function runStart(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CXW_FORCE_BROWSER: '1', ...env };
  delete childEnv.CXW_PORT; // the default port, as a plain `npm start` uses
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'start.js'), ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor(pattern: RegExp, output: () => string, exited: Promise<number | null>): Promise<RegExpMatchArray> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 600; i++) {
    const m = output().match(pattern);
    if (m) return m;
    if (done) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${pattern} in:\n${output()}`);
}

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!BUILT)('npm start on a busy port', () => {
  let dir: string;
  let blocker: Server | null;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-start-'));
    blocker = await occupy(DEFAULT_PORT);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    if (blocker) await new Promise((r) => blocker!.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('falls back from the busy default port to a free one and prints the URL it chose', async () => {
    const run = runStart(['--workspace', join(dir, 'a.cxw')], { CXW_STATE_DIR: join(dir, 'state') });
    children.push(run.child);
    const url = await waitFor(/CX Workbench is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=\S+)/, run.output, run.exited);
    const port = Number(url[2]);
    expect(port).not.toBe(DEFAULT_PORT);
    expect(run.output()).toContain(`Port ${DEFAULT_PORT} is busy (is CX Workbench already running there?), so this one uses port ${port}.`);
    expect(await status(url[1])).toBe(302); // the token is traded for a cookie: the host is really there
    run.child.kill('SIGTERM');
    await run.exited;
  });

  it('refuses a busy port asked for with --port, naming it, and exits 1', async () => {
    const run = runStart(['--port', String(DEFAULT_PORT), '--workspace', join(dir, 'b.cxw')], { CXW_STATE_DIR: join(dir, 'state') });
    children.push(run.child);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`cxw: error: Port ${DEFAULT_PORT} on 127.0.0.1 is already in use`);
    expect(run.output()).toContain('npm start -- --port N');
    expect(run.output()).not.toContain('EADDRINUSE');
  });
});
