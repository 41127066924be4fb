// `cxw cohorts` through the BUILT command on a generated log (tests/fixtures/monitor/cohorts-log.mjs: 4,000
// customers in two arms over two years, rows shuffled, times with Z, +05:30, -08:00 and no zone, blank amounts,
// sparse 0–10 scores and a few 11s), every cohort cell checked against an independent recount in Python
// (tests/fixtures/monitor/cohorts_recount.py: datetime, isocalendar, dicts — nothing shared with the app): sizes,
// customers active per period, incomplete periods, repeat purchase, revenue per customer and NPS, monthly by arm and
// weekly. Then the text output, a saved result re-run to "identical", and bad input: a text time column (exit 1,
// the column and its row), usage errors (exit 2).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CohortsResult } from '../../shared/monitor-cohorts';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE, ROOT } from '../support/cli';
// @ts-expect-error a plain .mjs fixture shared with the benchmark
import { writeCohortLog } from '../fixtures/monitor/cohorts-log.mjs';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);
const PYTHON = '/usr/bin/python3';
const HAS_PYTHON = existsSync(PYTHON);
if (!HAS_PYTHON) console.warn('/usr/bin/python3 is missing: the cohort recount comparisons are skipped.');

interface Recount {
  observedThrough: string;
  customers: number;
  cohorts: { group: string | null; cohort: string; size: number; active: number[]; incomplete: boolean[]; repeat: number[]; revenue: number[]; npsN: number[]; nps: (number | null)[] }[];
}

let dir: string;
let ws: string;
let csv: string;
const base = () => ['cohorts', '--workspace', ws, '--dataset', 'log', '--customer', 'customer_id', '--time', 'ts'];

