import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isAllowedRequest,
  isAppUrl,
  isSafeExternalUrl,
  resolveAppPath,
  SAFE_EXTERNAL_ORIGINS,
} from '../../../main/electron/security';

describe('isAppUrl: the only navigation target', () => {
  it.each(['app://cxw/', 'app://cxw/index.html', 'app://cxw/assets/index-abc.js?x=1#top', 'app://CXW/index.html'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );
  it.each([
    'http://127.0.0.1:4317/',
    'https://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://cxw/1234',
    'app://evil/index.html',
    'app://cxw.evil.com/index.html',
    'app://user:pw@cxw/index.html',
    'app://cxw:8080/index.html',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
  it('refuses a missing URL (a frame that is gone)', () => {
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});

describe('isAllowedRequest: every outgoing request is blocked', () => {
  it.each([
    'app://cxw/index.html',
    'app://cxw/assets/font.woff2',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://cxw/6f1c8a52-0000-4000-8000-000000000000',
  ])('lets through in-app %s', (url) => expect(isAllowedRequest(url)).toBe(true));
  it.each([
    'http://127.0.0.1:4317/api/app.ping',
    'http://localhost:5173/',
    'https://example.com/collect?email=a@b.c',
    'ws://127.0.0.1:9229/',
    'wss://example.com/socket',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ftp://example.com/',
    'chrome-extension://abc/x.js',
    'app://other/index.html',
    'garbage',
  ])('cancels %s', (url) => expect(isAllowedRequest(url)).toBe(false));
});

describe('resolveAppPath: the app:// path-traversal guard', () => {
  const root = '/opt/cxw/out/renderer';
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppPath(root, 'app://cxw/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://cxw/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://cxw')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://cxw/assets/index-Dx1.js?v=2#x')).toBe(path.join(root, 'assets/index-Dx1.js'));
    expect(resolveAppPath(root, 'app://cxw/assets/my%20font.woff2')).toBe(path.join(root, 'assets/my font.woff2'));
  });
  it.each([
    'app://cxw/../../etc/passwd',
    'app://cxw/assets/../../../etc/passwd',
    'app://cxw/%2e%2e/%2e%2e/etc/passwd',
    'app://cxw/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://cxw/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://cxw/..%5c..%5cwindows%5cwin.ini',
    'app://cxw/..\\..\\windows\\win.ini',
    'app://cxw/assets%5cindex.js',
    'app://cxw/%2fetc%2fpasswd',
    'app://cxw/C:/Windows/win.ini',
    'app://cxw/C%3A%5CWindows%5Cwin.ini',
    'app://cxw/index.html%00.png',
    'app://cxw/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://example.com/index.html',
  ])('refuses %s', (url) => expect(resolveAppPath(root, url)).toBeNull());
  it('keeps a doubled slash inside the root instead of treating it as absolute', () => {
    expect(resolveAppPath(root, 'app://cxw//etc/passwd')).toBe(path.join(root, 'etc/passwd'));
  });
  it('applies the same guard with Windows path rules', () => {
    const winRoot = 'C:\\Program Files\\CX Workbench\\resources\\app.asar\\out\\renderer';
    expect(resolveAppPath(winRoot, 'app://cxw/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    expect(resolveAppPath(winRoot, 'app://cxw/..%5c..%5csecret', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://cxw/D:/secret', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://cxw/%5c%5cserver%5cshare', path.win32)).toBeNull();
  });
});

describe('contentSecurityPolicy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  it('allows only the app itself by default, with no eval and no inline scripts', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
  it('names no network source at all', () => {
    expect(contentSecurityPolicy).not.toMatch(/https?:|wss?:|\*/);
  });
  it('shuts plugins, base, forms and framing', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
  it('allows inline styles (Mantine runtime styles) and data:/blob: only for images', () => {
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('font-src')).toEqual(["'self'"]);
  });
});

describe('isSafeExternalUrl: the only gate to shell.openExternal', () => {
  it('opens nothing by default: the allow-list is empty', () => {
    expect(SAFE_EXTERNAL_ORIGINS).toEqual([]);
    for (const url of ['https://example.com/', 'https://github.com/', 'mailto:someone@example.com', 'http://example.com/']) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });
  const docs = ['https://docs.example.com'];
  it('opens https pages of an allow-listed origin', () => {
    expect(isSafeExternalUrl('https://docs.example.com/guide#nps', docs)).toBe(true);
  });
  it.each([
    'http://docs.example.com/',
    'https://docs.example.com.evil.com/',
    'https://evil.com/?https://docs.example.com',
    'https://user:pw@docs.example.com/',
    'https://docs.example.com:8443/',
    'mailto:team@docs.example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://docs.example.com/share',
    'ms-msdt:/id PCWDiagnostic',
    'not a url',
  ])('refuses %s even with an allow-list', (url) => expect(isSafeExternalUrl(url, docs)).toBe(false));
});
