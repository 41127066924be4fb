// The path arithmetic of exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2: EXTEND, UNWIND and
// the unwound-path sum), and the algorithm itself per row (`recursiveTreeShap`).
//
// A path holds the unique features split on from the root to a node (element 0 is a placeholder with fractions 1),
// each with its zero fraction z (the share of training cover that follows the path at that feature's splits) and one
// fraction o (1 if the row itself follows them all, else 0), plus the Shapley-kernel weights of every subset size.
// At a leaf with value v, feature k on the path receives v · (o_k − z_k) · Σ (weights with k unwound).
// Because that sum depends on the row only through the o's, treeshap.ts tabulates it per leaf and per pattern of o's
// (`leafContributions`) instead of redoing it for every row; the recursive form stays as the textbook reference.

export interface PathBuffers {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

export function pathBuffers(size: number): PathBuffers {
  return { feature: new Int32Array(size), zero: new Float64Array(size), one: new Float64Array(size), weight: new Float64Array(size) };
}

/** EXTEND: append (feature, z, o) as element d of the path starting at `off`, updating the subset weights. */
export function extendPath(p: PathBuffers, off: number, d: number, zero: number, one: number, feature: number): void {
  p.feature[off + d] = feature;
  p.zero[off + d] = zero;
  p.one[off + d] = one;
  p.weight[off + d] = d === 0 ? 1 : 0;
  for (let i = d - 1; i >= 0; i--) {
    p.weight[off + i + 1] += (one * p.weight[off + i] * (i + 1)) / (d + 1);
    p.weight[off + i] = (zero * p.weight[off + i] * (d - i)) / (d + 1);
  }
}

/** UNWIND: remove element `pathIndex` from a path of d + 1 elements (the inverse of EXTEND). */
export function unwindPath(p: PathBuffers, off: number, d: number, pathIndex: number): void {
  const one = p.one[off + pathIndex];
  const zero = p.zero[off + pathIndex];
  let nextOnePortion = p.weight[off + d];
  for (let i = d - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.weight[off + i];
      p.weight[off + i] = (nextOnePortion * (d + 1)) / ((i + 1) * one);
      nextOnePortion = tmp - (p.weight[off + i] * zero * (d - i)) / (d + 1);
    } else {
      p.weight[off + i] = (p.weight[off + i] * (d + 1)) / (zero * (d - i));
    }
  }
  for (let i = pathIndex; i < d; i++) {
    p.feature[off + i] = p.feature[off + i + 1];
    p.zero[off + i] = p.zero[off + i + 1];
    p.one[off + i] = p.one[off + i + 1];
  }
}

/** Total weight of the path with element `pathIndex` unwound, without modifying the path. */
export function unwoundPathSum(p: PathBuffers, off: number, d: number, pathIndex: number): number {
  const one = p.one[off + pathIndex];
  const zero = p.zero[off + pathIndex];
  let nextOnePortion = p.weight[off + d];
  let total = 0;
  for (let i = d - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (nextOnePortion * (d + 1)) / ((i + 1) * one);
      total += tmp;
      nextOnePortion = p.weight[off + i] - tmp * zero * ((d - i) / (d + 1));
    } else {
      total += p.weight[off + i] / zero / ((d - i) / (d + 1));
    }
  }
  return total;
}

/**
 * Contributions of one leaf for one pattern: features 0..d-1 of the leaf's unique path with zero fractions `zero`
 * and one fractions given by the bits of `pattern` (bit k set = the row follows feature k's splits). Writes
 * v · (o_k − z_k) · unwoundSum_k to out[0..d-1]. `p` needs d + 1 elements.
 */
export function leafContributions(zero: Float64Array, d: number, pattern: number, value: number, p: PathBuffers, out: Float64Array): void {
  extendPath(p, 0, 0, 1, 1, -1);
  for (let k = 0; k < d; k++) extendPath(p, 0, k + 1, zero[k], (pattern >>> k) & 1, k);
  for (let k = 0; k < d; k++) {
    const w = unwoundPathSum(p, 0, d, k + 1);
    out[k] = w * (p.one[k + 1] - p.zero[k + 1]) * value;
  }
}

/** A tree as TreeSHAP walks it (typed arrays; cover = the chosen node weights). */
export interface ShapTree {
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
}

/**
 * Algorithm 2 for one row, adding into phi. `p` must hold (depth + 2)(depth + 3)/2 + 1 elements. Start with
 * node 0, parentOff 0, uniqueDepth 0, fractions 1 and 1, parentFeature −1.
 */
export function recursiveTreeShap(
  t: ShapTree,
  features: readonly Float64Array[],
  row: number,
  phi: Float64Array,
  p: PathBuffers,
  node: number,
  parentOff: number,
  uniqueDepth: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  // This node's path is a copy of the parent's placed right after it, so returning to the parent needs no undo.
  const off = parentOff + uniqueDepth + 1;
  for (let i = 0; i <= uniqueDepth; i++) {
    p.feature[off + i] = p.feature[parentOff + i];
    p.zero[off + i] = p.zero[parentOff + i];
    p.one[off + i] = p.one[parentOff + i];
    p.weight[off + i] = p.weight[parentOff + i];
  }
  extendPath(p, off, uniqueDepth, parentZero, parentOne, parentFeature);
  const f = t.feature[node];
  if (f < 0) {
    const v = t.value[node];
    for (let i = 1; i <= uniqueDepth; i++) {
      const w = unwoundPathSum(p, off, uniqueDepth, i);
      phi[p.feature[off + i]] += w * (p.one[off + i] - p.zero[off + i]) * v;
    }
    return;
  }
  const x = features[f][row];
  const goLeft = x !== x ? t.missingLeft[node] === 1 : x <= t.threshold[node];
  const hot = goLeft ? t.left[node] : t.right[node];
  const cold = goLeft ? t.right[node] : t.left[node];
  const c = t.cover[node];
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature already on the path: undo its earlier split and redo it here with the combined fractions, so each
  // feature appears once.
  let pathIndex = 0;
  for (; pathIndex <= uniqueDepth; pathIndex++) if (p.feature[off + pathIndex] === f) break;
  let depth = uniqueDepth;
  if (pathIndex !== uniqueDepth + 1) {
    incomingZero = p.zero[off + pathIndex];
    incomingOne = p.one[off + pathIndex];
    unwindPath(p, off, depth, pathIndex);
    depth -= 1;
  }
  recursiveTreeShap(t, features, row, phi, p, hot, off, depth + 1, (t.cover[hot] / c) * incomingZero, incomingOne, f);
  recursiveTreeShap(t, features, row, phi, p, cold, off, depth + 1, (t.cover[cold] / c) * incomingZero, 0, f);
}
