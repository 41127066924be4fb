// Applies the security rules in security.ts to Electron objects: the session's network filter, CSP header and
// permission handlers, and every webContents' navigation / new-window / webview guards. Electron objects come in.
import type { App, Session, WebContents } from 'electron';
import { contentSecurityPolicy, isAllowedRequest, isAppUrl, isSafeExternalUrl } from './security';

export type OpenExternal = (url: string) => unknown;
export type Log = (message: string) => void;

const defaultLog: Log = (message) => console.warn(`[cxw] ${message}`);

/** URLs can carry customer data in their query; log only scheme, host and path. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'javascript:') return `${u.protocol}…`;
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

/** Response headers with our CSP replacing whatever CSP (in any letter case) was there. */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy];
  return out;
}

export function hardenSession(session: Session, log: Log = defaultLog): void {
  // Every request leaving the page is checked; anything not app:// (or in-page data:/blob:, devtools:) is cancelled.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log(`blocked ${details.resourceType} request to ${redactUrl(details.url)}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  // No camera, microphone, notifications, geolocation, clipboard reads, HID/USB/serial, fullscreen or anything else.
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // The spellchecker would download Hunspell dictionaries from a Google CDN on Windows and Linux.
  session.setSpellCheckerEnabled(false);
}

export function hardenWebContents(contents: WebContents, openExternal: OpenExternal, log: Log = defaultLog): void {
  const refuse = (kind: string) => (event: { preventDefault(): void; url: string }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`blocked ${kind} to ${redactUrl(event.url)}`);
    if (isSafeExternalUrl(event.url)) void openExternal(event.url);
  };
  contents.on('will-navigate', refuse('navigation'));
  // will-navigate already covers the main frame; this one adds iframes.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuse('frame navigation')(event);
  });
  contents.on('will-redirect', refuse('redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked new window for ${redactUrl(url)}`);
    if (isSafeExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}

/** Harden every webContents the app ever creates (windows, devtools, anything a future feature adds). */
export function hardenAllWebContents(app: App, openExternal: OpenExternal, log: Log = defaultLog): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal, log));
}
