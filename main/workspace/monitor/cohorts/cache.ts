// The decoded event log kept in the workspace's column cache after a first run, so a re-run, a switch between weeks
// and months, or another split reads typed arrays back (~0.3 s for 10M events) instead of decoding the table again
// (~9 s). Entries sit at positions of their own (negative, by field and column), so no other analysis reads them;
// like every cache entry they are keyed by the dataset's row count and import (a changed dataset never reads them),
// carry a CRC-32 checked on every read, and are best effort: a cache that cannot be written costs speed, never the
// result. Each entry records the customer and time columns it was decoded with (they decide which rows are kept).
// Times and amounts are kept in 4 bytes instead of 8 when that loses nothing (compact.ts): whole seconds from the
// first event, and hundredths — half the bytes to write on the first run, which spends most of its time writing.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { builtEntry } from '../../../jobs/built-entry';
import type { Db } from '../../db';
import { openWorkspaceDb, withMemoryMap } from '../../db';
import { getDataset, type StoredColumn, type StoredDataset } from '../../datasets';
import { cacheChecksum, saveColumnCache, type FreshColumn } from '../../segments/columns';
import type { CohortColumns, ScannedLog } from './scan';
import { asCents, asSeconds, fromCents, fromSeconds } from './compact';

const FIELDS = ['customer', 'time', 'value', 'score', 'by'] as const;
type Field = (typeof FIELDS)[number];
const positionAt = (field: Field, index: number) => -100_000 - FIELDS.indexOf(field) * 10_000 - index;
const position = (field: Field, col: StoredColumn) => positionAt(field, col.index);

const KINDS = new Set(['codes', 'f64', 'sec32', 'cents32']);

/** What every entry records besides its array: the rows it was decoded from and the log's counts. */
interface Meta {
  customer: number;
  time: number;
  n: number;
  missing: ScannedLog['missing'];
  timeKinds: ScannedLog['timeKinds'];
  /** The time entry's kind 'sec32': its seconds count from this epoch ms. */
  timeBase?: number;
}

interface Row {
  kind: string;
  data: Buffer;
  levels: string | null;
  checksum: number | null;
}

