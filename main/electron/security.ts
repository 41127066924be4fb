// The Electron shell's security rules as pure functions: which URLs are the app, which requests may leave the
// renderer, how app:// maps to files and the CSP (the window's webPreferences stand at the BrowserWindow call in window.ts).
// No Electron runtime import: unit-tested.
import path, { type PlatformPath } from 'node:path';

/** The custom protocol that serves the built renderer; standard + secure so it behaves like an https origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cxw';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for app://cxw/... with no credentials or port: the only place the window may navigate to. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string') return false;
  const u = parseUrl(url);
  if (!u) return false;
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname.toLowerCase() === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/**
 * The presenter view of presentation mode (notes, next slide, timer): the one second window the app opens, on
 * "app://cxw/index.html#/presenter?deck=NAME". Anything else a page asks to open is refused.
 */
export function isPresenterUrl(url: string | undefined | null): boolean {
  if (!isAppUrl(url)) return false;
  const u = parseUrl(url as string);
  return !!u && u.pathname === '/index.html' && u.search === '' && /^#\/presenter(\?|$)/.test(u.hash);
}

/**
 * Permissions the app's own pages may have: only full screen (presentation mode), and only for app://cxw.
 * Everything else (camera, microphone, notifications, clipboard reads, devices …) stays refused.
 */
export function isAllowedPermission(permission: string, requestingUrl: string | undefined | null): boolean {
  return permission === 'fullscreen' && isAppUrl(requestingUrl);
}

/**
 * Which requests the session lets through (everything else is cancelled and logged).
 * - app://cxw: the app itself. devtools: the developer tools' own UI (devtools are disabled in packaged builds).
 * - data: and blob: are allowed here because they never touch the network: their bytes are already inside the
 *   page (Plotly's PNG export, generated images). Where they may be *used* is limited by the CSP (img-src only;
 *   never scripts), and the navigation predicate (isAppUrl) still refuses them as a top-level destination.
 * - Everything else is blocked, including http(s) to loopback (a local web server is still "leaving the app"),
 *   ws/wss, file: (the renderer reads files only through the services) and javascript:.
 */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const u = parseUrl(url);
  if (!u) return false;
  return u.protocol === 'devtools:' || u.protocol === 'data:' || u.protocol === 'blob:';
}

const DECODED_FORBIDDEN = /[\\\0:]/;

/**
 * Map an app:// URL to a file under rootDir, or null when it is not an app URL or tries to leave rootDir.
 * Traversal is refused outright rather than normalised: `..` (raw or %2e-encoded), backslashes (raw or %5c),
 * encoded slashes, NUL, drive letters/colons and absolute paths all return null. `pathImpl` lets tests check
 * Windows semantics on Linux.
 */
export function resolveAppPath(rootDir: string, url: string, pathImpl: PlatformPath = path): string | null {
  if (!isAppUrl(url)) return null;
  // Look at the raw text, not URL.pathname: the URL parser silently resolves `..` and `%2e%2e` segments.
  const afterOrigin = url.replace(/^[^:]+:\/\/[^/?#\\]*/, '');
  const rawPath = afterOrigin.split(/[?#]/, 1)[0] ?? '';
  if (rawPath.includes('\\')) return null;
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..' || segment.includes('/') || DECODED_FORBIDDEN.test(segment)) return null;
    segments.push(segment);
  }
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  if (pathImpl.isAbsolute(relative)) return null;
  const root = pathImpl.resolve(rootDir);
  const resolved = pathImpl.resolve(root, relative);
  const rel = pathImpl.relative(root, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${pathImpl.sep}`) || pathImpl.isAbsolute(rel)) return null;
  return resolved;
}

/**
 * The page's Content-Security-Policy: nothing but the app's own origin, no eval, no plugins, no framing.
 * style-src needs 'unsafe-inline' because Mantine (and Plotly) inject <style> elements and style attributes at
 * runtime; styles cannot run code, and script-src stays 'self' only.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Hosts that shell.openExternal may open. Empty on purpose: customer data never leaves the laptop, so the app
 * opens no web page, and mailto: is refused too (a prefilled mail is data leaving through another program).
 * Add an exact https origin here (e.g. 'https://docs.example.com') only for static documentation.
 */
export const SAFE_EXTERNAL_ORIGINS: readonly string[] = [];

/** The only gate in front of shell.openExternal: https, no credentials, exact origin on the allow-list. */
export function isSafeExternalUrl(url: string, allowedOrigins: readonly string[] = SAFE_EXTERNAL_ORIGINS): boolean {
  const u = parseUrl(url);
  if (!u) return false;
  if (u.protocol !== 'https:' || u.username !== '' || u.password !== '') return false;
  return allowedOrigins.includes(u.origin);
}
