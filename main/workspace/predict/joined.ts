// Features from other datasets with one row per customer — RFM scores made by `cxw rfm`, a CRM extract — matched to
// the customer table through the ids (the model's id column ↔ the other dataset's id column). Each becomes the feature
// "DATASET: column"; a customer the other dataset lacks has it missing (the trees and the imputation handle that).
// Refused as for the table's own columns (ids, personal data, protected attributes, dates), and — for a label made
// from an event log — an RFM dataset counted up to a day after the cut-off (its recency and frequency already see
// the outcome window) unless the analyst confirms that dataset.
import { AppError } from '../../../shared/errors';
import { joinedFeatureName, type JoinedFeatures } from '../../../shared/predict';
import type { InputColumn } from '../../analysis/predict/encoding';
import type { Db } from '../db';
import { getDataset, type StoredColumn } from '../datasets';
import { loadProgress, resolveColumn, type LoadProgress } from '../nps/nps-columns';
import { loadColumns, type LoadedColumn } from '../segments/columns';
import { checkFeatureColumns, idTexts } from './columns';

const n = (x: number) => x.toLocaleString('en-US');

export interface JoinOptions {
  /** The label's cut-off day (event-log labels): an RFM dataset counted up to a later day is refused. */
  cutoff?: string;
  /** Datasets (or their features) the analyst confirmed. */
  confirmed: readonly string[];
  includeProtected: readonly string[];
}

/** The joined features on every row of the customer table (`ids`: its id per loaded row). */
export function joinedInputs(db: Db, joins: readonly JoinedFeatures[], ids: string[], ctx: LoadProgress, opts: JoinOptions): { columns: InputColumn[]; warnings: string[] } {
  const columns: InputColumn[] = [];
  const warnings: string[] = [];
  for (const j of joins) {
    const ds = getDataset(db, j.dataset);
    const asOf = ds.importParams.kind === 'rfm' && typeof ds.importParams.asOf === 'string' ? ds.importParams.asOf : null;
    if (opts.cutoff && asOf && asOf > opts.cutoff && !opts.confirmed.includes(ds.name)) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `“${ds.name}” is RFM counted up to ${asOf}, after the cut-off ${opts.cutoff}: its recency and frequency already see the outcome window. ` +
          `Make RFM as of the cut-off (cxw rfm … --as-of ${opts.cutoff}), or confirm it (--confirm-leak ${ds.name}).`,
        { dataset: ds.name },
      );
    }
    const idCol = resolveColumn(ds, j.id, `id of “${ds.name}”`);
    const wanted = checkFeatureColumns(ds, idCol.name, j.columns, opts.includeProtected);
    const loaded = loadColumns(db, ds, [...new Map([idCol, ...wanted].map((c) => [c.index, c])).values()], loadProgress(ctx));
    const get = (c: StoredColumn) => loaded.columns.find((l) => l.column.index === c.index)!;
    const theirIds = idTexts(get(idCol), Int32Array.from({ length: loaded.rows.length }, (_, k) => k));
    const rowOf = new Map<string, number>();
    theirIds.forEach((id, k) => {
      if (id === '') return;
      if (rowOf.has(id)) throw new AppError('BAD_ARGUMENTS', `The id “${id}” is on more than one row of “${ds.name}” (column “${idCol.name}”): a joined dataset has one row per customer.`, { dataset: ds.name, columnName: idCol.name });
      rowOf.set(id, k);
    });
    const match = Int32Array.from(ids, (id) => (id === '' ? -1 : (rowOf.get(id) ?? -1)));
    let missing = 0;
    for (const m of match) if (m < 0) missing++;
    if (missing === match.length) throw new AppError('BAD_ARGUMENTS', `No customer id of the table is in “${ds.name}” (column “${idCol.name}”): check that the two hold the same ids.`, { dataset: ds.name });
    if (missing > 0) warnings.push(`${n(missing)} customers are not in “${ds.name}”: its columns are missing for them.`);
    for (const c of wanted) columns.push(onCustomers(get(c), match, joinedFeatureName(ds.name, c.name)));
  }
  return { columns, warnings };
}

/** A column of the joined dataset on the customer table's rows (missing where the customer is not there). */
function onCustomers(c: LoadedColumn, match: Int32Array, name: string): InputColumn {
  if (c.kind === 'numeric') {
    const values = new Float64Array(match.length);
    for (let k = 0; k < match.length; k++) values[k] = match[k] < 0 ? NaN : c.values[match[k]];
    const type = c.column.type === 'boolean' ? 'boolean' : c.column.type === 'integer' ? 'integer' : 'real';
    return { name, kind: 'number', type, values };
  }
  const codes = new Int32Array(match.length);
  for (let k = 0; k < match.length; k++) codes[k] = match[k] < 0 ? -1 : c.codes[match[k]];
  return { name, kind: 'levels', type: 'text', codes, levels: c.levels };
}
