// Where the k-means state lives when the WebAssembly kernel (kmeans-kernel.wat) runs its row passes, and how a
// pass calls it. WebAssembly code reads only its own linear memory, so the data matrix and every array the passes
// touch are laid out in one shared WebAssembly.Memory, with ordinary typed-array views on it for the TypeScript
// side (the seeding's draws, the centre updates, the inertia sum) and for helper threads, which instantiate the
// same module over the same memory.
//
// An arena is a memory plus a bump pointer. A large matrix is allocated in an arena of its own by the
// preprocessing (kernelMatrix), so k-means uses it in place; any other matrix is copied into this thread's
// scratch arena first (bootstrap resamples, tests: at most a few MB). A k-means call allocates its state above the
// data and gives it back when it returns (releaseKernelState), after copying its results out: nothing of a call
// outlives it, and the next call on the same data reuses the same, already touched pages.
//
// useKernel(false) runs the TypeScript passes instead (same results, bit for bit; the workspace layer maps
// CXW_KMEANS_WASM=0 to it for A/B runs, kernel-setup.ts).
import { KMEANS_KERNEL_WASM } from './kmeans-kernel.wasm';

const PAGE = 65536;
/** wasm32: 65,536 pages of 64 KiB = 4 GiB, the most a memory can address. */
const MAX_PAGES = 65536;
const MAX_BYTES = MAX_PAGES * PAGE;
/**
 * Largest matrix copied into the scratch arena (256 MiB). Large matrices come from the preprocessing already in an
 * arena of their own; copying a larger one would double its memory, so it runs on the TypeScript passes instead.
 */
const COPY_MAX_BYTES = 256 * 1024 * 1024;

/** Descriptor slots (i32), as the .wat reads them. */
export const D = {
  n: 0, d: 1, k: 2, trials: 3, blockRows: 4,
  data: 5, params: 6, centers: 7, ct: 8, half: 9, shift: 10, labels: 11, upper: 12, lower: 13,
  quarter: 14, candT: 15, blockSums: 16, blockCounts: 17, blockChanged: 18, blockPot: 19, quarterT: 20, results: 21,
} as const;
/** Slots in a descriptor: the fixed ones and 4 per result set (two sets at most). */
export const DESC_SLOTS = D.results + 8;

export interface KernelExports {
  covariance: (data: number, n: number, d: number, out: number) => void;
  featureMoments: (data: number, n: number, d: number, out: number) => void;
  seedCandidates: (desc: number, block: number) => void;
  seedWinner: (desc: number, block: number) => void;
  lloyd: (desc: number, block: number, full: number) => void;
  assignFinal: (desc: number, block: number) => void;
}

/** What a state run by the kernel carries (plain data, so it reaches helper threads with the state). */
export interface KernelRef {
  memory: WebAssembly.Memory;
  /** Byte offset of the state's descriptor. */
  desc: number;
  /** The arena's top before the state (and a copied matrix) was allocated, restored by releaseKernelState. */
  mark: number;
}

interface Arena {
  memory: WebAssembly.Memory;
  top: number;
}

let enabled = true;
/** Run k-means' passes in the kernel (default) or in TypeScript, on this thread, from the next call on. */
export function useKernel(on: boolean): void {
  enabled = on;
}
export const kernelEnabled = (): boolean => enabled;

let compiled: WebAssembly.Module | null = null;
const instances = new WeakMap<WebAssembly.Memory, KernelExports>();
/** Arenas by their memory, and by the buffer a matrix view was made on (kernelMatrix). */
const arenas = new WeakMap<WebAssembly.Memory, Arena>();
const matrixArenas = new WeakMap<ArrayBufferLike, Arena>();
let scratch: Arena | null = null;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Uint8Array.from(atob(KMEANS_KERNEL_WASM), (c) => c.charCodeAt(0)));
  return compiled;
}

