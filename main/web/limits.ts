// The browser host's resource bounds: request body sizes, upload sizes, timeouts and a connection cap. An adversarial
// run opened ~21,000 half-open connections and stalled the host, and uploads had no size limit at all.
import type { IncomingMessage } from 'node:http';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { AppError } from '../../shared/errors';

export interface WebLimits {
  /** JSON bodies of API calls. The largest valid one, an import plan of 5,000 columns with 200-character names, is ~1.5 MB. */
  jsonBodyBytes: number;
  /** One uploaded file (configurable: CXW_MAX_UPLOAD_MB). Larger files are imported from the command line. */
  uploadBytes: number;
  /** A connection must send its complete headers within this time (half-open and slow-header connections). */
  headersTimeoutMs: number;
  /**
   * A request must arrive whole (headers and body) within this time. It bounds receiving, not answering: a job that
   * runs for an hour after its request arrived is not cut. Long enough for a maximal upload over loopback.
   */
  requestTimeoutMs: number;
  /** Open connections at most; more are closed at once. The page uses a handful; scripts may use more. */
  maxConnections: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_WEB_LIMITS: Readonly<WebLimits> = {
  jsonBodyBytes: 4 * MiB,
  uploadBytes: 4 * 1024 * MiB,
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 30 * 60_000,
  maxConnections: 256,
};

export const UPLOAD_LIMIT_ENV = 'CXW_MAX_UPLOAD_MB';

/** The upload limit from CXW_MAX_UPLOAD_MB (whole mebibytes), else the default; a bad value is refused by name. */
export function uploadLimitFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env[UPLOAD_LIMIT_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_WEB_LIMITS.uploadBytes;
  const mb = Number(raw.trim());
  if (!Number.isInteger(mb) || mb < 1) {
    throw new AppError('BAD_ARGUMENTS', `${UPLOAD_LIMIT_ENV}=${raw} is not a whole number of mebibytes (1 or more), e.g. ${UPLOAD_LIMIT_ENV}=8192 for 8 GiB.`);
  }
  return mb * MiB;
}

/** 1,536 → "1.5 KiB"; binary units, as file managers on Linux and Windows show them. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(1).replace(/\.0$/, '')} ${units[u]}`;
}

/** A request refused for its size: answered with HTTP 413. */
export class RequestTooLarge extends AppError {
  constructor(message: string, limit: number) {
    super('BAD_ARGUMENTS', message, { limit });
  }
}

export function jsonTooLarge(limit: number): RequestTooLarge {
  return new RequestTooLarge(`Request body too large: the limit for an API call is ${formatBytes(limit)}.`, limit);
}

export function uploadTooLarge(limit: number, size: number | null, fileName: string): RequestTooLarge {
  const what = size === null ? `"${fileName}" is larger than` : `"${fileName}" is ${formatBytes(size)}, over`;
  return new RequestTooLarge(
    `${what} the browser host's upload limit of ${formatBytes(limit)}. Import it from the command line instead ` +
      `(npx cxw import --workspace <file.cxw> "${fileName}"), or start the host with a higher limit, e.g. ` +
      `${UPLOAD_LIMIT_ENV}=${Math.ceil((2 * Math.max(limit, size ?? 0)) / MiB)} npm start.`,
    limit,
  );
}

/** The size a request declares, or null when it is chunked (no Content-Length) or the header is malformed. */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/**
 * Copy a request body into `sink` (or collect it when `sink` is null), stopping once more than `limit` bytes have
 * arrived. Returns the chunks (when collecting) and whether the limit was passed. The request is not destroyed on
 * overflow, so the caller can still answer 413 on the same connection before it closes.
 */
export async function readBounded(req: IncomingMessage, limit: number, sink: Writable | null): Promise<{ chunks: Buffer[]; size: number; overflow: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) return { chunks, size, overflow: true };
    if (sink === null) chunks.push(buf);
    else if (!sink.write(buf)) await once(sink, 'drain');
  }
  return { chunks, size, overflow: false };
}
