// The NPS view's pure helpers: set-ups pre-filled from the demo customers' column roles, the specs sent to
// nps.analyze / nps.context / drivers.analyze (validated by the contract's own schemas), what stops a run, the
// services' "not a 0–10 score" refusals (produced by the real score reader) turned into one-click mappings, and the
// chart helpers (NPS and p-value wording, axis ranges, group styles, quadrant ranges, sign against the outcome).
import { describe, expect, it } from 'vitest';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import type { NpsGroup } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { driversSpecSchema, npsContextSpecSchema, npsSpecSchema } from '../../../shared/api';
import { readScores } from '../../../main/analysis/nps/scores';
import {
  contextProblem,
  driversProblem,
  npsProblem,
  parseBins,
  parseCodes,
  pickSurveyDataset,
  prefillContext,
  prefillDrivers,
  prefillNps,
  scaleProblem,
  toContextSpec,
  toDriversSpec,
  toNpsSpec,
} from '../../../renderer/views/nps/model';
import { againstOutcome, formatNps, formatNps1, formatP, groupStyle, labelsOverlap, npsHeadline, npsRange, placeLabels, quadrantRanges } from '../../../renderer/charts/nps-figures';

function col(index: number, name: string, type: ColumnMeta['type'], role: ColumnMeta['role']): ColumnMeta {
  return { index, name, originalName: name, type, role, piiAction: 'keep' };
}
function dataset(name: string, columns: ColumnMeta[]): DatasetSummary {
  return { id: 1, name, rows: 3000, sourceFile: `${name}.csv`, importedAt: '2025-01-01T00:00:00Z', columns };
}

// The demo customers as the importer types them (checked in the demo workspace's dataset_columns).
const customers = dataset('Demo customers', [
  col(0, 'customer_id', 'text', 'id'),
  col(1, 'name', 'text', 'pii'),
  col(5, 'region', 'text', 'category'),
  col(7, 'age', 'integer', 'protected'),
  col(11, 'plan', 'text', 'category'),
  col(12, 'monthly_spend', 'real', 'feature'),
  col(16, 'app_user', 'boolean', 'feature'),
  col(17, 'signup_date', 'date', 'timestamp'),
  col(18, 'nps_score', 'integer', 'nps'),
  col(19, 'nps_context', 'text', 'category'),
  col(20, 'nps_asked_days_after_event', 'integer', 'feature'),
  col(21, 'satisfaction_delivery', 'integer', 'feature'),
  col(22, 'satisfaction_price', 'integer', 'feature'),
  col(23, 'satisfaction_support', 'integer', 'feature'),
  col(24, 'satisfaction_app', 'integer', 'feature'),
  col(26, 'risk_score', 'real', 'score'),
]);
const events = dataset('Demo journey events', [
  col(0, 'customer_id', 'text', 'id'),
  col(1, 'timestamp', 'datetime', 'timestamp'),
  col(2, 'step', 'text', 'journeyStep'),
  col(3, 'channel', 'text', 'category'),
]);

describe('pre-filled set-ups', () => {
  it('picks the dataset with an NPS column and its score, no grouping, 95% and n ≥ 30', () => {
    expect(pickSurveyDataset([events, customers])?.name).toBe('Demo customers');
    expect(prefillNps(customers)).toMatchObject({ dataset: 'Demo customers', score: 'nps_score', groupKind: 'none', level: 0.95, minN: 30, mapping: null });
  });

  it('context: the "context" column, the survey date, and the event log with its id, time and step', () => {
    expect(prefillContext(customers, [customers, events])).toMatchObject({
      score: 'nps_score',
      mode: 'column',
      context: 'nps_context',
      surveyTime: 'signup_date',
      events: 'Demo journey events',
      customer: 'customer_id',
      time: 'timestamp',
      step: 'step',
      bins: '0, 1, 7, 30',
    });
  });

  it('drivers: the NPS score as target and the four satisfaction ratings, not ids, personal data or the target', () => {
    const f = prefillDrivers(customers);
    expect(f.target).toBe('nps_score');
    // Before the profile arrives every rating is pre-ticked; the set-up then drops the ones with many blanks
    // (tests/unit/drivers/demo-defaults.test.ts). The NPS role says higher is better.
    expect(f.drivers).toEqual(['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support', 'satisfaction_app']);
    expect(f).toMatchObject({ model: 'auto', bootstrap: 500, level: 0.95, seed: 42, missingCodes: '', direction: 'higher-is-better', directionAsked: false, missing: 'exclude', autoDrivers: true });
  });
});

