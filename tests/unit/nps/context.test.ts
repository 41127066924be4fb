// The measurement-bias check on hand-made contexts: each context against all other answers pooled, Holm over
// the contexts, flags with direction and the plain-words sentence, the two-context case and a clean survey.
import { describe, expect, it } from 'vitest';
import { analyzeContext } from '../../../main/analysis/nps/context';
import { compareNps, holm } from '../../../main/analysis/nps/compare';
import { groupCoded } from '../../../main/analysis/nps/grouping';

const Z95 = 1.959963984540054;

/** Contexts given as [promoters, passives, detractors]; scores 10 / 8 / 2. */
function contexts(counts: [number, number, number][], levels: string[]) {
  const scores: number[] = [];
  const codes: number[] = [];
  counts.forEach(([p, pa, d], g) => {
    for (const [n, s] of [[p, 10], [pa, 8], [d, 2]]) {
      for (let i = 0; i < n; i++) {
        scores.push(s);
        codes.push(g);
      }
    }
  });
  const distribution = new Array<number>(11).fill(0);
  for (const s of scores) distribution[s]++;
  return { scores: Int8Array.from(scores), distribution, grouping: groupCoded(Int32Array.from(codes), levels) };
}

const subject = (label: string) => `Answers where ctx is "${label}"`;

describe('analyzeContext', () => {
  // A: 70/20/10 (NPS +60); B: 80/60/60 (+10); C: 70/70/60 (+5); D: 8/6/6 (+10, small).
  const input = contexts([[70, 20, 10], [80, 60, 60], [70, 70, 60], [8, 6, 6]], ['A', 'B', 'C', 'D']);
  const r = analyzeContext({ ...input, level: 0.95, minN: 30, contextName: 'column "ctx"', subject });
  const vsRest = [
    compareNps({ promoters: 70, passives: 20, detractors: 10 }, { promoters: 158, passives: 136, detractors: 126 }, Z95)!,
    compareNps({ promoters: 80, passives: 60, detractors: 60 }, { promoters: 148, passives: 96, detractors: 76 }, Z95)!,
    compareNps({ promoters: 70, passives: 70, detractors: 60 }, { promoters: 158, passives: 86, detractors: 76 }, Z95)!,
    compareNps({ promoters: 8, passives: 6, detractors: 6 }, { promoters: 220, passives: 150, detractors: 130 }, Z95)!,
  ];
  const adjusted = holm(vsRest.map((d) => d.pValue));

  it('compares each context with all other answers pooled, Holm over the four', () => {
    // Groups by size: B (200), C (200), A (100), D (20).
    expect(r.groups.map((g) => g.group)).toEqual(['B', 'C', 'A', 'D']);
    const byLabel = Object.fromEntries(r.groups.map((g) => [g.group, g.vsReference!]));
    ['A', 'B', 'C', 'D'].forEach((label, i) => {
      expect(byLabel[label].difference).toBeCloseTo(vsRest[i].difference, 12);
      expect(byLabel[label].pValue).toBe(vsRest[i].pValue);
      expect(byLabel[label].pAdjusted).toBe(adjusted[i]);
    });
  });

  it('flags the inflated context with its size, interval and p in plain words', () => {
    // Rest of A: 158 − 126 = 32 of 420 → NPS +7.6; difference 60 − 7.62 = 52.4 points.
    expect(vsRest[0].difference).toBeCloseTo(60 - 3200 / 420, 12);
    const a = r.flags.find((f) => f.group === 'A')!;
    expect(a.direction).toBe('inflated');
    expect(a.pAdjusted).toBe(adjusted[0]);
    const [lo, hi] = vsRest[0].ci.map(Math.round);
    expect(a.sentence).toBe(`Answers where ctx is "A" score 52 points higher than the rest (NPS +60 vs +8; 95% CI ${lo} to ${hi}, p < 0.001); treat them separately.`);
    expect(r.flags[0].group).toBe('A'); // biggest first
  });

  it('flags deflated contexts too, with the interval as a magnitude', () => {
    const c = r.flags.find((f) => f.group === 'C');
    expect(adjusted[2]).toBeLessThan(0.05);
    expect(c!.direction).toBe('deflated');
    const [lo, hi] = [-vsRest[2].ci[1], -vsRest[2].ci[0]].map(Math.round);
    expect(c!.sentence).toContain(`score ${Math.round(-vsRest[2].difference)} points lower than the rest (NPS +5 vs +`);
    // A lower context's interval reads as magnitudes with the direction repeated, never as "CI 8 to 19" alone.
    expect(c!.sentence).toMatch(/95% CI \d+ to \d+ points lower, p/);
    expect(c!.sentence).toContain(`95% CI ${lo} to ${hi}`);
    expect(r.flags.every((f) => f.pAdjusted < 0.05)).toBe(true);
    expect(r.flags.map((f) => f.group)).toEqual(['A', ...r.flags.slice(1).map((f) => f.group)]);
  });

  it('summarises in words and tests across contexts', () => {
    expect(r.summary.startsWith('NPS depends on how the answers were collected (column "ctx"): "A" +52 points (p < 0.001)')).toBe(true);
    expect(r.summary).toContain('(p-values Holm-adjusted over the 4 contexts)');
    expect(r.test).toMatchObject({ kind: 'several-groups', df: 6 });
    expect(r.test!.note).toContain('compared with all other answers pooled (4 comparisons)');
    expect(r.warnings.some((w) => w.includes('"D" 20'))).toBe(true);
  });

  it('two contexts: one test, mirrored, not adjusted', () => {
    const two = contexts([[60, 20, 20], [40, 20, 40]], ['with employee', 'online']);
    const t = analyzeContext({ ...two, level: 0.95, minN: 30, contextName: 'column "ctx"', subject });
    const d = compareNps({ promoters: 60, passives: 20, detractors: 20 }, { promoters: 40, passives: 20, detractors: 40 }, Z95)!;
    const w = t.groups.find((g) => g.group === 'with employee')!.vsReference!;
    expect(w.pAdjusted).toBe(d.pValue);
    expect(t.groups.find((g) => g.group === 'online')!.vsReference!.pValue).toBeCloseTo(d.pValue, 14);
    expect(t.flags.map((f) => [f.group, f.direction])).toEqual([
      ['with employee', 'inflated'],
      ['online', 'deflated'],
    ]);
    expect(t.summary).not.toContain('Holm');
  });

  it('no context stands out: says the NPS can be reported across them', () => {
    const same = contexts([[50, 30, 20], [51, 29, 20], [49, 31, 20]], ['x', 'y', 'z']);
    const t = analyzeContext({ ...same, level: 0.95, minN: 30, contextName: 'column "ctx"', subject });
    expect(t.flags).toEqual([]);
    expect(t.summary).toMatch(/^No context differs from the rest beyond chance \(column "ctx", 3 contexts; smallest adjusted p = 1\.00\), so the NPS of \+30 \(n 300\) can be reported across them\.$/);
  });
});
