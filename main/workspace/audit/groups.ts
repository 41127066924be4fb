// A loaded column of any type as groups (codes into levels, −1 missing): text by value, booleans by their labels,
// numbers by value when there are few of them, else binned (bins.ts). Used for protected attributes and proxies.
import { booleanGroupNames } from '../../../shared/audit-labels';
import { AppError } from '../../../shared/errors';
import type { LoadedColumn } from '../segments/columns';
import { binNumeric, type Binned } from './bins';

/** More groups than this is an identifier or free text, not a protected attribute. */
export const MAX_ATTRIBUTE_GROUPS = 500;

export function groupsOf(c: LoadedColumn, edges: number[] | undefined): Binned {
  const col = c.column;
  if (c.kind === 'categorical') {
    if (edges) {
      throw new AppError('BAD_ARGUMENTS', `Bins were given for "${col.name}", but it is a ${col.type} column; bins cut numeric columns (e.g. age=18,25,35,45,55,65).`, {
        columnName: col.name,
      });
    }
    return { codes: c.codes, levels: c.levels, note: null };
  }
  if (col.type === 'boolean') {
    if (edges) throw new AppError('BAD_ARGUMENTS', `Bins were given for "${col.name}", but it is a yes/no column; it already has two groups.`, { columnName: col.name });
    // The data's own labels, or Yes/No when they are bare codes (1/0, true/false).
    const labels = booleanGroupNames(col.booleanLabels);
    return binNumeric(col.name, c.values, { integer: true, label: (v) => (v === 1 ? labels.true : v === 0 ? labels.false : String(v)) });
  }
  return binNumeric(col.name, c.values, { edges, integer: col.type === 'integer' });
}