/** This thread's instance of the kernel over `memory` (compiled once per thread, instantiated once per memory). */
export function kernelFor(memory: WebAssembly.Memory): KernelExports {
  let k = instances.get(memory);
  if (!k) {
    k = new WebAssembly.Instance(kernelModule(), { env: { memory } }).exports as unknown as KernelExports;
    instances.set(memory, k);
  }
  return k;
}

const align16 = (x: number): number => (x + 15) & ~15;

/** A new arena, or null when the memory cannot be had (the caller then runs the TypeScript passes). */
function newArena(bytes: number): Arena | null {
  try {
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)), maximum: MAX_PAGES, shared: true });
    const arena = { memory, top: 0 };
    arenas.set(memory, arena);
    return arena;
  } catch {
    return null;
  }
}

/** Make room for `bytes` more above the arena's top; false when the memory cannot grow that far. */
function reserve(arena: Arena, bytes: number): boolean {
  const end = arena.top + bytes;
  if (end > MAX_BYTES) return false;
  const have = arena.memory.buffer.byteLength;
  try {
    if (end > have) arena.memory.grow(Math.ceil((end - have) / PAGE));
  } catch {
    return false;
  }
  return true;
}

/**
 * A matrix of `values` doubles in an arena of its own (shared memory, so helper threads can read it too), for
 * k-means to use in place; null when the kernel is off or the matrix could not leave room for k-means' state.
 */
export function kernelMatrix(values: number): Float64Array | null {
  const bytes = align16(values * 8);
  if (!kernelEnabled() || bytes > MAX_BYTES / 2) return null;
  const arena = newArena(bytes);
  if (!arena) return null;
  arena.top = bytes;
  const view = new Float64Array(arena.memory.buffer, 0, values);
  matrixArenas.set(view.buffer, arena);
  return view;
}

/**
 * Where work on `values` doubles of `data` plus `bytes` more can run: the data's own arena (in place) or this
 * thread's scratch arena with the data copied in, with room reserved above the arena's top. Null when it cannot
 * fit in 4 GiB. `mark` is what releaseKernelState restores.
 */
function place(data: Float64Array, values: number, bytes: number): { arena: Arena; dataOffset: number; mark: number } | null {
  const own = matrixArenas.get(data.buffer);
  const dataBytes = align16(values * 8);
  let arena: Arena;
  let dataOffset: number;
  let mark: number;
  if (own && own.memory.buffer.byteLength >= data.byteOffset + dataBytes) {
    arena = own;
    dataOffset = data.byteOffset;
    mark = arena.top;
  } else {
    if (dataBytes > COPY_MAX_BYTES || dataBytes + bytes > MAX_BYTES) return null;
    // The scratch arena holds one piece of work at a time; a second one alive at once (a test comparing two
    // runners) gets an arena of its own.
    const fresh = scratch === null || scratch.top === 0 ? (scratch ??= newArena(dataBytes + bytes)) : newArena(dataBytes + bytes);
    if (!fresh) return null;
    arena = fresh;
    mark = 0;
    if (!reserve(arena, dataBytes)) return null;
    new Float64Array(arena.memory.buffer, 0, values).set(data.subarray(0, values));
    arena.top = dataBytes;
    dataOffset = 0;
  }
  if (!reserve(arena, bytes)) {
    arena.top = mark;
    return null;
  }
  return { arena, dataOffset, mark };
}

/**
 * Run `work` with `bytes` of zeroed scratch above `values` doubles of `data` in kernel memory (placed as for a
 * k-means state), giving it back afterwards; null when the kernel is off or the data cannot be placed.
 */
export function withKernelScratch<T>(data: Float64Array, values: number, bytes: number, work: (kernel: KernelExports, dataOffset: number, scratchOffset: number, buffer: ArrayBufferLike) => T): T | null {
  if (!kernelEnabled()) return null;
  const placed = place(data, values, align16(bytes));
  if (!placed) return null;
  const { arena, dataOffset, mark } = placed;
  const at = arena.top;
  const buffer = arena.memory.buffer;
  new Uint8Array(buffer, at, bytes).fill(0);
  arena.top = at + align16(bytes);
  try {
    return work(kernelFor(arena.memory), dataOffset, at, buffer);
  } finally {
    arena.top = mark;
  }
}

