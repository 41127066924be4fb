// The cohorts data path on small logs imported through the real import (services in-process): the block scan equals
// the row-by-row scan (blocks of 3 rows cross block edges), stored times of every kind land in the right UTC month
// (an offset moves an event across a month end; a naive time is read as UTC), the whole 'cohorts.run' handler on a
// hand-made log (its table written out below), and the refusals: a text time column, a time that is not a date
// (its row named), a customer table instead of an event log, a split column with too many values, a 1–5 rating as
// NPS, and --by together with --segmentation.
//
// LOG (the import stores offsets as UTC; naive times and dates are read as UTC):
//   C1 2024-01-31T23:30:00-02:00 (= 1 Feb 01:30 UTC → February), C1 2024-03-05 (date)  → Feb cohort; periods 0, 1
//   C2 2024-02-10 12:00:00 (naive), C2 2024-02-11T00:00:00Z, C2 2024-04-01T00:00:00+01:00 (= 31 Mar 23:00 UTC)
//                                                                                         → Feb; periods 0, 0, 1
//   C3 2024-01-15T10:00:00Z                                                              → Jan; one event
//   C4 2024-03-31T23:59:59Z, C4 2024-04-02T08:00:00Z (the last event: April not fully observed) → Mar; periods 0, 1
//   a row without a customer, a row without a time: left out.
// Expected (months): Jan [C3] size 1: 1, 0, 0, 0 · Feb [C1, C2] size 2: 1, 1 (both in March), 0 (April, incomplete)
//   · Mar [C4] size 1: 1, 1 (April, incomplete). Repeat: Feb 1/2 by p0 (C2 twice in Feb), 1 by p1.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { CohortsSpec } from '../../../shared/monitor-cohorts';
import { getDataset } from '../../../main/workspace/datasets';
import { openWorkspaceDb, type Db } from '../../../main/workspace/db';
import { resolveCohortColumns } from '../../../main/workspace/monitor/cohorts/run';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LogSink, NOTHING_CACHED, readNumber, scanBlocks, scanCohortLog } from '../../../main/workspace/monitor/cohorts/scan';
import { keepLogInCache, readCachedLog, startCacheWriter } from '../../../main/workspace/monitor/cohorts/cache';
import { cachedNumericRun, cachedTimeRun } from '../../../main/workspace/segments/columns';
import { TIME_DATE, TIME_NAIVE, TIME_UTC } from '../../../main/workspace/journeys/stored-time';
import type { Harness } from '../segment-service/helpers';
import { jobDb, workspaceWith } from '../journey-data/helpers';

const LOG = [
  'cust,ts,amount,ltr,arm,sat',
  'C1,2024-01-31T23:30:00-02:00,10,9,B,5',
  'C2,2024-02-10 12:00:00,5,,A,4',
  'C3,2024-01-15T10:00:00Z,7,3,A,3',
  'C2,2024-02-11T00:00:00Z,,10,B,2',
  ',2024-02-12T00:00:00Z,1,,A,1',
  'C4,2024-03-31T23:59:59Z,2.5,6,A,5',
  'C1,2024-03-05T00:00:00Z,20,,A,4',
  'C2,2024-04-01T00:00:00+01:00,30,8,A,3',
  'C4,,1,,A,2',
  'C4,2024-04-02T08:00:00Z,4,7,B,1',
].join('\n');
const SPEC: CohortsSpec = { dataset: 'log', customer: 'cust', time: 'ts' };

let h: Harness | null = null;
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
  h?.dispose();
  h = null;
});

async function run(spec: Partial<CohortsSpec>, files: Record<string, string> = { log: LOG }) {
  h ??= await workspaceWith(files);
  return h.services.handlers['cohorts.run']({ jobId: `job_coh_${Math.random().toString(36).slice(2, 10)}`, spec: { ...SPEC, ...spec } });
}

