// k-means row passes on helper threads (main/workspace/segments/kmeans-pool.ts over
// main/analysis/segment/kmeans-blocks.ts) give bit-identical results for 1, 2 and 3 threads, and the same bits as
// the single-threaded code before the block split.
//
// Expected values: SHA-256 (first 16 hex digits) of the result arrays' bytes, and the inertia, recorded from the
// single-thread implementation at commit c0aa5f0 (one running sum per pass, before kmeans-blocks existed) on the
// same generated data. Both cases span several blocks (BLOCK_ROWS = 16,384: 4 and 10 blocks), where the centre sums
// and the seeding's candidate potentials become sums of block sums; on this data the bits still match the old
// code. They need not on other data: on the 1M × 10 benchmark matrix (tests/bench, seed 1) the inertia's last
// digits move (old 1965714.9109684764, blocks of 16,384 rows 1965714.9109684762, a relative 1e-16). The thread
// count never changes them, which the thread tests check bit for bit. (With n ≤ BLOCK_ROWS there is one block and
// every sum is the old single pass exactly.)
//
// The thread tests need the built helper entry (out/main/kmeans-helper.js, `npm run build`) and are skipped
// without it, like the side-metrics helper test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kmeans, type Matrix } from '../../../main/analysis/segment';
import { bytesHash, kmeansDigest } from './segment-helpers';
import { BLOCK_ROWS, kmeansState, releaseKMeansState } from '../../../main/analysis/segment/kmeans-blocks';
import { startWarm } from '../../../main/jobs/warm-worker';
import { localTrials, seedPlusPlus } from '../../../main/analysis/segment/kmeans-init';
import { lloydHamerly } from '../../../main/analysis/segment/kmeans-lloyd';
import { serialRunner } from '../../../main/analysis/segment/kmeans-blocks';
import { mulberry32 } from '../../../main/analysis/random';
import { kmeansThreads } from '../../../main/workspace/segments/kmeans-pool';

const WORKER = join(__dirname, '../../../out/main/kmeans-helper.js');
const built = existsSync(WORKER);

/** Five overlapping blobs (so Lloyd needs 13–18 iterations), in shared or ordinary memory. */
function blobs(n: number, d: number, seed: number, shared: boolean): Matrix {
  const rnd = mulberry32(seed);
  const data = shared ? new Float64Array(new SharedArrayBuffer(8 * n * d)) : new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = (i % 5) * 3 * (j % 2 ? 1 : -1) + (rnd() - 0.5) * 8;
  return { data, rows: n, cols: d };
}

const h = bytesHash;
const digest = kmeansDigest;

const CASES = [
  {
    n: 50_000, d: 4, k: 5, seed: 3, restarts: 2,
    old: { labels: '57fe24e490f6e0e1', centroids: '60365528bc070846', nearest: '62fae736329b5ae6', second: '75f0103eaec8dcf8', secondLabel: 'ee0ad0ad33ce7475', inertia: 965440.3426535547, iterations: 18 },
  },
  {
    n: 150_000, d: 3, k: 6, seed: 7, restarts: 1,
    old: { labels: '2f37c061e2cbcdf0', centroids: 'e5111cc9c7d2179b', nearest: 'c9e325185ff3ea32', second: '3cd15a4ef431ce92', secondLabel: 'e1e93bf9007ed096', inertia: 1888794.0532112208, iterations: 13 },
  },
] as const;

const opts = (c: (typeof CASES)[number]) => ({ k: c.k, seed: c.seed, restarts: c.restarts, maxIterations: 300, tolerance: 1e-4 });

describe('k-means row passes in blocks', () => {
  it('both cases span several blocks', () => {
    expect(CASES[0].n).toBeGreaterThan(3 * BLOCK_ROWS);
    expect(CASES[1].n).toBeGreaterThan(9 * BLOCK_ROWS);
  });

  for (const c of CASES) {
    it(`one thread: the same bits as the single-pass code (${c.n} × ${c.d}, k = ${c.k}, ${c.restarts} restart(s))`, () => {
      expect(digest(kmeans(blobs(c.n, c.d, c.seed, false), opts(c)))).toEqual(c.old);
    });
  }
});

