import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenAllWebContents, hardenSession, hardenWebContents, redactUrl, withCsp } from '../../../main/electron/harden';
import { contentSecurityPolicy } from '../../../main/electron/security';

type Fn = (...args: never[]) => unknown;

/** Records every handler the code installs so the test can call them as Electron would. */
function fakeSession() {
  const got: Record<string, Fn> = {};
  const record = (name: string) => (handler: Fn) => {
    got[name] = handler;
  };
  const session = {
    webRequest: { onBeforeRequest: record('onBeforeRequest'), onHeadersReceived: record('onHeadersReceived') },
    setPermissionRequestHandler: record('permissionRequest'),
    setPermissionCheckHandler: record('permissionCheck'),
    setDevicePermissionHandler: record('devicePermission'),
    setDisplayMediaRequestHandler: record('displayMedia'),
    setSpellCheckerEnabled: vi.fn(),
  };
  return { session: session as unknown as Session, got, spell: session.setSpellCheckerEnabled };
}

function fakeContents() {
  const on: Record<string, Fn> = {};
  let windowOpen: Fn = () => undefined;
  const contents = {
    on: (event: string, listener: Fn) => {
      on[event] = listener;
    },
    setWindowOpenHandler: (handler: Fn) => {
      windowOpen = handler;
    },
  };
  return { contents: contents as unknown as WebContents, on, windowOpen: (url: string) => windowOpen({ url } as never) };
}

function navEvent(url: string, isMainFrame = true) {
  return { url, isMainFrame, preventDefault: vi.fn() };
}

describe('hardenSession', () => {
  it('cancels every request that is not the app, and logs it without the query string', () => {
    const { session, got } = fakeSession();
    const log = vi.fn();
    hardenSession(session, log);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (got.onBeforeRequest as (d: { url: string; resourceType: string }, cb: (r: { cancel?: boolean }) => void) => void)(
        { url, resourceType: 'xhr' },
        (r) => (cancel = r.cancel),
      );
      return cancel;
    };
    expect(decide('app://cxw/assets/index.js')).toBe(false);
    expect(decide('https://example.com/collect?email=ana@example.com')).toBe(true);
    expect(decide('http://127.0.0.1:4317/api/app.ping')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(log).toHaveBeenCalledWith('blocked xhr request to https://example.com/collect');
    expect(log.mock.calls.flat().join(' ')).not.toContain('ana@example.com');
  });

  it('allows full screen only to the app itself (presentation mode); every other permission stays refused', () => {
    const { session, got } = fakeSession();
    const log = vi.fn();
    hardenSession(session, log);
    const ask = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      (got.permissionRequest as (w: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void)({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0][0] as boolean;
    };
    expect(ask('fullscreen', 'app://cxw/index.html#/present')).toBe(true);
    expect(ask('fullscreen', 'https://example.com/')).toBe(false);
    expect(ask('media', 'app://cxw/index.html')).toBe(false);
    expect(ask('notifications', 'app://cxw/index.html')).toBe(false);
    const check = got.permissionCheck as (w: unknown, p: string, origin: string) => boolean;
    expect(check(null, 'fullscreen', 'app://cxw')).toBe(true);
    expect(check(null, 'fullscreen', 'https://example.com')).toBe(false);
    expect(check(null, 'clipboard-read', 'app://cxw')).toBe(false);
  });

  it('adds the CSP to every response, replacing any other CSP', () => {
    const { session, got } = fakeSession();
    hardenSession(session, vi.fn());
    let headers: Record<string, string[]> | undefined;
    (got.onHeadersReceived as (d: object, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void)(
      { responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] });
  });

  it('denies every permission request and check, devices and screen capture, and turns off the spellchecker download', () => {
    const { session, got, spell } = fakeSession();
    hardenSession(session, vi.fn());
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      (got.permissionRequest as (w: unknown, p: string, cb: (ok: boolean) => void) => void)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect((got.permissionCheck as (w: unknown, p: string) => boolean)(null, permission)).toBe(false);
    }
    expect((got.devicePermission as () => boolean)()).toBe(false);
    const streams = vi.fn();
    (got.displayMedia as (r: unknown, cb: (s: unknown) => void) => void)({}, streams);
    expect(streams).toHaveBeenCalledWith(null);
    expect(spell).toHaveBeenCalledWith(false);
  });
});

