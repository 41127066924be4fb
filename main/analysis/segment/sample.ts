// Seeded sampling without replacement. The same (n, size, seed) gives the same indices on every platform
// because the only randomness is mulberry32 (32-bit integer arithmetic).
import { mulberry32 } from '../random';

/** `size` distinct indices in [0, n), sorted ascending (sorted so callers read rows in memory order). */
export function sampleIndices(n: number, size: number, seed: number): Int32Array {
  const m = Math.max(0, Math.min(Math.floor(size), n));
  const out = new Int32Array(m);
  if (m === n) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  const rnd = mulberry32(seed);
  if (m * 4 >= n) {
    // Dense: partial Fisher–Yates over the whole index range (O(n) memory, but m is a large share of n anyway).
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < m; i++) {
      const j = i + Math.floor(rnd() * (n - i));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
      out[i] = perm[i];
    }
  } else {
    // Sparse: Floyd's algorithm — exactly m draws, O(m) memory, no rejection loop of unbounded length.
    const chosen = new Set<number>();
    let w = 0;
    for (let j = n - m; j < n; j++) {
      const t = Math.floor(rnd() * (j + 1));
      const v = chosen.has(t) ? j : t;
      chosen.add(v);
      out[w++] = v;
    }
  }
  out.sort();
  return out;
}

/** Rows `idx` of a row-major matrix copied into a new contiguous buffer. */
export function takeRows(data: Float64Array, cols: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * cols);
  for (let r = 0; r < idx.length; r++) {
    const src = idx[r] * cols;
    out.set(data.subarray(src, src + cols), r * cols);
  }
  return out;
}