describe.skipIf(!built)('k-means with helper threads (built helper entry)', () => {
  for (const c of CASES) {
    for (const helpers of [1, 2]) {
      it(`${helpers + 1} threads: bit-identical to one (${c.n} rows, ${c.restarts} restart(s))`, () => {
        const m = blobs(c.n, c.d, c.seed, true);
        const parallel = kmeansThreads(helpers, WORKER);
        expect(parallel).toBeDefined();
        expect(digest(kmeans(m, { ...opts(c), parallel }))).toEqual(c.old);
      });
    }
  }

  it('helpers started ahead of their input (warm-worker.ts) run the blocks, bit-identical; a dead one is replaced by a fresh thread', async () => {
    const c = CASES[0];
    const m = blobs(c.n, c.d, c.seed, true);
    const warm = [startWarm(WORKER), startWarm(WORKER)];
    await warm[1].worker.terminate();
    const serial = kmeansState(m.data, c.n, c.d, c.k, localTrials(c.k));
    const initSerial = seedPlusPlus(serial, serialRunner, 7);
    const shared = kmeansState(m.data, c.n, c.d, c.k, localTrials(c.k), { shared: true });
    // The serial state is still alive: the second state must not share its memory (kmeans-wasm's scratch arena).
    expect(h(serial.data)).toBe(h(m.data));
    const pool = kmeansThreads(2, WORKER, true, warm)!.open(shared);
    try {
      expect(warm[0].taken).toBe(true);
      expect(warm[1].taken).toBe(false);
      expect(pool.waitForHelpers(30_000)).toBe(true);
      const init = seedPlusPlus(shared, pool, 7);
      expect(h(init)).toBe(h(initSerial));
      expect(h(shared.closest)).toBe(h(serial.closest));
      expect(pool.stats()).toEqual({ ready: 2, helperBlocks: (1 + 2 * (c.k - 1)) * Math.ceil(c.n / BLOCK_ROWS) });
    } finally {
      pool.close();
      releaseKMeansState(shared);
      releaseKMeansState(serial);
    }
  });

  it('helpers really run the blocks: seeding and Lloyd in 4,096-row blocks, all on two helpers, match the serial runner bit for bit', () => {
    const c = CASES[1];
    const m = blobs(c.n, c.d, c.seed, true);
    const blockRows = 4096; // 37 blocks: many partial sums, taken by whichever helper comes first
    const serial = kmeansState(m.data, c.n, c.d, c.k, localTrials(c.k), { blockRows });
    const initSerial = seedPlusPlus(serial, serialRunner, 99);
    const runSerial = lloydHamerly(serial, serialRunner, initSerial, 300, 0);

    const shared = kmeansState(m.data, c.n, c.d, c.k, localTrials(c.k), { shared: true, blockRows });
    const pool = kmeansThreads(2, WORKER, true)!.open(shared);
    try {
      expect(pool.waitForHelpers(30_000)).toBe(true);
      const init = seedPlusPlus(shared, pool, 99);
      const run = lloydHamerly(shared, pool, init, 300, 0);
      expect(h(init)).toBe(h(initSerial));
      expect(h(run.centroids)).toBe(h(runSerial.centroids));
      expect(run.iterations).toBe(runSerial.iterations);
      expect(run.iterations).toBeGreaterThan(3);
      expect(h(shared.labels)).toBe(h(serial.labels));
      expect(h(shared.upper)).toBe(h(serial.upper));
      expect(h(shared.lower)).toBe(h(serial.lower));
      // Every block of every pass (1 + 2 per further centre while seeding, 1 per iteration) ran on a helper.
      const passes = 1 + 2 * (c.k - 1) + run.iterations;
      expect(pool.stats()).toEqual({ ready: 2, helperBlocks: passes * Math.ceil(c.n / blockRows) });
    } finally {
      pool.close();
    }
  });
});
