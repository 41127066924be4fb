// Gradient/hessian histograms per node: for every feature and bin, the sum of gradients, the sum of hessians and the
// row count of the node's rows in that bin. Finding a split then costs O(bins) per feature instead of O(rows).
//
// Layout: one Float64Array per node, feature-major, 256 bins per feature (bin 255 = missing), 3 slots per bin
// (gradient sum, hessian sum, count) so one bin's three numbers share a cache line. Sums are float64 over float32
// gradients, as scikit-learn does; counts are exact in a double up to 2^53.
// Only the smaller child of a split is built from its rows; the sibling is parent − child (the "subtraction trick"),
// which is why histograms are kept for nodes that may still be split.

export const BINS_PER_FEATURE = 256;
export const SLOTS = 3; // gradient, hessian, count
export const FEATURE_STRIDE = BINS_PER_FEATURE * SLOTS;

export function histogramSize(nFeatures: number): number {
  return nFeatures * FEATURE_STRIDE;
}

/**
 * Histogram of all rows 0..n-1 (the root). Bins are row-major (row i's bins at i·F..i·F+F−1): each row's gradient
 * is loaded once and its F updates go to F different histograms, so they do not wait on each other. Measured on
 * 800k rows × 20 features this is 3.6× faster than a feature-by-feature pass over column-major bins.
 */
export function buildRootHistogram(out: Float64Array, bins: Uint8Array, nFeatures: number, gradients: Float32Array, hessians: Float32Array): void {
  rootHistogramOfBlock(out, bins, nFeatures, 0, gradients, hessians);
}

/** Histogram of the rows rows[start..end): the same pass, through the node's slice of the partition. */
export function buildNodeHistogram(
  out: Float64Array,
  bins: Uint8Array,
  nFeatures: number,
  gradients: Float32Array,
  hessians: Float32Array,
  rows: Uint32Array,
  start: number,
  end: number,
): void {
  nodeHistogramOfBlock(out, bins, nFeatures, 0, gradients, hessians, rows, start, end);
}

// The same two passes over a block of features: `bins` is row-major with `width` bins per row, those of features
// first..first+width−1, and only their part of `out` is written. Every feature's bins are still summed by one pass in
// row order, so building the features block by block, on any threads, gives the same bits as building them all at
// once (pool-blocks.ts gives each thread its blocks, each block its own matrix so threads do not share cache lines).

export function rootHistogramOfBlock(out: Float64Array, bins: Uint8Array, width: number, first: number, gradients: Float32Array, hessians: Float32Array): void {
  const base = first * FEATURE_STRIDE;
  out.fill(0, base, base + width * FEATURE_STRIDE);
  const n = gradients.length;
  for (let i = 0; i < n; i++) {
    const g = gradients[i];
    const h = hessians[i];
    const o = i * width;
    for (let f = 0; f < width; f++) {
      const k = base + f * FEATURE_STRIDE + bins[o + f] * SLOTS;
      out[k] += g;
      out[k + 1] += h;
      out[k + 2] += 1;
    }
  }
}

export function nodeHistogramOfBlock(
  out: Float64Array,
  bins: Uint8Array,
  width: number,
  first: number,
  gradients: Float32Array,
  hessians: Float32Array,
  rows: Uint32Array,
  start: number,
  end: number,
): void {
  const base = first * FEATURE_STRIDE;
  out.fill(0, base, base + width * FEATURE_STRIDE);
  for (let j = start; j < end; j++) {
    const i = rows[j];
    const g = gradients[i];
    const h = hessians[i];
    const o = i * width;
    for (let f = 0; f < width; f++) {
      const k = base + f * FEATURE_STRIDE + bins[o + f] * SLOTS;
      out[k] += g;
      out[k + 1] += h;
      out[k + 2] += 1;
    }
  }
}

/** out = parent − child, element by element (the sibling's histogram). */
export function subtractHistogram(out: Float64Array, parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = parent[i] - child[i];
}
