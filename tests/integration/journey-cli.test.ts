// `cxw journey` through the BUILT command: a hand-made event log with known drop-offs (exact funnel, transitions,
// step counts, stage grouping), bad input (exit 1 with a message naming the column; usage errors exit 2), and
// two real event logs (Olist's derived journeys, the WABO receipt log) checked against a straightforward
// computation in this file: parse the CSV, order each journey the same way (time, then the inferred step order,
// then row), count.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { DATA } from '../unit/import/helpers';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

interface JourneyJson {
  customers: number;
  events: number;
  skippedEvents: number;
  orderNote: string;
  steps: { step: string; stage: string; customers: number; events: number; medianPosition: number; meanSatisfaction: number | null }[];
  stages: { stage: string; steps: string[]; customers: number; events: number; inFunnel: boolean }[];
  suggestedOffFunnel: string[];
  transitions: { from: string; to: string; customers: number; events: number }[];
  funnel: { step: string; stage: string; customers: number; dropOff: number; dropOffRate: number; conversion: number }[];
  variants: { path: string[]; customers: number; share: number }[];
  variantCount: number;
  channels: string[];
  warnings: string[];
}

// Seven journeys over five steps, one event per line (customer, minutes after 09:00, step, satisfaction).
// With stages Browse = home, search; Buy = cart, checkout; Pay = payment, the in-order funnel is
//   A home search cart checkout payment        → Browse, Buy, Pay
//   B home cart checkout                       → Browse, Buy
//   C home search                              → Browse
//   D search home cart                         → Browse, Buy
//   E home cart home checkout payment payment  → Browse, Buy, Pay
//   F cart                                     → nothing (never browsed)
//   G payment home cart                        → Browse, Buy (its payment came before browsing)
// so Browse 6, Buy 5 (drop-off 1), Pay 2 (drop-off 3).
const LOG: [string, number, string, number | null][] = [
  ['A', 0, 'home', null],
  ['A', 5, 'search', null],
  ['A', 9, 'cart', null],
  ['A', 20, 'checkout', null],
  ['A', 21, 'payment', 4],
  ['B', 1, 'home', null],
  ['B', 30, 'cart', null],
  ['B', 31, 'checkout', 1],
  ['C', 2, 'home', null],
  ['C', 3, 'search', null],
  ['D', 4, 'search', null],
  ['D', 6, 'home', null],
  ['D', 8, 'cart', null],
  ['E', 3, 'home', null],
  ['E', 7, 'cart', null],
  ['E', 11, 'home', null],
  ['E', 15, 'checkout', null],
  ['E', 16, 'payment', 2],
  ['E', 40, 'payment', 3],
  ['F', 12, 'cart', null],
  ['G', 0, 'payment', 5],
  ['G', 50, 'home', null],
  ['G', 55, 'cart', null],
];

function logCsv(): string {
  const iso = (min: number) => new Date(Date.UTC(2024, 4, 6, 9, min)).toISOString().replace('.000Z', '+00:00');
  // Rows out of time order on purpose (the command orders each journey itself), plus one event without a customer.
  const rows = [...LOG].reverse().map(([c, m, s, sat]) => `${c},${iso(m)},${s},${sat ?? ''},web`);
  return ['customer,at,step,rating,channel', ...rows, `,${iso(1)},home,,web`].join('\n') + '\n';
}

