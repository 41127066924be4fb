// `cxw nps` through the BUILT command: a survey generated here with a planted context effect and exact counts per
// context (so every group's NPS is known by hand), the two-group test against a computation written out in this
// file, the context check, bad scores (exit 1 with the column, row and how to map) and usage errors (exit 2);
// then the Olist reviews (../shared/data): review_score 1–5 is a satisfaction rating, not a 0–10 recommend score,
// so it is refused as NPS and read only with --map rescale:1-5, which makes the "NPS" a net score of 5-star
// reviews minus 1–3-star reviews. By customer state and by late delivery (joined here from the orders and
// customers files) and by days since delivery (the delay check on the derived journey log), each group checked
// against a recount in this file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NpsContextResult, NpsResult } from '../../shared/nps';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { DATA } from '../unit/import/helpers';
import { csvRecords, recount } from '../unit/nps/csv';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

const Z95 = 1.959963984540054;

/** Per context: promoters, passives, detractors. NPS: in-store 50, email 15, app 40/3 = 13.33, phone 5. */
const PLANTED: Record<string, [number, number, number]> = {
  'in-store with employee': [120, 60, 20],
  email: [160, 140, 100],
  app: [120, 100, 80],
  phone: [35, 35, 30],
};
const handNps: Record<string, number> = { 'in-store with employee': 50, email: 15, app: 40 / 3, phone: 5 };

/** Scores spread over each category's values, rows interleaved by a fixed permutation; 30 blank scores. */
function plantedCsv(): string {
  const rows: string[] = [];
  for (const [context, [p, pa, d]] of Object.entries(PLANTED)) {
    const employee = context === 'in-store with employee' ? 'Yes' : 'No';
    for (let i = 0; i < p; i++) rows.push(`${context},${employee},${9 + (i % 2)}`);
    for (let i = 0; i < pa; i++) rows.push(`${context},${employee},${7 + (i % 2)}`);
    for (let i = 0; i < d; i++) rows.push(`${context},${employee},${i % 7}`);
    for (let i = 0; i < 6; i++) rows.push(`${context},${employee},`);
  }
  const order = rows.map((_, i) => i).sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009) || a - b);
  return ['respondent,context,employee_present,ltr', ...order.map((k, j) => `R${j},${rows[k]}`)].join('\n') + '\n';
}

/** The two-group z test, written out here from Rocks (2016): adjusted proportions over n + 3, variances added. */
function zTest(a: [number, number, number], b: [number, number, number]): { z: number; centre: number; se: number } {
  const adj = ([p, pa, d]: [number, number, number]) => {
    const n = p + pa + d + 3;
    const pp = (p + 0.75) / n;
    const pd = (d + 0.75) / n;
    return { c: pp - pd, v: (pp + pd - (pp - pd) ** 2) / n };
  };
  const x = adj(a);
  const y = adj(b);
  const se = Math.sqrt(x.v + y.v);
  return { z: (x.c - y.c) / se, centre: x.c - y.c, se };
}

