// The NPS data path: the columns a spec names, checked against the dataset and read as typed arrays.
// Scores and grouping columns go through the segmentation data path (segments/columns.ts: numeric columns come
// straight from the column cache the import filled; text is read in blocks and dictionary-encoded by
// text-codes.ts). NPS jobs only read the workspace, so a text column decoded here is not written back to the cache.
// Datetime columns (survey times) and ids are read by their own one-column scans: a datetime column has about as
// many distinct values as rows, and encoding it as sorted levels would cost a sort of a million strings for nothing.
import { AppError } from '../../../shared/errors';
import { groupCoded, groupNumeric, type Grouping } from '../../analysis/nps/grouping';
import type { Db } from '../db';
import { quoteIdent, type StoredColumn, type StoredDataset } from '../datasets';
import { readStoredTime, TIME_DATE, type TimeRead } from '../journeys/stored-time';
import { loadColumns, type LoadedColumn } from '../segments/columns';
import { readTextCodes, type ReadProgress } from '../text-codes';

/** More groups than this is not a grouping but an identifier (or free text). */
export const MAX_GROUPS = 500;

export interface LoadProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A named column, or BAD_ARGUMENTS saying what it was given as, with a case-insensitive near miss. */
export function resolveColumn(ds: StoredDataset, name: string, givenAs: string): StoredColumn {
  const col = ds.columns.find((c) => c.name === name);
  if (col) return col;
  const folded = ds.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const hint = folded ? ` Did you mean "${folded.name}"?` : '';
  throw new AppError('BAD_ARGUMENTS', `Dataset "${ds.name}" has no column "${name}" (given as the ${givenAs}).${hint} Columns: ${ds.columns.map((c) => c.name).join(', ')}.`, {
    dataset: ds.name,
    columnName: name,
  });
}

export function scoreColumn(ds: StoredDataset, name: string): StoredColumn {
  const col = resolveColumn(ds, name, 'score column');
  if (col.type === 'integer' || col.type === 'real') return col;
  const numeric = ds.columns.filter((c) => c.role === 'nps' || c.type === 'integer').map((c) => `"${c.name}"`);
  throw new AppError(
    'BAD_ARGUMENTS',
    `Column "${col.name}" of dataset "${ds.name}" is ${col.type}, but NPS needs a numeric 0–10 recommend score. ` +
      (numeric.length ? `Numeric columns here: ${numeric.slice(0, 12).join(', ')}. ` : '') +
      `If its values are numbers the import read as ${col.type}, re-import with the type set (cxw import --type "${col.name}=integer").`,
    { dataset: ds.name, columnName: col.name },
  );
}

export function timeColumn(ds: StoredDataset, name: string, givenAs: string): StoredColumn {
  const col = resolveColumn(ds, name, givenAs);
  if (col.type === 'date' || col.type === 'datetime') return col;
  const times = ds.columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => `"${c.name}"`);
  throw new AppError(
    'BAD_ARGUMENTS',
    `Column "${col.name}" of dataset "${ds.name}" is ${col.type}, not a date or datetime, so it cannot serve as the ${givenAs}. ` +
      (times.length ? `Date/datetime columns here: ${times.join(', ')}.` : `Dataset "${ds.name}" has no date or datetime column; re-import with the type set (cxw import --type "${col.name}=datetime").`),
    { dataset: ds.name, columnName: col.name },
  );
}

/** The score and an optional grouping column (numeric or text) in dataset row order, through loadColumns. */
export function loadSurvey(db: Db, ds: StoredDataset, score: StoredColumn, group: StoredColumn | null, ctx: LoadProgress): { rows: Int32Array; score: LoadedColumn; group: LoadedColumn | null } {
  const loaded = loadColumns(db, ds, group ? [score, group] : [score], loadProgress(ctx));
  return { rows: loaded.rows, score: loaded.columns[0], group: group ? loaded.columns[1] : null };
}

/** The job's progress as the column readers report it (rows done of total, in the 'load' phase). */
export function loadProgress(ctx: LoadProgress): ReadProgress {
  return { isCancelled: ctx.isCancelled, onProgress: (done, total) => ctx.onProgress({ phase: 'load', done, total }) };
}

export function numericValues(c: LoadedColumn): Float64Array {
  if (c.kind !== 'numeric') throw new AppError('INTERNAL', `column "${c.column.name}" was expected to load as numbers`);
  return c.values;
}

