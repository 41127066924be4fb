import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { EventBus } from '../../../main/services/event-bus';
import { isAllowedHost, isAllowedOrigin, readCookie, safeStaticPath, tokensMatch } from '../../../main/web/guards';
import { startWebHost, type WebHost } from '../../../main/web/server';

describe('browser host guards', () => {
  it('accepts only loopback Host headers for its own port', () => {
    expect(isAllowedHost('127.0.0.1:4317', 4317)).toBe(true);
    expect(isAllowedHost('localhost:4317', 4317)).toBe(true);
    expect(isAllowedHost('127.0.0.1:80', 4317)).toBe(false);
    expect(isAllowedHost('evil.example:4317', 4317)).toBe(false);
    expect(isAllowedHost(undefined, 4317)).toBe(false);
  });
  it('accepts a missing Origin or our own, refuses foreign ones', () => {
    expect(isAllowedOrigin(undefined, 5000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 5000)).toBe(false);
    expect(isAllowedOrigin('null', 5000)).toBe(false);
  });
  it('compares tokens exactly', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch('ab', 'abc')).toBe(false);
    expect(tokensMatch(null, 'abc')).toBe(false);
    expect(readCookie('a=1; cxw_token=xyz%3D; b=2', 'cxw_token')).toBe('xyz=');
  });
  it('keeps static paths inside the renderer folder', () => {
    const root = '/srv/app';
    expect(safeStaticPath(root, '/assets/index.js', join, normalize)).toBe('/srv/app/assets/index.js');
    expect(safeStaticPath(root, '/../etc/passwd', join, normalize)).toBeNull();
    expect(safeStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd', join, normalize)).toBeNull();
    expect(safeStaticPath(root, '/..%5c..%5cwin.ini', join, normalize)).toBeNull();
    expect(safeStaticPath(root, '/a%00b', join, normalize)).toBeNull();
  });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function send(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser host', () => {
  let host: WebHost;
  let dir: string;
  const bus = new EventBus();
  const handlers = {
    'app.ping': () => ({ ok: true as const, version: 'test' }),
    'dataset.import': () => ({ dataset: 'x', rows: 2 }),
    'dataset.profile': ({ dataset }: { dataset: string }) => {
      throw new AppError('NOT_FOUND', `No dataset named "${dataset}".`, { dataset });
    },
  } as unknown as Handlers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CX Workbench</title>');
    host = await startWebHost({ handlers, subscribe: (l) => bus.subscribe(l), rendererDir: dir, token: 'test-token-123', uploadsDir: join(dir, 'state', 'uploads') });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=test-token-123`);
  });

  it('refuses requests without the token', async () => {
    const r = await send(host.port, '/api/app.ping', { method: 'POST', body: '{}' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN');
    expect((await send(host.port, '/')).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) or Origin even with the token', async () => {
    const evilHost = await send(host.port, '/api/app.ping', { method: 'POST', body: '{}', headers: { host: 'evil.example', 'x-cxw-token': 'test-token-123' } });
    expect(evilHost.status).toBe(403);
    const evilOrigin = await send(host.port, '/api/app.ping', { method: 'POST', body: '{}', headers: { origin: 'http://evil.example', 'x-cxw-token': 'test-token-123' } });
    expect(evilOrigin.status).toBe(403);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and strips it from the address', async () => {
    const r = await send(host.port, '/?token=test-token-123');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain('cxw_token=test-token-123');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await send(host.port, '/', { headers: { cookie: 'cxw_token=test-token-123' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('CX Workbench');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('calls handlers with validated arguments and returns errors as data', async () => {
    const auth = { 'x-cxw-token': 'test-token-123', 'content-type': 'application/json' };
    const ok = await send(host.port, '/api/app.ping', { method: 'POST', body: '{}', headers: auth });
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: { ok: true, version: 'test' } });
    const bad = await send(host.port, '/api/dataset.profile', { method: 'POST', body: '{"dataset": 5}', headers: auth });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('BAD_ARGUMENTS');
    const missing = await send(host.port, '/api/dataset.profile', { method: 'POST', body: '{"dataset": "x"}', headers: auth });
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No dataset named "x".', details: { dataset: 'x' } } });
    const unknown = await send(host.port, '/api/constructor', { method: 'POST', body: '{}', headers: auth });
    expect(JSON.parse(unknown.body).error.code).toBe('NOT_FOUND');
  });

  it('stores uploads under the state folder with a sanitised name', async () => {
    const r = await send(host.port, `/upload?name=${encodeURIComponent('../../evil.csv')}`, { method: 'POST', body: 'a,b\n1,2\n', headers: { 'x-cxw-token': 'test-token-123' } });
    const { result } = JSON.parse(r.body) as { result: { path: string; fileName: string } };
    expect(result.fileName).toBe('.._.._evil.csv');
    expect(result.path.startsWith(join(dir, 'state', 'uploads', 'host-'))).toBe(true);
    expect(readFileSync(result.path, 'utf8')).toBe('a,b\n1,2\n');
    expect(statSync(result.path).mode & 0o777).toBe(0o600); // raw customer data: readable by this user only
    // Once imported, the raw copy is deleted.
    const auth = { 'x-cxw-token': 'test-token-123', 'content-type': 'application/json' };
    const imported = await send(host.port, '/api/dataset.import', { method: 'POST', body: JSON.stringify({ jobId: 'job_upload1', path: result.path }), headers: auth });
    expect(JSON.parse(imported.body).ok).toBe(true);
    expect(existsSync(result.path)).toBe(false);
  });

  it('streams service events to the page as server-sent events', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/events`, { headers: { 'x-cxw-token': 'test-token-123' } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    setTimeout(() => bus.emit('job.progress', { jobId: 'job_abcdef', phase: 'import', done: 5, total: 10 }), 50);
    while (!buf.includes('"total":10}')) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value);
    }
    await reader.cancel();
    expect(buf).toContain('event: job.progress\ndata: {"jobId":"job_abcdef","phase":"import","done":5,"total":10}');
  });
});
