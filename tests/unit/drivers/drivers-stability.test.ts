// Driver stability between two waves (main/analysis/drivers/stability.ts).
// Fixtures: stability-waves.ts draws two seeded waves of 1,500 rows with independent drivers, so each driver's true
// raw weight is b_j² (0.36, 0.25, 0.04, 0 in the reference; price drops to 0.0225 in the current wave). Expected:
// - price flagged as changed (true difference −0.2275), speed, staff and wifi not (true difference 0);
// - the top order changes (speed > price > staff → speed > staff > price);
// - two waves drawn from the same model (different seeds) flag nothing;
// - the difference's interval equals numpy.percentile of the same replicate differences
//   (tests/fixtures/drivers/stability-reference.json, made by make_stability_reference.py; see its header) to 1e-12;
// - a hand case: replicate differences [0.2, −0.1, 0.3, −0.2, 0.4] → sorted [−0.2, −0.1, 0.2, 0.3, 0.4]; type-7
//   quantiles at 0.05 / 0.95: h = 0.2 → −0.2 + 0.2·0.1 = −0.18, h = 3.8 → 0.3 + 0.8·0.1 = 0.38.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDrivers } from '../../../main/analysis/drivers/analyze';
import { compareWaves, pairedDifferences, type WaveWeights } from '../../../main/analysis/drivers/stability';
import { FIXTURES } from './helpers';
import { CURRENT_COEFS, makeWave, REFERENCE_COEFS, STABILITY_DRIVERS, type Wave } from './stability-waves';

const names = [...STABILITY_DRIVERS];
const B = 200;

function weigh(dataset: string, wave: Wave, seed: number): WaveWeights {
  const a = analyzeDrivers({ names, x: wave.x, y: wave.y, model: 'linear', targetHigherIsBetter: true, bootstrap: B, seed, level: 0.95, keepDraws: true });
  return { dataset, n: a.n, r2: a.r2, drivers: a.drivers, draws: a.weightDraws! };
}

const reference = weigh('Q1', makeWave(REFERENCE_COEFS, 1500, 101), 43);
const current = weigh('Q2', makeWave(CURRENT_COEFS, 1500, 202), 42);
const stability = compareWaves(reference, current, 0.95);
const row = (name: string) => stability.drivers.find((d) => d.name === name)!;