/** Groups from a loaded column of any type: numbers by value (or quintiles), booleans by label, text by value. */
export function groupingOf(ds: StoredDataset, c: LoadedColumn): Grouping {
  const col = c.column;
  if (c.kind === 'numeric') {
    if (col.type === 'boolean') {
      const labels = col.booleanLabels ?? { true: 'true', false: 'false' };
      return groupNumeric(c.values, col.name, (v) => (v === 1 ? labels.true : v === 0 ? labels.false : String(v)));
    }
    return groupNumeric(c.values, col.name);
  }
  if (c.levels.length > MAX_GROUPS) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Column "${col.name}" of dataset "${ds.name}" has ${fmt(c.levels.length)} distinct values, more like an identifier or free text than a grouping: NPS by group takes a column with at most ${MAX_GROUPS} values (a segment, channel, region, plan…).`,
      { dataset: ds.name, columnName: col.name },
    );
  }
  // ISO dates and datetimes sort in time order, so their levels are already chronological.
  return groupCoded(c.codes, c.levels, col.type === 'date' || col.type === 'datetime' ? 'natural' : 'size');
}

export interface Times {
  ms: Float64Array;
  /** 1 where the value is a date without a time of day. */
  dateOnly: Uint8Array;
  unreadable: number;
  example: string | null;
}

function iterateColumn(db: Db, ds: StoredDataset, sql: string, ctx: LoadProgress, phase: string, each: (v: unknown, i: number) => void): void {
  const stmt = db.prepare(`SELECT ${sql} FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).pluck();
  let i = 0;
  for (const v of stmt.iterate()) {
    if (i >= ds.rows) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has more rows than its metadata records (${ds.rows}).`);
    each(v, i);
    i++;
    if ((i & 0xffff) === 0) {
      if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while loading the data.');
      ctx.onProgress({ phase, done: i, total: ds.rows });
    }
  }
  if (i !== ds.rows) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has ${i} rows but its metadata records ${ds.rows}.`);
}

/** A date/datetime column as ms since the epoch (UTC; naive times read as UTC), NaN where missing or unreadable. */
export function readTimes(db: Db, ds: StoredDataset, col: StoredColumn, ctx: LoadProgress): Times {
  const ms = new Float64Array(ds.rows).fill(Number.NaN);
  const dateOnly = new Uint8Array(ds.rows);
  const out: TimeRead = { ms: 0, kind: 0 };
  let unreadable = 0;
  let example: string | null = null;
  if (col.type === 'date') {
    // A date column holds few distinct days: read it as codes and parse each day once (1M rows: ~0.14 s).
    const [{ codes, levels }] = readTextCodes(db, ds, [col], loadProgress(ctx));
    const parsed = levels.map((l) => (readStoredTime(l, 0, l.length, out) ? { ms: out.ms, date: out.kind === TIME_DATE } : null));
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c < 0) continue;
      const p = parsed[c];
      if (p) {
        ms[i] = p.ms;
        if (p.date) dateOnly[i] = 1;
      } else {
        unreadable++;
        example ??= levels[c];
      }
    }
    return { ms, dateOnly, unreadable, example };
  }
  iterateColumn(db, ds, quoteIdent(col.sqlName), ctx, 'load times', (v, i) => {
    if (v === null) return;
    const s = String(v);
    if (readStoredTime(s, 0, s.length, out)) {
      ms[i] = out.ms;
      if (out.kind === TIME_DATE) dateOnly[i] = 1;
    } else {
      unreadable++;
      example ??= s;
    }
  });
  return { ms, dateOnly, unreadable, example };
}

/** A column as trimmed text per row (null when missing or blank): ids to match across datasets. */
export function readIds(db: Db, ds: StoredDataset, col: StoredColumn, ctx: LoadProgress): (string | null)[] {
  const out = new Array<string | null>(ds.rows).fill(null);
  iterateColumn(db, ds, `CAST(${quoteIdent(col.sqlName)} AS TEXT)`, ctx, 'load ids', (v, i) => {
    if (v === null) return;
    const s = String(v).trim();
    if (s !== '') out[i] = s;
  });
  return out;
}

/** The dataset's id-role columns, or BAD_ARGUMENTS saying how to mark one. */
export function idColumns(ds: StoredDataset, purpose: string): StoredColumn[] {
  const ids = ds.columns.filter((c) => c.role === 'id');
  if (ids.length > 0) return ids;
  throw new AppError(
    'BAD_ARGUMENTS',
    `Dataset "${ds.name}" has no column with the role "id", so its answers cannot be matched to ${purpose}. Mark the customer id column as id (Data view, column role; or cxw import --role COL=id), then run the analysis again.`,
    { dataset: ds.name },
  );
}

/** Among several id columns, the one whose values match the most keys; with the count matched. */
export function bestIdColumn(
  db: Db,
  ds: StoredDataset,
  candidates: StoredColumn[],
  matches: (id: string) => boolean,
  ctx: LoadProgress,
): { column: StoredColumn; ids: (string | null)[]; matched: number; others: { name: string; matched: number }[] } {
  let best: { column: StoredColumn; ids: (string | null)[]; matched: number } | null = null;
  const tried: { name: string; matched: number }[] = [];
  for (const column of candidates) {
    const ids = readIds(db, ds, column, ctx);
    let matched = 0;
    for (const id of ids) if (id !== null && matches(id)) matched++;
    tried.push({ name: column.name, matched });
    if (!best || matched > best.matched) best = { column, ids, matched };
  }
  return { ...best!, others: tried.filter((t) => t.name !== best!.column.name) };
}

export const count = fmt;
