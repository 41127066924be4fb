// The data path of segmentation (and of NPS, drivers and the audit): a dataset's chosen columns as typed arrays.
// Numbers (integer, real, boolean 1/0) become Float64Array with NaN for missing, all filled by one raw
// multi-column SELECT (measured 0.75–1.1 s for 1M × 10; one .pluck() scan per column costs ~3 s). Text becomes
// Int32Array codes into a sorted level list (−1 for missing), read in blocks by text-codes.ts. Decoded columns are
// kept in `column_cache` as one BLOB per column (read back in ~0.08 s for 1M × 10), keyed by dataset id + row
// count + import time, so a sweep followed by a run, re-runs and scoring skip SQLite row iteration altogether.
// Each entry carries a CRC-32 checked on every read: a damaged entry is decoded from the table again (with a
// warning in the analysis result and the activity log), since a flipped byte there silently changed a segmentation while SQLite's integrity check said ok.
import { crc32 } from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { withMemoryMap, type Db } from '../db';
import { quoteIdent, type StoredColumn, type StoredDataset } from '../datasets';
import { readTextCodes, type CodedText, type ReadProgress } from '../text-codes';

export type LoadedColumn =
  | { kind: 'numeric'; column: StoredColumn; values: Float64Array }
  | { kind: 'categorical'; column: StoredColumn; codes: Int32Array; levels: string[] };

/** A decoded column not yet in the cache; the caller persists it inside its own transaction. */
export interface FreshColumn {
  position: number;
  /**
   * 'sec32' and 'cents32': the cohorts log's compact encodings (monitor/cohorts/cache.ts); 'ms': a date or
   * datetime column's epoch milliseconds (the import's, at timeCachePosition) — neither is read by loadColumns.
   */
  kind: 'f64' | 'codes' | 'rows' | 'sec32' | 'cents32' | 'ms';
  data: Buffer;
  levels: string[] | null;
  /** The levels already as JSON, instead of `levels` (a long list handed to another thread as one string). */
  levelsJson?: string;
}

export interface LoadedData {
  /** Dataset _row of each loaded row, ascending. */
  rows: Int32Array;
  columns: LoadedColumn[];
  fresh: FreshColumn[];
  fromCache: number;
  /** Cached columns that failed their check (or predate checksums) and were decoded from the table instead. */
  cacheRebuilt: CacheRebuild[];
  /** What the analyst is told about damaged cache entries (empty when none): for the result's warnings. */
  warnings: string[];
}

/** The cache entry holding the dataset _row of each cached row. */
export const ROWS_POSITION = -1;

/**
 * Where the import keeps a date or datetime column's epoch milliseconds (kind 'ms', one double per row, NaN when
 * missing; its level list names the one kind of time every value was, as stored-time.ts counts them): away from
 * the columns' own positions, which hold their decoded text, and above the cohorts' entries (≤ −100000).
 */
export const timeCachePosition = (index: number): number => -50_000 - index;

export function isNumericColumn(c: StoredColumn): boolean {
  return c.type === 'integer' || c.type === 'real' || c.type === 'boolean';
}

interface CacheRow {
  position: number;
  kind: string;
  data: Buffer;
  levels: string | null;
  checksum: number | null;
}

/** A cached column that was not used: the reason, for the warning and the caller. */
export interface CacheRebuild {
  position: number;
  column: string;
  reason: 'checksum' | 'size' | 'unchecked';
}

/**
 * CRC-32 over kind, level list and bytes: it catches any flipped byte or short burst (measured 1.3 ms for a
 * 1M-row f64 column, against ~8 ms per column to read it back), which is what a damaged file does; it is not a
 * defence against someone forging the cache on purpose (they could as well edit the dataset table).
 */
export function cacheChecksum(kind: string, levels: string | null, data: Buffer): number {
  return crc32(data, crc32(`${kind}\n${levels ?? ''}`));
}

const BYTES_PER_ROW: Record<string, number> = { f64: 8, codes: 4, rows: 4, ms: 8 };

