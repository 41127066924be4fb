// NPS, its adjusted-Wald interval, the two-group comparison, Holm and the chi-square test.
// Hand computations are written out in the comments (fractions over n' = n + 3); the two-group cases were also
// computed once, independently, in Python with scipy 1.10.1 (norm.ppf, norm.sf) from the formulas of
// Rocks (2016) / Sauro & Lewis; the chi-square tables with scipy.stats.chi2_contingency(correction=False).
// MeasuringU's own worked example ("Confidence Intervals for Net Promoter Scores") could not be read here: the
// offline reference store keeps only the opening of those articles, so its numbers are not reproduced; the
// formulas are checked by hand instead.
import { describe, expect, it } from 'vitest';
import { chiSquareIndependence, compareNps, holm } from '../../../main/analysis/nps/compare';
import { zForLevel } from '../../../main/analysis/nps/distributions';
import { countsOf, summarize } from '../../../main/analysis/nps/summary';

const Z95 = 1.959963984540054;
const Z90 = 1.6448536269514722;
const c = (promoters: number, passives: number, detractors: number) => ({ promoters, passives, detractors });

describe('NPS and its adjusted-Wald interval', () => {
  it('5 promoters, 3 passives, 2 detractors (worked by hand)', () => {
    // NPS = 100·(5 − 2)/10 = 30. n' = 13, p'P = 5.75/13, p'D = 2.75/13, NPS' = 3/13,
    // Var' = (8.5/13 − (3/13)²)/13 = (8.5·13 − 9)/13³ = 101.5/2197.
    const s = summarize(c(5, 3, 2), Z95);
    expect(s.nps).toBe(30);
    expect(s.n).toBe(10);
    const half = Z95 * Math.sqrt(101.5 / 2197);
    expect(s.ci![0]).toBeCloseTo(100 * (3 / 13 - half), 12);
    expect(s.ci![1]).toBeCloseTo(100 * (3 / 13 + half), 12);
    expect(s.ci![0]).toBeCloseTo(-19.0506, 3);
    expect(s.ci![1]).toBeCloseTo(65.2045, 3);
  });

  it('uses the z of the chosen level', () => {
    const s = summarize(c(5, 3, 2), Z90);
    const half = Z90 * Math.sqrt(101.5 / 2197);
    expect(s.ci![0]).toBeCloseTo(100 * (3 / 13 - half), 12);
    expect(s.ci![1]).toBeCloseTo(100 * (3 / 13 + half), 12);
    expect(zForLevel(0.9)).toBeCloseTo(Z90, 14);
  });

  it('n = 0: no NPS and no interval', () => {
    expect(summarize(c(0, 0, 0), Z95)).toEqual({ nps: null, n: 0, promoters: 0, passives: 0, detractors: 0, ci: null });
  });

  it('n = 1: one promoter gives NPS 100 and an interval that does not reach it', () => {
    // n' = 4, p'P = 1.75/4 = 0.4375, p'D = 0.75/4 = 0.1875, NPS' = 0.25, Var' = (0.625 − 0.0625)/4 = 0.140625 (sd 0.375).
    const s = summarize(c(1, 0, 0), Z95);
    expect(s.nps).toBe(100);
    expect(s.ci![0]).toBeCloseTo(100 * (0.25 - Z95 * 0.375), 12);
    expect(s.ci![1]).toBeCloseTo(100 * (0.25 + Z95 * 0.375), 12);
    expect(s.ci![1]).toBeLessThan(100);
    const d = summarize(c(0, 0, 1), Z95);
    expect(d.nps).toBe(-100);
    expect(d.ci![0]).toBeCloseTo(-s.ci![1], 12);
  });

  it('all promoters (n = 50): NPS 100, upper bound clipped to 100', () => {
    // NPS' = 50/53, Var' = (51.5/53 − (50/53)²)/53 = (51.5·53 − 2500)/53³ = 229.5/148877.
    const s = summarize(c(50, 0, 0), Z95);
    expect(s.nps).toBe(100);
    expect(s.ci![1]).toBe(100);
    expect(s.ci![0]).toBeCloseTo(100 * (50 / 53 - Z95 * Math.sqrt(229.5 / 148877)), 12);
    expect(s.ci![0]).toBeCloseTo(86.644, 3);
  });

  it('counts promoters 9–10, passives 7–8 and detractors 0–6 from a 0–10 tally', () => {
    //             0  1  2  3  4  5  6  7  8  9  10
    const tally = [1, 0, 2, 0, 0, 3, 4, 5, 6, 7, 8];
    expect(countsOf(tally)).toEqual(c(15, 11, 10));
  });
});

