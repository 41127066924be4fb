// The recommended k weighs bootstrap stability before separation (main/analysis/segment/recommend.ts).
// Fixtures: hand-made k scores whose expected pick follows from the rule by hand (stated beside each), and the
// scikit-learn-made blobs fixture (tests/fixtures/segment/blobs.json: five well-separated blobs, 600 rows) for the
// per-k stability the sweep computes, and a uniform disc (800 points, seeded here): no cluster structure, every
// partition one of many rotations, so its silhouette-best k (6, by a hair) dissolves under resampling. The real-data case (Telco, where the silhouette-best k has unstable
// segments) is in tests/unit/segment-service/recommend-real.test.ts.
import { describe, expect, it } from 'vitest';
import { bootstrapStability, kList, kmeans, recommendK, STABLE_JACCARD, sweepK, UNSTABLE_JACCARD, type KScore } from '../../../main/analysis/segment';
import { createRng } from '../../../main/analysis/random';
import { type DataFixture, fixture, matrixOf } from './segment-helpers';

/** A score row; CH and DB chosen so they agree with the silhouette unless a test says otherwise. */
const row = (k: number, silhouette: number, minStability: number | undefined, ch = 100 * silhouette, db = 1 / silhouette): KScore => ({
  k,
  inertia: 1000 / k,
  silhouette,
  calinskiHarabasz: ch,
  daviesBouldin: db,
  ...(minStability === undefined ? {} : { stability: [minStability, 0.99], minStability }),
});

describe('recommendK: stability first, then separation', () => {
  it('passes over the silhouette-best k when one of its segments is unstable, and says why', () => {
    // Silhouette is best at k = 5 (0.45) but its least stable segment is 0.52 (< 0.6: dissolved). Among the k whose
    // segments are all ≥ 0.75 (k = 2, 3, 4) the best silhouette is k = 4 (0.41); k = 3 (0.30) is not within 0.02.
    const rec = recommendK([row(2, 0.28, 0.97), row(3, 0.3, 0.95), row(4, 0.41, 0.88), row(5, 0.45, 0.52), row(6, 0.43, 0.7)]);
    expect(rec.k).toBe(4);
    expect(rec.reason).toMatch(/^k = 4: the best mean silhouette \(0\.41\) among the k whose segments are all stable/);
    expect(rec.reason).toContain(`Jaccard ≥ ${STABLE_JACCARD}`);
    expect(rec.reason).toContain('its least stable segment 0.88');
    // The two better-separated k are named with their silhouette and stability range (0.52 and 0.70).
    expect(rec.reason).toContain('k = 5, 6 separate better (silhouette up to 0.45 at k = 5)');
    expect(rec.reason).toContain('least stable segment 0.52–0.70');
  });

  it('without any fully stable k, takes the best separation among the k with no unstable segment', () => {
    // Nothing reaches 0.75; k = 3 (0.66) and k = 4 (0.61) have no segment under 0.6; k = 5 (0.40) is out.
    // Silhouettes 0.33 (k = 3) and 0.345 (k = 4) tie within 0.02; CH and DB both favour k = 3 → 2 votes to 1.
    const rec = recommendK([row(2, 0.2, 0.58), row(3, 0.33, 0.66, 500, 1.0), row(4, 0.345, 0.61, 400, 1.2), row(5, 0.5, 0.4)]);
    expect(rec.k).toBe(3);
    expect(rec.reason).toMatch(/^No k had every segment stable/);
    expect(rec.reason).toContain(`every Jaccard ≥ ${UNSTABLE_JACCARD}`);
    expect(rec.reason).toContain('near-ties within 0.02: k = 3, 4');
    expect(rec.reason).toContain('k = 3: one of the best mean silhouettes (0.33; best 0.34');
    // k = 4 was eligible (a near-tie that lost the vote); only k = 5 was passed over for stability.
    expect(rec.reason).toContain('k = 5 separates better (silhouette up to 0.50 at k = 5) but has a segment that dissolves under resampling (least stable segment 0.40)');
  });

  it('when every k has a dissolving segment, names the most stable one and warns', () => {
    const rec = recommendK([row(2, 0.3, 0.55), row(3, 0.4, 0.59), row(4, 0.5, 0.3)]);
    expect(rec.k).toBe(3);
    expect(rec.reason).toMatch(/^Every k tried has a segment that dissolves/);
    expect(rec.reason).toContain('least stable segment 0.59');
    expect(rec.reason).toContain('treat its segments with caution');
  });

  it('scores saved before stability was measured keep the separation-only rule', () => {
    const rec = recommendK([row(2, 0.3, undefined), row(3, 0.5, undefined), row(4, 0.35, undefined)]);
    expect(rec.k).toBe(3);
    expect(rec.reason).toMatch(/^k = 3 has the highest mean silhouette \(0\.50\)/);
  });

  it('kList collapses runs of three or more', () => {
    expect(kList([7, 2, 8, 9, 10, 5])).toBe('2, 5, 7–10');
    expect(kList([3, 4])).toBe('3, 4');
    expect(kList([6])).toBe('6');
  });
});