describe('form → spec', () => {
  it('NPS by a column with a trend and a reference passes the contract schema', () => {
    const f = { ...prefillNps(customers), groupKind: 'column' as const, by: 'nps_context', period: 'signup_date', periodUnit: 'quarter' as const, reference: 'phone call' };
    const spec = toNpsSpec(f);
    expect(spec).toEqual({ dataset: 'Demo customers', score: 'nps_score', by: 'nps_context', period: 'signup_date', periodUnit: 'quarter', level: 0.95, minN: 30, reference: 'phone call' });
    expect(npsSpecSchema.safeParse(spec).success).toBe(true);
  });

  it('NPS: a reference without a grouping, and a column left behind by a switch to segments, are not sent', () => {
    const f = { ...prefillNps(customers), by: 'nps_context', reference: 'phone call', groupKind: 'segmentation' as const, segmentation: 'Seg A' };
    expect(toNpsSpec(f)).toEqual({ dataset: 'Demo customers', score: 'nps_score', segmentation: 'Seg A', level: 0.95, minN: 30, reference: 'phone call' });
    expect(toNpsSpec({ ...f, groupKind: 'none' })).toEqual({ dataset: 'Demo customers', score: 'nps_score', level: 0.95, minN: 30 });
  });

  it('NPS: what stops a run, in words', () => {
    const f = prefillNps(customers);
    expect(npsProblem(f, customers)).toBeNull();
    expect(npsProblem({ ...f, score: '' }, customers)).toMatch(/score column/);
    expect(npsProblem({ ...f, groupKind: 'column' }, customers)).toMatch(/column to group by/);
    expect(npsProblem({ ...f, groupKind: 'column', by: 'nps_score' }, customers)).toMatch(/differ from the score/);
    expect(npsProblem({ ...f, groupKind: 'segmentation' }, customers)).toMatch(/saved segmentation/);
    expect(npsProblem(f, null)).toMatch(/survey dataset/);
  });

  it('context: a column, or the delay with parsed bins; both pass the schema', () => {
    const f = prefillContext(customers, [customers, events]);
    const byColumn = toContextSpec(f);
    expect(byColumn).toEqual({ dataset: 'Demo customers', score: 'nps_score', context: 'nps_context', level: 0.95, minN: 30 });
    expect(npsContextSpecSchema.safeParse(byColumn).success).toBe(true);
    const delay = { ...f, mode: 'delay' as const, stepValue: ' Delivery ', bins: '0; 2 14,60' };
    expect(contextProblem(delay, customers)).toBeNull();
    const spec = toContextSpec(delay);
    expect(spec).toEqual({
      dataset: 'Demo customers',
      score: 'nps_score',
      delay: { surveyTime: 'signup_date', events: 'Demo journey events', customer: 'customer_id', time: 'timestamp', step: 'step', stepValue: 'Delivery', bins: [0, 2, 14, 60] },
      level: 0.95,
      minN: 30,
    });
    expect(npsContextSpecSchema.safeParse(spec).success).toBe(true);
    expect(contextProblem({ ...delay, stepValue: '' }, customers)).toMatch(/event step/);
    expect(contextProblem({ ...delay, bins: '0, 7, 3' }, customers)).toMatch(/must go up/);
  });

  it('drivers: model, missing codes and bootstrap pass the schema; fewer than two drivers or the target as a driver stop the run', () => {
    const prefilled = prefillDrivers(customers);
    // The pre-filled ticks wait for the dataset's profile (the set-up then confirms or trims them): no run before.
    expect(driversProblem(prefilled, customers)).toBe('Reading the dataset to suggest the drivers…');
    const f = { ...prefilled, autoDrivers: false, model: 'detractor' as const, missingCodes: '0, 99, 0', positive: 'ignored for detractor' };
    expect(driversProblem(f, customers)).toBeNull();
    const spec = toDriversSpec(f);
    expect(spec).toEqual({
      dataset: 'Demo customers',
      target: 'nps_score',
      drivers: ['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support', 'satisfaction_app'],
      model: 'detractor',
      missingCodes: [0, 99],
      bootstrap: 500,
      seed: 42,
      level: 0.95,
    });
    expect(driversSpecSchema.safeParse(spec).success).toBe(true);
    // Other models send the direction and the impute choice; no direction stops the run with a question.
    const linear = toDriversSpec({ ...f, model: 'linear', direction: 'higher-is-worse', directionAsked: true, missing: 'impute' });
    // An inferred (not chosen) direction is left to the services, which infer it the same way and say so.
    expect(toDriversSpec({ ...f, model: 'linear' }).direction).toBeUndefined();
    expect(linear).toMatchObject({ model: 'linear', direction: 'higher-is-worse', missing: 'impute' });
    expect(driversSpecSchema.safeParse(linear).success).toBe(true);
    expect(driversProblem({ ...f, direction: '' }, customers)).toBe('Say which is the good outcome for “nps_score”: its name does not tell whether higher is better or worse.');
    expect(driversProblem({ ...f, drivers: ['satisfaction_price'] }, customers)).toMatch(/at least two/);
    expect(driversProblem({ ...f, drivers: ['nps_score', 'satisfaction_price'] }, customers)).toMatch(/is the target/);
    expect(driversProblem({ ...f, missingCodes: '0, n/a' }, customers)).toMatch(/"n\/a" is not a number/);
  });

  it('parses bins and codes', () => {
    expect(parseBins('0, 1, 7, 30')).toEqual({ bins: [0, 1, 7, 30] });
    expect(parseBins('')).toHaveProperty('problem');
    expect(parseBins('-1, 3')).toHaveProperty('problem');
    expect(parseCodes('')).toEqual({ codes: [] });
    expect(parseCodes('0 99')).toEqual({ codes: [0, 99] });
  });
});

