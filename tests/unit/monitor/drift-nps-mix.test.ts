// NPS change and the mix check on hand-made waves, and the column verdicts. Expected values are computed by hand
// in the comments (no library): the adjusted-Wald difference interval is written out from its formula (Rocks 2016:
// n' = n + 3, p' = (count + ¾)/n', Var' = (p'P + p'D − (p'P − p'D)²)/n', variances of independent waves add).
import { describe, expect, it } from 'vitest';
import { npsChange } from '../../../main/analysis/monitor/drift/nps-mix';
import { judgeColumns } from '../../../main/analysis/monitor/drift/judge';
import { compareCategorical, compareNumeric } from '../../../main/analysis/monitor/drift/compare-column';
import { DEFAULT_DRIFT_THRESHOLDS } from '../../../shared/monitor-drift';

/** A wave from per-group (promoters, passives, detractors): scores 10 / 8 / 3, groups coded by position. */
function wave(perGroup: [number, number, number][]) {
  const scores: number[] = [];
  const groups: number[] = [];
  perGroup.forEach(([p, pa, d], g) => {
    const add = (score: number, count: number) => {
      for (let i = 0; i < count; i++) {
        scores.push(score);
        groups.push(g);
      }
    };
    add(10, p);
    add(8, pa);
    add(3, d);
  });
  return { scores: Int8Array.from(scores), groups: Int32Array.from(groups) };
}

const Z95 = 1.959963984540054;

describe('NPS change and mix (direct standardisation)', () => {
  // Reference: web 80 answers (40 P, 20 Pa, 20 D → NPS 25), phone 20 (4 P, 6 Pa, 10 D → −30); overall 44 P, 30 D of
  // 100 → 14. Current: the same per-channel opinion with the shares swapped: web 20 (10/5/5 → 25), phone 80
  // (16/24/40 → −30); overall 26 P, 45 D of 100 → −19. Raw change −33; at the reference mix the current wave is
  // 0.8·25 + 0.2·(−30) = 14, so the mix-adjusted change is 0 and the mix explains all of it (mixShare 1).
  const ref = wave([
    [40, 20, 20],
    [4, 6, 10],
  ]);
  const cur = wave([
    [10, 5, 5],
    [16, 24, 40],
  ]);

  it('raw change all mix: mixAdjustedChange 0, mixShare 1, verdict says mostly mix', () => {
    const warnings: string[] = [];
    const r = npsChange('score', 'channel', ['web', 'phone'], ref, cur, Z95, 0.95, warnings)!;
    expect(r.reference).toBeCloseTo(14, 12);
    expect(r.current).toBeCloseTo(-19, 12);
    expect(r.change).toBeCloseTo(-33, 12);
    expect(r.mixAdjustedCurrent).toBeCloseTo(14, 12);
    expect(r.mixAdjustedChange).toBeCloseTo(0, 12);
    expect(r.mixShare).toBeCloseTo(1, 12);
    expect(r.verdict).toMatch(/mostly mix/);
    expect(warnings).toEqual([]);
    // Per group: no change within either channel.
    expect(r.groups.map((g) => [g.group, g.referenceN, g.currentN, g.change])).toEqual([
      ['web', 80, 20, 0],
      ['phone', 20, 80, 0],
    ]);
  });

  it('the change CI and p-value are the two-sample adjusted-Wald ones', () => {
    const r = npsChange('score', null, [], { scores: ref.scores, groups: null }, { scores: cur.scores, groups: null }, Z95, 0.95, [])!;
    const aw = (p: number, d: number, n: number) => {
      const na = n + 3;
      const pp = (p + 0.75) / na;
      const pd = (d + 0.75) / na;
      return { c: pp - pd, v: (pp + pd - (pp - pd) ** 2) / na };
    };
    const a = aw(26, 45, 100);
    const b = aw(44, 30, 100);
    const se = Math.sqrt(a.v + b.v);
    expect(r.changeCi[0]).toBeCloseTo(100 * (a.c - b.c - Z95 * se), 10);
    expect(r.changeCi[1]).toBeCloseTo(100 * (a.c - b.c + Z95 * se), 10);
    // z = (a.c − b.c)/se = −2.76354 → two-sided normal p = 2·norm.sf(2.76354) = 0.0057178 (scipy)
    expect((a.c - b.c) / se).toBeCloseTo(-2.76354, 4);
    expect(r.pValue).toBeCloseTo(0.0057178, 6);
    expect(r.mixShare).toBeNull();
    expect(r.mixAdjustedChange).toBeNull();
  });

  it('opinion change at a fixed mix: mix explains nothing', () => {
    // Same shares (50/50) in both waves; web drops from 25 to −15 (−40), phone stays at −25: raw change =
    // mix-adjusted change = ½·(−40) = −20, mixShare 0.
    const r1 = wave([
      [20, 10, 10],
      [10, 10, 20],
    ]);
    const r2 = wave([
      [12, 10, 18],
      [10, 10, 20],
    ]);
    const r = npsChange('score', 'channel', ['web', 'phone'], r1, r2, Z95, 0.95, [])!;
    expect(r.change).toBeCloseTo(-20, 12);
    expect(r.mixAdjustedChange).toBeCloseTo(-20, 12);
    expect(r.mixShare).toBeCloseTo(0, 12);
    expect(r.verdict).toMatch(/mostly opinion/);
  });

  it('a change under one point leaves mixShare null', () => {
    const r = npsChange('score', 'channel', ['web'], wave([[10, 0, 0]]), wave([[10, 0, 0]]), Z95, 0.95, [])!;
    expect(r.change).toBe(0);
    expect(r.mixShare).toBeNull();
    expect(r.verdict).toMatch(/nothing for the mix/);
  });

  it('a group answered in one wave only is left out of the standardisation, with a warning', () => {
    const warnings: string[] = [];
    // Reference: web (10 P → 100) and phone (10 D → −100); current: web only (5 P, 5 D → 0).
    const r = npsChange('score', 'channel', ['web', 'phone'], wave([[10, 0, 0], [0, 0, 10]]), wave([[5, 0, 5], [0, 0, 0]]), Z95, 0.95, warnings)!;
    // Over web alone: current 0 minus reference 100.
    expect(r.mixAdjustedChange).toBeCloseTo(-100, 12);
    expect(warnings[0]).toMatch(/“phone”/);
  });
});

