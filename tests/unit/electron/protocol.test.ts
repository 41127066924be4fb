import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, mimeTypeFor, serveAppRequest } from '../../../main/electron/protocol';
import { contentSecurityPolicy } from '../../../main/electron/security';

describe('app:// protocol', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'cxw-protocol-'));
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>CX Workbench</title>');
    writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
    writeFileSync(path.join(base, 'secret.txt'), 'customer data');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => serveAppRequest(root, { url, method });

  it('is registered as a standard, secure, fetch-capable scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it('serves the renderer with its MIME type, the CSP and nosniff', async () => {
    const res = await get('app://cxw/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('CX Workbench');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await get('app://cxw/assets/index.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for traversal, missing files and folders, never the file outside', async () => {
    for (const url of ['app://cxw/../secret.txt', 'app://cxw/%2e%2e/secret.txt', 'app://cxw/..%5csecret.txt', 'app://cxw/nope.js', 'app://cxw/assets']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('customer data');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://cxw/index.html', 'POST')).status).toBe(405);
    const head = await get('app://cxw/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 500 without details when a file cannot be read', async () => {
    const res = await serveAppRequest(root, { url: 'app://cxw/index.html', method: 'GET' }, () =>
      Promise.reject(Object.assign(new Error('EACCES: /secret/path'), { code: 'EACCES' })),
    );
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('/secret/path');
  });

  it('knows the renderer bundle types', () => {
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