/** A typed view of a BLOB: in place when aligned, else a copy. */
function view<T extends Int32Array | Float64Array>(buf: Buffer, make: (b: ArrayBuffer, offset: number, length: number) => T, bytes: 4 | 8, copy: (n: number) => T): T {
  const n = buf.byteLength / bytes;
  if (buf.buffer instanceof ArrayBuffer && buf.byteOffset % bytes === 0) return make(buf.buffer, buf.byteOffset, n);
  const out = copy(n);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
const i32 = (b: Buffer) => view(b, (ab, o, n) => new Int32Array(ab, o, n), 4, (n) => new Int32Array(n));
const f64 = (b: Buffer) => view(b, (ab, o, n) => new Float64Array(ab, o, n), 8, (n) => new Float64Array(n));

/** The log as cached for these columns, or null (not cached, another dataset version or row set, or damaged). */
export function readCachedLog(db: Db, ds: StoredDataset, cols: CohortColumns): ScannedLog | null {
  return withMemoryMap(db, () => readMapped(db, ds, cols));
}

function readMapped(db: Db, ds: StoredDataset, cols: CohortColumns): ScannedLog | null {
  const stmt = db.prepare('SELECT kind, data, levels, checksum FROM column_cache WHERE dataset_id = ? AND position = ? AND rows = ? AND imported_at = ?');
  const entries = new Map<Field, { row: Row; meta: Meta; names: string[] | null }>();
  for (const field of FIELDS) {
    const col = cols[field];
    if (!col) continue;
    const row = stmt.get(ds.id, position(field, col), ds.rows, ds.importedAt) as Row | undefined;
    if (!row || row.checksum === null || !KINDS.has(row.kind) || cacheChecksum(row.kind, row.levels, row.data) !== row.checksum) return null;
    const [metaText, ...names] = JSON.parse(row.levels ?? '[]') as string[];
    const meta = JSON.parse(metaText) as Meta;
    if (meta.customer !== cols.customer.index || meta.time !== cols.time.index) return null;
    const bytes = row.kind === 'f64' ? 8 : 4;
    if (row.data.byteLength !== meta.n * bytes) return null;
    entries.set(field, { row, meta, names: row.kind === 'codes' ? names : null });
  }
  const get = (f: Field) => entries.get(f);
  const metas = [...entries.values()].map((e) => e.meta);
  if (metas.some((m) => m.n !== metas[0].n)) return null;
  const customer = get('customer')!;
  const time = get('time')!;
  const meta = customer.meta;
  if (time.row.kind === 'sec32' && typeof time.meta.timeBase !== 'number') return null;
  const numbers = (e: { row: Row } | undefined): Float64Array | null => (e ? (e.row.kind === 'cents32' ? fromCents(i32(e.row.data)) : f64(e.row.data)) : null);
  return {
    n: meta.n,
    customer: i32(customer.row.data),
    time: time.row.kind === 'sec32' ? fromSeconds(i32(time.row.data), time.meta.timeBase!) : f64(time.row.data),
    value: cols.value ? numbers(get('value')) : null,
    score: cols.score ? numbers(get('score')) : null,
    by: cols.by ? i32(get('by')!.row.data) : null,
    customerIds: customer.names ?? [],
    byNames: get('by')?.names ?? [],
    missing: meta.missing,
    timeKinds: meta.timeKinds,
  };
}

const buffer = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Which dataset version the entries belong to: written only if the dataset is still that one. */
export interface DatasetStamp {
  name: string;
  id: number;
  rows: number;
  importedAt: string;
}

/**
 * What the cache entries are made from: the log's arrays (shared memory when the scan made them, so another thread
 * reads them without a copy) and its two lists of names as JSON (one string crosses threads faster than 1M).
 */
export interface LogToKeep {
  /** StoredColumn.index of each field's column; null when the log has no such field. */
  columns: Record<Field, number | null>;
  n: number;
  missing: ScannedLog['missing'];
  timeKinds: ScannedLog['timeKinds'];
  customer: Int32Array;
  time: Float64Array;
  value: Float64Array | null;
  score: Float64Array | null;
  by: Int32Array | null;
  customerIdsJson: string;
  byNamesJson: string;
}

function toKeep(cols: CohortColumns, log: ScannedLog): LogToKeep {
  const columns = Object.fromEntries(FIELDS.map((f) => [f, cols[f]?.index ?? null])) as Record<Field, number | null>;
  const { n, missing, timeKinds, customer, time, value, score, by } = log;
  return { columns, n, missing, timeKinds, customer, time, value, score, by, customerIdsJson: JSON.stringify(log.customerIds), byNamesJson: JSON.stringify(log.byNames) };
}

/** [meta, ...names] as JSON, from the names' own JSON. */
const levelsJson = (meta: string, namesJson: string): string => (namesJson === '[]' ? JSON.stringify([meta]) : `[${JSON.stringify(meta)},${namesJson.slice(1)}`);

/** The cache entries for a log, times and amounts in four bytes where lossless (compact.ts). */
function logCacheEntries(k: LogToKeep): FreshColumn[] {
  const seconds = asSeconds(k.time);
  const base = { customer: k.columns.customer!, time: k.columns.time!, n: k.n, missing: k.missing, timeKinds: k.timeKinds } satisfies Meta;
  const meta = JSON.stringify(base);
  const timeMeta = seconds ? JSON.stringify({ ...base, timeBase: seconds.base } satisfies Meta) : meta;
  const compact = (a: Float64Array | null) => (a ? (asCents(a) ?? a) : null);
  const arrays: Record<Field, [Int32Array | Float64Array | null, string, FreshColumn['kind'] | null]> = {
    customer: [k.customer, levelsJson(meta, k.customerIdsJson), 'codes'],
    time: seconds ? [seconds.values, levelsJson(timeMeta, '[]'), 'sec32'] : [k.time, levelsJson(meta, '[]'), 'f64'],
    value: [compact(k.value), levelsJson(meta, '[]'), null],
    score: [compact(k.score), levelsJson(meta, '[]'), null],
    by: [k.by, levelsJson(meta, k.byNamesJson), 'codes'],
  };
  const fresh: FreshColumn[] = [];
  for (const field of FIELDS) {
    const index = k.columns[field];
    const [data, json, kind] = arrays[field];
    if (index === null || !data) continue;
    fresh.push({ position: positionAt(field, index), kind: kind ?? (data instanceof Int32Array ? 'cents32' : 'f64'), data: buffer(data), levels: null, levelsJson: json });
  }
  return fresh;
}

/** Write the entries through a connection of its own that may write; skipped when the file is busy or read-only. */
export function writeLogCache(workspacePath: string, ds: DatasetStamp, fresh: FreshColumn[]): void {
  try {
    const db = openWorkspaceDb(workspacePath, { skipIntegrityCheck: true, busyTimeoutMs: 1000 });
    try {
      db.transaction(() => {
        const now = getDataset(db, ds.name);
        if (now.id === ds.id && now.rows === ds.rows && now.importedAt === ds.importedAt) saveColumnCache(db, now, fresh);
      })();
    } finally {
      db.close();
    }
  } catch {
    // Not cached this time (a read-only file, another writer): the next run decodes again.
  }
}

const stampOf = (ds: StoredDataset): DatasetStamp => ({ name: ds.name, id: ds.id, rows: ds.rows, importedAt: ds.importedAt });

/** Keep the decoded log for the next run, on this thread. */
export function keepLogInCache(workspacePath: string, ds: StoredDataset, cols: CohortColumns, log: ScannedLog): void {
  writeLogCache(workspacePath, stampOf(ds), logCacheEntries(toKeep(cols, log)));
}

/** The 'cohorts.keep-cache' task's payload: the log comes later, on the port (or the port closes: nothing to keep). */
export interface KeepCacheInput {
  workspacePath: string;
  port: MessagePort;
}

interface KeepMessage {
  dataset: DatasetStamp;
  log: LogToKeep;
}

/** The helper thread's side: wait for the log, make the entries and write them. */
export async function runKeepCache(input: KeepCacheInput): Promise<{ written: number }> {
  const got = await new Promise<KeepMessage | null>((resolve) => {
    input.port.once('message', (m: KeepMessage) => resolve(m));
    input.port.once('close', () => resolve(null));
  });
  input.port.close();
  if (!got) return { written: 0 };
  const entries = logCacheEntries(got.log);
  writeLogCache(input.workspacePath, got.dataset, entries);
  return { written: entries.length };
}

/** A first run's cache writer: `keep` hands it the decoded log (resolves once written or given up), `cancel` ends it. */
export interface CacheWriter {
  keep: (ds: StoredDataset, cols: CohortColumns, log: ScannedLog) => Promise<void>;
  cancel: () => void;
}

/**
 * Start a helper thread (the built job worker running 'cohorts.keep-cache') that will keep the decoded log in the
 * column cache, before the scan begins: its start-up overlaps the scan, and the first run's slowest step — encoding
 * and writing ~100 MB into the workspace — then overlaps the cohort computation instead of following it. The helper
 * reads the log's arrays in place (shared memory, only read on both sides). The cache is best effort: `keep`
 * resolves whatever the outcome. Without a built worker (unit tests on the sources, unless they name
 * out/main/worker.js as `workerPath`) `keep` writes on this thread. Call `cancel` if `keep` will not be called.
 */
export function startCacheWriter(workspacePath: string, workerPath?: string): CacheWriter {
  const entry = workerPath ?? builtEntry('worker.js');
  if (!entry) {
    return {
      keep: (ds, cols, log) => {
        keepLogInCache(workspacePath, ds, cols, log);
        return Promise.resolve();
      },
      cancel: () => undefined,
    };
  }
  const { port1, port2 } = new MessageChannel();
  const payload: KeepCacheInput = { workspacePath, port: port2 };
  const worker = new Worker(entry, { workerData: { kind: 'cohorts.keep-cache', payload, cancelFlag: new SharedArrayBuffer(4) }, transferList: [port2] });
  const done = new Promise<void>((resolve) => {
    worker.on('message', (m: { type?: string }) => {
      if (m.type === 'result' || m.type === 'error') resolve();
    });
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
  return {
    keep: (ds, cols, log) => {
      port1.postMessage({ dataset: stampOf(ds), log: toKeep(cols, log) } satisfies KeepMessage);
      return done;
    },
    cancel: () => port1.close(),
  };
}