describe('hardenWebContents', () => {
  it('lets the page navigate within app://cxw and nowhere else', () => {
    const { contents, on } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents, openExternal, vi.fn());
    const inside = navEvent('app://cxw/index.html#/nps');
    on['will-navigate'](inside as never);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    for (const url of ['https://example.com/', 'http://127.0.0.1:4317/', 'file:///etc/passwd', 'data:text/html,hi', 'javascript:alert(1)']) {
      for (const kind of ['will-navigate', 'will-redirect']) {
        const e = navEvent(url);
        on[kind](e as never);
        expect(e.preventDefault).toHaveBeenCalled();
      }
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks iframe navigation away from the app', () => {
    const { contents, on } = fakeContents();
    hardenWebContents(contents, vi.fn(), vi.fn());
    const e = navEvent('https://example.com/', false);
    on['will-frame-navigate'](e as never);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and, with the empty allow-list, opens nothing externally', () => {
    const { contents, windowOpen } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents, openExternal, vi.fn());
    for (const url of ['https://example.com/', 'app://cxw/index.html', 'mailto:a@b.c']) {
      expect(windowOpen(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens the presenter view (and only it) as a second, equally hardened window when given the preload', () => {
    const { contents, windowOpen } = fakeContents();
    const log = vi.fn();
    hardenWebContents(contents, vi.fn(), log, { preloadPath: '/app/preload.cjs' });
    const opened = windowOpen('app://cxw/index.html#/presenter?deck=Q3%20workshop') as {
      action: string;
      overrideBrowserWindowOptions: { webPreferences: Record<string, unknown> };
    };
    expect(opened.action).toBe('allow');
    expect(opened.overrideBrowserWindowOptions.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    for (const url of [
      'app://cxw/index.html#/nps',
      'app://cxw/index.html?x=1#/presenter',
      'app://cxw/other.html#/presenter',
      'https://example.com/#/presenter',
      'app://cxw:8080/index.html#/presenter',
    ]) {
      expect(windowOpen(url)).toEqual({ action: 'deny' });
    }
  });

  it('without a window policy the presenter route is refused like any other window', () => {
    const { contents, windowOpen } = fakeContents();
    hardenWebContents(contents, vi.fn(), vi.fn());
    expect(windowOpen('app://cxw/index.html#/presenter?deck=A')).toEqual({ action: 'deny' });
  });

  it('prevents <webview> attachment', () => {
    const { contents, on } = fakeContents();
    hardenWebContents(contents, vi.fn(), vi.fn());
    const e = { preventDefault: vi.fn() };
    on['will-attach-webview'](e as never);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('is applied to every webContents the app creates', () => {
    let created: Fn | undefined;
    const app = { on: (event: string, listener: Fn) => event === 'web-contents-created' && (created = listener) };
    hardenAllWebContents(app as unknown as App, vi.fn(), vi.fn());
    const { contents, on } = fakeContents();
    (created as (e: unknown, c: WebContents) => void)({}, contents);
    expect(Object.keys(on).sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
  });
});

describe('log helpers', () => {
  it('redacts query strings and in-page data from logged URLs', () => {
    expect(redactUrl('https://example.com/a?q=secret#x')).toBe('https://example.com/a');
    expect(redactUrl('data:text/plain,customer')).toBe('data:…');
    expect(redactUrl('%%%')).toBe('(unparseable URL)');
  });
  it('adds a CSP to empty headers', () => {
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy] });
  });
});