function readCache(db: Db, ds: StoredDataset, positions: number[]): { hits: Map<number, CacheRow>; rebuilt: CacheRebuild[]; warnings: string[] } {
  const hits = new Map<number, CacheRow>();
  const rebuilt: CacheRebuild[] = [];
  const stmt = db.prepare(
    'SELECT position, kind, data, levels, checksum FROM column_cache WHERE dataset_id = ? AND position = ? AND rows = ? AND imported_at = ?',
  );
  // Through a memory map: one copy fewer per BLOB (cxw drift 1M × 30 ×2 3.3–3.6 s instead of 4.1–4.4 s).
  withMemoryMap(db, () => positions.forEach(readOne));
  function readOne(p: number): void {
    const row = stmt.get(ds.id, p, ds.rows, ds.importedAt) as CacheRow | undefined;
    if (!row) return;
    const timeOf = ds.columns.find((c) => timeCachePosition(c.index) === p);
    const column = p === ROWS_POSITION ? '(row numbers)' : timeOf ? `${timeOf.name} (as times)` : (ds.columns.find((c) => c.index === p)?.name ?? `#${p}`);
    // Cached before checksums existed: not trusted, rebuilt (and stamped when the caller saves the fresh copy).
    if (row.checksum === null) rebuilt.push({ position: p, column, reason: 'unchecked' });
    else if (row.data.byteLength !== ds.rows * (BYTES_PER_ROW[row.kind] ?? Number.NaN)) rebuilt.push({ position: p, column, reason: 'size' });
    else if (cacheChecksum(row.kind, row.levels, row.data) !== row.checksum) rebuilt.push({ position: p, column, reason: 'checksum' });
    else hits.set(p, row);
  }
  const damaged = rebuilt.filter((r) => r.reason !== 'unchecked');
  const warnings: string[] = [];
  if (damaged.length > 0) {
    // The workspace file was damaged (or edited) inside the cache; the dataset table is the truth, so the
    // analysis goes on from it — and says so in its result and, through the job (jobs/tasks.ts), the activity log.
    const damage: CacheDamage = { dataset: ds.name, columns: damaged.map((r) => r.column) };
    warnings.push(cacheDamageWarning(damage));
    damageSeen.set(db, [...(damageSeen.get(db) ?? []), damage]);
  }
  return { hits, rebuilt, warnings };
}

/** Damaged cache entries of one dataset found by one load. */
export interface CacheDamage {
  dataset: string;
  columns: string[];
}

/** Damage found through each connection since it was last taken: the job that opened it reports it. */
const damageSeen = new WeakMap<Db, CacheDamage[]>();

/** The damage loads through `db` found since the last call (each reported once). */
export function takeCacheDamage(db: Db): CacheDamage[] {
  const seen = damageSeen.get(db) ?? [];
  damageSeen.delete(db);
  return seen;
}

export function cacheDamageWarning(d: CacheDamage): string {
  return `The column cache of dataset "${d.dataset}" failed its check for ${d.columns.map((c) => `"${c}"`).join(', ')}; it was rebuilt from the dataset table, so these results are right. The workspace file may be damaged: keep a backup of it, and check the disk.`;
}

/**
 * A typed view of a BLOB read from SQLite. better-sqlite3 copies each BLOB into a Buffer of its own (only tiny
 * ones share Node's pool), so a large one is usually a whole, aligned ArrayBuffer nobody else holds: it is used in
 * place. Otherwise (pooled, unaligned) the bytes are copied out. Copying 1M × 10 doubles into fresh memory cost
 * 0.3–0.5 s on the 2-core benchmark machine, where touching new memory is slow (tests/bench/segment-command-bench.mjs).
 */
