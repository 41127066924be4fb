// The import fills the typed column cache for numeric, date/datetime and (few-level) text columns as it inserts;
// what the first analysis then reads from the cache must equal, value for value, what decoding the stored table
// gives (the numbers by loadColumns without the cache, the text by the shared text reader, readTextCodes).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImportTuned } from '../../../main/workspace/import/commit';
import { cacheRowBudget, ImportColumnCache } from '../../../main/workspace/import/column-cache';
import { getDataset } from '../../../main/workspace/datasets';
import { loadColumns, type LoadedColumn } from '../../../main/workspace/segments/columns';
import { readTextCodes } from '../../../main/workspace/text-codes';
import { tempWorkspace, type TempWorkspace } from './helpers';

let ws: TempWorkspace;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.cleanup());

const numbers = (c: LoadedColumn) => (c.kind === 'numeric' ? Array.from(c.values) : null);
const cachedPositions = (ws: TempWorkspace) => (ws.db.prepare('SELECT position FROM column_cache ORDER BY position').pluck().all() as number[]);

describe('column cache written by the import', () => {
  const readMixed = (w: TempWorkspace) => readFileSync(join(w.dir, 'mixed.csv'), 'utf8');
  function importMixed(parseWorker: string | null | undefined) {
    const lines = ['id,spend,member,name,late_real,late_text,neg'];
    for (let i = 1; i <= 400; i++) lines.push(`${i},${i % 7 === 0 ? '' : (i * 1.25).toFixed(2)},${i % 3 ? 'Yes' : 'No'},n${i % 5},${i},${i},${i % 2 ? '-0' : '0'}`);
    lines.push('401,NA,No,n1,3.75,abc,0');
    return runImportTuned(ws.ctx, { path: ws.file('mixed.csv', lines.join('\n')) }, { sampleRows: 100, ...(parseWorker === undefined ? {} : { parseWorker }) });
  }

  it('holds exactly what decoding the table gives, for the columns that stayed numeric', () => {
    const r = importMixed(null);
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'real', 'boolean', 'text', 'real', 'text', 'integer']);
    // _row ids (−1), the numeric columns and the text column's codes; not the one widened to text.
    expect(cachedPositions(ws)).toEqual([-1, 0, 1, 2, 3, 4, 6]);
    const ds = getDataset(ws.db, r.dataset);
    const numeric = ds.columns.filter((c) => [0, 1, 2, 4, 6].includes(c.index));
    const fromCache = loadColumns(ws.db, ds, numeric);
    expect(fromCache.fromCache).toBe(5);
    expect(fromCache.fresh).toEqual([]);
    const decoded = loadColumns(ws.db, ds, numeric, { useCache: false });
    expect(Array.from(fromCache.rows)).toEqual(Array.from(decoded.rows));
    for (let j = 0; j < numeric.length; j++) expect(numbers(fromCache.columns[j])).toEqual(numbers(decoded.columns[j]));
    // Spot values: a missing spend is NaN, booleans 1/0, the late decimal kept, −0 stored (and cached) as 0.
    expect(numbers(fromCache.columns[1])![6]).toBeNaN();
    expect(numbers(fromCache.columns[1])![0]).toBe(1.25);
    expect(numbers(fromCache.columns[2])!.slice(0, 3)).toEqual([1, 1, 0]);
    expect(numbers(fromCache.columns[3])![400]).toBe(3.75);
    expect(Object.is(numbers(fromCache.columns[4])![0], 0)).toBe(true);
  });

  const PARSER = join(__dirname, '../../../out/main/import-parser.js');
  it.skipIf(!existsSync(PARSER))('the same cache when rows arrive in batches from the parse worker (built)', () => {
    const inThread = importMixed(null);
    const ds1 = getDataset(ws.db, inThread.dataset);
    const viaWorker = runImportTuned(ws.ctx, { path: ws.file('mixed2.csv', readMixed(ws)), name: 'w' }, { sampleRows: 100, parseWorker: PARSER });
    const ds2 = getDataset(ws.db, viaWorker.dataset);
    const pick = (ds: typeof ds1) => ds.columns.filter((c) => [0, 1, 2, 4, 6].includes(c.index));
    const a = loadColumns(ws.db, ds1, pick(ds1));
    const b = loadColumns(ws.db, ds2, pick(ds2));
    expect(b.fromCache).toBe(5);
    for (let j = 0; j < 5; j++) expect(numbers(b.columns[j])).toEqual(numbers(a.columns[j]));
  });

  it.skipIf(!existsSync(PARSER))('the same entries, text codes and times included, through the parse worker (built)', () => {
    const lines = ['id,plan,day,seen,spend'];
    for (let i = 1; i <= 5000; i++) lines.push(`${i},${['basic', 'plus', 'ÉLITE', ''][i % 4]},2024-0${1 + (i % 9)}-1${i % 10},2024-01-0${1 + (i % 9)}T10:00:0${i % 10}Z,${(i * 0.25).toFixed(2)}`);
    const text = lines.join('\n');
    const entries = (name: string) =>
      ws.db
        .prepare('SELECT position, kind, hex(data) AS data, levels FROM column_cache WHERE dataset_id = (SELECT id FROM datasets WHERE name = ?) ORDER BY position')
        .all(name);
    runImportTuned(ws.ctx, { path: ws.file('a.csv', text), name: 'in-thread' }, { parseWorker: null });
    runImportTuned(ws.ctx, { path: ws.file('b.csv', text), name: 'worker' }, { parseWorker: PARSER, chunkBytes: 16 * 1024 });
    const a = entries('in-thread');
    expect(a.map((e) => (e as { kind: string }).kind)).toEqual(['ms', 'ms', 'rows', 'f64', 'codes', 'f64']);
    expect(entries('worker')).toEqual(a);
  });

  it('keeps text columns of at most 1,000 levels as the codes and levels the text reader gives; lets more go', () => {
    const lines = ['plan,city,note,blank_some,town'];
    for (let i = 0; i < 3000; i++) {
      const plan = ['basic', 'Plus', 'ÉLITE', 'pro ', '', 'NA'][i % 6];
      lines.push(`${plan},city${i % 1001},"said ""hi"", ${i % 7}",${i % 4 === 0 ? '' : `v${i % 3}`},town${i % 1000}`);
    }
    const r = runImportTuned(ws.ctx, { path: ws.file('text.csv', lines.join('\n')) }, { parseWorker: null });
    expect(r.columns.map((c) => c.type)).toEqual(['text', 'text', 'text', 'text', 'text']);
    const ds = getDataset(ws.db, r.dataset);
    // city has 1,001 levels: let go; town has exactly 1,000: kept, as are the others, at their own positions.
    expect(cachedPositions(ws)).toEqual([-1, 0, 2, 3, 4]);
    const kept = [ds.columns[0], ds.columns[2], ds.columns[3], ds.columns[4]];
    const fromCache = loadColumns(ws.db, ds, kept);
    expect(fromCache.fromCache).toBe(4);
    const decoded = readTextCodes(ws.db, ds, kept);
    kept.forEach((_, j) => {
      const c = fromCache.columns[j];
      expect(c.kind).toBe('categorical');
      if (c.kind !== 'categorical') return;
      expect(c.levels).toEqual(decoded[j].levels);
      expect(Array.from(c.codes)).toEqual(Array.from(decoded[j].codes));
    });
    // Missing values (empty, NA) are −1; text kept as written ('pro ' with its space); levels sorted by code unit.
    const plan = fromCache.columns[0];
    expect(plan.kind === 'categorical' && plan.levels).toEqual(['Plus', 'basic', 'pro ', 'ÉLITE']);
    expect(plan.kind === 'categorical' && Array.from(plan.codes.slice(0, 6))).toEqual([1, 0, 3, 2, -1, -1]);
  });

  it('when the rows outgrow the budget, lets the text codes go first and keeps the numbers', () => {
    const lines = [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'x', 'y'].join(',')];
    for (let i = 0; i < 3000; i++) lines.push([...Array.from({ length: 8 }, (_, j) => `l${(i + j) % 5}`), i, i * 0.5].join(','));
    const path = ws.file('wide.csv', lines.join('\n'));
    // 8 codes + 2 numbers + the row id = 52 bytes a row: 3,000 rows need 156,000; without the codes 20 bytes, 60,000.
    const r = runImportTuned(ws.ctx, { path, name: 'wide' }, { parseWorker: null, columnCacheBudgetBytes: 100_000 });
    expect(cachedPositions(ws)).toEqual([-1, 8, 9]);
    const ds = getDataset(ws.db, r.dataset);
    expect(loadColumns(ws.db, ds, [ds.columns[8], ds.columns[9]]).fromCache).toBe(2);
    // Too small for the numbers too: nothing is cached, and the import still succeeds.
    const r2 = runImportTuned(ws.ctx, { path, name: 'tiny' }, { parseWorker: null, columnCacheBudgetBytes: 50_000 });
    expect(r2.rows).toBe(3000);
    expect(ws.db.prepare('SELECT COUNT(*) FROM column_cache WHERE dataset_id = ?').pluck().get(getDataset(ws.db, 'tiny').id)).toBe(0);
  });

  it('keeps numbers, times and codes within a byte budget of 384 MiB, not a row cap: a 10M-row event log fits', () => {
    // 384 MiB / (8 bytes per number or time + 4 per text code + 4 per row id): hand-computed.
    expect(cacheRowBudget(['text', 'datetime', 'real', 'integer', 'text'])).toBe(11_184_810); // / 36
    expect(cacheRowBudget(Array<'real'>(10).fill('real'))).toBe(4_793_490); // / 84
    expect(cacheRowBudget(['integer', 'boolean', 'text'])).toBe(16_777_216); // / 24
  });

  it('grows past its first block, and stops caching (without failing the import) past the row limit', () => {
    const lines = ['id,v'];
    for (let i = 1; i <= 70_000; i++) lines.push(`${i},${i % 10}`);
    const path = ws.file('big.csv', lines.join('\n'));
    const under = runImportTuned(ws.ctx, { path, name: 'under' }, { columnCacheMaxRows: 100_000 });
    const ds = getDataset(ws.db, under.dataset);
    const cached = loadColumns(ws.db, ds, ds.columns);
    expect(cached.fromCache).toBe(2);
    expect(cached.columns[0].kind === 'numeric' && cached.columns[0].values[69_999]).toBe(70_000);
    const over = runImportTuned(ws.ctx, { path, name: 'over' }, { columnCacheMaxRows: 65_536 });
    expect(over.rows).toBe(70_000);
    const overDs = getDataset(ws.db, over.dataset);
    expect(ws.db.prepare('SELECT COUNT(*) FROM column_cache WHERE dataset_id = ?').pluck().get(overDs.id)).toBe(0);
    expect(loadColumns(ws.db, overDs, overDs.columns).fromCache).toBe(0);
  });

  // The pipelined import guesses the row count from the first batch (file size / bytes per row) so the arrays
  // are made once; a short guess must still grow, a long one must stay under the row limit.
  it.each([
    ['a guess far too short', 1_000, 100_000, 70_000, 2],
    ['a guess far too long', 10_000_000, 100_000, 70_000, 2],
    ['a guess past the row limit, then more rows than the limit', 1_000_000, 65_536, 70_000, 0],
  ])('%s', (_what, guess, maxRows, rows, cachedColumns) => {
    const cache = new ImportColumnCache(['integer', 'real'], maxRows);
    cache.expect(guess);
    for (let i = 1; i <= rows; i++) {
      cache.cell(i);
      cache.cell(i % 10 === 0 ? null : i / 4);
    }
    const lines = ['id,v', ...Array.from({ length: rows }, (_, k) => `${k + 1},${(k + 1) % 10 === 0 ? '' : (k + 1) / 4}`)];
    const r = runImportTuned(ws.ctx, { path: ws.file('guess.csv', lines.join('\n')) }, { columnCacheMaxRows: 0 });
    const ds = getDataset(ws.db, r.dataset);
    cache.save(ws.db, ds, ['integer', 'real']);
    const got = loadColumns(ws.db, ds, ds.columns);
    expect(got.fromCache).toBe(cachedColumns);
    if (cachedColumns === 0) return;
    const v = got.columns[1].kind === 'numeric' ? got.columns[1].values : null;
    expect([v![0], v![8], v![9], v![rows - 2]]).toEqual([0.25, 2.25, Number.NaN, (rows - 1) / 4]);
    expect(got.columns[0].kind === 'numeric' && got.columns[0].values[rows - 1]).toBe(rows);
  });

  it('nothing cached when the import fails', () => {
    expect(() => runImportTuned(ws.ctx, { path: ws.file('ragged.csv', 'a,b\n1,2\n3\n') })).toThrow(/line 3/);
    expect(cachedPositions(ws)).toEqual([]);
  });
});