describe.skipIf(!BUILT)('cxw journey on a hand-made log', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  const base = () => ['journey', '--workspace', ws, '--dataset', 'log', '--customer', 'customer', '--time', 'at', '--step', 'step'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-journey-cli-'));
    ws = join(dir, 'j.cxw');
    writeFileSync(join(dir, 'log.csv'), logCsv());
    cxwJson(['import', join(dir, 'log.csv'), '--workspace', ws, '--name', 'log'], env());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--stages: the in-order funnel with drop-offs, stage grouping, steps and transitions exactly', () => {
    const r = cxwJson<JourneyJson>([...base(), '--satisfaction', 'rating', '--stages', 'Browse=home,search; Buy=cart,checkout; Pay=payment'], env());
    expect(r.customers).toBe(7);
    expect(r.events).toBe(23);
    expect(r.skippedEvents).toBe(1);
    expect(r.warnings).toContain('1 events were left out: 1 without a customer ("customer").');
    expect(r.funnel.map((f) => [f.step, f.stage, f.customers, f.dropOff])).toEqual([
      ['Browse', 'Browse', 6, 0],
      ['Buy', 'Buy', 5, 1],
      ['Pay', 'Pay', 2, 3],
    ]);
    expect(r.funnel.map((f) => f.dropOffRate)).toEqual([0, 1 / 6, 3 / 5]);
    expect(r.funnel.map((f) => f.conversion)).toEqual([1, 5 / 6, 2 / 6]);
    expect(r.stages.map((s) => [s.stage, s.steps, s.customers, s.events])).toEqual([
      ['Browse', ['home', 'search'], 6, 10],
      ['Buy', ['cart', 'checkout'], 6, 9],
      ['Pay', ['payment'], 3, 4],
    ]);
    const steps = Object.fromEntries(r.steps.map((s) => [s.step, [s.stage, s.customers, s.events, s.meanSatisfaction]]));
    expect(steps).toEqual({
      home: ['Browse', 6, 7, null],
      search: ['Browse', 3, 3, null],
      cart: ['Buy', 6, 6, null],
      checkout: ['Buy', 3, 3, 1],
      payment: ['Pay', 3, 4, 3.5],
    });
    const pairs = Object.fromEntries(r.transitions.map((t) => [`${t.from}>${t.to}`, [t.customers, t.events]]));
    expect(pairs).toEqual({
      'home>search': [2, 2],
      'search>cart': [1, 1],
      'cart>checkout': [2, 2],
      'checkout>payment': [2, 2],
      'home>cart': [4, 4],
      'search>home': [1, 1],
      'cart>home': [1, 1],
      'home>checkout': [1, 1],
      'payment>payment': [1, 1],
      'payment>home': [1, 1],
    });
    expect(r.variantCount).toBe(7);
    expect(r.variants.every((v) => v.customers === 1 && v.share === 1 / 7)).toBe(true);
  });

  it('prints aligned tables for people, with variants and timing on request', () => {
    const run = cxw([...base(), '--stages', 'Browse=home,search;Buy=cart,checkout;Pay=payment', '--variants', '3', '--timing'], env());
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Journeys in "log": 7 journeys, 23 events (1 events left out), 5 steps in 3 stages.');
    const header = lines.findIndex((l) => l.startsWith('stage') && l.includes('drop-off %'));
    expect(header).toBeGreaterThan(0);
    // Columns line up: every cell of the funnel table starts where its header does.
    const col = lines[header].indexOf('customers');
    expect(lines[header + 2].slice(0, col).trim()).toBe('Browse');
    expect(lines[header + 3]).toMatch(/^Buy\s+5\s+1\s+16\.7%\s+83\.3%/);
    expect(lines[header + 4]).toMatch(/^Pay\s+2\s+3\s+60\.0%\s+33\.3%/);
    expect(lines[header + 4].indexOf('2')).toBe(col);
    expect(run.stdout).toContain('Path variants: the 3 most common of 7');
    expect(run.stdout).toMatch(/Time between consecutive events/);
    expect(run.stdout).toMatch(/home\s+cart\s+4\s/);
  });

  it('--channels keeps only those events; an unknown channel is refused with the values there are', () => {
    expect(cxwJson<JourneyJson>([...base(), '--channel', 'channel', '--channels', 'web'], env()).events).toBe(23);
    const run = cxw([...base(), '--channel', 'channel', '--channels', 'app'], env());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Channel "app" does not occur in column "channel". Its values: web.');
  });

  it('--segmentation: journeys joined to saved segments by id, compared and filtered by segment', () => {
    // A, B and C spend a lot, D to G little: k = 2 puts them apart.
    const spend: Record<string, number> = { A: 120, B: 118, C: 125, D: 11, E: 9, F: 12, G: 10 };
    writeFileSync(join(dir, 'customers.csv'), `customer,spend\n${Object.entries(spend).map(([c, v]) => `${c},${v}`).join('\n')}\n`);
    cxwJson(['import', join(dir, 'customers.csv'), '--workspace', ws, '--name', 'customers', '--role', 'customer=id'], env());
    cxwJson(['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'spend', '--k', '2', '--name', 'spenders'], env());
    const stages = ['--stages', 'Browse=home,search;Buy=cart,checkout;Pay=payment'];
    const r = cxwJson<JourneyJson & { segments: { index: number; name: string; customers: number }[]; groups: { group: string; customers: number; funnel: { customers: number }[] }[] }>(
      [...base(), ...stages, '--segmentation', 'spenders', '--compare', 'segment'],
      env(),
    );
    const high = r.segments.find((s) => s.customers === 3)!;
    const low = r.segments.find((s) => s.customers === 4)!;
    expect(high.index + low.index).toBe(1);
    // High spenders A, B, C reach Browse 3, Buy 2 (A, B), Pay 1 (A); the others D, E, G browse and buy, E pays, F never browses.
    const funnelOf = (name: string) => r.groups.find((g) => g.group === name)!.funnel.map((f) => f.customers);
    expect(funnelOf(high.name)).toEqual([3, 2, 1]);
    expect(funnelOf(low.name)).toEqual([3, 3, 1]);
    const only = cxwJson<JourneyJson>([...base(), ...stages, '--segmentation', 'spenders', '--segments', String(high.index)], env());
    expect(only.customers).toBe(3);
    expect(only.funnel.map((f) => f.customers)).toEqual([3, 2, 1]);
  });

  it('--off-funnel: a support contact left out of the funnel stops cutting it short; the hint names the flag', () => {
    // P1, P2: visit buy help review · P3, P4: visit buy review · P5: visit buy. Positions: help is 3rd twice
    // (median 2), review 4th twice and 3rd twice (median 2.5), so help becomes a funnel stage before review.
    const paths: Record<string, string[]> = {
      P1: ['visit', 'buy', 'help', 'review'],
      P2: ['visit', 'buy', 'help', 'review'],
      P3: ['visit', 'buy', 'review'],
      P4: ['visit', 'buy', 'review'],
      P5: ['visit', 'buy'],
    };
    const at = (i: number) => new Date(Date.UTC(2024, 4, 6, 9 + i)).toISOString();
    const rows = Object.entries(paths).flatMap(([c, steps]) => steps.map((s, i) => `${c},${at(i)},${s}`));
    writeFileSync(join(dir, 'support.csv'), `customer,at,step\n${rows.join('\n')}\n`);
    cxwJson(['import', join(dir, 'support.csv'), '--workspace', ws, '--name', 'support'], env());
    const args = ['journey', '--workspace', ws, '--dataset', 'support', '--customer', 'customer', '--time', 'at', '--step', 'step'];

    // As a funnel stage help caps review at the 2 journeys that contacted support; 4 reviewed.
    const plain = cxwJson<JourneyJson>(args, env());
    expect(plain.funnel.map((f) => [f.stage, f.customers])).toEqual([
      ['visit', 5],
      ['buy', 5],
      ['help', 2],
      ['review', 2],
    ]);
    // help: 2 journeys, under 80% of review's 4.
    expect(plain.suggestedOffFunnel).toEqual(['help']);
    const hint = cxw(args, env());
    expect(hint.status, hint.stderr).toBe(0);
    expect(hint.stdout).toContain('Side steps? This step looks like a side step, not a funnel stage');
    expect(hint.stdout).toContain('  help: 2 journeys, under 80% of the 4 that reach review (in any order)');
    expect(hint.stdout).toContain('--off-funnel "help"');

    const off = cxwJson<JourneyJson>([...args, '--off-funnel', 'help'], env());
    expect(off.funnel.map((f) => [f.step, f.customers, f.dropOff])).toEqual([
      ['visit', 5, 0],
      ['buy', 5, 0],
      ['review', 4, 1],
    ]);
    expect(off.stages.map((s) => [s.stage, s.customers, s.inFunnel])).toEqual([
      ['visit', 5, true],
      ['buy', 5, true],
      ['help', 2, false],
      ['review', 4, true],
    ]);
    expect(off.suggestedOffFunnel).toEqual([]);
    // Transitions are the same with or without the flag (buy → help twice, help → review twice).
    expect(off.transitions).toEqual(plain.transitions);
    const text = cxw([...args, '--off-funnel', 'help'], env());
    expect(text.stdout).toContain('(side steps left out: help)');
    expect(text.stdout).toMatch(/^help\s+help\s+2\s+2\s+side step/m);
    expect(text.stdout).not.toContain('Side steps?');

    // A name that is not a step is reported; an empty list is a usage error.
    expect(cxwJson<JourneyJson>([...args, '--off-funnel', 'Help'], env()).warnings).toContain('Side steps not found in the step column: "Help". Check the spelling against the step values.');
    const empty = cxw([...args, '--off-funnel', ','], env());
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('--off-funnel expects step names separated by commas');
  });

  it('bad input exits 1 naming the column and what to do; wrong usage exits 2', () => {
    const unknown = cxw([...base().slice(0, -1), 'Step'], env());
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Dataset "log" has no column "Step" (given as the step column). Did you mean "step"?');
    const textTime = cxw(['journey', '--workspace', ws, '--dataset', 'log', '--customer', 'customer', '--time', 'step', '--step', 'at'], env());
    expect(textTime.status).toBe(1);
    expect(textTime.stderr).toMatch(/Column "step" of dataset "log" is text, not a date or datetime, so it cannot order the events\. Date\/datetime columns here: "at"\./);
    const json = cxw(['journey', '--workspace', ws, '--dataset', 'log', '--customer', 'customer', '--time', 'step', '--step', 'at', '--json'], env());
    expect(JSON.parse(json.stdout).error.code).toBe('BAD_ARGUMENTS');
    const missing = cxw(['journey', '--workspace', ws, '--dataset', 'log', '--customer', 'customer', '--time', 'at'], env());
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--step is required');
    const stages = cxw([...base(), '--stages', 'Browse home,search'], env());
    expect(stages.status).toBe(2);
    expect(stages.stderr).toContain('--stages expects "Stage=step,step;Stage=step"');
    expect(cxw([...base(), '--compare', 'region'], env()).status).toBe(2);
    expect(cxw([...base(), '--segments', 'first'], env()).status).toBe(2);
  });
});

