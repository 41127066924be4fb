// The Cohorts area's set-up form and its spec. Pre-fills only what the dataset says plainly: the customer column
// (role id) and the time column (role timestamp, else the only date column). The revenue and NPS columns are never
// guessed (an "amount" may be a price, a "score" a rating): the analyst picks them, and a run without them gives
// retention and repeat purchase.
import type { ColumnMeta, DatasetSummary } from '../../../../shared/domain';
import type { CohortsSpec, CohortUnit } from '../../../../shared/monitor-cohorts';
import { formMemory } from '../../../lib/analysis-memory';

export type SplitKind = 'none' | 'column' | 'segmentation';

export interface CohortsForm {
  dataset: string;
  customer: string;
  time: string;
  unit: CohortUnit;
  value: string;
  nps: string;
  splitKind: SplitKind;
  by: string;
  segmentation: string;
}

const isTime = (c: ColumnMeta) => c.type === 'date' || c.type === 'datetime';
const isNumber = (c: ColumnMeta) => c.type === 'integer' || c.type === 'real';

export const timeColumns = (d: DatasetSummary | null) => (d?.columns ?? []).filter(isTime);
export const numberColumns = (d: DatasetSummary | null) => (d?.columns ?? []).filter((c) => isNumber(c) && c.role !== 'id' && c.role !== 'pii');
export const customerColumns = (d: DatasetSummary | null) => (d?.columns ?? []).filter((c) => !isTime(c) && c.type !== 'real' && c.role !== 'ignore');
export const splitColumns = (d: DatasetSummary | null, f: Pick<CohortsForm, 'customer' | 'time'>) =>
  (d?.columns ?? []).filter((c) => c.name !== f.customer && c.name !== f.time && !isTime(c) && c.type !== 'real' && c.role !== 'id' && c.role !== 'pii' && c.role !== 'ignore');

/** An event log: a time column and a customer id column; of several, the largest (a log has more rows than its customers). */
export function pickEventDataset(all: DatasetSummary[]): DatasetSummary | null {
  const logs = all.filter((d) => d.columns.some(isTime) && d.columns.some((c) => c.role === 'id'));
  return [...logs].sort((a, b) => b.rows - a.rows)[0] ?? all[0] ?? null;
}

function prefill(d: DatasetSummary | null): CohortsForm {
  const cols = d?.columns ?? [];
  const times = cols.filter(isTime);
  const time = cols.find((c) => c.role === 'timestamp' && isTime(c)) ?? (times.length === 1 ? times[0] : undefined);
  const customer = cols.find((c) => c.role === 'id');
  return { dataset: d?.name ?? '', customer: customer?.name ?? '', time: time?.name ?? '', unit: 'month', value: '', nps: '', splitKind: 'none', by: '', segmentation: '' };
}

/** A remembered form whose columns were renamed or deleted since: those fields are emptied. */
function revise(f: CohortsForm, d: DatasetSummary): CohortsForm {
  const has = (name: string) => name === '' || d.columns.some((c) => c.name === name);
  return {
    ...f,
    customer: has(f.customer) ? f.customer : '',
    time: has(f.time) ? f.time : '',
    value: has(f.value) ? f.value : '',
    nps: has(f.nps) ? f.nps : '',
    by: has(f.by) ? f.by : '',
  };
}

export const cohortsForms = formMemory<CohortsForm>('cohorts', (d) => prefill(d), revise);

export function cohortsProblem(f: CohortsForm, d: DatasetSummary | null): string | null {
  if (!d) return 'Import an event or purchase log first (one row per event, with a customer id and a date or time).';
  if (!f.customer) return 'Choose the column that identifies the customer.';
  if (!f.time) return timeColumns(d).length ? 'Choose the date or time of each event.' : `“${d.name}” has no date or time column, so its rows cannot be put in cohorts.`;
  if (f.customer === f.time) return 'The customer and the time need different columns.';
  if (f.splitKind === 'column' && !f.by) return 'Choose the column to split the cohorts by, or split by nothing.';
  if (f.splitKind === 'segmentation' && !f.segmentation) return 'Choose the saved segmentation to split by, or split by nothing.';
  return null;
}

export function toCohortsSpec(f: CohortsForm): CohortsSpec {
  return {
    dataset: f.dataset,
    customer: f.customer,
    time: f.time,
    unit: f.unit,
    ...(f.value ? { value: f.value } : {}),
    ...(f.nps ? { nps: f.nps } : {}),
    ...(f.splitKind === 'column' && f.by ? { by: f.by } : {}),
    ...(f.splitKind === 'segmentation' && f.segmentation ? { segmentation: f.segmentation } : {}),
  };
}

export function fromCohortsSpec(spec: CohortsSpec, base: CohortsForm): CohortsForm {
  return {
    ...base,
    dataset: spec.dataset,
    customer: spec.customer,
    time: spec.time,
    unit: spec.unit ?? 'month',
    value: spec.value ?? '',
    nps: spec.nps ?? '',
    splitKind: spec.segmentation ? 'segmentation' : spec.by ? 'column' : 'none',
    by: spec.by ?? '',
    segmentation: spec.segmentation ?? '',
  };
}