describe.skipIf(!BUILT)('cxw nps on a survey with a planted context effect', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  const base = () => ['nps', '--workspace', ws, '--dataset', 'survey', '--score', 'ltr'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-nps-cli-'));
    ws = join(dir, 'ws.cxw');
    writeFileSync(join(dir, 'survey.csv'), plantedCsv());
    const imp = cxw(['import', join(dir, 'survey.csv'), '--workspace', ws, '--name', 'survey'], env());
    expect(imp.status, imp.stderr).toBe(0);
    const bad = ['respondent,ltr', 'A,9', 'B,11', 'C,7.5', ''].join('\n');
    writeFileSync(join(dir, 'bad.csv'), bad);
    expect(cxw(['import', join(dir, 'bad.csv'), '--workspace', ws, '--name', 'bad'], env()).status).toBe(0);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--by context: each group\'s NPS exactly, intervals around them, and a p-value that flags the effect', () => {
    const r = cxwJson<NpsResult>([...base(), '--by', 'context'], env());
    expect(r.overall.n).toBe(1000);
    expect(r.overall.nps).toBeCloseTo((100 * (435 - 230)) / 1000, 12);
    expect(r.missing).toBe(24);
    for (const g of r.groups) {
      const [p, pa, d] = PLANTED[g.group];
      expect([g.n, g.promoters, g.passives, g.detractors]).toEqual([p + pa + d, p, pa, d]);
      expect(g.nps).toBeCloseTo(handNps[g.group], 12);
      expect(g.ci![0]).toBeLessThan(g.nps!);
      expect(g.ci![1]).toBeGreaterThan(g.nps!);
    }
    expect(r.groups.map((g) => g.group)).toEqual(['email', 'app', 'in-store with employee', 'phone']);
    expect(r.reference).toBe('email');
    expect(r.test).toMatchObject({ kind: 'several-groups', df: 6 });
    expect(r.test!.pValue).toBeLessThan(0.001);
    const store = r.groups.find((g) => g.group === 'in-store with employee')!.vsReference!;
    const t = zTest(PLANTED['in-store with employee'], PLANTED.email);
    expect(store.difference).toBeCloseTo(35, 12);
    expect(store.ci[0]).toBeCloseTo(100 * (t.centre - Z95 * t.se), 9);
    expect(store.significant).toBe(true);
  });

  it('--by a Yes/No column: the two-group z test, as computed here', () => {
    const r = cxwJson<NpsResult>([...base(), '--by', 'employee_present'], env());
    const yes: [number, number, number] = PLANTED['in-store with employee'];
    const no: [number, number, number] = [315, 275, 210];
    expect(r.groups.map((g) => [g.group, g.n])).toEqual([
      ['No', 800],
      ['Yes', 200],
    ]);
    const t = zTest(yes, no);
    expect(r.test!.kind).toBe('two-groups');
    expect(r.test!.statistic).toBeCloseTo(t.z, 10);
    // z ≈ 6.57: the two-sided normal p is about 5e-11.
    expect(t.z).toBeCloseTo(6.57, 2);
    expect(r.test!.pValue).toBeLessThan(1e-9);
    expect(r.test!.pValue).toBeGreaterThan(1e-11);
    expect(r.groups[1].vsReference!.difference).toBeCloseTo(50 - (100 * (315 - 210)) / 800, 12);
  });

  it('--context: flags the inflated context in plain words', () => {
    const r = cxwJson<NpsContextResult>([...base(), '--context', 'context'], env());
    expect(r.flags[0].group).toBe('in-store with employee');
    expect(r.flags[0].direction).toBe('inflated');
    // Rest: 315 promoters and 210 detractors of 800 → +13.1; difference 36.9 points.
    expect(r.flags[0].difference).toBeCloseTo(50 - 13.125, 12);
    expect(r.flags[0].pAdjusted).toBeLessThan(0.001);
    expect(r.flags[0].sentence).toMatch(/^Answers where context is "in-store with employee" score 37 points higher than the rest \(NPS \+50 vs \+13; 95% CI \d+ to \d+, p < 0\.001\); treat them separately\.$/);
    const text = cxw([...base(), '--context', 'context'], env());
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(r.flags[0].sentence);
    expect(text.stdout).toContain(r.summary);
  });

  it('bad scores exit 1 naming the column, the first bad row and value, and how to map', () => {
    const r = cxw(['nps', '--workspace', ws, '--dataset', 'bad', '--score', 'ltr'], env());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Column "ltr" of dataset "bad" is not a 0–10 recommend score: data row 2 holds 11.');
    expect(r.stderr).toContain('pass --map rescale:');
    const json = cxw(['nps', '--workspace', ws, '--dataset', 'bad', '--score', 'ltr', '--json'], env());
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'BAD_ARGUMENTS', details: { columnName: 'ltr', row: 2 } });
    const rounded = cxw(['nps', '--workspace', ws, '--dataset', 'bad', '--score', 'ltr', '--map', 'round'], env());
    expect(rounded.status).toBe(1);
    expect(rounded.stderr).toContain('data row 2 holds 11, outside 0–10');
  });

  it('usage errors exit 2', () => {
    expect(cxw([...base(), '--map', 'rescale:5-1'], env()).status).toBe(2);
    expect(cxw([...base(), '--period-unit', 'week'], env()).stderr).toContain('--period-unit needs --period COL');
    expect(cxw([...base(), '--context', 'context', '--by', 'context'], env()).stderr).toContain('--by does not apply to the context check');
    expect(cxw([...base(), '--delay-events', 'survey'], env()).stderr).toContain('--delay-events needs --delay-step');
    expect(cxw([...base(), '--level', '2'], env()).status).toBe(2);
  });
});

