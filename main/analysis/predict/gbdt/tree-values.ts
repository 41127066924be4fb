// What each tree adds to each row's margin, kept per tree, so that a caller who changes one feature's values (a
// permutation-importance shuffle) re-runs only the trees that test that feature. Adding the kept values tree by tree
// in the ensemble's order repeats predictRawMargin's own additions, so the margins are bit-identical to it.
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

/** out[k] = the leaf value row k of the dense columns reaches in tree t (predictRawMargin's traversal). */
function leafValues(t: TypedTree, features: readonly Float64Array[], out: Float64Array): void {
  const { feature, threshold, missingLeft, left, right, value } = t;
  for (let k = 0; k < out.length; k++) {
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const x = features[f][k];
      node = (x !== x ? missingLeft[node] === 1 : x <= threshold[node]) ? left[node] : right[node];
      f = feature[node];
    }
    out[k] = value[node];
  }
}

export class TreeValueCache {
  private readonly trees: TypedTree[];
  /** values[t·n + k]: tree t's leaf value for row k of the reference columns. */
  private readonly values: Float64Array;
  private readonly scratch: Float64Array;
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
    this.values = new Float64Array(n * trees.length);
    this.scratch = new Float64Array(n);
    this.trees.forEach((t, i) => leafValues(t, features, this.values.subarray(i * n, (i + 1) * n)));
  }

  /** Bytes the cache holds for `rows` rows and `trees` trees (for callers that bound the memory they spend). */
  static bytes(rows: number, trees: number): number {
    return 8 * rows * (trees + 1);
  }

  /**
   * Raw margins of `features`, which must equal the reference columns except the features in `changed`: trees that
   * test none of them reuse the kept values. Equal bit for bit to predictRawMargin on the same columns.
   */
  margins(features: readonly Float64Array[], changed: readonly number[]): Float64Array {
    const n = this.n;
    const out = new Float64Array(n).fill(this.baseMargin);
    for (let i = 0; i < this.trees.length; i++) {
      const t = this.trees[i];
      let uses = false;
      for (const f of changed) if (t.feature.includes(f)) uses = true;
      let v: Float64Array;
      if (uses) {
        leafValues(t, features, this.scratch);
        v = this.scratch;
      } else v = this.values.subarray(i * n, (i + 1) * n);
      for (let k = 0; k < n; k++) out[k] += v[k];
    }
    return out;
  }
}