describe('sweepK measures each k’s stability', () => {
  const blobs = fixture<DataFixture>('blobs.json');
  const B = matrixOf(blobs);
  const opts = { seed: 1, restarts: 4, maxIterations: 300, tolerance: 1e-4 };

  it('the same numbers as bootstrapStability of that k’s partition, and the true k = 5 is kept', () => {
    const scores = sweepK(B, [4, 9], { ...opts, stability: { resamples: 10, maxRows: 20_000 } });
    for (const s of scores) {
      expect(s.stability).toHaveLength(s.k);
      expect(s.minStability).toBe(Math.min(...s.stability!));
    }
    // k = 5 re-fitted with the same seed and options is the sweep's partition, so the check must agree exactly.
    const ref = kmeans(B, { ...opts, k: 5 });
    expect(scores[1].stability).toEqual(bootstrapStability(B, ref.labels, 5, { seed: 1, resamples: 10, maxRows: 20_000 }));
    expect(scores[1].minStability!).toBeGreaterThanOrEqual(0.95); // five well-separated blobs
    expect(scores[5].minStability!).toBeLessThan(STABLE_JACCARD); // k = 9 has to cut blobs
    expect(recommendK(scores).k).toBe(5);
  });
});

describe('a uniform disc: the silhouette-best k is unstable, and the rule picks another', () => {
  it('recommends a k with no unstable segment instead of the silhouette-best one', () => {
    const rng = createRng(5);
    const n = 800;
    const data = new Float64Array(2 * n);
    for (let i = 0; i < n; ) {
      const x = 2 * rng.next() - 1;
      const y = 2 * rng.next() - 1;
      if (x * x + y * y > 1) continue; // rejection sampling: uniform on the disc
      data[2 * i] = x;
      data[2 * i + 1] = y;
      i++;
    }
    const scores = sweepK({ data, rows: n, cols: 2 }, [2, 6], { seed: 1, restarts: 4, maxIterations: 300, tolerance: 1e-4, stability: { resamples: 20, maxRows: 20_000 } });
    const silBest = scores.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(silBest.minStability!).toBeLessThan(UNSTABLE_JACCARD);
    const rec = recommendK(scores);
    expect(rec.k).not.toBe(silBest.k);
    const chosen = scores.find((s) => s.k === rec.k)!;
    expect(chosen.minStability!).toBeGreaterThanOrEqual(UNSTABLE_JACCARD);
    // No k of a structureless disc is stable everywhere, so the rule says it fell back to "no unstable segment".
    expect(scores.every((s) => s.minStability! < STABLE_JACCARD)).toBe(true);
    expect(rec.reason).toMatch(/^No k had every segment stable/);
    expect(rec.reason).toContain(`k = ${silBest.k} separates better`);
  });
});
