// Applies the security rules in security.ts to Electron objects: the session's network filter, CSP header and
// permission handlers, and every webContents' navigation / new-window / webview guards. Electron objects come in.
import type { App, Session, WebContents } from 'electron';
import { contentSecurityPolicy, isAllowedPermission, isAllowedRequest, isAppUrl, isPresenterUrl, isSafeExternalUrl } from './security';

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
  // No camera, microphone, notifications, geolocation, clipboard reads, HID/USB/serial or anything else; full
  // screen only for the app's own pages (presentation mode).
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const allowed = isAllowedPermission(permission, details?.requestingUrl ?? contents?.getURL?.());
    if (!allowed) log(`denied permission request: ${permission}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin ? `${requestingOrigin}/` : null));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // The spellchecker would download Hunspell dictionaries from a Google CDN on Windows and Linux.
  session.setSpellCheckerEnabled(false);
}

/**
 * Where the presenter window's preload is: the presenter view (a second window on the app's own presenter route)
 * needs the same bridge as the main window; every other new window is refused.
 */
export interface WindowPolicy {
  preloadPath: string;
}

export function hardenWebContents(contents: WebContents, openExternal: OpenExternal, log: Log = defaultLog, policy?: WindowPolicy): void {
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
    if (policy && isPresenterUrl(url)) {
      // The presenter view: the same hardened preferences as the main window (window.ts), written out here too
      // so a reviewer sees them at the place the second window is made. It gets these guards through
      // 'web-contents-created' like every other webContents.
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          width: 1280,
          height: 800,
          title: 'CX Workbench — presenter view',
          backgroundColor: '#1f2933',
          webPreferences: {
            preload: policy.preloadPath,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            nodeIntegrationInWorker: false,
            nodeIntegrationInSubFrames: false,
            webSecurity: true,
            allowRunningInsecureContent: false,
            webviewTag: false,
            spellcheck: false,
            experimentalFeatures: false,
            navigateOnDragDrop: false,
            safeDialogs: true,
            disableBlinkFeatures: 'Auxclick',
          },
        },
      };
    }
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
export function hardenAllWebContents(app: App, openExternal: OpenExternal, log: Log = defaultLog, policy?: WindowPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternal, log, policy));
}
