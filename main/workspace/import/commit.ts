// The import itself: one pass over the file inside one transaction. Either the dataset table, its metadata and
// the activity entry all appear, or (on any error or cancellation) none of them do.
import { performance } from 'node:perf_hooks';
import { basename, extname } from 'node:path';
import type { ColumnPlan, ImportOptions, ImportResult } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../activity';
import { assertNameFree, createDataset, getDataset, quoteIdent, setDatasetRowCount, uniqueDatasetName } from '../datasets';
import type { Db } from '../db';
import { Converter } from './convert';
import { closeInput, DEFAULT_CHUNK_BYTES, openInput } from './decode';
import { DEFAULT_SAMPLE_ROWS, nonFiniteWarning } from './infer-types';
import { Pseudonymizer } from './pii';
import { resolveImportKey } from '../keys';
import { applyPlan, planColumns } from './plan';
import { BatchReader } from './batch';
import { builtParseWorkerPath, pipelinedRows } from './pipeline';
import { type CellValue, convertRows, type RowSpec } from './rows';
import { detectShape, type FileShape, readSample, withEncodingRetry } from './sample';
import { dateFormatLabel } from './values';
import { widenColumns } from './widen';
import { ImportColumnCache } from './column-cache';
import { storageError } from './storage-errors';

export interface ImportProgress {
  phase: string;
  done: number;
  total: number | null;
  message?: string;
}

export interface ImportRunContext {
  db: Db;
  /** The pseudonymisation key, or a getter that refuses (KEY_MISSING) when this computer lacks it (keys.ts). */
  secret: Buffer | (() => Buffer);
  isCancelled: () => boolean;
  onProgress: (p: ImportProgress) => void;
}

export interface RunImportArgs {
  path: string;
  fileName?: string;
  name?: string;
  options?: ImportOptions;
  columns?: ColumnPlan[];
}

/** Knobs for tests and the benchmark; production uses the defaults. */
export interface ImportTuning {
  chunkBytes?: number;
  sampleRows?: number;
  /**
   * Rows per multi-row INSERT (capped so rows × columns stays under SQLite's bound-parameter limit). 50-200 all
   * measure within noise of each other; 1 (a statement per row) was ~10% slower.
   */
  batchRows?: number;
  /** SQLite page cache for the import, in KiB. */
  cacheKiB?: number;
  /**
   * The parse worker script (pipeline.ts), or null to parse in this thread. Default: the built worker beside
   * the bundle for files of PIPELINE_MIN_BYTES or more, else in-thread.
   */
  parseWorker?: string | null;
  /** Rows up to which the import fills the typed column cache (column-cache.ts). */
  columnCacheMaxRows?: number;
  /** The typed column cache's byte budget (column-cache.ts CACHE_MAX_BYTES). */
  columnCacheBudgetBytes?: number;
}

const PROGRESS_EVERY_MS = 100;
/** Below this a second thread costs more (its start-up, ~30 ms) than it saves. */
const PIPELINE_MIN_BYTES = 4 << 20;
const MAX_PARAMS = 32_000;

