// One regression tree as ONE flat CASE (never nested CASEs: SQLite's parser and Spark's analyser limit nesting,
// and a tree 30 levels deep would nest 30 times). The WHENs list the leaves from left to right, as the app walks
// them (main/analysis/predict/gbdt/model.ts leafOf): a row goes left when x <= threshold, and a missing x (NULL)
// goes left exactly when the split's missingLeft is 1; a split whose threshold is Number.MAX_VALUE ("split on
// missing") sends every present value left, so only NULLs are routed by it.
// Each WHEN carries only the LEFT turns of its leaf's path. That is enough, and exact: CASE takes the first WHEN
// that holds, and a row that reaches a leaf's WHEN failed every leaf to its left; at a node where the path turns
// right, the leaves of the left subtree (all listed earlier) cover every row that goes left there, so the right
// turn is implied. The rightmost leaf is the ELSE. This halves the text of a 31-leaf tree compared with full paths.
import type { FrozenTree } from '../../../shared/predict';
import { AppError } from '../../../shared/errors';
import type { FeatureColumn } from './features';
import { num, type SqlDialect } from './sql-text';

/** The condition of going left at `node`, or null when every row goes left there. */
function leftCondition(tree: FrozenTree, node: number, features: readonly FeatureColumn[], dialect: SqlDialect): string | null {
  const f = features[tree.feature[node]];
  if (!f) throw new AppError('BAD_ARGUMENTS', `A tree splits on feature ${tree.feature[node]}, which the model does not have.`);
  const t = tree.threshold[node];
  const missingLeft = tree.missingLeft[node] === 1 && f.nullable;
  if (t === Number.MAX_VALUE) return missingLeft ? null : f.nullable ? `${f.ref} IS NOT NULL` : null;
  const le = `${f.ref} <= ${num(t, dialect)}`;
  return missingLeft ? `(${f.ref} IS NULL OR ${le})` : le;
}

export interface TreeLeaf {
  /** Left-turn conditions on the way to the leaf (empty: reached by every row that gets this far). */
  conditions: string[];
  value: number;
}

/** The leaves in left-to-right order, up to the first one every remaining row reaches. */
export function treeLeaves(tree: FrozenTree, features: readonly FeatureColumn[], dialect: SqlDialect): TreeLeaf[] {
  const nodes = tree.feature.length;
  if (nodes === 0) throw new AppError('BAD_ARGUMENTS', 'A tree of the model has no nodes.');
  const leaves: TreeLeaf[] = [];
  // Depth-first, left first; a node index seen twice means a malformed tree (it would never end).
  const seen = new Uint8Array(nodes);
  const stack: { node: number; conditions: string[] }[] = [{ node: 0, conditions: [] }];
  while (stack.length > 0) {
    const { node, conditions } = stack.pop()!;
    if (!(Number.isInteger(node) && node >= 0 && node < nodes) || seen[node]) throw new AppError('BAD_ARGUMENTS', `A tree of the model is malformed (node ${node}).`);
    seen[node] = 1;
    if (tree.feature[node] < 0) {
      leaves.push({ conditions, value: tree.value[node] });
      if (conditions.length === 0) break;
      continue;
    }
    const cond = leftCondition(tree, node, features, dialect);
    // Right first onto the stack, so the left subtree comes out (and is listed) first.
    stack.push({ node: tree.right[node], conditions });
    stack.push({ node: tree.left[node], conditions: cond === null ? conditions : [...conditions, cond] });
  }
  return leaves;
}

/**
 * The conditions joined by AND. A long chain (a path deeper than 32) is grouped in balanced parentheses, so its
 * expression tree is log-deep instead of as deep as the path (SQLite refuses depth > 1,000).
 */
export function andAll(conditions: readonly string[]): string {
  if (conditions.length <= 32) return conditions.join(' AND ');
  const half = Math.ceil(conditions.length / 2);
  return `(${andAll(conditions.slice(0, half))}) AND (${andAll(conditions.slice(half))})`;
}

/** The tree's leaf value for the row, as one flat CASE (or a number for a tree that is a single leaf). */
export function treeCase(tree: FrozenTree, features: readonly FeatureColumn[], dialect: SqlDialect, indent = '      '): string {
  const leaves = treeLeaves(tree, features, dialect);
  const last = leaves[leaves.length - 1];
  if (leaves.length === 1) return num(last.value, dialect);
  const whens = leaves.slice(0, -1).map((l) => `${indent}  WHEN ${andAll(l.conditions)} THEN ${num(l.value, dialect)}`);
  return `CASE\n${whens.join('\n')}\n${indent}  ELSE ${num(last.value, dialect)}\n${indent}END`;
}