/** Sizes of the state's arrays (elements), in layout order. */
export interface StateSizes {
  n: number;
  d: number;
  k: number;
  trials: number;
  blockRows: number;
  blocks: number;
  resultSets: number;
}

/** The typed-array views kmeans-blocks' KMeansState needs, on the arena's memory. */
export interface KernelViews {
  data: Float64Array;
  params: Float64Array;
  centers: Float64Array;
  ct: Float64Array;
  half: Float64Array;
  shift: Float64Array;
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
  cand: Int32Array;
  quarter: Float64Array;
  candT: Float64Array;
  blockSums: Float64Array;
  blockCounts: Float64Array;
  blockChanged: Float64Array;
  blockPot: Float64Array;
  quarterT: Float64Array;
  results: { labels: Int32Array; nearest: Float64Array; second: Float64Array; secondLabel: Int32Array }[];
  kernel: KernelRef;
}

/** Elements of an interleaved pair table for `count` rows of d (a missing last lane included). */
export const pairTableLength = (count: number, d: number): number => Math.ceil(count / 2) * 2 * d;
/** Per-block stride of the candidate potentials: whole pairs, so the kernel's pair stores stay in the block's slot. */
export const potStride = (trials: number): number => Math.ceil(trials / 2) * 2;

/** The state's arrays that kernelState lays out from stateArrays (the data and the results are placed apart). */
type ArrayField = Exclude<keyof KernelViews, 'data' | 'results' | 'kernel'>;

/**
 * The state's arrays in layout order: name, element type, length, and whether it starts at zero (every small one,
 * as in a fresh TypeScript state; the n-sized ones are written in full by the first pass that uses them, and
 * zeroing them would cost a pass over ~40 MB at 1M rows). One list sizes the state and lays it out.
 */
function stateArrays(s: StateSizes): [ArrayField, 'f64' | 'i32', number, boolean][] {
  return [
    ['params', 'f64', 8, true],
    ['centers', 'f64', s.k * s.d, true],
    ['ct', 'f64', pairTableLength(s.k, s.d), true],
    ['half', 'f64', s.k, true],
    ['shift', 'f64', s.k, true],
    ['labels', 'i32', s.n, false],
    ['upper', 'f64', s.n, false],
    ['lower', 'f64', s.n, false],
    ['cand', 'i32', s.trials, true],
    ['quarter', 'f64', s.trials * s.k, true],
    ['candT', 'f64', pairTableLength(s.trials, s.d), true],
    ['blockSums', 'f64', s.blocks * s.k * s.d, true],
    ['blockCounts', 'f64', s.blocks * s.k, true],
    ['blockChanged', 'f64', s.blocks, true],
    ['blockPot', 'f64', s.blocks * potStride(s.trials), true],
    ['quarterT', 'f64', pairTableLength(s.trials, s.k), true],
  ];
}

const arrayBytes = (type: 'f64' | 'i32', len: number): number => align16(len * (type === 'f64' ? 8 : 4));
/** One result set: labels, nearest, second, secondLabel. */
const resultSetBytes = (n: number): number => 2 * arrayBytes('i32', n) + 2 * arrayBytes('f64', n);

/**
 * Lay out a k-means state for the kernel: in the data's own arena when it has one, else in this thread's scratch
 * arena with the data copied in. Null when the kernel is off or the state would not fit in 4 GiB.
 */
