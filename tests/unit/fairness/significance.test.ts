// Two-proportion tests of the audit against scipy (fixture: tests/fixtures/fairness/make_fixture.py) and by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chiSquare2x2, compareProportions, fisherExact, smallestExpected } from '../../../main/analysis/fairness/significance';
import { twoProportionTest } from '../../../main/analysis/segment-stats';

interface TableRef {
  table: [[number, number], [number, number]];
  fisher: number;
  chiSquare: number;
  chiP: number;
  minExpected: number;
}
const ref = JSON.parse(readFileSync(join(__dirname, '../../fixtures/fairness/fairness-reference.json'), 'utf8')) as { tests2x2: TableRef[] };

describe("Fisher's exact test", () => {
  it('by hand: margins 4/4/4/4, observed a = 3', () => {
    // Hypergeometric weights C(4,x)·C(4,4−x) for x = 0..4: 1, 16, 36, 16, 1 (of 70). P(3) = 16/70; the tables no
    // more likely than it are x = 0, 1, 3, 4 → (1 + 16 + 16 + 1) / 70.
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(34 / 70, 14);
    // The most likely table (x = 2) has every table at most as likely → p = 1.
    expect(fisherExact(2, 2, 2, 2)).toBe(1);
  });

  it('by hand: a one-sided extreme table, 0 of 5 vs 7 of 9', () => {
    // Margins r1 = 5, r2 = 9, c1 = 7, N = 14. P(x) = C(7,x)·C(7,5−x) / C(14,5) = C(7,x)·C(7,5−x) / 2002:
    // x=0: 21, 1: 245, 2: 735, 3: 735, 4: 245, 5: 21. Observed x = 0 (21) → tables ≤ 21: x = 0 and 5 → 42/2002.
    expect(fisherExact(0, 5, 7, 2)).toBeCloseTo(42 / 2002, 14);
  });

  it('a single possible table (a margin is 0) gives p = 1', () => {
    expect(fisherExact(0, 10, 0, 20)).toBe(1);
    expect(fisherExact(3, 0, 5, 0)).toBe(1);
  });

  it.each(ref.tests2x2.map((t) => [JSON.stringify(t.table), t] as const))('matches scipy.stats.fisher_exact on %s', (_, t) => {
    const [[a, b], [c, d]] = t.table;
    expect(fisherExact(a, b, c, d)).toBeCloseTo(t.fisher, 12);
    expect(fisherExact(a, b, c, d) / t.fisher).toBeCloseTo(1, 9);
  });
});

describe('chi-square without continuity correction', () => {
  it.each(ref.tests2x2.map((t) => [JSON.stringify(t.table), t] as const))('matches scipy chi2_contingency(correction=False) on %s', (_, t) => {
    const [[a, b], [c, d]] = t.table;
    expect(chiSquare2x2(a, b, c, d)).toBeCloseTo(t.chiSquare, 9);
    expect(smallestExpected(a, b, c, d)).toBeCloseTo(t.minExpected, 12);
  });

  it('equals the pooled two-proportion z squared', () => {
    const z = twoProportionTest(120, 1000, 95, 1000).z;
    expect(chiSquare2x2(120, 880, 95, 905)).toBeCloseTo(z * z, 10);
  });
});

describe('compareProportions picks the test by the smallest expected cell', () => {
  it.each(ref.tests2x2.map((t) => [JSON.stringify(t.table), t] as const))('%s', (_, t) => {
    const [[a, b], [c, d]] = t.table;
    const r = compareProportions(a, a + b, c, c + d)!;
    if (t.minExpected < 5) {
      expect(r.test).toBe('fisher');
      expect(r.pValue / t.fisher).toBeCloseTo(1, 9);
    } else {
      expect(r.test).toBe('chi-square');
      expect(r.pValue / t.chiP).toBeCloseTo(1, 9);
    }
  });

  it('an expected cell of exactly 5 is not "below 5": chi-square', () => {
    // [[1, 9], [11, 3]]: row totals 10/14, column totals 12/12, N 24 → smallest expected 10·12/24 = 5.
    expect(compareProportions(1, 10, 11, 14)!.test).toBe('chi-square');
  });

  it('a rate without a denominator is not tested', () => {
    expect(compareProportions(0, 0, 3, 10)).toBeNull();
    expect(compareProportions(3, 10, 0, 0)).toBeNull();
  });
});
