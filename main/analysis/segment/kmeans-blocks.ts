// The row-parallel half of k-means: every pass over the rows (k-means++ seeding, the Lloyd/Hamerly E-step with
// the M-step's sums, the final assignment) is cut into fixed blocks of BLOCK_ROWS rows, and each block's work
// depends only on the block, so blocks may run on any thread in any order (kmeans-pool in workspace/segments runs
// them on helper threads over shared memory; serialRunner runs them here).
//
// Bit-identical for any thread count: a block writes only its own rows and its own slot of partial sums, and the
// partial sums are added up by the caller in block order, so the summation order is fixed by the block size
// alone. With n ≤ BLOCK_ROWS there is one block and every sum is exactly the former single pass's; above it the
// centre sums (M-step) and the seeding's candidate potentials are sums of per-block sums, which can differ from
// one running sum in the last bits (tests/unit/analysis/segment-kmeans-parallel.test.ts compares both). Sums whose
// bits the old code fixed and that are cheap (the seeding potential, the inertia) stay single running sums over
// per-row values the blocks write.
//
// When the WebAssembly kernel is on (kmeans-wasm.ts), the state lives in its memory and every pass but the trivial
// seedFirst runs there, bit-identical to the TypeScript below (kmeans-kernel.wat's header says why); the passes
// here stay as the fallback (CXW_KMEANS_WASM=0; a matrix too large for the kernel's memory, see kmeans-wasm.ts) and
// as the reference the kernel is tested on.
import { sqDist, sqDistBounded } from './distance';
import { fillPairTable, fillQuarterPairs, kernelFor, kernelState, pairTableLength, potStride, releaseKernelState, type KernelRef } from './kmeans-wasm';

export { potStride };

/**
 * Rows per block: the unit of work and of the summation order (never the thread count). Small enough that a helper
 * descheduled mid-block on a busy machine holds up a pass only briefly (1M rows: 62 blocks; measured whole command
 * 4.4–5.0 s against 4.6–5.8 s with 65,536-row blocks under the same load), large enough that taking a block costs
 * nothing next to its work.
 */
export const BLOCK_ROWS = 16_384;

/** The passes a block can run. */
export const Op = { seedFirst: 1, seedCandidates: 2, seedWinner: 3, lloydFull: 4, lloydStep: 5, assignFinal: 6 } as const;
export type OpCode = (typeof Op)[keyof typeof Op];

/** Per-op scalars, in `params`. */
export const P = { op: 0, round: 1, winnerRow: 2, winnerTrial: 3, farthest: 4, moveOthers: 5, moveFarthest: 6, resultSet: 7 } as const;

/** One final assignment's output (KMeansResult's arrays). */
export interface ResultArrays {
  labels: Int32Array;
  nearest: Float64Array;
  second: Float64Array;
  secondLabel: Int32Array;
}

/** Everything the blocks read and write; typed arrays only, so helper threads get the same memory (shared). */
export interface KMeansState {
  n: number;
  d: number;
  k: number;
  trials: number;
  blockRows: number;
  data: Float64Array;
  params: Float64Array;
  centers: Float64Array;
  /** Hamerly: half the distance from each centre to its nearest other centre; how far each centre moved. */
  half: Float64Array;
  shift: Float64Array;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  /** Seeding (before Lloyd, so it shares Lloyd's buffers): D² to the nearest chosen centre, and which centre. */
  closest: Float64Array;
  owner: Int32Array;
  /** Running sum for the seeding's inverse-CDF draw (the caller's only). */
  cumsum: Float64Array;
  cand: Int32Array;
  quarter: Float64Array;
  /** Per-block partials: k×d centre sums, k counts, label changes, candidate potentials (potStride(trials) per block). */
  blockSums: Float64Array;
  blockCounts: Float64Array;
  blockChanged: Float64Array;
  blockPot: Float64Array;
  results: ResultArrays[];
  /** The centres, and the seeding's candidate rows, interleaved by pairs for the kernel (filled by preparePass). */
  ct: Float64Array;
  candT: Float64Array;
  /** The seeding's `quarter` bounds by owner, candidates in pairs (fillQuarterPairs), for the kernel. */
  quarterT: Float64Array;
  /** Set when the WebAssembly kernel runs the passes (kmeans-wasm.ts); release with releaseKMeansState. */
  kernel?: KernelRef;
}

export const blockCount = (n: number, blockRows: number): number => Math.ceil(n / blockRows);

export interface StateOptions {
  /** SharedArrayBuffer memory, for helper threads (the data must then be shared already). */
  shared?: boolean;
  /** Result sets for restarts (2 when the best so far must be kept while the next runs). */
  resultSets?: number;
  blockRows?: number;
  /** Reuse these n-sized buffers (sweeps and bootstrap call k-means many times on the same size). */
  buffers?: { labels: Int32Array; upper: Float64Array; lower: Float64Array };
}

