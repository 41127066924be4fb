// Fast exact TreeSHAP: Algorithm 2's leaf contributions tabulated per subtree (used by ../treeshap.ts).
//
// At a leaf, Algorithm 2 adds v · (o_k − z_k) · (unwound weight) for each unique feature k of the leaf's path; the z's
// are fixed by the tree and the o's are one bit per feature (does the row follow every split on k along the path?).
// For a subtree S rooted at node s, every leaf's bits follow from (a) which features of the root→s path the row has
// followed so far and (b) the row's direction at each split inside S — even at splits off its own path. So the summed
// contributions of all of S's leaves are a function of |U_s| + |splits in S| bits, and are tabulated for every key,
// the leaves' vectors computed by Algorithm 2's own arithmetic (shap-path.ts) and summed leaf by leaf in tree order.
// A row then costs one pass over the splits (its directions and followed bits) and, per subtree, one key and one
// table row added. Subtrees are chosen top-down as the largest whose key fits GROUP_BITS bits; a leaf deeper than
// that is a subtree of its own, computed on the fly. A key's entry is the same numbers whether read from a table or
// computed on the fly, so results never depend on which subtrees were tabulated, nor on which rows share a block.

import { leafContributions, pathBuffers, type PathBuffers, type ShapTree } from './shap-path';

/** Key bits of a tabulated subtree (table rows = 2^bits); larger subtrees are split into smaller ones. */
const GROUP_BITS = 9;
/** Unique features on a path that a key (an int32) can describe; trees with deeper paths use the recursion. */
export const MAX_PATTERN_BITS = 30;
/** Rows per block: their features, directions and contributions stay in L2 while every tree runs over them. */
export const BLOCK = 256;

interface LeafInGroup {
  node: number;
  /** The leaf's unique path features (first-appearance order) and their zero fractions. */
  features: Int32Array;
  zero: Float64Array;
  /** Where each of those features sits in the group's feature list. */
  slot: Int32Array;
  /** The splits inside the group on the way to the leaf: bit of the split's direction in the key, its feature's bit
   *  in the leaf's pattern, and whether the leaf lies left of it. */
  steps: { dirBit: number; featureBit: number; left: boolean }[];
}

export interface ShapGroup {
  root: number;
  /** Bits of the root→s path features (first-appearance positions 0..|U_s|−1). */
  pathMask: number;
  /** First split (index in TabulatedTree.splits) inside the group and how many there are. */
  firstSplit: number;
  nSplits: number;
  bits: number;
  /** Every feature some leaf of the group has on its path. */
  features: Int32Array;
  leaves: LeafInGroup[];
  table: Float64Array | null;
}

export interface TabulatedTree extends ShapTree {
  /** Split nodes in depth-first order (a parent before its children, a subtree's splits contiguous). */
  splits: Int32Array;
  /** Per split node: 1 << (position of its feature among the unique features of the root→node path). */
  bitMask: Int32Array;
  groups: ShapGroup[];
  maxUnique: number;
  maxGroupFeatures: number;
  depth: number;
}

export interface BlockWorkspace {
  path: PathBuffers;
  scratch: Float64Array;
  entry: Float64Array;
  /** The block's features, feature f at f·BLOCK. */
  x: Float64Array;
  /** The block's contributions, feature f at f·BLOCK. */
  phi: Float64Array;
  /** Per node and row (node·BLOCK + r): bits of the path features the row has failed to follow. */
  failed: Int32Array;
  /** Per split (its index in `splits`) and row: 1 if the row goes left. */
  dir: Uint8Array;
  key: Int32Array;
  /** Table doubles still allowed. */
  budget: number;
  /** Rows this call explains: a group is tabulated only when they are at least as many as its keys. */
  rows: number;
}