// ------------------------------------------------------------------ real logs vs a straightforward computation

interface Ev {
  customer: string;
  time: number;
  step: string;
  row: number;
  sat: number | null;
}

interface Reference {
  journeys: number;
  steps: Map<string, { customers: number; events: number; median: number; sat: number[] }>;
  pairs: Map<string, { customers: number; events: number }>;
  variants: { path: string[]; customers: number }[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function median(sorted: number[]): number {
  const h = (sorted.length - 1) / 2;
  const lo = Math.floor(h);
  return lo === h ? sorted[lo] : (sorted[lo] + sorted[lo + 1]) / 2;
}

/**
 * What the command should find, computed plainly: each journey sorted by (time, row); each step's median and mean
 * position there give the step order (median, then mean, then name); journeys sorted again by (time, that order,
 * row); then counted.
 */
function reference(events: Ev[]): Reference {
  const journeys = new Map<string, Ev[]>();
  for (const e of events) {
    const j = journeys.get(e.customer) ?? [];
    j.push(e);
    journeys.set(e.customer, j);
  }
  const positions = new Map<string, number[]>();
  for (const j of journeys.values()) {
    j.sort((a, b) => a.time - b.time || a.row - b.row);
    j.forEach((e, i) => positions.set(e.step, [...(positions.get(e.step) ?? []), i]));
  }
  const place = [...positions].map(([step, p]) => ({ step, median: median([...p].sort((a, b) => a - b)), mean: p.reduce((a, b) => a + b, 0) / p.length }));
  place.sort((a, b) => a.median - b.median || a.mean - b.mean || byName(a.step, b.step));
  const rank = new Map(place.map((p, i) => [p.step, i]));
  const steps: Reference['steps'] = new Map(place.map((p) => [p.step, { customers: 0, events: 0, median: p.median, sat: [] as number[] }]));
  const pairs: Reference['pairs'] = new Map();
  const variants = new Map<string, number>();
  for (const j of journeys.values()) {
    j.sort((a, b) => a.time - b.time || rank.get(a.step)! - rank.get(b.step)! || a.row - b.row);
    for (const step of new Set(j.map((e) => e.step))) steps.get(step)!.customers++;
    for (const e of j) {
      steps.get(e.step)!.events++;
      if (e.sat !== null) steps.get(e.step)!.sat.push(e.sat);
    }
    const seen = new Set<string>();
    for (let i = 1; i < j.length; i++) {
      const key = `${j[i - 1].step}>${j[i].step}`;
      const p = pairs.get(key) ?? { customers: 0, events: 0 };
      p.events++;
      if (!seen.has(key)) p.customers++;
      seen.add(key);
      pairs.set(key, p);
    }
    const path = j.map((e) => e.step).join('\u0000');
    variants.set(path, (variants.get(path) ?? 0) + 1);
  }
  const ranked = [...variants].map(([p, customers]) => ({ path: p.split('\u0000'), customers }));
  ranked.sort((a, b) => {
    if (a.customers !== b.customers) return b.customers - a.customers;
    for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
      const c = byName(a.path[i], b.path[i]);
      if (c !== 0) return c;
    }
    return a.path.length - b.path.length;
  });
  return { journeys: journeys.size, steps, pairs, variants: ranked };
}

function expectMatches(r: JourneyJson, ref: Reference, events: number): void {
  expect(r.customers).toBe(ref.journeys);
  expect(r.events).toBe(events);
  expect(r.steps).toHaveLength(ref.steps.size);
  for (const s of r.steps) {
    const want = ref.steps.get(s.step)!;
    expect([s.step, s.customers, s.events, s.medianPosition]).toEqual([s.step, want.customers, want.events, want.median]);
    if (want.sat.length) expect(s.meanSatisfaction).toBeCloseTo(want.sat.reduce((a, b) => a + b, 0) / want.sat.length, 12);
    else expect(s.meanSatisfaction).toBeNull();
  }
  // Steps are listed in the inferred order.
  expect(r.steps.map((s) => s.step)).toEqual([...ref.steps.keys()]);
  const got = new Map(r.transitions.map((t) => [`${t.from}>${t.to}`, { customers: t.customers, events: t.events }]));
  expect(got).toEqual(ref.pairs);
  expect(r.variantCount).toBe(ref.variants.length);
  const top = ref.variants.slice(0, r.variants.length);
  expect(r.variants.map((v) => [v.path, v.customers, v.share])).toEqual(top.map((v) => [v.path, v.customers, v.customers / ref.journeys]));
}

const OLIST = join(DATA, 'olist-sample', 'derived_journey_events.csv');
const RECEIPT = join(DATA, 'receipt-eventlog', 'receipt.csv');
const REAL = BUILT && existsSync(OLIST) && existsSync(RECEIPT);
if (BUILT && !REAL) console.warn(`Real event logs not found under ${DATA} (../shared/data): the real-data journey tests are skipped.`);

describe.skipIf(!REAL)('cxw journey on real event logs', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-journey-real-'));
    ws = join(dir, 'real.cxw');
    cxwJson(['import', OLIST, '--workspace', ws, '--name', 'olist'], env());
    cxwJson(['import', RECEIPT, '--workspace', ws, '--name', 'receipt'], env());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Olist: 3,998 customers, 23,803 events, 4,000 purchases; steps, transitions and variants as counted directly', () => {
    // No quotes in this file: a plain split is a faithful parse. Naive times, read as UTC wall clock.
    const lines = readFileSync(OLIST, 'utf8').trimEnd().split(/\r?\n/); // CRLF line ends
    expect(lines[0]).toBe('customer_id,order_id,timestamp,step,satisfaction,customer_state');
    const events: Ev[] = lines.slice(1).map((line, i) => {
      const [customer, , ts, step, sat] = line.split(',');
      return { customer, time: Date.parse(`${ts.replace(' ', 'T')}Z`), step, row: i + 1, sat: sat === '' ? null : Number(sat) };
    });
    const r = cxwJson<JourneyJson>(['journey', '--workspace', ws, '--dataset', 'olist', '--customer', 'customer_id', '--time', 'timestamp', '--step', 'step', '--satisfaction', 'satisfaction', '--variants', '10'], env());
    expectMatches(r, reference(events), 23_803);
    // Anchors, counted by hand from the file (see ../shared/data/README.md).
    expect(r.customers).toBe(3_998);
    expect(r.steps.find((s) => s.step === 'order_purchased')!.events).toBe(4_000);
    expect(r.steps.find((s) => s.step === 'delivered_to_customer')!.events).toBe(3_898);
    expect(r.steps.map((s) => s.step).slice(0, 3)).toEqual(['order_purchased', 'payment_approved', 'handed_to_carrier']);
    // Review dates carry no time of day: the command says what that does to the order.
    expect(r.warnings.some((w) => w.startsWith('Step "review_submitted" carries a date without a time of day'))).toBe(true);
  });

  it('receipt log: 1,434 cases, 27 activities, 8,577 events; steps, transitions and variants as counted directly', () => {
    const lines = readFileSync(RECEIPT, 'utf8').trimEnd().split(/\r?\n/);
    expect(lines.some((l) => l.includes('"'))).toBe(false); // no quoting: a plain split is a faithful parse
    const header = lines[0].split(',');
    const at = (name: string) => header.indexOf(name);
    const [caseCol, actCol, timeCol] = [at('case:concept:name'), at('concept:name'), at('time:timestamp')];
    const events: Ev[] = lines.slice(1).map((line, i) => {
      const f = line.split(',');
      expect(f).toHaveLength(header.length);
      // '2011-10-11 13:45:40.276000+02:00': the import keeps milliseconds, as Date.parse does.
      return { customer: f[caseCol], time: Date.parse(f[timeCol].replace(' ', 'T')), step: f[actCol], row: i + 1, sat: null };
    });
    const r = cxwJson<JourneyJson>(
      ['journey', '--workspace', ws, '--dataset', 'receipt', '--customer', 'case:concept:name', '--time', 'time:timestamp', '--step', 'concept:name', '--channel', 'case:channel', '--variants', '15'],
      env(),
    );
    expectMatches(r, reference(events), 8_577);
    expect(r.customers).toBe(1_434);
    expect(r.steps).toHaveLength(27);
    expect([...r.channels].sort()).toEqual(['Desk', 'Intern', 'Internet', 'Post', 'e-mail']);
    expect(r.warnings).toEqual([]);
  });
});
