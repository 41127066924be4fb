// The browser host: serves the built renderer and the same handlers as the Electron window, on 127.0.0.1 only,
// behind a random per-run token. The token arrives once in the printed URL and is then kept in an HttpOnly,
// SameSite=Strict cookie, so the page never needs to handle it. Events stream as server-sent events.
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { isHandlerName, parseArgs, type EventName, type Events, type Handlers } from '../../shared/api';
import { AppError, serializeError } from '../../shared/errors';
import { WEB_ROUTES, WEB_TOKEN_COOKIE, WEB_TOKEN_HEADER } from '../../shared/platform';
import { isAllowedHost, isAllowedOrigin, readCookie, safeStaticPath, tokensMatch, WEB_CSP } from './guards';
import { openUploadFolder } from './uploads';
import { declaredLength, DEFAULT_WEB_LIMITS, jsonTooLarge, readBounded, RequestTooLarge, uploadLimitFromEnv, uploadTooLarge, type WebLimits } from './limits';

export interface WebHostOptions {
  handlers: Handlers;
  subscribe: (listener: <E extends EventName>(event: E, payload: Events[E]) => void) => () => void;
  rendererDir: string;
  port?: number;
  /** When `port` is taken, listen on the next free one above it (then any free one) instead of failing. */
  portFallback?: boolean;
  token?: string;
  /**
   * Where uploads wait until imported: `<state folder>/uploads`, private to the user (never a shared temp folder).
   * Folders left there by hosts that died are removed at start.
   */
  uploadsDir: string;
  /** Size, time and connection bounds; unset ones take DEFAULT_WEB_LIMITS (the upload limit: CXW_MAX_UPLOAD_MB). */
  limits?: Partial<WebLimits>;
}