export function kernelState(data: Float64Array, s: StateSizes): KernelViews | null {
  if (!kernelEnabled()) return null;
  const arrays = stateArrays(s);
  let bytes = arrayBytes('i32', DESC_SLOTS) + s.resultSets * resultSetBytes(s.n);
  for (const [, type, len] of arrays) bytes += arrayBytes(type, len);
  const placed = place(data, s.n * s.d, bytes);
  if (!placed) return null;
  const { arena, dataOffset, mark } = placed;
  const buffer = arena.memory.buffer;
  let at = arena.top;
  const take = (type: 'f64' | 'i32', len: number): Float64Array | Int32Array => {
    const view = type === 'f64' ? new Float64Array(buffer, at, len) : new Int32Array(buffer, at, len);
    at += arrayBytes(type, len);
    return view;
  };
  const f64 = (len: number) => take('f64', len) as Float64Array;
  const i32 = (len: number) => take('i32', len) as Int32Array;
  const descView = i32(DESC_SLOTS);
  const desc: number[] = [];
  desc[D.n] = s.n;
  desc[D.d] = s.d;
  desc[D.k] = s.k;
  desc[D.trials] = s.trials;
  desc[D.blockRows] = s.blockRows;
  desc[D.data] = dataOffset;
  const views = {} as Record<ArrayField, Float64Array | Int32Array>;
  for (const [name, type, len, zero] of arrays) {
    const view = take(type, len);
    if (zero) view.fill(0); // arena memory is reused
    views[name] = view;
    if (name in D) desc[D[name as keyof typeof D]] = view.byteOffset;
  }
  const v: KernelViews = {
    ...(views as unknown as Pick<KernelViews, ArrayField>),
    data: new Float64Array(buffer, dataOffset, s.n * s.d),
    results: [],
    kernel: { memory: arena.memory, desc: descView.byteOffset, mark },
  };
  for (let r = 0; r < s.resultSets; r++) {
    const set = { labels: i32(s.n), nearest: f64(s.n), second: f64(s.n), secondLabel: i32(s.n) };
    v.results.push(set);
    const slot = D.results + 4 * r;
    desc[slot] = set.labels.byteOffset;
    desc[slot + 1] = set.nearest.byteOffset;
    desc[slot + 2] = set.second.byteOffset;
    desc[slot + 3] = set.secondLabel.byteOffset;
  }
  arena.top = at;
  // Offsets above 2 GiB are stored as their two's-complement i32; the kernel treats addresses as unsigned.
  for (let i = 0; i < DESC_SLOTS; i++) descView[i] = desc[i] ?? 0;
  return v;
}

/**
 * Give a state's memory back to its arena (after its results have been copied out). Last in, first out: the arena
 * only lowers its top to the state's mark, so states on one arena must be released in reverse order.
 */
export function releaseKernelState(ref: KernelRef): void {
  const arena = arenas.get(ref.memory);
  if (arena && arena.top > ref.mark) arena.top = ref.mark;
}

/**
 * The seeding's triangle-inequality bounds by owner, candidates side by side in pairs:
 * out[(own·pairs + p)·2 + lane] = quarter[(2p + lane)·k + own], +Infinity for a missing last candidate.
 */
export function fillQuarterPairs(out: Float64Array, quarter: Float64Array, trials: number, k: number): void {
  const pairs = Math.ceil(trials / 2);
  for (let own = 0; own < k; own++) {
    for (let t = 0; t < 2 * pairs; t++) out[own * 2 * pairs + t] = t < trials ? quarter[t * k + own] : Infinity;
  }
}

/**
 * Copy `count` rows of d values (row `rows[t]` of `from`, or the rows of `from` in order when rows is null) into
 * an interleaved pair table: table[(p·d + f)·2 + lane] = row 2p + lane, feature f; a missing last lane is +Infinity.
 */
export function fillPairTable(table: Float64Array, from: Float64Array, d: number, count: number, rows: Int32Array | null): void {
  const pairs = Math.ceil(count / 2);
  for (let p = 0; p < pairs; p++) {
    for (let lane = 0; lane < 2; lane++) {
      const r = 2 * p + lane;
      const base = r < count ? (rows ? rows[r] : r) * d : -1;
      for (let f = 0; f < d; f++) table[(p * d + f) * 2 + lane] = base < 0 ? Infinity : from[base + f];
    }
  }
}
