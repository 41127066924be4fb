// Bootstrap intervals: the count-weighted sums (and the chord refits of the logistic model) give the same
// intervals as a plain bootstrap that copies each resample out and refits it from scratch with the same draws;
// same seed, same intervals; another seed, other intervals.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../main/analysis/random';
import { FIXTURES, inOrder, numbers, readCsv, run } from './helpers';

const planted = readCsv(join(FIXTURES, 'planted.csv'));
const NAMES = ['a', 'b', 'c', 'd', 'e'];

/** The planted data's complete cases (c is blank on 20 rows). */
function completePlanted(target: string): { x: Float64Array[]; y: Float64Array } {
  const cols = NAMES.map((n) => numbers(planted, n));
  const y = numbers(planted, target);
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) if (cols.every((c) => !Number.isNaN(c[i])) && !Number.isNaN(y[i])) keep.push(i);
  return { x: cols.map((c) => Float64Array.from(keep, (i) => c[i])), y: Float64Array.from(keep, (i) => y[i]) };
}

function type7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

/** The textbook bootstrap: draw n row indices with the same mulberry32 stream, copy the rows, refit. */
function naiveIntervals(x: Float64Array[], y: Float64Array, model: 'linear' | 'logistic', B: number, seed: number, level: number) {
  const n = y.length;
  const next = mulberry32(seed);
  const weights: Record<string, number[]> = Object.fromEntries(NAMES.map((nm) => [nm, []]));
  const shares: Record<string, number[]> = Object.fromEntries(NAMES.map((nm) => [nm, []]));
  for (let b = 0; b < B; b++) {
    const idx = Array.from({ length: n }, () => Math.floor(next() * n));
    const r = run(
      NAMES,
      x.map((c) => Float64Array.from(idx, (i) => c[i])),
      Float64Array.from(idx, (i) => y[i]),
      { model },
    );
    for (const d of r.drivers) {
      weights[d.name].push(d.weight);
      shares[d.name].push(d.share);
    }
  }
  const lo = (1 - level) / 2;
  const hi = (1 + level) / 2;
  return NAMES.map((nm) => ({ name: nm, ci: [type7(weights[nm], lo), type7(weights[nm], hi)], shareCi: [type7(shares[nm], lo), type7(shares[nm], hi)] }));
}

describe('bootstrap intervals', () => {
  it('linear: equal to a plain copy-and-refit bootstrap with the same draws', () => {
    const { x, y } = completePlanted('score');
    const r = run(NAMES, x, y, { bootstrap: 60, seed: 9, level: 0.9 });
    const naive = naiveIntervals(x, y, 'linear', 60, 9, 0.9);
    inOrder(r.drivers, NAMES).forEach((d, j) => {
      expect(d.ci[0]).toBeCloseTo(naive[j].ci[0], 12);
      expect(d.ci[1]).toBeCloseTo(naive[j].ci[1], 12);
      expect(d.shareCi[0]).toBeCloseTo(naive[j].shareCi[0], 10);
      expect(d.shareCi[1]).toBeCloseTo(naive[j].shareCi[1], 10);
      expect(d.ci[0]).toBeLessThan(d.weight);
      expect(d.ci[1]).toBeGreaterThan(d.weight);
    });
  });

  it('logistic: the chord refits agree with full Newton fits of each copied resample', () => {
    const { x, y } = completePlanted('promoter');
    const r = run(NAMES, x, y, { model: 'logistic', bootstrap: 25, seed: 4, level: 0.8 });
    const naive = naiveIntervals(x, y, 'logistic', 25, 4, 0.8);
    inOrder(r.drivers, NAMES).forEach((d, j) => {
      // Refits stop at a 1e-6 relative step; the weights then agree to ~1e-7.
      expect(Math.abs(d.ci[0] - naive[j].ci[0])).toBeLessThan(1e-6);
      expect(Math.abs(d.ci[1] - naive[j].ci[1])).toBeLessThan(1e-6);
      expect(Math.abs(d.shareCi[0] - naive[j].shareCi[0])).toBeLessThan(1e-4);
    });
  });

  it('same seed, same intervals; another seed, other intervals', () => {
    const { x, y } = completePlanted('score');
    const one = run(NAMES, x, y, { bootstrap: 40, seed: 123 });
    const again = run(NAMES, x, y, { bootstrap: 40, seed: 123 });
    const other = run(NAMES, x, y, { bootstrap: 40, seed: 124 });
    expect(again.drivers).toEqual(one.drivers);
    expect(other.drivers.map((d) => d.weight)).toEqual(one.drivers.map((d) => d.weight));
    expect(other.drivers.map((d) => d.ci)).not.toEqual(one.drivers.map((d) => d.ci));
  });
});