export function kmeansState(data: Float64Array, n: number, d: number, k: number, trials: number, opts: StateOptions = {}): KMeansState {
  const shared = opts.shared === true;
  const blockRows = opts.blockRows ?? BLOCK_ROWS;
  const nb = blockCount(n, blockRows);
  const resultSets = opts.resultSets ?? 1;
  const inKernel = kernelState(data, { n, d, k, trials, blockRows, blocks: nb, resultSets });
  if (inKernel) {
    const v = inKernel;
    return { n, d, k, trials, blockRows, ...v, closest: v.upper, owner: v.labels, cumsum: v.lower };
  }
  const f64 = (len: number) => (shared ? new Float64Array(new SharedArrayBuffer(8 * len)) : new Float64Array(len));
  const i32 = (len: number) => (shared ? new Int32Array(new SharedArrayBuffer(4 * len)) : new Int32Array(len));
  const buf = opts.buffers && opts.buffers.labels.length >= n ? opts.buffers : { labels: i32(n), upper: f64(n), lower: f64(n) };
  const results: ResultArrays[] = [];
  for (let r = 0; r < resultSets; r++) results.push({ labels: i32(n), nearest: f64(n), second: f64(n), secondLabel: i32(n) });
  return {
    n,
    d,
    k,
    trials,
    blockRows,
    data,
    params: f64(8),
    centers: f64(k * d),
    half: f64(k),
    shift: f64(k),
    labels: buf.labels,
    upper: buf.upper,
    lower: buf.lower,
    closest: buf.upper,
    owner: buf.labels,
    cumsum: buf.lower,
    cand: i32(trials),
    quarter: f64(trials * k),
    blockSums: f64(nb * k * d),
    blockCounts: f64(nb * k),
    blockChanged: f64(nb),
    blockPot: f64(nb * potStride(trials)),
    results,
    ct: new Float64Array(pairTableLength(k, d)),
    candT: new Float64Array(pairTableLength(trials, d)),
    quarterT: new Float64Array(pairTableLength(trials, k)),
  };
}

/** Give a kernel state's memory back (kmeans-wasm.ts); its arrays must not be read afterwards. */
export function releaseKMeansState(s: KMeansState): void {
  if (s.kernel) releaseKernelState(s.kernel);
}

/** A result's arrays as the caller may keep them: copied out of the kernel's memory, which the next call reuses. */
export function keptResult(s: KMeansState, r: ResultArrays): ResultArrays {
  if (!s.kernel) return r;
  return { labels: r.labels.slice(), nearest: r.nearest.slice(), second: r.second.slice(), secondLabel: r.secondLabel.slice() };
}

/**
 * Before a pass runs on any thread: the kernel reads the centres (or the seeding's candidates) from their pair
 * tables, refreshed here from `centers` (or `cand`), which the caller has just written. Every runner calls this.
 */
export function preparePass(s: KMeansState, op: OpCode): void {
  if (!s.kernel) return;
  if (op === Op.seedCandidates) {
    fillPairTable(s.candT, s.data, s.d, s.trials, s.cand);
    fillQuarterPairs(s.quarterT, s.quarter, s.trials, s.k);
  } else if (op === Op.lloydFull || op === Op.lloydStep || op === Op.assignFinal) fillPairTable(s.ct, s.centers, s.d, s.k, null);
}

/** Runs one op over every block and returns when all are done. */
export interface BlockRunner {
  run: (s: KMeansState, op: OpCode) => void;
}

export const serialRunner: BlockRunner = {
  run: (s, op) => {
    s.params[P.op] = op;
    preparePass(s, op);
    const nb = blockCount(s.n, s.blockRows);
    for (let b = 0; b < nb; b++) runBlock(s, op, b);
  },
};

export function runBlock(s: KMeansState, op: number, b: number): void {
  const from = b * s.blockRows;
  const to = Math.min(s.n, from + s.blockRows);
  if (s.kernel && op !== Op.seedFirst) {
    const kernel = kernelFor(s.kernel.memory);
    const desc = s.kernel.desc;
    if (op === Op.seedCandidates) return kernel.seedCandidates(desc, b);
    if (op === Op.seedWinner) return kernel.seedWinner(desc, b);
    if (op === Op.lloydFull || op === Op.lloydStep) return kernel.lloyd(desc, b, op === Op.lloydFull ? 1 : 0);
    if (op === Op.assignFinal) return kernel.assignFinal(desc, b);
  }
  switch (op) {
    case Op.seedFirst:
      return seedFirst(s, from, to);
    case Op.seedCandidates:
      return seedCandidates(s, b, from, to);
    case Op.seedWinner:
      return seedWinner(s, from, to);
    case Op.lloydFull:
      return lloyd(s, b, from, to, true);
    case Op.lloydStep:
      return lloyd(s, b, from, to, false);
    case Op.assignFinal:
      return assignFinal(s, from, to);
    default:
      throw new Error(`unknown k-means block op ${op}`);
  }
}

function seedFirst(s: KMeansState, from: number, to: number): void {
  const { data, d, centers, closest, owner } = s;
  for (let i = from, o = from * d; i < to; i++, o += d) {
    closest[i] = sqDist(data, o, centers, 0, d);
    owner[i] = 0;
  }
}