describe('two-group comparison', () => {
  // [a, b, difference, ci95, ci90, z, p] from the independent Python computation.
  const cases: [number[], number[], number, [number, number], [number, number], number, number][] = [
    [[60, 25, 15], [40, 30, 30], 35, [12.50511535949743, 55.45604968904625], [15.957802343060528, 52.003362705483156], 3.1012465251748838, 0.0019270777997017158],
    [[12, 5, 3], [8, 9, 3], 20, [-24.69470696818404, 59.47731566383621], [-17.92838973997375, 52.710998435625925], 0.8099206624731161, 0.41798577548351856],
    [[5, 3, 2], [2, 3, 5], 60, [-13.423490076186045, 105.73118238387835], [-3.8450305372847717, 96.15272284497706], 1.5183605366354271, 0.12892353442115728],
    [[300, 400, 300], [310, 380, 310], 0, [-6.833770449901752, 6.833770449901752], [-5.7350809499249635, 5.7350809499249635], 0, 1],
  ];
  it.each(cases)('%j vs %j', (a, b, diff, ci95, ci90, z, p) => {
    const d = compareNps(c(a[0], a[1], a[2]), c(b[0], b[1], b[2]), Z95)!;
    expect(d.difference).toBeCloseTo(diff, 12);
    expect(d.ci[0]).toBeCloseTo(ci95[0], 10);
    expect(d.ci[1]).toBeCloseTo(ci95[1], 10);
    expect(d.z).toBeCloseTo(z, 12);
    expect(d.pValue).toBeCloseTo(p, 12);
    const d90 = compareNps(c(a[0], a[1], a[2]), c(b[0], b[1], b[2]), Z90)!;
    expect(d90.ci[0]).toBeCloseTo(ci90[0], 10);
    expect(d90.ci[1]).toBeCloseTo(ci90[1], 10);
  });

  it('by hand: 60/25/15 vs 40/30/30', () => {
    // NPS'a = 45/103, Var'a = (76.5·103 − 45²)/103³ = 5854.5/103³; NPS'b = 10/103, Var'b = (71.5·103 − 10²)/103³ = 7264.5/103³.
    const se = Math.sqrt((5854.5 + 7264.5) / 103 ** 3);
    const d = compareNps(c(60, 25, 15), c(40, 30, 30), Z95)!;
    expect(d.z).toBeCloseTo(35 / 103 / se, 12);
    expect(d.ci[0]).toBeCloseTo(100 * (35 / 103 - Z95 * se), 12);
  });

  it('the interval excludes 0 exactly when p < 0.05', () => {
    for (const [a, b] of [[[60, 25, 15], [40, 30, 30]], [[12, 5, 3], [8, 9, 3]], [[50, 20, 30], [40, 25, 35]], [[55, 20, 25], [40, 25, 35]]]) {
      const d = compareNps(c(a[0], a[1], a[2]), c(b[0], b[1], b[2]), Z95)!;
      expect(d.ci[0] > 0 || d.ci[1] < 0).toBe(d.pValue < 0.05);
    }
  });

  it('is null against an empty group', () => {
    expect(compareNps(c(0, 0, 0), c(1, 2, 3), Z95)).toBeNull();
    expect(compareNps(c(1, 2, 3), c(0, 0, 0), Z95)).toBeNull();
  });
});

describe('Holm adjustment', () => {
  it('steps down with a running maximum (worked by hand)', () => {
    // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06.
    const adj = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adj[0]).toBeCloseTo(0.03, 15);
    expect(adj[1]).toBeCloseTo(0.06, 15);
    expect(adj[2]).toBeCloseTo(0.06, 15);
    expect(adj[3]).toBeCloseTo(0.02, 15);
  });
  it('caps at 1 and keeps one p as it is', () => {
    expect(holm([0.5, 0.6])).toEqual([1, 1]);
    expect(holm([0.03])).toEqual([0.03]);
    expect(holm([])).toEqual([]);
  });
});

describe('chi-square test of independence', () => {
  it('3 × 3 table matches scipy', () => {
    const r = chiSquareIndependence([[60, 25, 15], [40, 30, 30], [20, 30, 50]]);
    expect(r.statistic).toBeCloseTo(40.06191950464397, 10);
    expect(r.df).toBe(4);
    expect(r.pValue / 4.202655626913013e-8).toBeCloseTo(1, 10);
    expect(r.lowExpected).toBe(0);
  });
  it('4 × 3 table with sparse cells matches scipy and counts cells expecting < 5', () => {
    const r = chiSquareIndependence([[12, 5, 3], [8, 9, 3], [2, 3, 10], [30, 30, 40]]);
    expect(r.statistic).toBeCloseTo(17.98925941080196, 10);
    expect(r.df).toBe(6);
    expect(r.pValue).toBeCloseTo(0.006259092491545945, 12);
    // Expected: rows of 20, 20, 15 with column shares 52/155, 47/155, 56/155 → row 3: 5.03, 4.55, 5.42; rows 1–2: 6.71, 6.06, 7.23.
    expect(r.lowExpected).toBe(1);
    expect(r.cells).toBe(12);
  });
  it('leaves out empty groups and categories nobody chose', () => {
    const full = chiSquareIndependence([[10, 0, 5], [0, 0, 0], [4, 0, 11]]);
    const bare = chiSquareIndependence([[10, 5], [4, 11]]);
    expect(full.statistic).toBeCloseTo(bare.statistic, 12);
    expect(full.df).toBe(1);
    expect(full.rows).toBe(2);
  });
  it('one category only: nothing to test, p = 1', () => {
    const r = chiSquareIndependence([[10, 0, 0], [4, 0, 0]]);
    expect(r.df).toBe(0);
    expect(r.pValue).toBe(1);
  });
});
