// The browser host's bounds (issue 12 item 12): request and upload sizes answered with 413 and a message naming the
// limit, a job cancelled when its client goes away, half-open connections closed by the headers timeout, a cap on
// open connections, and the request timeout bounding only how long a request takes to ARRIVE (a slow job is not
// cut). Limits are set small here (1 KiB, 300 ms) so each case runs in well under a second; the expected values
// follow from those settings by hand (1,600 bytes is 1.6 KiB, over a 1,024-byte limit; 1,024 bytes exactly is accepted).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { DEFAULT_WEB_LIMITS, formatBytes, uploadLimitFromEnv } from '../../../main/web/limits';
import { startWebHost, type WebHost } from '../../../main/web/server';

const TOKEN = 'limits-token-123';

interface Reply {
  status: number;
  body: string;
}
function send(port: number, path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { host: `127.0.0.1:${port}`, 'x-cxw-token': TOKEN, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves when the server closes the socket (or after `ms`, with false). */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.on('error', () => undefined);
    // Read (and drop) what the server sends, e.g. its 408: a paused socket never sees the server's close.
    socket.resume();
  });
}

describe('browser host limits', () => {
  let host: WebHost;
  let dir: string;
  const cancelled: string[] = [];
  const pending = new Map<string, (v: unknown) => void>();
  const handlers = {
    'app.ping': () => ({ ok: true as const, version: 'test' }),
    // A job that runs until it is cancelled (or 'results.get' finishes it): stands in for a long analysis.
    'results.rerun': ({ jobId }: { jobId: string }) =>
      new Promise((resolve, reject) => {
        pending.set(jobId, resolve);
        setTimeout(() => reject(new AppError('INTERNAL', 'never cancelled')), 5_000).unref();
      }),
    'job.cancel': ({ jobId }: { jobId: string }) => {
      cancelled.push(jobId);
      pending.get(jobId)?.({ cancelled: true });
      return { cancelled: pending.has(jobId) };
    },
    // Slow but finishing: 900 ms, three times the request timeout below.
    'results.list': () => new Promise((resolve) => setTimeout(() => resolve([]), 900)),
  } as unknown as Handlers;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-limits-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CX Workbench</title>');
    host = await startWebHost({
      handlers,
      subscribe: () => () => undefined,
      rendererDir: dir,
      token: TOKEN,
      uploadsDir: join(dir, 'uploads'),
      limits: { jsonBodyBytes: 1024, uploadBytes: 1024, headersTimeoutMs: 300, requestTimeoutMs: 300, maxConnections: 8 },
    });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const uploadedFiles = () => readdirSync(join(dir, 'uploads'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

  it('refuses a JSON body over the limit with 413 naming the limit, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1100) });
    const declared = await send(host.port, '/api/app.ping', big, { 'content-type': 'application/json' });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.message).toBe('Request body too large: the limit for an API call is 1 KiB.');
    const chunked = await send(host.port, '/api/app.ping', big, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    // A body under the limit is read and answered as before.
    const ok = await send(host.port, '/api/app.ping', '{}', { 'content-type': 'application/json' });
    expect(ok.status).toBe(200);
  });

  it('refuses an upload over the limit with 413 and a message saying what to do, keeping nothing of it', async () => {
    const r = await send(host.port, '/upload?name=orders.csv', Buffer.alloc(1600, 65));
    expect(r.status).toBe(413);
    const message = JSON.parse(r.body).error.message as string;
    expect(message).toContain('"orders.csv" is 1.6 KiB, over the browser host\'s upload limit of 1 KiB');
    expect(message).toContain('npx cxw import');
    expect(message).toContain('CXW_MAX_UPLOAD_MB=');
    const streamed = await send(host.port, '/upload?name=orders.csv', Buffer.alloc(5000, 65), { 'transfer-encoding': 'chunked' });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).error.message).toContain('"orders.csv" is larger than the browser host\'s upload limit of 1 KiB');
    expect(uploadedFiles()).toHaveLength(0);
    const exact = await send(host.port, '/upload?name=ok.csv', Buffer.alloc(1024, 65));
    expect(exact.status).toBe(200);
    expect(uploadedFiles()).toHaveLength(1);
  });

  it('cancels the job of a request whose client went away before the answer', async () => {
    const req = request({
      host: '127.0.0.1',
      port: host.port,
      path: '/api/results.rerun',
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, 'x-cxw-token': TOKEN, 'content-type': 'application/json' },
    });
    req.on('error', () => undefined);
    req.end(JSON.stringify({ jobId: 'job_gone_away', id: 1 }));
    await new Promise((r) => setTimeout(r, 150));
    expect(pending.has('job_gone_away')).toBe(true);
    expect(cancelled).not.toContain('job_gone_away');
    req.destroy();
    await new Promise((r) => setTimeout(r, 150));
    expect(cancelled).toContain('job_gone_away');
  });

  it('does not cancel a job whose answer was delivered', async () => {
    const call = send(host.port, '/api/results.rerun', JSON.stringify({ jobId: 'job_finished', id: 1 }), { 'content-type': 'application/json' });
    await new Promise((r) => setTimeout(r, 100));
    pending.get('job_finished')!({ done: true });
    expect((await call).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(cancelled).not.toContain('job_finished');
  });

  it('closes a connection that never completes its headers', async () => {
    const socket = connect(host.port, '127.0.0.1');
    socket.write(`POST /api/app.ping HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`);
    expect(await closedWithin(socket, 3_000)).toBe(true);
  });

  it('bounds how long a request takes to arrive, not how long its answer takes', async () => {
    const slow = await send(host.port, '/api/results.list', '{}', { 'content-type': 'application/json' });
    expect(slow.status).toBe(200);
  });

  it('closes connections over the cap at once', async () => {
    const open = Array.from({ length: 8 }, () => connect(host.port, '127.0.0.1'));
    await Promise.all(open.map((s) => new Promise((r) => s.on('connect', r))));
    await new Promise((r) => setTimeout(r, 50));
    const extra = connect(host.port, '127.0.0.1');
    expect(await closedWithin(extra, 200)).toBe(true);
    for (const s of open) s.destroy();
  });
});

describe('upload limit setting', () => {
  it('defaults to 4 GiB and takes CXW_MAX_UPLOAD_MB in whole mebibytes', () => {
    expect(uploadLimitFromEnv({})).toBe(4 * 1024 ** 3);
    expect(DEFAULT_WEB_LIMITS.uploadBytes).toBe(4 * 1024 ** 3);
    expect(uploadLimitFromEnv({ CXW_MAX_UPLOAD_MB: '8192' })).toBe(8 * 1024 ** 3);
    expect(() => uploadLimitFromEnv({ CXW_MAX_UPLOAD_MB: '2GB' })).toThrow('CXW_MAX_UPLOAD_MB=2GB is not a whole number of mebibytes');
    expect(() => uploadLimitFromEnv({ CXW_MAX_UPLOAD_MB: '0' })).toThrow('CXW_MAX_UPLOAD_MB=0');
  });
  it('prints sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(4 * 1024 ** 3)).toBe('4 GiB');
  });
});