describe('driver stability between two waves', () => {
  it('flags the planted change and not the unchanged drivers', () => {
    expect(row('price_rating').changed).toBe(true);
    expect(row('price_rating').difference).toBeLessThan(0);
    expect(row('price_rating').differenceCi[1]).toBeLessThan(0);
    // The interval covers the true difference, 0.0225 − 0.25.
    expect(row('price_rating').differenceCi[0]).toBeLessThan(-0.2275);
    expect(row('price_rating').differenceCi[1]).toBeGreaterThan(-0.2275);
    for (const name of ['speed_rating', 'staff_rating', 'wifi_rating']) {
      expect(row(name).changed, name).toBe(false);
      expect(row(name).differenceCi[0], name).toBeLessThan(0);
      expect(row(name).differenceCi[1], name).toBeGreaterThan(0);
    }
    expect(stability.drivers[0].name).toBe('price_rating');
    expect(stability.pairs).toBe(B);
  });

  it('carries each wave’s weight and interval unchanged, and the difference is current − reference', () => {
    for (const d of stability.drivers) {
      const r = reference.drivers.find((x) => x.name === d.name)!;
      const c = current.drivers.find((x) => x.name === d.name)!;
      expect(d.reference).toEqual({ weight: r.weight, ci: r.ci });
      expect(d.current).toEqual({ weight: c.weight, ci: c.ci });
      expect(d.difference).toBe(c.weight - r.weight);
    }
  });

  it('sees the top order change and says which drivers moved', () => {
    expect(stability.topReference).toEqual(['speed_rating', 'price_rating', 'staff_rating']);
    expect(stability.topCurrent).toEqual(['speed_rating', 'staff_rating', 'price_rating']);
    expect(stability.rankChanged).toBe(true);
    expect(stability.sentence).toBe(
      'price_rating lost weight (the 95% interval of the difference excludes 0). The order of the top drivers changed: speed_rating > price_rating > staff_rating before, speed_rating > staff_rating > price_rating now.',
    );
  });

  it('flags nothing when both waves come from the same model', () => {
    const same = compareWaves(weigh('A', makeWave(REFERENCE_COEFS, 1500, 303), 43), weigh('B', makeWave(REFERENCE_COEFS, 1500, 404), 42), 0.95);
    expect(same.drivers.filter((d) => d.changed)).toEqual([]);
    expect(same.rankChanged).toBe(false);
    expect(same.sentence).toBe("No driver's weight changed beyond its 95% interval. The order of the top drivers is the same (speed_rating > price_rating > staff_rating).");
  });

  it('matches numpy.percentile of the same replicate differences', () => {
    const ref = JSON.parse(readFileSync(join(FIXTURES, 'stability-reference.json'), 'utf8')) as Record<
      string,
      { pairs: number; firstReference: number[]; firstCurrent: number[]; referenceCi: number[]; currentCi: number[]; differenceCi: number[] }
    >;
    for (const name of names) {
      const want = ref[name];
      // The same replicates as the fixture was made from.
      expect(Array.from(reference.draws[name].subarray(0, 3))).toEqual(want.firstReference);
      expect(Array.from(current.draws[name].subarray(0, 3))).toEqual(want.firstCurrent);
      const d = row(name);
      expect(d.reference.ci[0]).toBeCloseTo(want.referenceCi[0], 12);
      expect(d.reference.ci[1]).toBeCloseTo(want.referenceCi[1], 12);
      expect(d.current.ci[0]).toBeCloseTo(want.currentCi[0], 12);
      expect(d.current.ci[1]).toBeCloseTo(want.currentCi[1], 12);
      expect(d.differenceCi[0]).toBeCloseTo(want.differenceCi[0], 12);
      expect(d.differenceCi[1]).toBeCloseTo(want.differenceCi[1], 12);
    }
  });

  it('computes the interval of a hand case', () => {
    const refDraws = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]);
    const curDraws = Float64Array.from([0.3, 0.1, 0.6, 0.2, 0.9, 0.7]); // one more: only 5 pairs are used
    expect(Array.from(pairedDifferences(refDraws, curDraws)).map((v) => +v.toFixed(12))).toEqual([0.2, -0.1, 0.3, -0.2, 0.4]);
    const wave = (dataset: string, weight: number, draws: Float64Array): WaveWeights => ({ dataset, n: 5, r2: weight, drivers: [{ name: 'a', weight, ci: [0, 1] }], draws: { a: draws } });
    const s = compareWaves(wave('r', 0.3, refDraws), wave('c', 0.4, curDraws), 0.9);
    expect(s.pairs).toBe(5);
    expect(s.drivers[0].differenceCi[0]).toBeCloseTo(-0.18, 12);
    expect(s.drivers[0].differenceCi[1]).toBeCloseTo(0.38, 12);
    expect(s.drivers[0].changed).toBe(false);
    expect(s.drivers[0].difference).toBeCloseTo(0.1, 12);
  });

  it('leaves out a driver weighed in one wave only and never flags without resamples', () => {
    const r: WaveWeights = { dataset: 'r', n: 9, r2: 0.5, drivers: [{ name: 'a', weight: 0.3, ci: [0.3, 0.3] }, { name: 'b', weight: 0.2, ci: [0.2, 0.2] }], draws: { a: new Float64Array(0), b: new Float64Array(0) } };
    const c: WaveWeights = { dataset: 'c', n: 9, r2: 0.1, drivers: [{ name: 'a', weight: 0.1, ci: [0.1, 0.1] }], draws: { a: new Float64Array(0) } };
    const s = compareWaves(r, c, 0.95);
    expect(s.notCompared).toEqual(['b']);
    expect(s.drivers).toHaveLength(1);
    expect(s.drivers[0].differenceCi).toEqual([s.drivers[0].difference, s.drivers[0].difference]);
    expect(s.drivers[0].changed).toBe(false);
  });
});
