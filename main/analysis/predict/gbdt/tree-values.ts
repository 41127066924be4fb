// What each tree adds to each row's margin, kept per tree, so that a caller who changes one feature's values (a
// permutation-importance shuffle) re-runs only what that can change. Adding the kept values tree by tree in the
// ensemble's order repeats predictRawMargin's own additions, so the margins are bit-identical to it. Three savings:
// - a tree that never tests a changed feature is not run again: its kept values are added;
// - in a tree that does, only the rows whose path went through a node testing one is run again (each row's path is
//   kept as a 32-bit mask of the features it tested, feature f as bit f mod 32, so a set bit may be another feature's
//   and the row is simply run again);
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
}

function typed(t: GbdtTree): TypedTree {
  return {
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    missingLeft: Uint8Array.from(t.missingLeft),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    value: Float64Array.from(t.value),
  };
}

/** The leaf row k of the dense columns reaches in tree t (predictRawMargin's traversal). */
function leafOf(t: TypedTree, features: readonly Float64Array[], k: number): number {
  const { feature, threshold, missingLeft, left, right } = t;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    const x = features[f][k];
    node = (x !== x ? missingLeft[node] === 1 : x <= threshold[node]) ? left[node] : right[node];
    f = feature[node];
  }
  return node;
}

/** The mask of the features row k's path in tree t tests (feature f as bit f mod 32). */
function pathMask(t: TypedTree, features: readonly Float64Array[], k: number): number {
  const { feature, threshold, missingLeft, left, right } = t;
  let mask = 0;
  let node = 0;
  let f = feature[0];
  while (f >= 0) {
    mask |= 1 << (f & 31);
    const x = features[f][k];
    node = (x !== x ? missingLeft[node] === 1 : x <= threshold[node]) ? left[node] : right[node];
    f = feature[node];
  }
  return mask;
}

export class TreeValueCache {
  private readonly trees: TypedTree[];
  /** values[t·n + k]: tree t's leaf value for row k of the reference columns. */
  private readonly values: Float64Array;
  /** sums[t·n + k]: row k's margin after trees 0..t (the base margin plus their values, added in order). */
  private readonly sums: Float64Array;
  /** paths[t·n + k]: the features row k's path in tree t tests, as pathMask. */
  private readonly paths: Int32Array;
  private readonly n: number;

  /** `features`: dense columns, every one `n` long (the reference rows). */
  constructor(
    private readonly baseMargin: number,
    trees: readonly GbdtTree[],
    features: readonly Float64Array[],
    n: number,
  ) {
    this.n = n;
    this.trees = trees.map(typed);
    const T = trees.length;
    this.values = new Float64Array(n * T);
    this.sums = new Float64Array(n * T);
    this.paths = new Int32Array(n * T);
    const margin = new Float64Array(n).fill(baseMargin);
    this.trees.forEach((t, i) => {
      for (let k = 0; k < n; k++) {
        const v = t.value[leafOf(t, features, k)];
        this.values[i * n + k] = v;
        this.paths[i * n + k] = pathMask(t, features, k);
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
    let mask = 0;
    for (const f of changed) mask |= 1 << (f & 31);
    for (let i = first; i < T; i++) {
      const t = this.trees[i];
      const at = i * n;
      const { values, paths } = this;
      if (tests(t)) {
        for (let k = 0; k < n; k++) out[k] += (paths[at + k] & mask) !== 0 ? t.value[leafOf(t, features, k)] : values[at + k];
      } else {
        for (let k = 0; k < n; k++) out[k] += values[at + k];
      }
    }
    return out;
  }
}
