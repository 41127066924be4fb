// The browser host on a busy port. Each test first occupies a port on 127.0.0.1 with a plain net server (the OS
// picks a free one), then starts the host there: asked for that exact port it refuses with a message naming it;
// with portFallback it listens on another port, answers there, and reports the one it was asked for.
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { EventBus } from '../../../main/services/event-bus';
import { startWebHost, type WebHost } from '../../../main/web/server';

function occupy(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
const portOf = (s: Server) => (s.address() as { port: number }).port;

function ping(port: number, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/app.ping', method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-cxw-token': token } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe('browser host on a busy port', () => {
  const bus = new EventBus();
  const handlers = { 'app.ping': () => ({ ok: true as const, version: 'test' }) } as unknown as Handlers;
  let dir: string;
  let blockers: Server[] = [];
  let hosts: WebHost[] = [];
  const start = async (port: number, portFallback?: boolean) => {
    const h = await startWebHost({ handlers, subscribe: (l) => bus.subscribe(l), rendererDir: dir, port, portFallback, token: 't0k3n', uploadsDir: join(dir, 'uploads') });
    hosts.push(h);
    return h;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-port-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CX Workbench</title>');
  });
  afterEach(async () => {
    for (const h of hosts) await h.close();
    for (const b of blockers) await new Promise((r) => b.close(r));
    hosts = [];
    blockers = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a port the user asked for, naming it and saying how to pick another', async () => {
    const blocker = await occupy();
    blockers.push(blocker);
    const busy = portOf(blocker);
    const err = await start(busy).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_ARGUMENTS');
    expect((err as AppError).message).toContain(`Port ${busy} on 127.0.0.1 is already in use`);
    expect((err as AppError).message).toContain('--port 0 for any free port');
    expect((err as AppError).message).toContain('npm start -- --port N');
    expect((err as AppError).details).toEqual({ port: busy });
  });

  it('with portFallback takes the next free port above a busy one, answers there, and reports both', async () => {
    const blocker = await occupy();
    blockers.push(blocker);
    const busy = portOf(blocker);
    // Is the port above free on this machine right now? Then the host must take exactly that one.
    const nextFree = await occupy(busy + 1).then(
      (s) => new Promise<boolean>((r) => s.close(() => r(true))),
      () => false,
    );
    const host = await start(busy, true);
    expect(host.requestedPort).toBe(busy);
    if (nextFree) expect(host.port).toBe(busy + 1);
    else expect(host.port).not.toBe(busy);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=t0k3n`);
    expect(await ping(host.port, 't0k3n')).toBe(200);
  });

  it('with portFallback and the next ten ports busy too, settles for any free port', async () => {
    // Find a run of 11 free ports by occupying them one by one from an OS-chosen start; retry on a collision.
    for (let attempt = 0; attempt < 20 && blockers.length < 11; attempt++) {
      for (const b of blockers) await new Promise((r) => b.close(r));
      blockers = [];
      const first = await occupy();
      blockers.push(first);
      const base = portOf(first);
      if (base + 10 > 65535) continue;
      for (let p = base + 1; p <= base + 10; p++) {
        const s = await occupy(p).catch(() => null);
        if (!s) break;
        blockers.push(s);
      }
    }
    expect(blockers.length).toBe(11);
    const base = portOf(blockers[0]);
    const host = await start(base, true);
    expect(host.requestedPort).toBe(base);
    expect(host.port < base || host.port > base + 10).toBe(true);
    expect(await ping(host.port, 't0k3n')).toBe(200);
  });

  it('a free port is used as asked, with or without portFallback', async () => {
    const probe = await occupy();
    const free = portOf(probe);
    await new Promise((r) => probe.close(r));
    const host = await start(free, true);
    expect(host.port).toBe(free);
    expect(host.requestedPort).toBe(free);
  });
});