export function blockWorkspace(trees: readonly TabulatedTree[], nFeatures: number, rows: number, budget: number): BlockWorkspace {
  let maxNodes = 1;
  let maxSplits = 1;
  let maxUnique = 0;
  let maxGroup = 0;
  for (const t of trees) {
    maxNodes = Math.max(maxNodes, t.feature.length);
    maxSplits = Math.max(maxSplits, t.splits.length);
    maxUnique = Math.max(maxUnique, t.maxUnique);
    maxGroup = Math.max(maxGroup, t.maxGroupFeatures);
  }
  return {
    path: pathBuffers(maxUnique + 1),
    scratch: new Float64Array(maxUnique),
    entry: new Float64Array(maxGroup),
    x: new Float64Array(nFeatures * BLOCK),
    phi: new Float64Array(nFeatures * BLOCK),
    failed: new Int32Array(maxNodes * BLOCK),
    dir: new Uint8Array(maxSplits * BLOCK),
    key: new Int32Array(BLOCK),
    budget,
    rows,
  };
}

/** The group's summed contributions for one key, into `out[0..features.length)`, leaves in tree order. */
function groupEntry(t: TabulatedTree, g: ShapGroup, key: number, w: BlockWorkspace, out: Float64Array): void {
  out.fill(0, 0, g.features.length);
  const followed = key >>> g.nSplits;
  for (const leaf of g.leaves) {
    const d = leaf.features.length;
    if (d === 0) continue;
    let failed = ~followed & g.pathMask;
    for (const s of leaf.steps) {
      const goesLeft = (key >>> s.dirBit) & 1;
      if (goesLeft !== (s.left ? 1 : 0)) failed |= s.featureBit;
    }
    leafContributions(leaf.zero, d, ~failed & ((1 << d) - 1), t.value[leaf.node], w.path, w.scratch);
    for (let k = 0; k < d; k++) out[leaf.slot[k]] += w.scratch[k];
  }
}

/**
 * The block's rows (m of them, features in w.x) through one tree, adding into w.phi. Within a row, contributions are
 * added tree by tree and group by group, so a row's result does not depend on which rows share its block.
 */
export function tabulatedBlock(t: TabulatedTree, m: number, w: BlockWorkspace): void {
  const { splits, feature, threshold, missingLeft, left, right, bitMask, groups } = t;
  const { x, phi, failed, dir, key } = w;
  failed.fill(0, 0, m); // the root: nothing failed yet
  for (let q = 0; q < splits.length; q++) {
    const node = splits[q];
    const xo = feature[node] * BLOCK;
    const thr = threshold[node];
    const ml = missingLeft[node];
    const bit = bitMask[node];
    const p = node * BLOCK;
    const lo = left[node] * BLOCK;
    const ro = right[node] * BLOCK;
    const qo = q * BLOCK;
    for (let r = 0; r < m; r++) {
      const v = x[xo + r];
      // Branch-free (the direction is a coin flip for the CPU's predictor): 1 when v <= thr, or when v is missing and
      // missing goes left; a comparison with NaN is false, so the two terms never both hold.
      const goLeft = +(v <= thr) | (+(v !== v) & ml);
      const had = failed[p + r];
      failed[lo + r] = had | (bit & (goLeft - 1));
      failed[ro + r] = had | (bit & -goLeft);
      dir[qo + r] = goLeft;
    }
  }
  for (const g of groups) {
    const nf = g.features.length;
    if (nf === 0) continue;
    const fo = g.root * BLOCK;
    for (let r = 0; r < m; r++) key[r] = (~failed[fo + r] & g.pathMask) << g.nSplits;
    for (let j = 0; j < g.nSplits; j++) {
      const qo = (g.firstSplit + j) * BLOCK;
      for (let r = 0; r < m; r++) key[r] |= dir[qo + r] << j;
    }
    let table = g.table;
    const size = nf * 2 ** g.bits;
    // Tabulate when the rows to explain outnumber the keys (otherwise computing each row's entry is cheaper) and
    // the budget allows; both give the same numbers.
    if (table === null && g.bits <= GROUP_BITS && w.rows >= 2 ** g.bits && w.budget >= size) {
      w.budget -= size;
      table = g.table = new Float64Array(size);
      for (let k = 0; k < 2 ** g.bits; k++) {
        groupEntry(t, g, k, w, w.entry);
        table.set(w.entry.subarray(0, nf), k * nf);
      }
    }
    if (table !== null) {
      for (let r = 0; r < m; r++) key[r] *= nf;
      for (let k = 0; k < nf; k++) {
        const po = g.features[k] * BLOCK;
        for (let r = 0; r < m; r++) phi[po + r] += table[key[r] + k];
      }
    } else {
      for (let r = 0; r < m; r++) {
        groupEntry(t, g, key[r], w, w.entry);
        for (let k = 0; k < nf; k++) phi[g.features[k] * BLOCK + r] += w.entry[k];
      }
    }
  }
}