export interface WebHost {
  url: string;
  port: number;
  /** The port asked for; differs from `port` when it was busy and `portFallback` picked another. */
  requestedPort: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', WEB_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** 413, then close the connection: the unread rest of an oversized body is not worth receiving. */
function refuseTooLarge(res: ServerResponse, err: RequestTooLarge): void {
  res.setHeader('Connection', 'close');
  sendJson(res, 413, { ok: false, error: serializeError(err) });
}

function statusFor(code: string): number {
  if (code === 'BAD_ARGUMENTS') return 400;
  if (code === 'FORBIDDEN') return 403;
  if (code === 'NOT_FOUND' || code === 'FILE_NOT_FOUND') return 404;
  if (code === 'INTERNAL') return 500;
  return 422;
}

async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if ((declaredLength(req) ?? 0) > limit) throw jsonTooLarge(limit);
  const { chunks, size, overflow } = await readBounded(req, limit, null);
  if (overflow) throw jsonTooLarge(limit);
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new AppError('BAD_ARGUMENTS', 'Request body is not valid JSON.');
  }
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const limits: WebLimits = { ...DEFAULT_WEB_LIMITS, uploadBytes: uploadLimitFromEnv(), ...opts.limits };
  const uploads = openUploadFolder(opts.uploadsDir);
  const uploadDir = uploads.dir;
  const sseClients = new Set<ServerResponse>();
  let port = opts.port ?? 0;

  const unsubscribe = opts.subscribe((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server: Server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for connections past those timeouts (its default, 30 s, would let a test-sized timeout linger).
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(limits.headersTimeoutMs / 3))),
    },
    (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: serializeError(err) });
      else res.end();
    });
    },
  );
  server.maxConnections = limits.maxConnections;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port)) {
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message: 'Foreign Host or Origin refused.' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null && tokensMatch(queryToken, token)) {
      // Trade the URL token for a cookie and drop it from the address bar (and from history).
      res.setHeader('Set-Cookie', `${WEB_TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      url.searchParams.delete('token');
      res.writeHead(302, { Location: url.pathname + (url.search || '') });
      res.end();
      return;
    }
    const given = (req.headers[WEB_TOKEN_HEADER] as string | undefined) ?? readCookie(req.headers.cookie, WEB_TOKEN_COOKIE);
    if (!tokensMatch(given, token)) {
      sendJson(res, 401, { ok: false, error: { code: 'FORBIDDEN', message: 'Missing or wrong session token. Open the URL printed by `cxw serve`.' } });
      return;
    }
    if (url.pathname.startsWith(WEB_ROUTES.api)) return handleApi(req, res, url.pathname.slice(WEB_ROUTES.api.length));
    if (url.pathname === WEB_ROUTES.events) return handleEvents(req, res);
    if (url.pathname === WEB_ROUTES.upload) return handleUpload(req, res, url);
    return handleStatic(req, res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'BAD_ARGUMENTS', message: 'Use POST.' } });
      return;
    }
    try {
      if (!isHandlerName(name)) throw new AppError('NOT_FOUND', `Unknown handler ${name}.`);
      const args = parseArgs(name, await readJsonBody(req, limits.jsonBodyBytes));
      cancelJobIfClientLeaves(res, args);
      const handler = opts.handlers[name] as (a: typeof args) => unknown;
      const result = await handler(args);
      // An uploaded file holds raw, un-pseudonymised data: once it is safely in the workspace, delete the copy.
      if (name === 'dataset.import') removeUpload((args as { path: string }).path);
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      if (err instanceof RequestTooLarge) return refuseTooLarge(res, err);
      const wire = serializeError(err);
      sendJson(res, statusFor(wire.code), { ok: false, error: wire });
    }
  }

  /** A job nobody will read the answer of is cancelled (a closed tab, a killed script): its worker and memory go. */
  function cancelJobIfClientLeaves(res: ServerResponse, args: unknown): void {
    const jobId = (args as { jobId?: unknown }).jobId;
    if (typeof jobId !== 'string') return;
    res.once('close', () => {
      if (res.writableFinished) return;
      Promise.resolve()
        .then(() => opts.handlers['job.cancel']({ jobId }))
        .catch(() => undefined);
    });
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  function removeUpload(path: string): void {
    const full = normalize(path);
    if (full.startsWith(uploadDir + sep)) rmSync(full, { force: true });
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'BAD_ARGUMENTS', message: 'Use POST.' } });
      return;
    }
    const fileName = (url.searchParams.get('name') ?? 'upload.csv').replace(/[/\\\0]/g, '_').slice(0, 200) || 'upload.csv';
    // Private to this user: uploads are customers' raw files (PII not yet pseudonymised).
    mkdirSync(uploadDir, { recursive: true, mode: 0o700 });
    const declared = declaredLength(req);
    if (declared !== null && declared > limits.uploadBytes) return refuseTooLarge(res, uploadTooLarge(limits.uploadBytes, declared, fileName));
    const path = join(uploadDir, `${randomBytes(6).toString('hex')}-${fileName}`);
    const file = createWriteStream(path, { mode: 0o600 });
    let overflow = false;
    try {
      overflow = (await readBounded(req, limits.uploadBytes, file)).overflow;
      file.end();
      await finished(file);
    } catch (err) {
      file.destroy();
      rmSync(path, { force: true });
      throw err;
    }
    if (overflow) {
      rmSync(path, { force: true });
      return refuseTooLarge(res, uploadTooLarge(limits.uploadBytes, null, fileName));
    }
    sendJson(res, 200, { ok: true, result: { path, fileName } });
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { code: 'BAD_ARGUMENTS', message: 'Use GET.' } });
      return;
    }
    let file = safeStaticPath(opts.rendererDir, pathname === '/' ? '/index.html' : pathname, join, normalize);
    if (file === null) {
      sendJson(res, 400, { ok: false, error: { code: 'FORBIDDEN', message: 'Bad path.' } });
      return;
    }
    // Client-side routes fall back to the app shell; missing assets (with an extension) are 404s.
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (extname(pathname)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not found');
        return;
      }
      file = join(opts.rendererDir, 'index.html');
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  const requestedPort = port;
  await listenWithFallback(server, requestedPort, opts.portFallback === true);
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    requestedPort,
    token,
    close: async () => {
      unsubscribe();
      for (const c of sseClients) c.end();
      sseClients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      uploads.dispose();
    },
  };
}

/** How many ports above a busy one `portFallback` tries before settling for any free port the system gives. */
const FALLBACK_TRIES = 10;

function listenOnce(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

function isPortBusy(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EADDRINUSE';
}

/**
 * Listen on 127.0.0.1:`port`. A busy port is either refused with a message that names it and says how to choose
 * another (the user asked for that port), or — with `fallback`, for `npm start`'s default port — replaced by the
 * next free port above it, then by any free port.
 */
async function listenWithFallback(server: Server, port: number, fallback: boolean): Promise<void> {
  const candidates = [port];
  if (fallback && port !== 0) {
    for (let p = port + 1; p <= Math.min(port + FALLBACK_TRIES, 65535); p++) candidates.push(p);
    candidates.push(0);
  }
  for (const candidate of candidates) {
    try {
      await listenOnce(server, candidate);
      return;
    } catch (err) {
      if (!isPortBusy(err)) throw err;
      if (!fallback) {
        throw new AppError(
          'BAD_ARGUMENTS',
          `Port ${port} on 127.0.0.1 is already in use (another CX Workbench, or another program, is listening there). ` +
            `Stop that one, or choose another port: --port ${port < 65535 ? port + 1 : port - 1} (npm start -- --port N, or cxw serve --port N), or --port 0 for any free port.`,
          { port },
        );
      }
    }
  }
  throw new AppError('BAD_ARGUMENTS', `No free port on 127.0.0.1 from ${port} to ${port + FALLBACK_TRIES}, nor any other.`, { port });
}