describe('column verdicts', () => {
  const t = DEFAULT_DRIFT_THRESHOLDS;
  it('large waves: distances decide against their thresholds; the verdict counts', () => {
    const a = Float64Array.from({ length: 2000 }, (_, i) => i % 100);
    const shifted = Float64Array.from({ length: 2000 }, (_, i) => (i % 100) + 20).sort();
    const same = compareNumeric('same', a.slice().sort(), a.slice().sort(), 2000, 2000);
    const moved = compareNumeric('moved', a.slice().sort(), shifted, 2000, 2000);
    // Shares 50/50 → 40/60, mid (0.45, 0.55): JS divergence (base 2) = ½[KL(p‖m) + KL(q‖m)], distance its root ≈ 0.0854 < 0.1.
    const cat = compareCategorical('plan', ['a', 'b'], [1000, 1000], [800, 1200], 2000, 2000);
    const j = judgeColumns([same, moved, cat], 2000, 2000, t);
    expect(j.judgedBy).toBe('distances');
    // Moving every value by 20 moves the mass 20; the reference SD of 0…99 is √((100²−1)/12) ≈ 28.87.
    expect(moved.distance).toBeCloseTo(20 / Math.sqrt((100 ** 2 - 1) / 12), 10);
    const kl = (x: number[], m: number[]) => x.reduce((s, v, i) => s + v * Math.log2(v / m[i]), 0);
    expect(cat.distance).toBeCloseTo(Math.sqrt((kl([0.5, 0.5], [0.45, 0.55]) + kl([0.4, 0.6], [0.45, 0.55])) / 2), 12);
    expect(cat.distance).toBeCloseTo(0.0854, 4);
    expect(j.columns.map((c) => c.drifted)).toEqual([false, true, false]);
    expect(j.drifted).toBe(1);
    expect(j.verdict).toMatch(/^1 of 3 columns drifted/);
    expect(j.datasetDrifted).toBe(false);
  });
  it('small waves: BH-adjusted tests decide', () => {
    const cat = compareCategorical('plan', ['a', 'b', 'c'], [50, 30, 20], [20, 30, 50], 100, 100);
    const calm = compareCategorical('region', ['n', 's'], [50, 50], [49, 51], 100, 100);
    const j = judgeColumns([cat, calm], 100, 100, t);
    expect(j.judgedBy).toBe('tests');
    expect(j.columns[0].drifted).toBe(true);
    expect(j.columns[1].drifted).toBe(false);
    expect(j.columns[0].adjustedPValue).toBeCloseTo(Math.min(1, cat.pValue * 2), 12);
    expect(cat.newCategories).toEqual([]);
  });
  it('new and vanished categories are named', () => {
    const c = compareCategorical('plan', ['a', 'b', 'c'], [10, 5, 0], [10, 0, 5], 15, 15);
    expect(c.newCategories).toEqual(['c']);
    expect(c.vanishedCategories).toEqual(['b']);
  });
});
