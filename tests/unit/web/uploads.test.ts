// Uploads live under the app's state folder, not the shared temp folder, and the folders of a host that died
// (a failed import followed by a crash: the raw file stays behind) are removed when the next host starts
// (issue 12 item 11). The "dead host" is a real process: a child node that exits at once, whose pid then names a
// folder no live process owns; the live one is this test's own pid.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/api';
import { EventBus } from '../../../main/services/event-bus';
import { startWebHost } from '../../../main/web/server';
import { openUploadFolder, processAlive, sweepStaleUploads } from '../../../main/web/uploads';

/** The pid of a process that has exited (spawned and waited for). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  expect(r.pid).toBeGreaterThan(0);
  expect(processAlive(r.pid)).toBe(false);
  return r.pid;
}

function upload(port: number, name: string, body: string): Promise<{ path: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/upload?name=${name}`, method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-cxw-token': 'tok' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve((JSON.parse(text) as { result: { path: string } }).result));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('upload folders', () => {
  let state: string;
  let legacy: string;
  beforeEach(() => {
    state = mkdtempSync(join(tmpdir(), 'cxw-state-'));
    legacy = mkdtempSync(join(tmpdir(), 'cxw-legacytmp-'));
  });
  afterEach(() => {
    rmSync(state, { recursive: true, force: true });
    rmSync(legacy, { recursive: true, force: true });
  });

  it('removes the folders of dead hosts (new and legacy temp ones) and keeps a live host\'s', () => {
    const root = join(state, 'uploads');
    const dead = deadPid();
    const stale = join(root, `host-${dead}-0a1b2c3d`);
    const live = join(root, `host-${process.pid}-99aa88bb`);
    const legacyStale = join(legacy, `cxw-uploads-${dead}-deadbeef`);
    const unrelated = join(legacy, 'someone-elses-folder');
    for (const d of [stale, live, legacyStale, unrelated]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'customers.csv'), 'email\nann@example.com\n');
    }
    const removed = sweepStaleUploads(root, legacy);
    expect(removed.sort()).toEqual([legacyStale, stale].sort());
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(legacyStale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });

  it('openUploadFolder sweeps on start and names a folder of this process under the root', () => {
    const root = join(state, 'uploads');
    const stale = join(root, `host-${deadPid()}-00ff00ff`);
    mkdirSync(stale, { recursive: true });
    const folder = openUploadFolder(root);
    expect(folder.removedStale).toEqual([stale]);
    expect(dirname(folder.dir)).toBe(root);
    expect(folder.dir).toMatch(new RegExp(`host-${process.pid}-[0-9a-f]{8}$`));
    expect(statSync(root).mode & 0o777).toBe(0o700);
  });

  it('the browser host puts uploads under the given state folder (0700/0600) and clears stale ones at start', async () => {
    const root = join(state, 'uploads');
    const stale = join(root, `host-${deadPid()}-12345678`);
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'left-behind.csv'), 'name\nAnn Smith\n');
    const renderer = mkdtempSync(join(tmpdir(), 'cxw-renderer-'));
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    const bus = new EventBus();
    const host = await startWebHost({ handlers: {} as Handlers, subscribe: (l) => bus.subscribe(l), rendererDir: renderer, token: 'tok', uploadsDir: root });
    try {
      expect(existsSync(stale)).toBe(false);
      const { path } = await upload(host.port, 'c.csv', 'a,b\n1,2\n');
      expect(path.startsWith(root + '/host-')).toBe(true);
      expect(path.startsWith(tmpdir() + '/cxw-uploads-')).toBe(false);
      expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      await host.close();
      expect(existsSync(dirname(path))).toBe(false);
    } finally {
      await host.close().catch(() => undefined);
      rmSync(renderer, { recursive: true, force: true });
    }
  });
});