export function runImportTuned(ctx: ImportRunContext, args: RunImportArgs, tuning: ImportTuning = {}): ImportResult {
  const t0 = performance.now();
  const { db } = ctx;
  const options = args.options ?? {};
  const input = openInput(args.path, args.fileName);
  try {
    if (args.name !== undefined) {
      if (!args.name.trim()) throw new AppError('BAD_ARGUMENTS', 'The dataset name cannot be empty.');
      assertNameFree(db, args.name.trim());
    }
    const shape0 = detectShape(input, options, tuning.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    const { value: result } = withEncodingRetry(shape0, (shape) => importWith(ctx, args, shape, tuning, t0));
    return result;
  } finally {
    closeInput(input);
  }
}

function importWith(ctx: ImportRunContext, args: RunImportArgs, shape: FileShape, tuning: ImportTuning, t0: number): ImportResult {
  const { db } = ctx;
  const file = shape.input.file;
  ctx.onProgress({ phase: 'sample', done: 0, total: shape.input.size, message: 'Reading a sample to infer column types' });
  const sample = readSample(shape, tuning.sampleRows ?? DEFAULT_SAMPLE_ROWS, 0);
  const proposed = planColumns(sample);
  const plan = applyPlan(proposed.columns, sample, args.columns);
  const warnings = [
    ...(shape.encodingNote ? [shape.encodingNote] : []),
    ...sample.warnings.filter((w) => !w.includes('Importing will stop')),
    ...proposed.warnings,
    ...plan.warnings,
  ];
  if (ctx.isCancelled()) throw cancelled();

  const onBadRow = args.options?.onBadRow ?? 'fail';
  // Asked for only when a column is pseudonymised, before anything is written: a missing key refuses here.
  const secret = plan.columns.some((c) => c.piiAction === 'pseudonymize') ? resolveImportKey(ctx.secret) : null;
  const pseudo = secret ? new Pseudonymizer(secret) : null;
  const converters = plan.columns.map((c) => new Converter(c, pseudo));
  const ncols = converters.length;
  const width = sample.names.length;
  const batchRows = Math.max(1, Math.min(tuning.batchRows ?? 100, Math.floor(MAX_PARAMS / ncols)));

  const saved = {
    cache: db.pragma('cache_size', { simple: true }) as number,
    temp: db.pragma('temp_store', { simple: true }) as number,
    sync: db.pragma('synchronous', { simple: true }) as number,
  };
  // A larger page cache for the bulk insert. Measured on the 1M-row benchmark: 16 MiB and 256 MiB import in the
  // same time (appends touch few pages), but 256 MiB raised peak RSS from 330 to 500 MiB, so 64 MiB it is.
  // synchronous=NORMAL is safe in WAL mode (a crash can lose only this uncommitted import).
  db.pragma(`cache_size = -${Math.floor(tuning.cacheKiB ?? 64 * 1024)}`);
  db.pragma('temp_store = MEMORY');
  db.pragma('synchronous = NORMAL');
  try {
    db.exec('BEGIN IMMEDIATE');
    const name = args.name?.trim() || uniqueDatasetName(db, basename(file, extname(file)));
    const ds = createDataset(db, {
      name,
      sourceFile: file,
      importParams: {
        file,
        encoding: shape.encoding,
        delimiter: shape.delimiter,
        hasHeader: shape.hasHeader,
        onBadRow,
        droppedColumns: plan.dropped,
        columns: plan.columns.map((c) => ({ source: c.source, name: c.name, type: c.type, role: c.role, piiAction: c.piiAction })),
      },
      columns: plan.columns.map((c) => ({
        name: c.name,
        originalName: c.originalName,
        type: c.type,
        role: c.role,
        piiAction: c.piiAction,
        ...(c.booleanLabels ? { booleanLabels: c.booleanLabels } : {}),
        ...(c.dateFormat ? { dateFormat: dateFormatLabel(c.dateFormat) } : {}),
      })),
    });
    const colList = ds.columns.map((c) => quoteIdent(c.sqlName)).join(', ');
    const tuple = `(${'?,'.repeat(ncols - 1)}?)`;
    const insertSql = (rows: number): string => `INSERT INTO ${quoteIdent(ds.tableName)} (${colList}) VALUES ${Array(rows).fill(tuple).join(',')}`;
    const batchStmt = db.prepare(insertSql(batchRows));
    const batchLen = batchRows * ncols;
    const params: CellValue[] = new Array<CellValue>(batchLen).fill(null);
    const cache = new ImportColumnCache(
      plan.columns.map((c) => (c.piiAction === 'pseudonymize' ? 'text' : c.type)),
      tuning.columnCacheMaxRows,
      tuning.columnCacheBudgetBytes,
    );
    let p = 0;
    const flush = (): void => {
      // Spread, not run(params): better-sqlite3 then reads each value straight from the call's arguments
      // instead of one N-API array Get per value (measured ~8% of the import on the benchmark).
      batchStmt.run(...params);
      p = 0;
      if (ctx.isCancelled()) throw cancelled();
    };
    let lastProgress = 0;
    let inserted = 0;
    const total = shape.input.size;
    const progress = (done: number): void => {
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        ctx.onProgress({ phase: 'import', done, total, message: `${inserted} rows` });
      }
      if (ctx.isCancelled()) throw cancelled();
    };
    const spec: RowSpec = {
      input: shape.input,
      encoding: shape.encoding,
      delimiter: shape.delimiter,
      chunkBytes: shape.chunkBytes,
      lenient: shape.lenient,
      hasHeader: shape.hasHeader,
      width,
      onBadRow,
    };
    const workerPath = tuning.parseWorker !== undefined ? tuning.parseWorker : total >= PIPELINE_MIN_BYTES ? builtParseWorkerPath() : null;
    const counts = workerPath
      ? pipelinedRows(workerPath, spec, converters, secret ?? Buffer.alloc(0), {
          batch: (b) => {
            if (inserted === 0 && b.bytesRead > 0) cache.expect((total * b.rows) / b.bytesRead);
            const r = new BatchReader(b);
            for (let k = r.cells; k > 0; k--) {
              const v = r.next();
              cache.cell(v);
              params[p++] = v;
              if (p === batchLen) flush();
            }
            inserted += b.rows;
            progress(b.bytesRead);
          },
          idle: () => {
            if (ctx.isCancelled()) throw cancelled();
          },
        })
      : convertRows(spec, converters, {
          row: (values) => {
            for (let i = 0; i < ncols; i++) {
              // These converters have no batch queue (below), so every token is already computed.
              const v = values[i] as CellValue;
              cache.cell(v);
              params[p++] = v;
            }
            inserted++;
            if (p === batchLen) flush();
          },
          chunk: progress,
        });
    const { rows, rejected, rejectedLines, trailingEmpty } = counts;
    if (p > 0) db.prepare(insertSql(p / ncols)).run(params.slice(0, p));
    if (ctx.isCancelled()) throw cancelled();
    if (rows === 0) {
      throw new AppError('NO_DATA_ROWS', `${file} has no importable data rows${rejected ? ` (all ${rejected} were malformed and skipped)` : ''}.`, { file });
    }
    ctx.onProgress({ phase: 'finalize', done: total, total, message: `${rows} rows` });
    const widened = widenColumns(db, ds, converters);
    for (const w of widened.warnings) warnings.push(w);
    for (const c of converters) {
      const nf = c.nonFinite;
      if (nf) warnings.push(nonFiniteWarning(c.column.name, { line: nf.firstLine, value: nf.firstValue }, nf.count, 'file'));
    }
    if (trailingEmpty > 0) warnings.push(`${trailingEmpty} row(s) ended with extra empty fields (a trailing delimiter); the empty extras were ignored.`);
    if (rejected > 0) {
      warnings.push(`${rejected} malformed row(s) were skipped (line${rejected > 1 ? 's' : ''} ${rejectedLines.join(', ')}${rejected > rejectedLines.length ? ', …' : ''}).`);
    }
    setDatasetRowCount(db, ds.id, rows);
    cache.save(db, getDataset(db, name), widened.finalTypes);
    const columns = plan.columns.map((c, i) => ({ name: c.name, type: widened.finalTypes[i], role: c.role, piiAction: c.piiAction }));
    logActivity(db, 'dataset.import', `Imported ${rows.toLocaleString('en-US')} rows × ${ncols} columns from ${file} as "${name}"${rejected ? ` (${rejected} bad rows skipped)` : ''}`, {
      dataset: name,
      datasetId: ds.id,
      file,
      encoding: shape.encoding,
      delimiter: shape.delimiter,
      hasHeader: shape.hasHeader,
      columns: plan.columns.map((c, i) => ({ source: c.source, name: c.name, type: widened.finalTypes[i], role: c.role, piiAction: c.piiAction })),
      droppedColumns: plan.dropped,
      rows,
      rejectedRows: rejected,
      rejectedLines,
      warnings,
    });
    db.exec('COMMIT');
    return {
      dataset: name,
      datasetId: ds.id,
      rows,
      columns,
      rejectedRows: rejected,
      warnings,
      encoding: shape.encoding,
      delimiter: shape.delimiter,
      seconds: (performance.now() - t0) / 1000,
    };
  } catch (err) {
    // After SQLITE_FULL or an I/O error SQLite may already have rolled back; a failing ROLLBACK must not hide
    // the error that explains what happened.
    if (db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // nothing more to undo
      }
    }
    throw storageError(err, db.name) ?? err;
  } finally {
    db.pragma(`cache_size = ${saved.cache}`);
    db.pragma(`temp_store = ${saved.temp}`);
    db.pragma(`synchronous = ${saved.sync}`);
  }
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Import cancelled; nothing was written to the workspace.');
}
