// The outcome a model learns, per loaded row of the customer table: read from a two-valued column with the positive
// value the analyst named, or made from an event log with a cut-off (./event-label.ts). Training and the re-creation
// of a model's test rows (its fairness audit) both read it here, so they always agree on who is in the model.
import { AppError } from '../../../shared/errors';
import { EVENT_LABEL_POSITIVE, type EventLabelSummary, type PredictSpec } from '../../../shared/predict';
import type { InputColumn } from '../../analysis/predict/encoding';
import type { Db } from '../db';
import type { StoredColumn, StoredDataset } from '../datasets';
import { readBinary } from '../audit/binary';
import { resolveColumn, type LoadProgress } from '../nps/nps-columns';
import type { LoadedColumn } from '../segments/columns';
import { idTexts } from './columns';
import { deriveEventLabel } from './event-label';

export interface Labels {
  /** Per loaded row: 1 positive, 0 negative, −1 not in the model (no target value, or not a customer yet). */
  flags: Int8Array;
  /** The positive value as it appears ("Yes"; "yes" for an event-log label). */
  chosen: string;
  /** Features made from the event log, on every loaded row (empty for a column label). */
  history: InputColumn[];
  eventLabel?: EventLabelSummary;
  warnings: string[];
}

/** The column the label is read from, or null when it is made from an event log (refused if a column has its name). */
export function targetColumn(ds: StoredDataset, spec: PredictSpec): StoredColumn | null {
  if (!spec.label) return resolveColumn(ds, spec.target, 'target');
  const clash = ds.columns.find((c) => c.name.toLowerCase() === spec.target.toLowerCase());
  if (clash) {
    throw new AppError('BAD_ARGUMENTS', `“${ds.name}” already has a column “${clash.name}”; give the label made from the event log another name (--target), so the two are never confused.`, {
      columnName: clash.name,
    });
  }
  if (!spec.id) throw new AppError('BAD_ARGUMENTS', `A label made from an event log needs the customer table's id column (--id COL), to find each customer's events.`);
  return null;
}

export function readLabels(db: Db, spec: PredictSpec, target: StoredColumn | null, get: (c: StoredColumn) => LoadedColumn, idCol: StoredColumn | null, rows: number, ctx: LoadProgress): Labels {
  if (target) {
    const read = readBinary(get(target), spec.positive, { role: 'target', flag: '--positive', notBinaryHint: 'A prediction target has two values (churned or not).' });
    const missing = read.flags.reduce((s, f) => s + (f < 0 ? 1 : 0), 0);
    return { flags: read.flags, chosen: read.chosen, history: [], warnings: missing > 0 ? [`${missing.toLocaleString('en-US')} rows without a “${target.name}” value were left out.`] : [] };
  }
  const ids = idTexts(get(idCol!), Int32Array.from({ length: rows }, (_, k) => k));
  const d = deriveEventLabel(db, spec.label!, ids, idCol!.name, ctx);
  return { flags: d.flags, chosen: EVENT_LABEL_POSITIVE, history: d.history, eventLabel: d.summary, warnings: d.warnings };
}