/** Each candidate's potential Σ min(D², d²(x, candidate)) over the block (see kmeans-init for the skip). */
function seedCandidates(s: KMeansState, b: number, from: number, to: number): void {
  const { data, d, k, trials, closest, owner, cand, quarter } = s;
  const pot = new Float64Array(trials);
  for (let i = from, o = from * d; i < to; i++, o += d) {
    const ci = closest[i];
    const own = owner[i];
    for (let t = 0; t < trials; t++) {
      if (quarter[t * k + own] >= ci) {
        pot[t] += ci;
        continue;
      }
      // Only min(D², d²) matters, so the distance can stop once it passes D² (exact otherwise).
      const sd = sqDistBounded(data, o, data, cand[t] * d, d, ci);
      pot[t] += sd < ci ? sd : ci;
    }
  }
  s.blockPot.set(pot, b * potStride(trials));
}

function seedWinner(s: KMeansState, from: number, to: number): void {
  const { data, d, k, closest, owner, quarter, params } = s;
  const best = params[P.winnerTrial];
  const bo = params[P.winnerRow] * d;
  const c = params[P.round];
  for (let i = from, o = from * d; i < to; i++, o += d) {
    const ci = closest[i];
    if (quarter[best * k + owner[i]] >= ci) continue;
    const sd = sqDistBounded(data, o, data, bo, d, ci);
    if (sd < ci) {
      closest[i] = sd;
      owner[i] = c;
    }
  }
}

/**
 * One Lloyd iteration's row work for the block: the E-step (all distances when `full`, else Hamerly's bounds,
 * first moved by how far the centres moved in the previous iteration) and the block's M-step sums and counts.
 */
function lloyd(s: KMeansState, b: number, from: number, to: number, full: boolean): void {
  const { data, d, k, centers, half, shift, labels, upper, lower, params } = s;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const r1 = params[P.farthest];
  const moveOthers = params[P.moveOthers];
  const moveFarthest = params[P.moveFarthest];
  let changed = 0;
  for (let i = from, o = from * d; i < to; i++, o += d) {
    let label: number;
    if (full) {
      let best = 0;
      let d1 = Infinity;
      let d2 = Infinity;
      for (let j = 0; j < k; j++) {
        const sd = sqDistBounded(data, o, centers, j * d, d, d2); // exact whenever it can be one of the two nearest
        if (sd < d1) {
          d2 = d1;
          d1 = sd;
          best = j;
        } else if (sd < d2) d2 = sd;
      }
      labels[i] = best;
      upper[i] = Math.sqrt(d1);
      lower[i] = Math.sqrt(d2);
      label = best;
    } else {
      const a = labels[i];
      label = a;
      const up = upper[i] + shift[a];
      const lo = lower[i] - (a === r1 ? moveFarthest : moveOthers);
      upper[i] = up;
      lower[i] = lo;
      const z = half[a] > lo ? half[a] : lo;
      if (up > z) {
        const u = Math.sqrt(sqDist(data, o, centers, a * d, d));
        upper[i] = u;
        if (u > z) {
          let best = 0;
          let d1 = Infinity;
          let d2 = Infinity;
          for (let j = 0; j < k; j++) {
            const sd = j === a ? u * u : sqDistBounded(data, o, centers, j * d, d, d2);
            if (sd < d1) {
              d2 = d1;
              d1 = sd;
              best = j;
            } else if (sd < d2) d2 = sd;
          }
          if (best !== a) {
            labels[i] = best;
            changed++;
            label = best;
          }
          upper[i] = Math.sqrt(d1);
          lower[i] = Math.sqrt(d2);
        }
      }
    }
    counts[label]++;
    const sb = label * d;
    for (let f = 0; f < d; f++) sums[sb + f] += data[o + f];
  }
  s.blockSums.set(sums, b * k * d);
  s.blockCounts.set(counts, b * k);
  s.blockChanged[b] = changed;
}

/** Nearest and second-nearest centre of each row; D² goes to `upper` for the caller's running inertia sum. */
function assignFinal(s: KMeansState, from: number, to: number): void {
  const { data, d, k, centers, upper, params } = s;
  const { labels, nearest, second, secondLabel } = s.results[params[P.resultSet]];
  for (let i = from, o = from * d; i < to; i++, o += d) {
    let b = 0;
    let b2 = -1;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let j = 0; j < k; j++) {
      const sd = sqDistBounded(data, o, centers, j * d, d, d2); // exact whenever it can be one of the two nearest
      if (sd < d1) {
        d2 = d1;
        b2 = b;
        d1 = sd;
        b = j;
      } else if (sd < d2) {
        d2 = sd;
        b2 = j;
      }
    }
    if (k === 1) b2 = -1;
    labels[i] = b;
    secondLabel[i] = b2;
    nearest[i] = Math.sqrt(d1);
    second[i] = Math.sqrt(d2);
    upper[i] = d1;
  }
}
