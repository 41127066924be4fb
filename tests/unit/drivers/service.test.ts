// The 'drivers.analyze' handler on imported files (services in-process): how each kind of target becomes a
// model (numeric, two-valued text, Yes/No, NPS detractor/promoter, a chosen positive value), the same numbers as
// the pure analysis on the same values, clear messages for bad input, and the demo data's planted drivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { DriversSpec } from '../../../shared/nps';
import { createRng } from '../../../main/analysis/random';
import { generateDemoCsvs } from '../../../main/workspace/demo-data';
import { harness, type Harness } from '../segment-service/helpers';
import { inOrder, run } from './helpers';

const N = 400;
interface Row {
  speed: number;
  price: number;
  staff: number;
  nps: number;
  outcome: string;
  loyal: string;
  comment: string;
  visited: string;
  halfScore: number;
}

function survey(): Row[] {
  const rng = createRng(31);
  return Array.from({ length: N }, (_, i) => {
    const speed = rng.int(1, 5);
    const price = rng.int(1, 5);
    const staff = rng.int(1, 5);
    const latent = 0.9 * (speed - 3) + 0.5 * (price - 3) + 0.2 * (staff - 3) + rng.normal(0, 1);
    const nps = Math.max(0, Math.min(10, Math.round(7 + 1.2 * latent)));
    return {
      speed,
      price,
      staff,
      nps,
      outcome: latent + rng.normal(0, 0.5) > 0 ? 'satisfied' : 'unhappy',
      loyal: latent + rng.normal(0, 1) > 0.3 ? 'Yes' : 'No',
      comment: rng.pick(['fine', 'slow', 'great']),
      visited: `2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      halfScore: nps + (i % 7 === 0 ? 0.5 : 0),
    };
  });
}

const ROWS = survey();
const csv = ['speed,price,staff,nps,outcome,loyal,comment,visited,half_score', ...ROWS.map((r) => [r.speed, r.price, r.staff, r.nps, r.outcome, r.loyal, r.comment, r.visited, r.halfScore].join(','))].join('\n') + '\n';
const DRIVERS = ['speed', 'price', 'staff'];
const X = DRIVERS.map((d) => Float64Array.from(ROWS, (r) => r[d as 'speed' | 'price' | 'staff']));

let h: Harness;
const analyze = (spec: Partial<DriversSpec>) => h.services.handlers['drivers.analyze']({ jobId: 'job_drv', spec: { dataset: 'survey', target: 'nps', drivers: DRIVERS, bootstrap: 0, ...spec } });

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['dataset.import']({ jobId: 'job_imp', path: h.csv('survey.csv', csv), name: 'survey' });
});
afterAll(() => h.dispose());

describe('targets', () => {
  it('a numeric target: linear weights equal to the pure analysis of the same values', async () => {
    const r = await analyze({ bootstrap: 50, seed: 3 });
    expect(r.model).toBe('linear');
    expect(r.targetNote).toBe('"nps" as a number (linear relative weights, Johnson 2000).');
    expect(r.spec.drivers).toEqual(DRIVERS);
    const direct = run(DRIVERS, X, Float64Array.from(ROWS, (row) => row.nps), { bootstrap: 50, seed: 3, outcomeWords: { more: 'a higher "nps"', less: 'a lower "nps"' } });
    expect(r.drivers).toEqual(direct.drivers);
    expect(r.r2).toBe(direct.r2);
    expect(r.drivers.map((d) => d.name)).toEqual(['speed', 'price', 'staff']);
    expect(r.direction).toEqual({
      direction: 'higher-is-better',
      source: 'its NPS role',
      sentence: 'Higher is better: a higher "nps" is the outcome to aim for (inferred from its NPS role). Drivers are signed so that + means a higher "nps".',
    });
    expect(r.drivers[0].effect).toBe('Lower "speed" goes with a lower "nps" (worse).');
    expect(r.missing).toEqual({ handling: 'exclude', imputed: [] });
  });

  it('a two-valued text target: logistic, the later value is 1 unless positive says otherwise', async () => {
    // Neither "outcome" nor "unhappy" says which way is good: asked, then given.
    const auto = await analyze({ target: 'outcome', direction: 'higher-is-worse' });
    expect(auto.model).toBe('logistic');
    expect(auto.targetNote).toBe('1 = "outcome" is "unhappy", 0 = "satisfied" (the later value in character order counts as 1 unless a positive value is given).');
    expect(auto.direction.source).toBe('asked');
    expect(auto.direction.sentence).toBe('Higher is worse: "outcome" = unhappy is the outcome to avoid (as chosen). Drivers are signed so that + means a higher chance of "outcome" = unhappy.');
    const y = Float64Array.from(ROWS, (row) => (row.outcome === 'unhappy' ? 1 : 0));
    const words = { more: 'a higher chance of "outcome" = unhappy', less: 'a lower chance of "outcome" = unhappy' };
    expect(auto.drivers).toEqual(run(DRIVERS, X, y, { model: 'logistic', targetHigherIsBetter: false, outcomeWords: words }).drivers);
    // Swapping the outcome flips every coefficient; the weights (and the pseudo-R²) stay the same. "satisfied" is a
    // telling label, so this time the direction is inferred from it.
    const flipped = await analyze({ target: 'outcome', positive: 'satisfied' });
    expect(flipped.direction).toMatchObject({ direction: 'higher-is-better', source: 'the value counted as 1, "satisfied"' });
    expect(flipped.targetNote).toContain('1 = "outcome" is "satisfied", 0 = "unhappy" (as asked)');
    inOrder(flipped.drivers, DRIVERS).forEach((d, j) => {
      const a = inOrder(auto.drivers, DRIVERS)[j];
      expect(d.weight).toBeCloseTo(a.weight, 10);
      expect(d.sign).toBe(-a.sign);
    });
    expect(flipped.r2).toBeCloseTo(auto.r2, 10);
  });

  it('a Yes/No target: logistic with Yes = 1', async () => {
    const r = await analyze({ target: 'loyal' });
    expect(r.model).toBe('logistic');
    expect(r.targetNote).toBe('1 = "loyal" is Yes, 0 = it is No (true counts as 1 unless a positive value is given).');
    expect(r.direction).toMatchObject({ direction: 'higher-is-better', source: 'its name "loyal"' });
    const y = Float64Array.from(ROWS, (row) => (row.loyal === 'Yes' ? 1 : 0));
    const words = { more: 'a higher chance of "loyal" = Yes', less: 'a lower chance of "loyal" = Yes' };
    expect(r.drivers).toEqual(run(DRIVERS, X, y, { model: 'logistic', outcomeWords: words }).drivers);
    // 1 = "loyal" is No: the name's direction turns around.
    const no = await analyze({ target: 'loyal', positive: 'no' });
    expect(no.targetNote).toContain('1 = "loyal" is No');
    expect(no.direction).toMatchObject({ direction: 'higher-is-worse', source: 'its name "loyal" with 1 = "No"' });
  });

  it('detractor and promoter models of a 0–10 score', async () => {
    const det = await analyze({ model: 'detractor' });
    expect(det.model).toBe('logistic');
    expect(det.targetNote).toBe('1 = detractor ("nps" 0–6), 0 = passive or promoter (7–10).');
    expect(det.direction).toMatchObject({ direction: 'higher-is-worse', source: 'the detractor model (1 = detractor)' });
    const yd = Float64Array.from(ROWS, (row) => (row.nps <= 6 ? 1 : 0));
    const detWords = { more: 'more detractors', less: 'fewer detractors' };
    expect(det.drivers).toEqual(run(DRIVERS, X, yd, { model: 'logistic', targetHigherIsBetter: false, outcomeWords: detWords }).drivers);
    expect(det.drivers[0].effect).toBe('Lower "speed" goes with more detractors (worse).');
    expect(det.drivers.every((d) => d.sign === -1)).toBe(true); // better ratings, fewer detractors
    expect(det.warnings.some((w) => w.includes('flipped'))).toBe(false);
    const pro = await analyze({ model: 'promoter' });
    const yp = Float64Array.from(ROWS, (row) => (row.nps >= 9 ? 1 : 0));
    expect(pro.drivers).toEqual(run(DRIVERS, X, yp, { model: 'logistic', outcomeWords: { more: 'more promoters', less: 'fewer promoters' } }).drivers);
  });

  it('a value against all the others when positive is given for a many-valued target', async () => {
    // 1 = "nps" is 10: the label is neither yes/no nor telling, so the direction is asked (and given here).
    await expect(analyze({ model: 'logistic', positive: '10' })).rejects.toThrow('Cannot tell from its name whether "nps" = 10 is the good or the bad outcome');
    const r = await analyze({ model: 'logistic', positive: '10', direction: 'higher-is-better' });
    expect(r.targetNote).toBe('1 = "nps" is 10, 0 = any other value (as asked).');
    const y = Float64Array.from(ROWS, (row) => (row.nps === 10 ? 1 : 0));
    expect(r.drivers).toEqual(run(DRIVERS, X, y, { model: 'logistic', outcomeWords: { more: 'a higher chance of "nps" = 10', less: 'a lower chance of "nps" = 10' } }).drivers);
  });
});

describe('bad input', () => {
  async function fails(spec: Partial<DriversSpec>): Promise<AppError> {
    try {
      await analyze(spec);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return err as AppError;
    }
    throw new Error('expected the analysis to fail');
  }

  it('names the column and says what to do', async () => {
    expect((await fails({ drivers: ['speed', 'comment'] })).message).toBe(
      'The driver "comment" is a text column; key drivers need numbers (ratings, amounts, 0/1 flags). Leave it out, or re-import the file with --type "comment=real" if it really holds numbers.',
    );
    expect((await fails({ drivers: ['speed', 'visited'] })).message).toContain('The driver "visited" is a date column');
    expect((await fails({ drivers: ['speed', 'nope'] })).message).toMatch(/^Dataset "survey" has no column "nope"\. Columns: speed, price/);
    expect((await fails({ drivers: ['speed', 'nps'] })).message).toBe('"nps" is the target, so it cannot also be a driver.');
    expect((await fails({ drivers: ['speed', 'speed'] })).message).toBe('The driver "speed" is listed twice; list each driver once.');
    expect((await fails({ target: 'half_score', model: 'detractor' })).message).toBe(
      // Every 7th row (from the first) has half a point added: 58 of 400; the first is the example.
      `The detractor model needs "half_score" to hold whole scores from 0 to 10, but 58 rows do not (e.g. ${ROWS[0].nps + 0.5}). Use the linear model, or choose the 0–10 likelihood-to-recommend column.`,
    );
    // Neither the name "outcome" nor the value counted as 1 ("unhappy") says which way is good: refused, naming both ways to say it.
    expect((await fails({ target: 'outcome' })).message).toBe(
      'Cannot tell from its name whether "outcome" = unhappy is the good or the bad outcome, and reading it the wrong way round turns every driver\'s meaning upside down. Say which: in the app choose "Which is the good outcome?"; on the command line pass --direction higher-is-better or --direction higher-is-worse.',
    );
    expect((await fails({ target: 'outcome', positive: 'meh' })).message).toBe('The positive value "meh" does not occur in "outcome". Its values: "satisfied", "unhappy".');
    expect((await fails({ target: 'outcome', model: 'linear' })).message).toContain('The target "outcome" is text, so the linear model cannot use it.');
    expect((await fails({ target: 'speed', drivers: ['price', 'staff'] })).message).toContain('whether a higher "speed" is the good or the bad outcome');
    expect((await fails({ target: 'comment' })).message).toContain('The target "comment" is text with 3 values; a key-driver model needs a numeric target or a two-valued one. Give a positive value');
    expect((await fails({ target: 'nps', model: 'logistic' })).message).toContain('A logistic model needs a target with two values; "nps" has more than two.');
    expect((await fails({ target: 'visited' })).message).toContain('The target "visited" is a date column');
  });
});

describe('demo data: NPS driven by delivery 0.9 > support 0.7 > price 0.45 > app 0.35', () => {
  let demo: Harness;
  beforeAll(async () => {
    demo = await harness();
    await demo.services.handlers['dataset.import']({ jobId: 'job_demo', path: demo.csv('demo.csv', generateDemoCsvs(42).customers), name: 'demo' });
  });
  afterAll(() => demo.dispose());
  const demoDrivers = (drivers: string[], model?: DriversSpec['model']) =>
    demo.services.handlers['drivers.analyze']({ jobId: 'job_demo_drv', spec: { dataset: 'demo', target: 'nps_score', drivers, bootstrap: 100, ...(model ? { model } : {}) } });

  it('all four ratings: the app rating exists only for app users, so rows are deleted listwise and the weights follow the plant', async () => {
    const r = await demoDrivers(['satisfaction_app', 'satisfaction_price', 'satisfaction_support', 'satisfaction_delivery']);
    expect(r.drivers.map((d) => d.name)).toEqual(['satisfaction_delivery', 'satisfaction_support', 'satisfaction_price', 'satisfaction_app']);
    expect(r.drivers.every((d) => d.sign === 1)).toBe(true);
    // 208 unsurveyed customers and 1,299 without the app (some both): 1,431 left out.
    expect(r.excludedRows).toBe(1431);
    expect(r.n).toBe(3000 - 1431);
    expect(r.warnings[0]).toContain('(the target in 208, "satisfaction_app" in 1,299)');
    // The strongest driver's interval lies clear above the weakest's.
    expect(r.drivers[0].ci[0]).toBeGreaterThan(r.drivers[3].ci[1]);
  });

  it('the three ratings everyone gives, on every surveyed customer', async () => {
    const r = await demoDrivers(['satisfaction_price', 'satisfaction_support', 'satisfaction_delivery']);
    expect(r.n).toBe(2792);
    expect(r.drivers.map((d) => d.name)).toEqual(['satisfaction_delivery', 'satisfaction_support', 'satisfaction_price']);
    expect(r.r2).toBeGreaterThan(0.5);
    const det = await demoDrivers(['satisfaction_price', 'satisfaction_support', 'satisfaction_delivery'], 'detractor');
    expect(det.drivers[2].name).toBe('satisfaction_price');
    expect(det.drivers.every((d) => d.sign === -1)).toBe(true);
  });
});