function recount(args: string[]): Recount {
  const r = spawnSync(PYTHON, [join(ROOT, 'tests/fixtures/monitor/cohorts_recount.py'), csv, '--customer', 'customer_id', '--time', 'ts', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Recount;
}

function compare(app: CohortsResult, ref: Recount) {
  expect(app.observedThrough).toBe(ref.observedThrough);
  expect(app.customers).toBe(ref.customers);
  expect(app.cohorts.length).toBe(ref.cohorts.length);
  const byKey = new Map(ref.cohorts.map((c) => [`${c.group}|${c.cohort}`, c]));
  for (const row of app.cohorts) {
    const want = byKey.get(`${row.group}|${row.cohort}`);
    expect(want, `${row.group} ${row.cohort}`).toBeDefined();
    const where = `${row.group} ${row.cohort}`;
    expect(row.size, where).toBe(want!.size);
    expect(row.active, where).toEqual(want!.active);
    expect(row.retention, where).toEqual(want!.active.map((a) => a / want!.size));
    expect(row.incomplete, where).toEqual(want!.incomplete);
    row.repeat.forEach((x, p) => expect(x, `${where} repeat ${p}`).toBeCloseTo(want!.repeat[p], 12));
    row.revenue!.perCustomer.forEach((x, p) => expect(Math.abs(x - want!.revenue[p]), `${where} revenue ${p}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want!.revenue[p]))));
    expect(row.nps!.n, where).toEqual(want!.npsN);
    row.nps!.nps.forEach((x, p) => (want!.nps[p] === null ? expect(x).toBeNull() : expect(x as number).toBeCloseTo(want!.nps[p] as number, 9)));
  }
}

describe.skipIf(!BUILT)('cxw cohorts on a generated log', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-cohorts-'));
    ws = join(dir, 'ws.cxw');
    csv = join(dir, 'log.csv');
    await writeCohortLog(csv, { customers: 4000, seed: 7, start: '2023-11-01', days: 500, meanGapDays: 30, order: 'shuffled', format: 'mixed' });
    const imp = cxw(['import', csv, '--workspace', ws, '--name', 'log', '--json']);
    expect(imp.status, imp.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!HAS_PYTHON)('monthly cohorts by arm with revenue and NPS match the Python recount cell by cell', () => {
    const app = cxwJson<CohortsResult>([...base(), '--by', 'arm', '--value', 'amount', '--nps', 'ltr']);
    compare(app, recount(['--by', 'arm', '--value', 'amount', '--score', 'ltr']));
    expect(app.groups.map((g) => g.group)).toEqual(expect.arrayContaining(['A', 'B']));
    // The planted effect: B churns less, so its pooled month-3 retention is higher.
    const at3 = (g: string) => app.groups.find((x) => x.group === g)!.retention[3] as number;
    expect(at3('B')).toBeGreaterThan(at3('A'));
    expect(app.summary).toMatch(/^At month 3, B kept \d+% of its customers and A \d+%/);
    expect(app.badScores.count).toBeGreaterThan(0);
    expect(app.timeKinds.naive).toBeGreaterThan(0);
  });

  it.skipIf(!HAS_PYTHON)('weekly (ISO) cohorts match the recount', () => {
    compare(cxwJson<CohortsResult>([...base(), '--unit', 'week', '--value', 'amount', '--nps', 'ltr']), recount(['--unit', 'week', '--value', 'amount', '--score', 'ltr']));
  });

  it('prints the summary and the retention table for people', () => {
    const r = cxw(base());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Customers acquired in \w+ \d{4} kept \d+% at month 3/);
    expect(r.stdout).toContain('cohort   customers  m0    m1');
    expect(r.stdout).toContain('(calendar months in UTC)');
  });

  it('--show prints the repeat, revenue and NPS tables, each cell the JSON value rounded', () => {
    const args = [...base(), '--value', 'amount', '--nps', 'ltr'];
    const json = cxwJson<CohortsResult>(args);
    const first = json.cohorts[0];
    const rowOf = (out: string) => out.split('\n').find((l) => l.startsWith(`${first.cohort} `))!.trim().split(/\s{2,}/);
    const repeat = cxw([...args, '--show', 'repeat']);
    expect(repeat.status, repeat.stderr).toBe(0);
    expect(repeat.stdout).toContain('Repeat purchase: share of each cohort with 2 or more events by the end of month p');
    expect(rowOf(repeat.stdout).slice(2, 5)).toEqual(first.repeat.slice(0, 3).map((x, p) => `${Math.round(100 * x)}%${first.incomplete[p] ? '*' : ''}`));
    const revenue = cxw([...args, '--show', 'cumulative-revenue']);
    expect(rowOf(revenue.stdout)[4]).toBe(first.revenue!.cumulative[2].toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    const nps = cxw([...args, '--show', 'nps']);
    const want = first.nps!.nps[1];
    expect(rowOf(nps.stdout)[3]).toBe(want === null ? '–' : `${want > 0 ? '+' : ''}${Math.round(want)}`);
    expect(nps.stdout).toContain('Also: --show retention, --show repeat, --show revenue, --show cumulative-revenue');
    const noValue = cxw([...base(), '--show', 'revenue']);
    expect(noValue.status).toBe(2);
    expect(noValue.stderr).toContain('--show revenue needs the value column: add --value COL.');
    expect(cxw([...base(), '--show', 'ltv']).stderr).toContain('--show must be one of retention, repeat, revenue, cumulative-revenue, nps; got "ltv"');
  });

  it('saves the result and re-runs it to an identical result', () => {
    const saved = cxwJson<CohortsResult & { saved: { id: number; kind: string } }>([...base(), '--by', 'arm', '--save', 'Cohorts by arm']);
    expect(saved.saved.kind).toBe('cohorts');
    const rerun = cxwJson<{ identical: boolean; output: CohortsResult }>(['rerun', '--workspace', ws, '--result', 'Cohorts by arm']);
    expect(rerun.identical).toBe(true);
    expect(rerun.output.cohorts).toEqual(saved.cohorts);
  });

  it('refuses a text time column with the row that is not a date (exit 1)', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer_id,ts\nC1,2024-01-01T10:00:00Z\nC1,2024-02-01T10:00:00Z\nC2,31/02/2024\nC2,2024-03-01T10:00:00Z\n');
    expect(cxw(['import', bad, '--workspace', ws, '--name', 'bad']).status).toBe(0);
    const r = cxw(['cohorts', '--workspace', ws, '--dataset', 'bad', '--customer', 'customer_id', '--time', 'ts']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Column "ts" of "bad" is stored as text because row 3 has "31/02/2024", which is not a date');
  });

  it('usage errors exit 2 with the flag to pass', () => {
    const noTime = cxw(['cohorts', '--workspace', ws, '--dataset', 'log', '--customer', 'customer_id']);
    expect(noTime.status).toBe(2);
    expect(noTime.stderr).toContain('--time is required');
    const unit = cxw([...base(), '--unit', 'day']);
    expect(unit.status).toBe(2);
    expect(unit.stderr).toContain('--unit must be week or month; got "day"');
  });
});
