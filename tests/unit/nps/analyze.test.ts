// analyzeNps on a hand-made survey: overall, distribution, group order, the reference, the two-group and the
// several-group tests, small groups, and the trend with an empty month. Expected numbers are recounted here by
// hand or with the separately tested building blocks (compareNps, chiSquareIndependence, holm).
import { describe, expect, it } from 'vitest';
import { analyzeNps } from '../../../main/analysis/nps/analyze';
import { chiSquareIndependence, compareNps, holm } from '../../../main/analysis/nps/compare';
import { groupCoded } from '../../../main/analysis/nps/grouping';
import { periodIndex } from '../../../main/analysis/nps/periods';

const Z95 = 1.959963984540054;

/** Rows of [score or null, group code or −1]. */
function survey(rows: [number | null, number][], levels: string[]) {
  const scores = Int8Array.from(rows.map(([s]) => (s === null ? -1 : s)));
  const distribution = new Array<number>(11).fill(0);
  for (const [s] of rows) if (s !== null) distribution[s]++;
  return { scores, distribution, grouping: groupCoded(Int32Array.from(rows.map(([, g]) => g)), levels) };
}

const rep = (n: number, score: number, g: number): [number, number][] => Array.from({ length: n }, () => [score, g] as [number, number]);

describe('analyzeNps', () => {
  // Group a: 6 promoters, 2 passives, 2 detractors (NPS 40); b: 2/2/6 (−40); c: 30 answers 10/10/10 (0); 3 missing scores; 2 without a group.
  const rows: [number | null, number][] = [
    ...rep(6, 10, 0), ...rep(2, 8, 0), ...rep(2, 3, 0),
    ...rep(2, 9, 1), ...rep(2, 7, 1), ...rep(6, 0, 1),
    ...rep(10, 9, 2), ...rep(10, 7, 2), ...rep(10, 6, 2),
    [null, 0], [null, 1], [null, 2], [10, -1], [2, -1],
  ];
  const s = survey(rows, ['a', 'b', 'c']);
  const r = analyzeNps({ ...s, periods: null, level: 0.95, minN: 15 });

  it('overall NPS and distribution', () => {
    // promoters 6 + 2 + 10 + 1 = 19, detractors 2 + 6 + 10 + 1 = 19 of 52 → NPS 0.
    expect(r.overall).toMatchObject({ nps: 0, n: 52, promoters: 19, passives: 14, detractors: 19 });
    expect(r.distribution.find((d) => d.score === 10)!.count).toBe(7);
    expect(r.distribution.reduce((t, d) => t + d.count, 0)).toBe(52);
  });

  it('groups by size, "(missing)" last, small ones flagged but kept', () => {
    expect(r.groups.map((g) => [g.group, g.n, g.nps, g.small])).toEqual([
      ['c', 30, 0, false],
      ['a', 10, 40, true],
      ['b', 10, -40, true],
      ['(missing)', 2, 0, true],
    ]);
    expect(r.reference).toBe('c');
    expect(r.warnings.some((w) => w.startsWith('3 groups have fewer than 15 answers ("a" 10, "b" 10, "(missing)" 2)'))).toBe(true);
  });

  it('compares each group with the largest, Holm-adjusted', () => {
    const c = { promoters: 10, passives: 10, detractors: 10 };
    const ds = [
      compareNps({ promoters: 6, passives: 2, detractors: 2 }, c, Z95)!,
      compareNps({ promoters: 2, passives: 2, detractors: 6 }, c, Z95)!,
      compareNps({ promoters: 1, passives: 0, detractors: 1 }, c, Z95)!,
    ];
    const adj = holm(ds.map((d) => d.pValue));
    for (let i = 0; i < 3; i++) {
      const v = r.groups[i + 1].vsReference!;
      expect(v.difference).toBeCloseTo(ds[i].difference, 12);
      expect(v.pValue).toBe(ds[i].pValue);
      expect(v.pAdjusted).toBe(adj[i]);
      expect(v.significant).toBe(adj[i] < 0.05);
    }
    expect(r.groups[0].vsReference).toBeUndefined();
  });

  it('several groups: chi-square on groups × categories, with the multiple-comparison note', () => {
    const chi = chiSquareIndependence([[10, 10, 10], [6, 2, 2], [2, 2, 6], [1, 0, 1]]);
    expect(r.test).toMatchObject({ kind: 'several-groups', df: 6 });
    expect(r.test!.statistic).toBeCloseTo(chi.statistic, 12);
    expect(r.test!.pValue).toBe(chi.pValue);
    expect(r.test!.note).toContain('Holm-adjusted');
    expect(r.test!.note).toContain('(3 comparisons)');
  });

  it('two groups: the z test of their difference; a chosen reference', () => {
    const two = survey([...rep(6, 10, 0), ...rep(4, 3, 0), ...rep(3, 10, 1), ...rep(7, 3, 1)], ['x', 'y']);
    const t = analyzeNps({ ...two, periods: null, level: 0.95, minN: 30, reference: 'y' });
    const d = compareNps({ promoters: 6, passives: 0, detractors: 4 }, { promoters: 3, passives: 0, detractors: 7 }, Z95)!;
    expect(t.reference).toBe('y');
    expect(t.test).toMatchObject({ kind: 'two-groups', df: null });
    expect(t.test!.statistic).toBeCloseTo(d.z, 12);
    expect(t.test!.pValue).toBe(d.pValue);
    expect(t.test!.note).toContain('"x" (NPS +20, n 10) vs "y" (NPS −40, n 10): +60 points');
    expect(() => analyzeNps({ ...two, periods: null, level: 0.95, minN: 30, reference: 'z' })).toThrow('There is no group "z" to compare against. Groups: "x", "y".');
  });

  it('no grouping: no groups, no test', () => {
    const plain = analyzeNps({ scores: s.scores, distribution: s.distribution, grouping: null, periods: null, level: 0.95, minN: 30 });
    expect(plain.groups).toEqual([]);
    expect(plain.test).toBeNull();
    expect(plain.reference).toBeNull();
  });

  it('trend by month with an empty month between and undated answers left out', () => {
    const times = [Date.UTC(2025, 0, 5), Date.UTC(2025, 0, 20), Date.UTC(2025, 2, 1), NaN];
    const scores = Int8Array.from([10, 0, 9, 10]);
    const t = analyzeNps({
      scores,
      distribution: [1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2],
      grouping: null,
      periods: { index: Int32Array.from(times.map((ms) => periodIndex(ms, 'month'))), unit: 'month' },
      level: 0.95,
      minN: 2,
    });
    expect(t.trend!.map((p) => [p.period, p.n, p.nps, p.small])).toEqual([
      ['2025-01', 2, 0, false],
      ['2025-02', 0, null, true],
      ['2025-03', 1, 100, true],
    ]);
    expect(t.warnings).toContain('1 answer has no date, so it is left out of the trend.');
  });
});