function ownedView(buf: Buffer, bytes: 8 | 4): ArrayBuffer | null {
  const whole = buf.byteOffset === 0 && buf.buffer.byteLength === buf.byteLength && buf.buffer instanceof ArrayBuffer;
  return whole && buf.byteLength % bytes === 0 && buf.byteLength >= 4096 ? buf.buffer : null;
}
function f64(buf: Buffer): Float64Array {
  const own = ownedView(buf, 8);
  if (own) return new Float64Array(own);
  const out = new Float64Array(buf.byteLength / 8);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
function i32(buf: Buffer): Int32Array {
  const own = ownedView(buf, 4);
  if (own) return new Int32Array(own);
  const out = new Int32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
const asBuffer = (a: Float64Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export interface LoadOptions extends ReadProgress {
  useCache?: boolean;
}

/** Numeric columns and the dataset _row of each row, in one raw multi-column scan. */
function scanNumeric(db: Db, ds: StoredDataset, columns: StoredColumn[], progress: ReadProgress): { rows: Int32Array; values: Float64Array[] } {
  const n = ds.rows;
  const rows = new Int32Array(n);
  const values = columns.map(() => new Float64Array(n));
  const select = ['_row', ...columns.map((c) => quoteIdent(c.sqlName))].join(', ');
  const stmt = db.prepare(`SELECT ${select} FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).raw(true);
  let i = 0;
  for (const r of stmt.iterate() as IterableIterator<(number | string | null | bigint)[]>) {
    if (i >= n) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has more rows than its metadata records (${n}).`);
    rows[i] = Number(r[0]);
    for (let j = 0; j < values.length; j++) {
      const v = r[j + 1];
      values[j][i] = v === null || v === '' ? Number.NaN : typeof v === 'number' ? v : Number(v);
    }
    i++;
    if ((i & 0xffff) === 0) {
      if (progress.isCancelled?.()) throw new AppError('CANCELLED', 'Cancelled while loading the data.');
      progress.onProgress?.(i, n);
    }
  }
  if (i !== n) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has ${i} rows but its metadata records ${n}.`);
  return { rows, values };
}

export function loadColumns(db: Db, ds: StoredDataset, columns: StoredColumn[], opts: LoadOptions = {}): LoadedData {
  const useCache = opts.useCache !== false;
  const { hits: cached, rebuilt, warnings } = useCache
    ? readCache(db, ds, [ROWS_POSITION, ...columns.map((c) => c.index)])
    : { hits: new Map<number, CacheRow>(), rebuilt: [], warnings: [] };
  const missing = columns.filter((c) => !cached.has(c.index));
  const missingNumeric = missing.filter(isNumericColumn);
  const missingText = missing.filter((c) => !isNumericColumn(c));
  const scan = missingNumeric.length > 0 || !cached.has(ROWS_POSITION);
  // When both passes run, each fills half of the progress bar instead of running it twice.
  const both = scan && missingText.length > 0;
  const pass = (k: number): ReadProgress => ({
    isCancelled: opts.isCancelled,
    onProgress: (done, total) => opts.onProgress?.(both ? Math.floor((k * total + done) / 2) : done, total),
  });
  const fresh: FreshColumn[] = [];
  const numeric = new Map<number, Float64Array>();
  const coded = new Map<number, CodedText>();

  let rows: Int32Array;
  if (scan) {
    const scanned = scanNumeric(db, ds, missingNumeric, pass(0));
    rows = scanned.rows;
    fresh.push({ position: ROWS_POSITION, kind: 'rows', data: asBuffer(rows), levels: null });
    missingNumeric.forEach((c, j) => {
      numeric.set(c.index, scanned.values[j]);
      fresh.push({ position: c.index, kind: 'f64', data: asBuffer(scanned.values[j]), levels: null });
    });
  } else {
    rows = i32(cached.get(ROWS_POSITION)!.data);
  }
  readTextCodes(db, ds, missingText, pass(1)).forEach((enc, j) => {
    coded.set(missingText[j].index, enc);
    fresh.push({ position: missingText[j].index, kind: 'codes', data: asBuffer(enc.codes), levels: enc.levels });
  });

  const out: LoadedColumn[] = columns.map((c) => {
    const hit = cached.get(c.index);
    if (hit && hit.kind === 'f64') return { kind: 'numeric', column: c, values: f64(hit.data) };
    if (hit && hit.kind === 'codes') return { kind: 'categorical', column: c, codes: i32(hit.data), levels: JSON.parse(hit.levels ?? '[]') as string[] };
    const values = numeric.get(c.index);
    if (values) return { kind: 'numeric', column: c, values };
    const enc = coded.get(c.index)!;
    return { kind: 'categorical', column: c, codes: enc.codes, levels: enc.levels };
  });
  opts.onProgress?.(ds.rows, ds.rows);
  return { rows, columns: out, fresh, fromCache: columns.length - missing.length, cacheRebuilt: rebuilt, warnings };
}

/**
 * Whether every one of `columns` has a checked entry in the column cache for the dataset as it is now (a cheap
 * query, no BLOB read): a caller that reads column by column (drift) can then skip the row numbers and the table.
 */
export function allColumnsCached(db: Db, ds: StoredDataset, columns: StoredColumn[]): boolean {
  if (columns.length === 0) return true;
  const positions = [...new Set(columns.map((c) => c.index))];
  const found = db
    .prepare(`SELECT COUNT(*) FROM column_cache WHERE dataset_id = ? AND rows = ? AND imported_at = ? AND checksum IS NOT NULL AND position IN (${positions.map(() => '?').join(',')})`)
    .pluck()
    .get(ds.id, ds.rows, ds.importedAt, ...positions) as number;
  return found === positions.length;
}

/**
 * One column from the column cache (its checksum verified), without the row numbers; null when it is not there or
 * fails its check (the damage is recorded as loadColumns records it, and the caller reads the table instead).
 */
export function readCachedColumn(db: Db, ds: StoredDataset, column: StoredColumn): LoadedColumn | null {
  const hit = readCache(db, ds, [column.index]).hits.get(column.index);
  if (hit?.kind === 'f64') return { kind: 'numeric', column, values: f64(hit.data) };
  if (hit?.kind === 'codes') return { kind: 'categorical', column, codes: i32(hit.data), levels: JSON.parse(hit.levels ?? '[]') as string[] };
  return null;
}

/**
 * A numeric column's cached values (the import fills them) for a table whose _row values run without gaps (the
 * caller checks: max − min + 1 = the row count): element i is the table's i-th row. Null when the column is not
 * numeric, not cached, or its entry fails its check (recorded as loadColumns records it): the caller then reads the
 * table. The values are the stored doubles, as the table gives them.
 */
export function cachedNumericRun(db: Db, ds: StoredDataset, column: StoredColumn): Float64Array | null {
  if (!isNumericColumn(column)) return null;
  return cachedRun(db, ds, column.index, 'f64')?.values ?? null;
}

/**
 * A date or datetime column's epoch milliseconds as the import cached them (timeCachePosition), laid out as
 * cachedNumericRun's, with the kind of time (TIME_DATE, TIME_NAIVE or TIME_UTC of journeys/stored-time.ts; 0 when
 * every value is missing) that every value was; null when not cached.
 */
export function cachedTimeRun(db: Db, ds: StoredDataset, column: StoredColumn): { ms: Float64Array; kind: number } | null {
  if (column.type !== 'date' && column.type !== 'datetime') return null;
  const run = cachedRun(db, ds, timeCachePosition(column.index), 'ms');
  const kind = run ? Number((JSON.parse(run.levels ?? '[]') as string[])[0]) : Number.NaN;
  return run && Number.isInteger(kind) ? { ms: run.values, kind } : null;
}

/**
 * One cached entry by position, in table order. Its element i is the i-th row of the cache's 'rows' entry, which
 * holds ds.rows ascending _row values of the table; in a table of ds.rows gap-free rows those are all of them, so
 * element i is the table's i-th row. Only the entry's presence and size are read (SQLite's length() does not load a
 * BLOB), not its 4 bytes a row: its content is not used, so it need not be checked.
 */
function cachedRun(db: Db, ds: StoredDataset, position: number, kind: string): { values: Float64Array; levels: string | null } | null {
  const rows = db
    .prepare(`SELECT COUNT(*) FROM column_cache WHERE dataset_id = ? AND position = ? AND rows = ? AND imported_at = ? AND kind = 'rows' AND length(data) = ?`)
    .pluck()
    .get(ds.id, ROWS_POSITION, ds.rows, ds.importedAt, ds.rows * 4) as number;
  if (rows !== 1) return null;
  const hit = readCache(db, ds, [position]).hits.get(position);
  if (hit?.kind !== kind) return null;
  return { values: f64(hit.data), levels: hit.levels };
}

/** Persist decoded columns; call inside the transaction that saves the analysis (or on its own after a sweep). */
export function saveColumnCache(db: Db, ds: StoredDataset, fresh: FreshColumn[]): void {
  const stmt = db.prepare(
    `INSERT INTO column_cache (dataset_id, position, rows, imported_at, kind, data, levels, checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(dataset_id, position) DO UPDATE SET rows = excluded.rows, imported_at = excluded.imported_at, kind = excluded.kind, data = excluded.data,
       levels = excluded.levels, checksum = excluded.checksum`,
  );
  for (const f of fresh) {
    const levels = f.levelsJson ?? (f.levels ? JSON.stringify(f.levels) : null);
    stmt.run(ds.id, f.position, ds.rows, ds.importedAt, f.kind, f.data, levels, cacheChecksum(f.kind, levels, f.data));
  }
}
