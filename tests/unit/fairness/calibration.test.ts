// Calibration by score decile: cut points and tie handling by hand, the stratified (CMH) comparison by hand, and
// the per-group bins against numpy (fixture: tests/fixtures/fairness/make_fixture.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import { calibrationGap, calibrationTallies, decileCodes, decileEdges } from '../../../main/analysis/fairness/calibration';
import { quantilesInPlace } from '../../../main/analysis/select';
import { mulberry32 } from '../../../main/analysis/random';
import { wilsonInterval } from '../../../main/analysis/segment-stats';
import { quantileSorted } from '../../../main/analysis/stats-basic';
import { inputOf, rep, type Row } from './helpers';

describe('decile cut points (numpy linear quantiles, right-closed bins)', () => {
  it('ten distinct scores fall one per decile', () => {
    const s = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const edges = decileEdges(s, 10)!;
    // np.quantile([1..10], k/10) = 1 + 0.9k.
    edges.forEach((e, k) => expect(e).toBeCloseTo(1 + 0.9 * k, 12));
    expect(Array.from(decileCodes(s, 10, edges))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('ties: coinciding cut points leave deciles empty, a tied score goes to the first decile that reaches it', () => {
    // Sorted 0×6, 1×4: quantile positions 0.9k → cut points 0,0,0,0,0,0, 0.4 (between the 6th and 7th), 1,1,1,1.
    const s = Float64Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const edges = decileEdges(s, 10)!;
    expect(edges.map((e) => Number(e.toFixed(10)))).toEqual([0, 0, 0, 0, 0, 0, 0.4, 1, 1, 1, 1]);
    expect(Array.from(decileCodes(s, 10, edges))).toEqual([0, 0, 0, 0, 0, 0, 6, 6, 6, 6]);
  });

  it('rows without a score are left out', () => {
    const s = Float64Array.from([Number.NaN, 2, 4]);
    const edges = decileEdges(s, 3)!;
    expect(edges[0]).toBe(2);
    expect(edges[10]).toBe(4);
    expect(decileCodes(s, 3, edges)[0]).toBe(-1);
  });
});

describe('group vs reference at the same score (Cochran–Mantel–Haenszel)', () => {
  it('by hand on two deciles', () => {
    // Decile 1: group 2 of 10 positive, reference 4 of 10; decile 2: group 5 of 10, reference 8 of 10.
    // Weighted difference = (10·(0.2 − 0.4) + 10·(0.5 − 0.8)) / 20 = −0.25.
    // CMH: stratum 1 E = 10·6/20 = 3, Var = 10·10·6·14/(20²·19); stratum 2 E = 6.5, Var = 10·10·13·7/(20²·19);
    // χ² = (−1 − 1.5)² / (8400/7600 + 9100/7600) = 2.714285…; scipy.stats.chi2.sf(2.714285…, 1) = 0.09945347974830901.
    const rows: { g: number; d: number; y: number }[] = [];
    const add = (g: number, d: number, n: number, pos: number) => {
      for (let i = 0; i < n; i++) rows.push({ g, d, y: i < pos ? 1 : 0 });
    };
    add(0, 0, 10, 2);
    add(1, 0, 10, 4);
    add(0, 1, 10, 5);
    add(1, 1, 10, 8);
    const n = rows.length;
    const t = calibrationTallies(
      Int32Array.from(rows.map((r) => r.g)),
      2,
      Int8Array.from(rows.map((r) => r.d)),
      new Float64Array(n).fill(0.5),
      Uint8Array.from(rows.map((r) => r.y)),
      n,
    );
    const gap = calibrationGap(t, 0, 1);
    expect(gap.difference).toBeCloseTo(-0.25, 15);
    expect(gap.n).toBe(20);
    expect(gap.pValue).toBeCloseTo(0.09945347974830901, 12);
  });
});

interface BinRef {
  group: number;
  decile: number;
  n: number;
  meanScore: number;
  observed: number;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/fairness/fairness-reference.json'), 'utf8')) as {
  data: { sexLevels: string[]; sex: number[]; label: number[]; pred: number[]; score: number[] };
  calibrationBySex: { edges: number[]; bins: BinRef[] };
};

describe('audit calibration bins against numpy (2,400 scores with ties, by sex)', () => {
  const d = fixture.data;
  const rows: Row[] = d.label.map((y, i) => ({ codes: [d.sex[i]], label: y as 0 | 1, pred: d.pred[i] as 0 | 1, score: d.score[i] }));
  const r = auditDecision(inputOf(rows, [{ name: 'sex', levels: d.sexLevels }]), { dataset: 'f', protected: ['sex'], score: 's', threshold: 0.5 });

  it('same cut points, same bins, same counts, means and observed rates', () => {
    const bins = r.calibration!;
    expect(bins).toHaveLength(fixture.calibrationBySex.bins.length);
    fixture.calibrationBySex.bins.forEach((e, i) => {
      const b = bins[i];
      expect([b.group, b.decile, b.n]).toEqual([d.sexLevels[e.group], e.decile, e.n]);
      expect(b.meanScore).toBeCloseTo(e.meanScore, 12);
      expect(b.observed.value).toBeCloseTo(e.observed, 14);
      expect(b.observed.ci).toEqual(wilsonInterval(b.observed.numerator, b.n));
      expect(b.lower).toBeCloseTo(fixture.calibrationBySex.edges[e.decile - 1], 12);
      expect(b.upper).toBeCloseTo(fixture.calibrationBySex.edges[e.decile], 12);
    });
  });

  it('a calibration verdict exists only with a score and a label', () => {
    expect(r.verdicts.some((v) => v.metric === 'Calibration within groups')).toBe(true);
    const noScore = auditDecision(inputOf(rows.map((x) => ({ ...x, score: undefined })), [{ name: 'sex', levels: d.sexLevels }]), { dataset: 'f', protected: ['sex'] });
    expect(noScore.calibration).toBeNull();
    expect(noScore.verdicts.some((v) => v.metric === 'Calibration within groups')).toBe(false);
  });
});

describe('calibration verdict on a planted over-stated score (punitive)', () => {
  // Same scores for both groups, but seniors turn out positive far less often at the same score: the score
  // over-states their risk, which for a sanction means they are sanctioned more than their outcomes justify.
  const rows: Row[] = [];
  for (let k = 0; k < 10; k++) {
    const score = (k + 0.5) / 10;
    const young = Math.round(100 * score);
    const senior = Math.floor(young / 2);
    rows.push(...rep(young, { codes: [0], label: 1, pred: score >= 0.5 ? 1 : 0, score }), ...rep(100 - young, { codes: [0], label: 0, pred: score >= 0.5 ? 1 : 0, score }));
    rows.push(...rep(senior, { codes: [1], label: 1, pred: score >= 0.5 ? 1 : 0, score }), ...rep(100 - senior, { codes: [1], label: 0, pred: score >= 0.5 ? 1 : 0, score }));
  }
  const r = auditDecision(inputOf(rows, [{ name: 'senior', levels: ['No', 'Yes'] }]), { dataset: 'f', protected: ['senior'], direction: 'punitive', score: 'risk', threshold: 0.5 });
  const v = r.verdicts.find((x) => x.metric === 'Calibration within groups')!;

  it('fails, names the group and says the score over-states its risk', () => {
    expect(v.status).toBe('fail');
    // Each score is its own decile (200 rows each). Positives per decile of 100 rows, No/Yes: 5/2, 15/7, 25/12,
    // 35/17, 45/22, 55/27, 65/32, 75/37, 85/42, 95/47 → Yes − No summed = 245 − 500 = −255 over 1,000 senior
    // rows → −25.5 points.
    expect(v.finding).toContain('senior "Yes" turns out positive 25.5 points less often than "No" at the same score');
    expect(v.finding).toContain('the score over-states its risk');
    expect(v.why).toContain('sanctioned more than its outcomes justify');
    expect(v.confidence).toContain('very confident');
  });
});

describe('quantiles by partial selection', () => {
  it('equal the sorted-array type-7 quantiles on random data with many ties', () => {
    const rand = mulberry32(3);
    for (const n of [1, 2, 17, 1000, 50_001]) {
      const v = Float64Array.from({ length: n }, () => Math.round(rand() * 50) / 10);
      const sorted = Float64Array.from(v).sort();
      const ps = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1];
      expect(quantilesInPlace(Float64Array.from(v), 0, n, ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
    }
  });
});