// ------------------------------------------------------------------ Olist (real data)

const OLIST = join(DATA, 'olist-sample');
const HAVE_OLIST = existsSync(join(OLIST, 'olist_order_reviews_dataset.csv'));
if (!HAVE_OLIST) console.warn(`Skipping the Olist NPS checks: ${OLIST} is absent (../shared/data is not checked out).`);

/** "2018-06-12 00:00:00" (naive) as UTC ms, the way the workspace reads naive datetimes. */
const utc = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);
/** review_score 1–5 on the rescaled 0–10: 5 → 10 promoter, 4 → 8 passive, 1–3 → 0, 3, 5 detractors. */
const rescaled = (star: number) => [0, 0, 3, 5, 8, 10][star];

describe.skipIf(!BUILT || !HAVE_OLIST)('cxw nps on the Olist reviews', () => {
  let dir: string;
  let ws: string;
  let reviews: Record<string, string>[];
  let joined: { order: string; star: number; state: string; late: string }[];
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-nps-olist-'));
    ws = join(dir, 'ws.cxw');
    const read = (f: string) => csvRecords(readFileSync(join(OLIST, f), 'utf8'));
    reviews = read('olist_order_reviews_dataset.csv');
    const orders = new Map(read('olist_orders_dataset.csv').map((o) => [o.order_id, o]));
    const states = new Map(read('olist_customers_dataset.csv').map((c) => [c.customer_id, c.customer_state]));
    // A plain join: review → order → customer's state; late = delivered after the estimated date (or never).
    joined = reviews.map((r) => {
      const o = orders.get(r.order_id);
      const delivered = o?.order_delivered_customer_date ?? '';
      const late = !o ? 'unknown' : delivered === '' ? 'not delivered' : utc(delivered) > utc(o.order_estimated_delivery_date) ? 'late' : 'on time';
      return { order: r.order_id, star: Number(r.review_score), state: (o && states.get(o.customer_id)) ?? '', late };
    });
    writeFileSync(join(dir, 'joined.csv'), ['order_id,review_score,customer_state,delivery', ...joined.map((j) => `${j.order},${j.star},${j.state},${j.late}`)].join('\n') + '\n');
    for (const [file, name] of [
      [join(OLIST, 'olist_order_reviews_dataset.csv'), 'reviews'],
      [join(OLIST, 'derived_journey_events.csv'), 'events'],
      [join(dir, 'joined.csv'), 'joined'],
    ]) {
      const imp = cxw(['import', file, '--workspace', ws, '--name', name], env());
      expect(imp.status, imp.stderr).toBe(0);
    }
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses review_score as NPS (it is a 1–5 rating) and says how to read it', () => {
    const r = cxw(['nps', '--workspace', ws, '--dataset', 'reviews', '--score', 'review_score'], env());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('holds only values 1–5 across 3,986 answers');
    expect(r.stderr).toContain('Pass --map rescale:1-5 if this is a 1–5 rating');
  });

  it('by customer state (joined from orders and customers), recounted here', () => {
    const r = cxwJson<NpsResult>(['nps', '--workspace', ws, '--dataset', 'joined', '--score', 'review_score', '--by', 'customer_state', '--map', 'rescale:1-5'], env());
    expect(r.mappingNote).toContain('promoters are 5, passives 4, detractors 1–3');
    const byState = new Map<string, number[]>();
    for (const j of joined) byState.set(j.state || '(missing)', [...(byState.get(j.state || '(missing)') ?? []), rescaled(j.star)]);
    expect(r.groups.length).toBe([...byState.keys()].length);
    for (const g of r.groups) {
      const c = recount(byState.get(g.group)!);
      expect([g.n, g.promoters, g.passives, g.detractors]).toEqual([c.n, c.promoters, c.passives, c.detractors]);
      expect(g.small).toBe(c.n < 30);
    }
    expect(r.reference).toBe('SP');
    expect(r.test!.kind).toBe('several-groups');
  });

  it('by late delivery: late orders score far lower', () => {
    const r = cxwJson<NpsResult>(['nps', '--workspace', ws, '--dataset', 'joined', '--score', 'review_score', '--by', 'delivery', '--map', 'rescale:1-5', '--reference', 'on time'], env());
    for (const g of r.groups) {
      const c = recount(joined.filter((j) => j.late === g.group).map((j) => rescaled(j.star)));
      expect([g.n, g.promoters, g.detractors]).toEqual([c.n, c.promoters, c.detractors]);
    }
    const late = r.groups.find((g) => g.group === 'late')!;
    expect(late.vsReference!.difference).toBeLessThan(-40);
    expect(late.vsReference!.pAdjusted).toBeLessThan(1e-6);
  });

  it('by days since delivery (the delay check on the journey log), recounted here', () => {
    const r = cxwJson<NpsContextResult>(
      ['nps', '--workspace', ws, '--dataset', 'reviews', '--score', 'review_score', '--map', 'rescale:1-5', '--delay-events', 'events', '--delay-step', 'delivered_to_customer',
        '--survey-time', 'review_creation_date', '--events-customer', 'order_id', '--events-time', 'timestamp', '--events-step', 'step'],
      env(),
    );
    // Independent recount: each review's last delivered_to_customer event of its order at or before review_creation_date.
    const events = csvRecords(readFileSync(join(OLIST, 'derived_journey_events.csv'), 'utf8')).filter((e) => e.step === 'delivered_to_customer');
    const deliveries = new Map<string, number[]>();
    for (const e of events) deliveries.set(e.order_id, [...(deliveries.get(e.order_id) ?? []), utc(e.timestamp)]);
    const bins = new Map<string, number[]>();
    for (const rv of reviews) {
      const t = utc(rv.review_creation_date);
      const before = (deliveries.get(rv.order_id) ?? []).filter((d) => d <= t);
      let bin = '(no prior event)';
      if (before.length) {
        const days = (t - Math.max(...before)) / 86_400_000;
        bin = days < 1 ? '0–1 days' : days < 7 ? '1–7 days' : days < 30 ? '7–30 days' : '30+ days';
      }
      bins.set(bin, [...(bins.get(bin) ?? []), rescaled(Number(rv.review_score))]);
    }
    expect(r.groups.map((g) => g.group)).toEqual(['0–1 days', '1–7 days', '7–30 days', '30+ days', '(no prior event)'].filter((b) => b !== '(no prior event)' || bins.has(b)));
    for (const g of r.groups) {
      const c = recount(bins.get(g.group) ?? []);
      expect([g.n, g.promoters, g.detractors]).toEqual([c.n, c.promoters, c.detractors]);
    }
    // Reviews written before the order arrived (Olist asks at the estimated date) are the unhappy ones.
    const none = r.flags.find((f) => f.group === '(no prior event)');
    expect(none?.direction).toBe('deflated');
    expect(r.warnings.some((w) => w.includes('through "order_id" = "order_id"'))).toBe(true);
  });
});
