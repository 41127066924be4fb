// Which columns a model may use, read as the pure kernels want them. Refused with a reason (and the flag that
// overrides where one exists): the target itself, identifiers and personal data (a model keyed on them learns
// people, not patterns), protected attributes unless included on purpose, and dates (a date as such means nothing
// to a model; derive "days since" first). Loaded through the segmentation data path (typed column cache).
import { AppError } from '../../../shared/errors';
import { SEGMENT_FEATURE_PREFIX } from '../../../shared/predict';
import type { InputColumn } from '../../analysis/predict/encoding';
import type { StoredColumn, StoredDataset } from '../datasets';
import { resolveColumn, type LoadProgress } from '../nps/nps-columns';
import { segmentGrouping } from '../nps/nps-segments';
import type { Db } from '../db';
import type { LoadedColumn } from '../segments/columns';

export function checkFeatureColumns(ds: StoredDataset, target: string, names: readonly string[], includeProtected: readonly string[]): StoredColumn[] {
  if (names.length === 0) throw new AppError('BAD_ARGUMENTS', 'Choose at least one feature column (--features a,b,c).');
  const seen = new Set<string>();
  return names.map((name) => {
    const c = resolveColumn(ds, name, 'feature');
    if (seen.has(c.name)) throw new AppError('BAD_ARGUMENTS', `“${c.name}” is listed twice among the features.`, { columnName: c.name });
    seen.add(c.name);
    if (c.name === target) throw new AppError('BAD_ARGUMENTS', `“${c.name}” is the target, so it cannot also be a feature.`, { columnName: c.name });
    if (c.role === 'id' || c.role === 'pii') {
      throw new AppError(
        'BAD_ARGUMENTS',
        `“${c.name}” is ${c.role === 'id' ? 'an identifier' : 'personal data'}: a model that uses it learns individual people, not patterns that carry over to new customers. Leave it out.`,
        { columnName: c.name },
      );
    }
    if (c.role === 'protected' && !includeProtected.includes(c.name)) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `“${c.name}” is a protected attribute, left out of models by default. Include it only on purpose (--include-protected ${c.name}); it is then logged and shown on the model card.`,
        { columnName: c.name },
      );
    }
    if (c.type === 'date' || c.type === 'datetime') {
      throw new AppError('BAD_ARGUMENTS', `“${c.name}” is a ${c.type} column; a model cannot use a date as such. Derive a number from it first (e.g. days since sign-up).`, {
        columnName: c.name,
      });
    }
    return c;
  });
}

/** A loaded column on the kept rows only (rows with a known target), as the kernels' InputColumn. */
export function toInputColumn(c: LoadedColumn, kept: Int32Array): InputColumn {
  const name = c.column.name;
  // Plain loops: TypedArray.from with a map function was 10% of a 1M-row training (measured ~6× slower).
  if (c.kind === 'numeric') {
    const type = c.column.type === 'boolean' ? 'boolean' : c.column.type === 'integer' ? 'integer' : 'real';
    const values = new Float64Array(kept.length);
    for (let k = 0; k < kept.length; k++) values[k] = c.values[kept[k]];
    return { name, kind: 'number', type, values };
  }
  const codes = new Int32Array(kept.length);
  for (let k = 0; k < kept.length; k++) codes[k] = c.codes[kept[k]];
  return { name, kind: 'levels', type: 'text', codes, levels: c.levels };
}

/** Text of each kept row's id (numbers as written, missing as ""). */
export function idTexts(c: LoadedColumn, kept: Int32Array): string[] {
  if (c.kind === 'numeric') return Array.from(kept, (i) => (c.values[i] === c.values[i] ? String(c.values[i]) : ''));
  return Array.from(kept, (i) => (c.codes[i] < 0 ? '' : c.levels[c.codes[i]]));
}

/** The feature name of a saved segmentation's membership. */
export const SEGMENT_PREFIX = SEGMENT_FEATURE_PREFIX;

/**
 * A saved segmentation's segment per loaded row (`rows`: dataset _row values, in load order) as a text input on the
 * `kept` rows; rows the segmentation does not cover are "(not in segmentation)".
 */
export function segmentInput(db: Db, name: string, ds: StoredDataset, rows: Int32Array, kept: Int32Array, ctx: LoadProgress): { column: InputColumn; warnings: string[] } {
  const { grouping, warnings } = segmentGrouping(db, name, ds, rows, ctx);
  const codes = Int32Array.from(kept, (i) => grouping.codes[i]);
  return { column: { name: `${SEGMENT_PREFIX}${name}`, kind: 'levels', type: 'text', codes, levels: grouping.labels }, warnings };
}

export type { LoadProgress };
