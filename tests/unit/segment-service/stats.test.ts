// Card statistics against scipy (scipy.stats.ttest_ind(equal_var=False), t.sf, norm.sf) and hand-computed
// Wilson / adjusted-Wald (Rocks 2016) intervals, computed once with /usr/bin/python3 and pasted here.
import { describe, expect, it } from 'vitest';
import { normalTwoSidedP, npsWithInterval, studentTwoSidedP, twoProportionTest, welchTest, wilsonInterval } from '../../../main/analysis/segment-stats';

describe('segment statistics', () => {
  it("Welch's t-test matches scipy", () => {
    const r = welchTest({ n: 7, mean: 5.542857142857143, variance: 0.2295238095238095 }, { n: 5, mean: 4.3, variance: 0.125 });
    expect(r.t).toBeCloseTo(5.17009101302772, 10);
    expect(r.p).toBeCloseTo(0.00042503754105140666, 10);
  });

  it('Student t and normal tails match scipy', () => {
    expect(studentTwoSidedP(2.5, 3.7)).toBeCloseTo(0.07182202291182675, 10);
    expect(normalTwoSidedP(1.96)).toBeCloseTo(0.04999579029644087, 6);
    expect(normalTwoSidedP(3.3)).toBeCloseTo(0.0009668482847675549, 6);
  });

  it('two-proportion z-test (pooled)', () => {
    const r = twoProportionTest(30, 100, 45, 200);
    expect(r.z).toBeCloseTo(1.4142135623730947, 10);
    expect(r.p).toBeCloseTo(0.15729920705028533, 6);
  });

  it('Wilson interval, and no interval without a denominator', () => {
    const [lo, hi] = wilsonInterval(12, 40)!;
    expect(lo).toBeCloseTo(0.18074845229746528, 12);
    expect(hi).toBeCloseTo(0.45430018818144935, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('NPS with the adjusted-Wald interval', () => {
    const r = npsWithInterval(50, 30, 20);
    expect(r.nps).toBe(30);
    expect(r.n).toBe(100);
    expect(r.ci![0]).toBeCloseTo(14.051130178761607, 9);
    expect(r.ci![1]).toBeCloseTo(44.20129700570441, 9);
    expect(npsWithInterval(0, 0, 0)).toEqual({ nps: null, n: 0, ci: null });
  });
});