/** Typed arrays, the splits in depth-first order, each split's feature bit, and the subtree groups. */
export function compileTabulatedTree(base: ShapTree): TabulatedTree {
  const { feature, left, right, cover } = base;
  const nodes = feature.length;
  const splits: number[] = [];
  const splitIndex = new Int32Array(nodes).fill(-1);
  const bitMask = new Int32Array(nodes);
  const pathFeatures: number[][] = new Array(nodes);
  const pathZero: number[][] = new Array(nodes);
  const subtreeSplits = new Int32Array(nodes);
  let maxUnique = 0;
  let depth = 0;
  // Depth-first, parents first: each node's unique path features (first appearance) and their zero fractions.
  const visit = (node: number, level: number, feats: number[], zeros: number[]): number => {
    depth = Math.max(depth, level);
    pathFeatures[node] = feats;
    pathZero[node] = zeros;
    const f = feature[node];
    if (f < 0) {
      maxUnique = Math.max(maxUnique, feats.length);
      return 0;
    }
    splitIndex[node] = splits.length;
    splits.push(node);
    let k = feats.indexOf(f);
    const seen = k >= 0;
    if (!seen) k = feats.length;
    bitMask[node] = k <= MAX_PATTERN_BITS ? 1 << k : 0; // deeper paths are explained by the recursion instead
    const nextFeats = seen ? feats : [...feats, f];
    let inside = 1;
    for (const child of [left[node], right[node]]) {
      const z = seen ? zeros.slice() : [...zeros, 1];
      z[k] *= cover[child] / cover[node];
      inside += visit(child, level + 1, nextFeats, z);
    }
    subtreeSplits[node] = inside;
    return inside;
  };
  visit(0, 0, [], []);

  const groups: ShapGroup[] = [];
  const makeGroup = (root: number) => {
    const nSplits = subtreeSplits[root];
    const firstSplit = nSplits > 0 ? splitIndex[root] : 0;
    const pathLen = pathFeatures[root].length;
    const featureSlots = new Map<number, number>();
    const leaves: LeafInGroup[] = [];
    const walk = (node: number, steps: LeafInGroup['steps']) => {
      if (feature[node] < 0) {
        const feats = pathFeatures[node];
        const slot = Int32Array.from(feats, (f) => {
          if (!featureSlots.has(f)) featureSlots.set(f, featureSlots.size);
          return featureSlots.get(f)!;
        });
        leaves.push({ node, features: Int32Array.from(feats), zero: Float64Array.from(pathZero[node]), slot, steps });
        return;
      }
      const dirBit = splitIndex[node] - firstSplit;
      walk(left[node], [...steps, { dirBit, featureBit: bitMask[node], left: true }]);
      walk(right[node], [...steps, { dirBit, featureBit: bitMask[node], left: false }]);
    };
    walk(root, []);
    const features = new Int32Array(featureSlots.size);
    for (const [f, s] of featureSlots) features[s] = f;
    groups.push({ root, pathMask: pathLen >= 31 ? -1 : (1 << pathLen) - 1, firstSplit, nSplits, bits: pathLen + nSplits, features, leaves, table: null });
  };
  const choose = (node: number) => {
    if (feature[node] < 0 || pathFeatures[node].length + subtreeSplits[node] <= GROUP_BITS) makeGroup(node);
    else {
      choose(left[node]);
      choose(right[node]);
    }
  };
  choose(0);
  let maxGroupFeatures = 0;
  for (const g of groups) maxGroupFeatures = Math.max(maxGroupFeatures, g.features.length);
  return { ...base, splits: Int32Array.from(splits), bitMask, groups, maxUnique, maxGroupFeatures, depth };
}
