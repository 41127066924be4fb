// What each tree adds to each row's margin, kept per tree, so that a caller who changes one feature's values (a
// permutation-importance shuffle) re-runs only what that can change. Adding the kept values tree by tree in the
// ensemble's order repeats predictRawMargin's own additions, so the margins are bit-identical to it. Three savings:
// - a tree that never tests a changed feature is not run again: its kept values are added;
// - in a tree that does, only the rows whose path went through a node testing one are run again, and only from the
//   first such node on their path (the nodes above it test other features, so they decide as before): each row's
//   leaf is kept, and each tree knows, for every leaf and feature, the node nearest the root on the leaf's path that
//   tests the feature;
// - the margins after each tree are kept as well (running sums in the ensemble's order), so the trees before the first
//   one that tests a changed feature are not added again: their sum is copied.
import type { GbdtTree } from './model';

/** A tree as typed arrays (the traversal loop stays monomorphic). */
interface TypedTree {
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  depth: Int32Array;
  /** firstTest[node · nFeatures + f]: for a leaf, the node nearest the root on its path that tests f, or −1. */
  firstTest: Int32Array;
}

function typed(t: GbdtTree, nFeatures: number): TypedTree {
  const nodes = t.feature.length;
  const parent = new Int32Array(nodes).fill(-1);
  const depth = new Int32Array(nodes);
  // Depth-first order (boost.ts flatten): a child comes after its parent.
  for (let node = 0; node < nodes; node++) {
    if (t.feature[node] < 0) continue;
    for (const c of [t.left[node], t.right[node]]) {
      parent[c] = node;
      depth[c] = depth[node] + 1;
    }
  }
  const firstTest = new Int32Array(nodes * nFeatures).fill(-1);
  for (let leaf = 0; leaf < nodes; leaf++) {
    if (t.feature[leaf] >= 0) continue;
    // Walking up, a node nearer the root overwrites a deeper one testing the same feature.
    for (let node = parent[leaf]; node >= 0; node = parent[node]) firstTest[leaf * nFeatures + t.feature[node]] = node;
  }
  return {
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    missingLeft: Uint8Array.from(t.missingLeft),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    value: Float64Array.from(t.value),
    depth,
    firstTest,
  };
}

/** The leaf row k of the dense columns reaches in tree t from `start` (the root: predictRawMargin's traversal). */
function leafOf(t: TypedTree, features: readonly Float64Array[], k: number, start = 0): number {
  const { feature, threshold, missingLeft, left, right } = t;
  let node = start;
  let f = feature[start];
  while (f >= 0) {
    const x = features[f][k];
    node = (x !== x ? missingLeft[node] === 1 : x <= threshold[node]) ? left[node] : right[node];
    f = feature[node];
  }
  return node;
}

export class TreeValueCache {
  private readonly trees: TypedTree[];
  /** values[t·n + k]: tree t's leaf value for row k of the reference columns. */
  private readonly values: Float64Array;
  /** sums[t·n + k]: row k's margin after trees 0..t (the base margin plus their values, added in order). */
  private readonly sums: Float64Array;
  /** leaves[t·n + k]: the leaf row k reaches in tree t. */
  private readonly leaves: Int32Array;
  private readonly n: number;
  private readonly nFeatures: number;

  /** `features`: dense columns, every one `n` long (the reference rows). */
  constructor(
    private readonly baseMargin: number,
    trees: readonly GbdtTree[],
    features: readonly Float64Array[],
    n: number,
  ) {
    this.n = n;
    this.nFeatures = features.length;
    this.trees = trees.map((t) => typed(t, features.length));
    const T = trees.length;
    this.values = new Float64Array(n * T);
    this.sums = new Float64Array(n * T);
    this.leaves = new Int32Array(n * T);
    const margin = new Float64Array(n).fill(baseMargin);
    this.trees.forEach((t, i) => {
      for (let k = 0; k < n; k++) {
        const leaf = leafOf(t, features, k);
        const v = t.value[leaf];
        this.values[i * n + k] = v;
        this.leaves[i * n + k] = leaf;
        margin[k] += v;
      }
      this.sums.set(margin, i * n);
    });
  }

  /** Bytes the cache holds for `rows` rows and `trees` trees (for callers that bound the memory they spend). */
  static bytes(rows: number, trees: number): number {
    return rows * (20 * trees + 8);
  }

  /**
   * Raw margins of `features`, which must equal the reference columns except the features in `changed`: what cannot
   * have changed is taken from the kept values. Equal bit for bit to predictRawMargin on the same columns.
   */
  margins(features: readonly Float64Array[], changed: readonly number[]): Float64Array {
    const n = this.n;
    const T = this.trees.length;
    const tests = (t: TypedTree) => changed.some((f) => t.feature.includes(f));
    let first = 0;
    while (first < T && !tests(this.trees[first])) first++;
    // The trees before the first that tests a changed feature add exactly what they added to the reference rows.
    const out = first === 0 ? new Float64Array(n).fill(this.baseMargin) : this.sums.slice((first - 1) * n, first * n);
    for (let i = first; i < T; i++) {
      const t = this.trees[i];
      const at = i * n;
      const { values, leaves } = this;
      if (tests(t)) {
        const start = this.restartNodes(t, changed);
        for (let k = 0; k < n; k++) {
          const s = start[leaves[at + k]];
          out[k] += s < 0 ? values[at + k] : t.value[leafOf(t, features, k, s)];
        }
      } else {
        for (let k = 0; k < n; k++) out[k] += values[at + k];
      }
    }
    return out;
  }

  /** Per leaf of t: where a row reaching it must be run again from (the first node on its path testing a changed feature), or −1. */
  private restartNodes(t: TypedTree, changed: readonly number[]): Int32Array {
    const F = this.nFeatures;
    const start = new Int32Array(t.feature.length).fill(-1);
    for (let leaf = 0; leaf < start.length; leaf++) {
      if (t.feature[leaf] >= 0) continue;
      for (const f of changed) {
        const node = t.firstTest[leaf * F + f];
        if (node >= 0 && (start[leaf] < 0 || t.depth[node] < t.depth[start[leaf]])) start[leaf] = node;
      }
    }
    return start;
  }
}