async function refusal(spec: Partial<CohortsSpec>, files?: Record<string, string>): Promise<AppError> {
  try {
    await run(spec, files);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('readNumber (decimals read by hand)', () => {
  it('gives the same double as Number() on 200,000 seeded decimals and the odd shapes', () => {
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const texts = ['0', '-0', '5.', '.5', '-.25', '1e5', '-', '.', 'Inf', '-Inf', '12.340', '9007199254740993', '123456789012345', '0.000000000000001', '+3', ' 7'];
    for (let i = 0; i < 200_000; i++) {
      const digits = 1 + Math.floor(rnd() * 15);
      let t = '';
      for (let k = 0; k < digits; k++) t += String(Math.floor(rnd() * 10));
      const dot = Math.floor(rnd() * (digits + 1));
      texts.push(`${rnd() < 0.3 ? '-' : ''}${t.slice(0, dot)}${rnd() < 0.7 ? '.' : ''}${t.slice(dot)}`);
    }
    for (const t of texts) {
      const want = t === 'Inf' ? Infinity : t === '-Inf' ? -Infinity : Number(t);
      expect(Object.is(readNumber(`x${t}y`, 1, t.length + 1), want), t).toBe(true);
    }
  });
});

describe('the cohorts scan', () => {
  it('gives the same arrays in blocks and row by row, times in UTC', async () => {
    h = await workspaceWith({ log: LOG });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount', nps: 'ltr', by: 'arm' });
    const quiet = { isCancelled: () => false, onProgress: () => undefined };
    const blocks = scanCohortLog(db, ds, cols, { ...quiet, blockRows: 3 });
    const rows = scanCohortLog(db, ds, cols, { ...quiet, rowByRow: true });
    expect(blocks).toEqual(rows);
    expect(blocks.n).toBe(8);
    expect(blocks.customerIds).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(blocks.missing).toEqual({ customer: 1, time: 1 });
    expect(Array.from(blocks.time.subarray(0, 2), (t) => new Date(t).toISOString())).toEqual(['2024-02-01T01:30:00.000Z', '2024-02-10T12:00:00.000Z']);
    expect(Array.from(blocks.value!)).toEqual([10, 5, 7, Number.NaN, 2.5, 20, 30, 4]);
    expect(blocks.byNames).toEqual(['B', 'A']);
  });
});

const WORKER = join(import.meta.dirname, '../../../out/main/worker.js');

describe('the cohorts scan with the value column from the column cache', () => {
  // Amounts whose shortest round-trip text takes 17 digits, tiny and large ones, a missing one: the import caches
  // the REAL column, and the scan reads it from there instead of from SQLite's text of each value.
  const AMOUNTS = ['0.30000000000000004', '1e-7', '123456789.12345679', '', '-2.5', '99.99', '7', '0.1'];
  const log = ['cust,ts,amount', ...AMOUNTS.map((a, i) => `C${i % 3},2024-0${1 + (i % 4)}-0${1 + i}T10:00:00Z,${a}`)].join('\n');

  it('gives the same arrays as reading the table (blocks, row by row, and on a helper thread)', async () => {
    h = await workspaceWith({ log });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount' });
    const cached = cachedNumericRun(db, ds, cols.value!);
    expect(cached).not.toBeNull();
    // Every time is UTC ("Z"), so the times are cached too, as the epoch ms of the stored text.
    const times = cachedTimeRun(db, ds, cols.time);
    expect(times?.kind).toBe(TIME_UTC);
    expect(Array.from(times!.ms)).toEqual(AMOUNTS.map((_, i) => Date.UTC(2024, i % 4, 1 + i, 10)));
    expect(Array.from(cached!)).toEqual(AMOUNTS.map((a) => (a === '' ? Number.NaN : Number(a))));
    const quiet = { isCancelled: () => false, onProgress: () => undefined };
    const fromCache = scanCohortLog(db, ds, cols, { ...quiet, blockRows: 3 });
    expect(Array.from(fromCache.value!)).toEqual(Array.from(cached!));
    expect(fromCache).toEqual(scanCohortLog(db, ds, cols, { ...quiet, blockRows: 3, fromTable: true }));
    expect(fromCache).toEqual(scanCohortLog(db, ds, cols, { ...quiet, rowByRow: true }));
    if (existsSync(WORKER)) {
      // The helper thread decodes the second half, reading the cached values on its own connection.
      const helped = scanCohortLog(db, ds, cols, { ...quiet, blockRows: 2, helperMinRows: 1, workerPath: WORKER });
      expect(helped).toEqual(fromCache);
    }
  });

  it('really reads them from the cache: a table value changed behind it is not seen (the cache is the import\'s copy)', async () => {
    h = await workspaceWith({ log });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount' });
    // Datasets are never edited in place; this write exists only to tell the two paths apart.
    const w = openWorkspaceDb(join(h.dir, 'ws.cxw'), { skipIntegrityCheck: true });
    w.prepare(`UPDATE ${ds.tableName} SET ${cols.value!.sqlName} = 1234.5, ${cols.time.sqlName} = '2030-01-01T00:00:00.000Z' WHERE _row = 1`).run();
    w.close();
    const quiet = { isCancelled: () => false, onProgress: () => undefined };
    const cached = scanCohortLog(db, ds, cols, { ...quiet, blockRows: 3 });
    const table = scanCohortLog(db, ds, cols, { ...quiet, blockRows: 3, fromTable: true });
    expect([cached.value![0], cached.time[0]]).toEqual([0.30000000000000004, Date.UTC(2024, 0, 1, 10)]);
    expect([table.value![0], table.time[0]]).toEqual([1234.5, Date.UTC(2030, 0, 1)]);
  });

  it('caches a column of dates, or of naive times, but not one that mixes kinds or was widened to text', async () => {
    const file = [
      'cust,day,naive,mixed,odd',
      'C1,2024-01-31,2024-01-31 23:30:00,2024-01-31T23:30:00Z,2024-01-02',
      'C2,2024-02-29,2024-02-29T12:00:00.250,2024-02-29 12:00:00,2024-01-03',
      'C3,,,2024-03-01T00:00:00+02:00,not a date',
    ].join('\n');
    h = await workspaceWith({ events: file });
    db = jobDb(h);
    const ds = getDataset(db, 'events');
    const col = (name: string) => ds.columns.find((c) => c.name === name)!;
    expect([col('day').type, col('naive').type, col('mixed').type, col('odd').type]).toEqual(['date', 'datetime', 'datetime', 'text']);
    const day = cachedTimeRun(db, ds, col('day'))!;
    expect(day.kind).toBe(TIME_DATE);
    expect(Array.from(day.ms)).toEqual([Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), Number.NaN]);
    const naive = cachedTimeRun(db, ds, col('naive'))!;
    expect(naive.kind).toBe(TIME_NAIVE);
    expect(Array.from(naive.ms)).toEqual([Date.UTC(2024, 0, 31, 23, 30), Date.UTC(2024, 1, 29, 12, 0, 0, 250), Number.NaN]);
    expect(cachedTimeRun(db, ds, col('mixed'))).toBeNull(); // naive and UTC: read from the table
    expect(cachedTimeRun(db, ds, col('odd'))).toBeNull(); // widened to text by its misfit
    // The cohorts scan reads the cached dates exactly as the table's text.
    const quiet = { isCancelled: () => false, onProgress: () => undefined };
    const cols = resolveCohortColumns(db, ds, { ...SPEC, dataset: 'events', customer: 'cust', time: 'day' });
    expect(scanCohortLog(db, ds, cols, quiet)).toEqual(scanCohortLog(db, ds, cols, { ...quiet, fromTable: true }));
  });

  it('is not used when the cache does not hold the column (text; entries deleted)', async () => {
    h = await workspaceWith({ log });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount' });
    expect(cachedNumericRun(db, ds, cols.customer)).toBeNull(); // text: never in the numeric cache
    const w = openWorkspaceDb(join(h.dir, 'ws.cxw'), { skipIntegrityCheck: true });
    w.prepare('DELETE FROM column_cache WHERE dataset_id = ?').run(ds.id);
    w.close();
    expect(cachedNumericRun(db, ds, cols.value!)).toBeNull();
  });
});

describe('the decoded log in the column cache', () => {
  it('reads back exactly what was kept, only for the same customer and time columns and the same import', async () => {
    h = await workspaceWith({ log: LOG });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount', nps: 'ltr', by: 'arm' });
    const quiet = { isCancelled: () => false, onProgress: () => undefined };
    const log = scanCohortLog(db, ds, cols, quiet);
    expect(readCachedLog(db, ds, cols)).toBeNull();
    keepLogInCache(db.name, ds, cols, log);
    expect(readCachedLog(db, ds, cols)).toEqual(log);
    // Whole-second times and amounts in cents are kept in four bytes each (compact.ts), codes as they are.
    const kinds = db.prepare('SELECT kind FROM column_cache WHERE position <= -100000 ORDER BY position DESC').pluck().all();
    expect(kinds).toEqual(['codes', 'sec32', 'cents32', 'cents32', 'codes']);
    // Fewer fields: the entries kept serve them too; another field not kept: not cached.
    const fewer = resolveCohortColumns(db, ds, SPEC);
    expect(readCachedLog(db, ds, fewer)).toEqual({ ...log, value: null, score: null, by: null, byNames: [] });
    expect(readCachedLog(db, ds, resolveCohortColumns(db, ds, { ...SPEC, nps: 'sat' }))).toBeNull();
    // Another customer column decides other rows: the kept time entry is not read for it.
    expect(readCachedLog(db, ds, resolveCohortColumns(db, ds, { ...SPEC, customer: 'arm' }))).toBeNull();
    // A damaged entry is not read.
    const w = openWorkspaceDb(join(h.dir, 'ws.cxw'), { skipIntegrityCheck: true });
    w.prepare('UPDATE column_cache SET data = zeroblob(length(data)) WHERE position < -100000 AND kind = ?').run('sec32');
    w.close();
    expect(readCachedLog(db, ds, cols)).toBeNull();
  });

  it('keeps eight-byte doubles when four bytes would change a value (milliseconds, a third decimal)', async () => {
    const fine = LOG.replace('2024-02-10 12:00:00,5,', '2024-02-10 12:00:00.250,5.125,');
    h = await workspaceWith({ log: fine });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount' });
    const log = scanCohortLog(db, ds, cols, { isCancelled: () => false, onProgress: () => undefined });
    expect(log.value![1]).toBe(5.125);
    expect(log.time[1] % 1000).toBe(250);
    keepLogInCache(db.name, ds, cols, log);
    expect(db.prepare('SELECT kind FROM column_cache WHERE position <= -100000 ORDER BY position DESC').pluck().all()).toEqual(['codes', 'f64', 'f64']);
    expect(readCachedLog(db, ds, cols)).toEqual(log);
  });
});

describe('the decoded log kept from a helper thread', () => {
  it.skipIf(!existsSync(WORKER))('writes the same entries as this thread would, reading the scan\'s shared arrays', async () => {
    h = await workspaceWith({ log: LOG });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount', nps: 'ltr', by: 'arm' });
    const log = scanCohortLog(db, ds, cols, { isCancelled: () => false, onProgress: () => undefined });
    expect(log.customer.buffer).toBeInstanceOf(SharedArrayBuffer);
    const entries = () => db!.prepare('SELECT position, kind, hex(data) AS data, levels, checksum FROM column_cache WHERE position <= -100000 ORDER BY position').all();
    keepLogInCache(db.name, ds, cols, log);
    const inLine = entries();
    const w = openWorkspaceDb(join(h.dir, 'ws.cxw'), { skipIntegrityCheck: true });
    w.prepare('DELETE FROM column_cache WHERE position <= -100000').run();
    w.close();
    expect(readCachedLog(db, ds, cols)).toBeNull();
    await startCacheWriter(db.name, WORKER).keep(ds, cols, log);
    expect(entries()).toEqual(inLine);
    expect(inLine.length).toBe(5);
    expect(readCachedLog(db, ds, cols)).toEqual({ ...log, customer: Int32Array.from(log.customer), time: Float64Array.from(log.time), value: Float64Array.from(log.value!), score: Float64Array.from(log.score!), by: Int32Array.from(log.by!) });
  });

  it.skipIf(!existsSync(WORKER))('a writer started and cancelled (a scan that failed) writes nothing and ends', async () => {
    h = await workspaceWith({ log: LOG });
    db = jobDb(h);
    const writer = startCacheWriter(db.name, WORKER);
    writer.cancel();
    await new Promise((r) => setTimeout(r, 300));
    expect(db.prepare('SELECT COUNT(*) FROM column_cache WHERE position <= -100000').pluck().get()).toBe(0);
  });
});

describe('the cohorts scan in two parts', () => {
  it('a later part appended (codes remapped) equals one sequential pass, at every split point', async () => {
    h = await workspaceWith({ log: LOG });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount', nps: 'ltr', by: 'arm' });
    const quiet = { isCancelled: () => false, onProgress: () => undefined };
    const whole = scanCohortLog(db, ds, cols, quiet);
    for (const split of [2, 4, 6, 9]) {
      const first = new LogSink(ds.rows, cols, ds);
      const second = new LogSink(ds.rows, cols, ds);
      const noCache = NOTHING_CACHED;
      scanBlocks(db, ds, cols, noCache, first, 1, split - 1, { isCancelled: () => false, blockRows: 3 }, () => undefined);
      scanBlocks(db, ds, cols, noCache, second, split, ds.rows, { isCancelled: () => false, blockRows: 3 }, () => undefined);
      first.append(second.part());
      const p = first.part();
      expect([p.n, p.customerNames, p.groupNames, p.missingCustomer + p.missingTime]).toEqual([whole.n, whole.customerIds, whole.byNames, whole.missing.customer + whole.missing.time]);
      expect([p.customer, p.time, p.value, p.score, p.by]).toEqual([whole.customer, whole.time, whole.value, whole.score, whole.by]);
    }
  });

  it.skipIf(!existsSync(WORKER))('through the built worker (a helper thread for the second half) gives the same arrays', async () => {
    h = await workspaceWith({ log: LOG });
    db = jobDb(h);
    const ds = getDataset(db, 'log');
    const cols = resolveCohortColumns(db, ds, { ...SPEC, value: 'amount', nps: 'ltr', by: 'arm' });
    const quiet = { isCancelled: () => false, onProgress: () => undefined };
    const helped = scanCohortLog(db, ds, cols, { ...quiet, helperMinRows: 1, workerPath: WORKER, blockRows: 2 });
    expect(helped).toEqual(scanCohortLog(db, ds, cols, { ...quiet, rowByRow: true }));
  });
});

describe("the 'cohorts.run' handler", () => {
  it('the hand-made log: cohorts in UTC months, incomplete April, repeat and revenue', async () => {
    const r = await run({ value: 'amount', nps: 'ltr' });
    expect(r.cohorts.map((c) => [c.cohort, c.size, c.retention, c.incomplete])).toEqual([
      ['2024-01', 1, [1, 0, 0, 0], [false, false, false, true]],
      ['2024-02', 2, [1, 1, 0], [false, false, true]],
      ['2024-03', 1, [1, 1], [false, true]],
    ]);
    expect(r.cohorts[1].repeat).toEqual([0.5, 1, 1]);
    // Feb: p0 10 + 5 (C2's 11 Feb has no amount) = 15 → 7.5; p1 20 (C1) + 30 (C2, 31 Mar UTC) = 50 → 25.
    expect(r.cohorts[1].revenue).toEqual({ perCustomer: [7.5, 25, 0], cumulative: [7.5, 32.5, 32.5] });
    // Feb: p0 scores 9 and 10 → NPS 100 (n 2); p1 8 → 0 (n 1).
    expect(r.cohorts[1].nps).toEqual({ nps: [100, 0, null], n: [2, 1, 0] });
    expect(r.observedThrough).toBe('2024-04-02');
    expect(r.timeKinds).toEqual({ date: 0, naive: 1, utc: 7 });
    expect(r.left).toEqual({ missingCustomer: 1, missingTime: 1, afterAsOf: 0 });
    expect([r.customers, r.events, r.oneEventCustomers, r.missingValues]).toEqual([4, 8, 1, 1]);
    expect(r.warnings.some((w) => w.includes('read as UTC'))).toBe(true);
    expect(r.periodDefinition).toBe('calendar months in UTC');
  });

  it('split by the arm of the first event', async () => {
    const r = await run({ by: 'arm' });
    // C1's first event is B; C2's (10 Feb, naive) A; C3 A; C4 A.
    expect(r.cohorts.map((c) => [c.group, c.cohort, c.size])).toEqual([
      ['B', '2024-02', 1],
      ['A', '2024-01', 1],
      ['A', '2024-02', 1],
      ['A', '2024-03', 1],
    ]);
    expect(r.split).toEqual({ kind: 'column', name: 'arm' });
  });

  it('split by a saved segmentation: each customer id takes its segment, ids not in it are named so', async () => {
    // 40 customers in two far-apart groups; the log's C1, C2, C3 are among them, C4 is not.
    const customers = ['cust,spend,visits', ...Array.from({ length: 40 }, (_, i) => `${i < 3 ? `C${i + 1}` : `X${i}`},${i % 2 ? 200 + i : 10 + i},${i % 2 ? 30 : 2}`)];
    h = await workspaceWith({ log: LOG, customers: customers.join('\n') });
    await h.services.handlers['dataset.setColumn']({ dataset: 'customers', column: 'cust', role: 'id' });
    await h.services.handlers['segment.run']({ jobId: 'job_seg_two', params: { dataset: 'customers', features: ['spend', 'visits'], k: 2, name: 'two' } });
    const csv = (await h.services.handlers['segment.export']({ segmentation: 'two' })).csv.trim().split('\n').slice(1);
    const nameOf = new Map(csv.map((line) => line.split(',')).map((f) => [f[0], f[3]]));
    const r = await run({ segmentation: 'two' });
    // C1 and C2 (February) are in different segments (odd and even rows); C3 (January) with C1; C4 (March) outside.
    const expected = [
      [nameOf.get('C3'), '2024-01'],
      [nameOf.get('C1'), '2024-02'],
      [nameOf.get('C2'), '2024-02'],
      ['(not in the segmentation)', '2024-03'],
    ].map(([g, c]) => `${g} ${c}`);
    expect(r.cohorts.map((c) => `${c.group} ${c.cohort}`).sort()).toEqual(expected.sort());
    expect(r.split).toEqual({ kind: 'segmentation', name: 'two' });
    expect(nameOf.get('C1')).not.toBe(nameOf.get('C2'));
  });

  it('refuses a text time column, naming the date columns', async () => {
    const e = await refusal({ time: 'arm' });
    expect(e.message).toContain('"arm" of "log" is text, not a date or datetime');
    expect(e.message).toContain('"ts"');
  });

  it('refuses a time that is not a date, naming its row', async () => {
    const bad = ['cust,ts', 'C1,2024-01-01T00:00:00Z', 'C1,2024-02-01T00:00:00Z', 'C2,2024-13-45T00:00:00Z'].join('\n');
    const e = await refusal({}, { log: bad });
    // The import keeps a column with a value that is not a date as text; the refusal names that value's row.
    expect(e.message).toContain('Column "ts" of "log" is stored as text because row 3 has "2024-13-45T00:00:00Z", which is not a date or a date and time');
    expect(e.details).toMatchObject({ row: 3, columnName: 'ts' });
  });

  it('refuses a customer table (every customer once)', async () => {
    const table = ['cust,ts', 'C1,2024-01-01', 'C2,2024-02-01', 'C3,2024-02-03'].join('\n');
    expect((await refusal({}, { log: table })).message).toContain('Every "cust" occurs once in "log", so it holds one row per customer');
  });

  it('refuses a split column with more than 20 values', async () => {
    const many = ['cust,ts,who', ...Array.from({ length: 42 }, (_, i) => `C${i % 21},2024-0${1 + (i % 3)}-01,v${i % 21}`)].join('\n');
    expect((await refusal({ by: 'who' }, { log: many })).message).toContain('"who" has 21 different values; cohorts are split by at most 20 groups');
  });

  it('refuses an as-of day before the first event', async () => {
    expect((await refusal({ asOf: '2023-12-31' })).message).toBe('No event of "log" falls on or before 2023-12-31: choose a later --as-of day.');
  });

  it('refuses a 1–5 rating as NPS', async () => {
    expect((await refusal({ nps: 'sat' })).message).toContain('No value of "sat" is above 5, so it does not look like a 0–10 recommend score');
  });

  it('refuses --by with --segmentation at the contract', async () => {
    h = await workspaceWith({ log: LOG });
    const { parseArgs } = await import('../../../shared/api');
    expect(() => parseArgs('cohorts.run', { jobId: 'job_abcdef', spec: { ...SPEC, by: 'arm', segmentation: 'S' } })).toThrow('split by a column or by a segmentation, not both');
  });
});