/** The refusal the services really send for these values (the score reader is the one the job runs). */
function refusal(values: number[], mapping?: Parameters<typeof readScores>[1]): unknown {
  try {
    readScores(Float64Array.from(values), mapping, { dataset: 'survey', column: 'rating', rowOf: (i) => i + 1 });
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe('score-scale refusals → one-click mappings', () => {
  it('a 1–5 rating: "treat as 1–5" and "keep as 0–10", the message naming the buttons instead of the command-line flag', () => {
    const err = refusal(Array.from({ length: 40 }, (_, i) => 1 + (i % 5)));
    const p = scaleProblem(err)!;
    expect(p.options).toEqual([
      { mapping: { kind: 'rescale', from: [1, 5] }, label: 'Treat as a 1–5 rating (rescale)' },
      { mapping: { kind: 'rescale', from: [0, 10] }, label: 'Keep as 0–10 answers' },
    ]);
    expect(p.message).not.toContain('--map');
    expect(p.message).toContain('Choose “Treat as a 1–5 rating (rescale)” if this is a 1–5 rating, or “Keep as 0–10 answers” if these really are 0–10 answers.');
  });

  it('half points within 0–10: "round"', () => {
    const p = scaleProblem(refusal([7, 8.5, 9, 10]))!;
    expect(p.options).toEqual([{ mapping: { kind: 'round' }, label: 'Round to whole points' }]);
    expect(p.message).toContain('choose “Round to whole points” to round them half up');
    expect(p.message).toContain('data row 2 holds 8.5');
  });

  it('a 0–100 scale: the suggested rescale', () => {
    const p = scaleProblem(refusal([0, 55, 100]))!;
    expect(p.options).toEqual([{ mapping: { kind: 'rescale', from: [0, 100] }, label: 'Treat as a 0–100 rating (rescale)' }]);
  });

  it('a rescale that does not fit the values: shown, with no option to click', () => {
    const p = scaleProblem(refusal([1, 3, 7], { kind: 'rescale', from: [1, 5] }))!;
    expect(p.options).toEqual([]);
    expect(p.message).toContain('outside the scale 1–5');
  });

  it('other errors are not scale problems', () => {
    expect(scaleProblem(new AppError('BAD_ARGUMENTS', 'Column "x" not found'))).toBeNull();
    expect(scaleProblem(new Error('recommend score'))).toBeNull();
  });
});

describe('chart wording and shaping', () => {
  it('formats NPS with a true minus sign, one decimal for tables, p-values as analysts read them', () => {
    expect([formatNps(15.795), formatNps(-4.5), formatNps(0.4), formatNps(null)]).toEqual(['+16', '−4', '0', '—']);
    expect([formatNps1(31.448), formatNps1(-2.74), formatNps1(0.04)]).toEqual(['+31.4', '−2.7', '0.0']);
    expect([formatP(0.0000026), formatP(0.0021), formatP(0.0324), formatP(0.394), formatP(0.999)]).toEqual(['< 0.001', '0.002', '0.032', '0.39', '1.00']);
    expect(npsHeadline({ nps: 15.795, n: 2792, promoters: 1096, passives: 1041, detractors: 655, ci: [12.9, 18.65] }, 0.95)).toBe('+16 (95% CI +13 to +19), n = 2,792');
  });

  it('an NPS axis holds every interval, snapped to tens, within −100…100', () => {
    expect(npsRange([[5.5, 13.5], [24.2, 38.2]], [9.5, 31.4])).toEqual([-10, 50]);
    expect(npsRange([[-99, -90]], [])).toEqual([-100, -80]);
    expect(npsRange([], [])).toEqual([-100, 100]);
  });

  it('groups are drawn as reference, higher, lower, similar or small (small wins: too few to judge)', () => {
    const g = (group: string, n: number, small: boolean, diff?: number, significant = false): NpsGroup => ({
      group,
      nps: 10,
      n,
      promoters: 0,
      passives: 0,
      detractors: 0,
      ci: [0, 20],
      small,
      ...(diff === undefined ? {} : { vsReference: { difference: diff, ci: [diff - 5, diff + 5], pValue: 0.01, pAdjusted: 0.02, significant } }),
    });
    expect(groupStyle(g('a', 100, false), 'a')).toBe('reference');
    expect(groupStyle(g('b', 100, false, 12, true), 'a')).toBe('higher');
    expect(groupStyle(g('c', 100, false, -12, true), 'a')).toBe('lower');
    expect(groupStyle(g('d', 100, false, 3, false), 'a')).toBe('similar');
    expect(groupStyle(g('e', 12, true, 40, true), 'a')).toBe('small');
    expect(groupStyle({ ...g('f', 0, true), nps: null, ci: null }, 'a')).toBe('empty');
  });

  it('quadrant axes hold the points and both cut lines; performance stays within 0–1', () => {
    const r = quadrantRanges(
      [
        { x: 0.69, y: 40.7 },
        { x: 0.6, y: 33.6 },
        { x: 0.6, y: 16.3 },
        { x: 0.72, y: 9.5 },
      ],
      { share: 25, performance: 0.653 },
    );
    expect(r.x[0]).toBeLessThan(0.6);
    expect(r.x[1]).toBeGreaterThan(0.72);
    expect(r.x[1]).toBeLessThanOrEqual(1);
    expect(r.y[0]).toBeLessThan(9.5);
    expect(r.y[1]).toBeGreaterThan(40.7);
    expect(quadrantRanges([{ x: 0.99, y: 50 }, { x: 0.01, y: 50 }], { share: 50, performance: 0.5 }).x).toEqual([0, 1]);
  });

  it('a driver goes against the outcome when its sign points away from the better value', () => {
    expect([againstOutcome(1, false), againstOutcome(-1, false), againstOutcome(-1, true), againstOutcome(1, true), againstOutcome(0, true)]).toEqual([false, true, false, true, false]);
  });

  it('point labels: a lone point is labelled on its right; a dense cluster (the airline quadrant) gets no overlapping labels, all inside the plot', () => {
    const area = { width: 1000, height: 440 };
    const lone = placeLabels([{ x: 0.5, y: 20, label: 'Online boarding' }], area, { x: [0, 1], y: [0, 40] });
    expect(lone).toEqual([{ ax: (15 * 7.8 + 6) / 2 + 13, ay: 0, leader: false }]);

    // Shares and scaled performance of the 14 airline ratings (logistic weights, 0 = not applicable), as the services give them.
    const airline = [
      ['Online boarding', 0.586, 29.4],
      ['Inflight wifi service', 0.453, 13.6],
      ['Leg room service', 0.597, 8.1],
      ['Inflight entertainment', 0.594, 7.4],
      ['On-board service', 0.595, 6.9],
      ['Seat comfort', 0.616, 6.4],
      ['Departure/Arrival time convenient', 0.446, 5.0],
      ['Cleanliness', 0.573, 5.0],
      ['Ease of Online booking', 0.471, 4.9],
      ['Checkin service', 0.577, 4.4],
      ['Baggage handling', 0.66, 2.9],
      ['Inflight service', 0.664, 2.8],
      ['Food and drink', 0.444, 2.2],
      ['Gate location', 0.502, 1.0],
    ].map(([label, x, y]) => ({ label: label as string, x: x as number, y: y as number }));
    const ranges = quadrantRanges(airline, { share: 100 / 14, performance: 0.556 });
    const placed = placeLabels(airline, area, ranges);
    expect(labelsOverlap(airline, placed, area, ranges)).toBe(false);
    // Without placement (every label on its point's right) they would collide: the test is not vacuous.
    expect(labelsOverlap(airline, airline.map((p) => ({ ax: (p.label.length * 7.8 + 6) / 2 + 13, ay: 0, leader: false })), area, ranges)).toBe(true);
    for (const [i, p] of airline.entries()) {
      const cx = ((p.x - ranges.x[0]) / (ranges.x[1] - ranges.x[0])) * area.width + placed[i].ax;
      const cy = (1 - (p.y - ranges.y[0]) / (ranges.y[1] - ranges.y[0])) * area.height + placed[i].ay;
      const half = (p.label.length * 7.8 + 6) / 2;
      expect(cx - half, p.label).toBeGreaterThanOrEqual(0);
      expect(cx + half, p.label).toBeLessThanOrEqual(area.width);
      expect(cy - 9.5, p.label).toBeGreaterThanOrEqual(0);
      expect(cy + 9.5, p.label).toBeLessThanOrEqual(area.height);
    }
  });
});
