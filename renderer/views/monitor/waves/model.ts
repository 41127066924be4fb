// The Waves area's set-up as a form, and the spec it sends to 'drift.run'. Pre-fills only what can be read with
// confidence: the current wave when exactly one other dataset has (almost) the same columns AND the two names order
// themselves (they differ only in a number: "… Q1 2025" before "… Q2 2025"); the NPS column from its role; the mix
// column only when both waves have a column named like a collection channel. Which wave is the reference is a
// direction, so otherwise it is asked, never guessed. Pure (unit-tested), no React.
import type { ColumnMeta, DatasetSummary } from '../../../../shared/domain';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftSpec, type DriftThresholds } from '../../../../shared/monitor-drift';
import { isCalendarDate } from '../../../../shared/calendar-date';
import { formMemory } from '../../../lib/analysis-memory';

export type WavesMode = 'datasets' | 'period';

export interface WavesForm {
  /** The reference wave's dataset (or the one dataset split by period). */
  dataset: string;
  mode: WavesMode;
  current: string;
  period: string;
  referenceFrom: string;
  referenceTo: string;
  currentFrom: string;
  currentTo: string;
  /** Empty: every column both waves have. */
  columns: string[];
  nps: string;
  mix: string;
  thresholds: DriftThresholds;
}

const MIX_NAMES = /^(channel|survey_?channel|collection_?(channel|context|mode)|context|nps_?context|mode|source)$/i;
const SAME_COLUMNS = 0.8;

const names = (d: DatasetSummary) => new Set(d.columns.map((c) => c.name));
function overlap(a: DatasetSummary, b: DatasetSummary): number {
  const an = names(a);
  const shared = b.columns.filter((c) => an.has(c.name)).length;
  return shared / Math.max(a.columns.length, b.columns.length);
}

/** -1 when a's name comes before b's by the one number they differ in, 1 after, 0 when the names do not say. */
export function nameOrder(a: string, b: string): -1 | 0 | 1 {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  if (pa.length !== pb.length) return 0;
  let order: -1 | 0 | 1 = 0;
  for (let i = 0; i < pa.length; i++) {
    if (pa[i] === pb[i]) continue;
    if (i % 2 === 0 || order !== 0) return 0; // text differs, or a second number differs: the names do not say
    order = Number(pa[i]) < Number(pb[i]) ? -1 : 1;
  }
  return order;
}

/** Datasets with nearly the same columns as `d`. */
export const sameShape = (d: DatasetSummary, all: DatasetSummary[]) => all.filter((o) => o.name !== d.name && overlap(d, o) >= SAME_COLUMNS);

/** The later wave of `d` when its name says so (one same-shaped dataset whose name follows it). */
export function laterWave(d: DatasetSummary, all: DatasetSummary[]): string {
  const later = sameShape(d, all).filter((o) => nameOrder(d.name, o.name) === -1);
  return later.length === 1 ? later[0].name : '';
}

/** A dataset that is the earlier of a named pair of waves, else one with a date column, else the first. */
export function pickWavesDataset(all: DatasetSummary[]): DatasetSummary | null {
  return all.find((d) => laterWave(d, all) !== '') ?? all.find((d) => d.columns.some((c) => c.type === 'date' || c.type === 'datetime')) ?? all[0] ?? null;
}

export const dateColumns = (d: DatasetSummary | null): ColumnMeta[] => (d ? d.columns.filter((c) => c.type === 'date' || c.type === 'datetime') : []);
export const scoreColumns = (d: DatasetSummary | null): ColumnMeta[] => (d ? d.columns.filter((c) => c.type === 'integer' || c.type === 'real') : []);
export const mixColumns = (d: DatasetSummary | null, not: string): ColumnMeta[] =>
  d ? d.columns.filter((c) => c.name !== not && c.role !== 'id' && c.role !== 'pii' && c.piiAction === 'keep' && (c.type === 'text' || c.type === 'boolean')) : [];

function prefill(d: DatasetSummary | null, all: DatasetSummary[]): WavesForm {
  const current = d ? laterWave(d, all) : '';
  const other = all.find((x) => x.name === current) ?? null;
  const both = (c: ColumnMeta) => !other || other.columns.some((o) => o.name === c.name);
  const nps = d?.columns.find((c) => c.role === 'nps' && both(c))?.name ?? '';
  const mix = nps ? (mixColumns(d, nps).find((c) => MIX_NAMES.test(c.name) && both(c))?.name ?? '') : '';
  return {
    dataset: d?.name ?? '',
    // One dataset split by date only when nothing else looks like another wave of it.
    mode: d && sameShape(d, all).length === 0 && dateColumns(d).length > 0 ? 'period' : 'datasets',
    current,
    period: dateColumns(d)[0]?.name ?? '',
    referenceFrom: '',
    referenceTo: '',
    currentFrom: '',
    currentTo: '',
    columns: [],
    nps,
    mix,
    thresholds: { ...DEFAULT_DRIFT_THRESHOLDS },
  };
}

function revise(f: WavesForm, d: DatasetSummary): WavesForm {
  const has = (name: string) => d.columns.some((c) => c.name === name);
  return { ...f, nps: has(f.nps) ? f.nps : '', mix: has(f.mix) ? f.mix : '', period: has(f.period) ? f.period : '', columns: f.columns.filter(has) };
}

export const wavesForms = formMemory<WavesForm>('waves', prefill, revise);

/** What stops a run, in words (null: ready). */
export function wavesProblem(f: WavesForm, d: DatasetSummary | null): string | null {
  if (!d) return 'Choose the reference wave’s dataset.';
  if (f.mode === 'datasets') {
    if (!f.current) return 'Choose the current wave: the dataset to compare with the reference (which one is the earlier wave is yours to say).';
    if (f.current === f.dataset) return 'The two waves are the same dataset: choose another current wave, or split one dataset by a date column.';
  } else {
    if (!f.period) return 'Choose the date column that splits the dataset into two waves.';
    const days = [f.referenceFrom, f.referenceTo, f.currentFrom, f.currentTo];
    if (days.some((x) => !x)) return 'Give both date ranges (first and last day of each wave).';
    if (days.some((x) => !isCalendarDate(x))) return 'Dates are written YYYY-MM-DD (e.g. 2025-03-31).';
    if (f.referenceFrom > f.referenceTo || f.currentFrom > f.currentTo) return 'A range runs from its first day to its last.';
    if (!(f.referenceTo < f.currentFrom || f.currentTo < f.referenceFrom)) return 'The two date ranges overlap: a row would be in both waves.';
  }
  if (f.mix && !f.nps) return 'The mix check needs an NPS column: choose the 0–10 score, or no mix column.';
  if (f.thresholds.psiModerate > f.thresholds.psiMajor) return 'The moderate PSI band must start at or below the major one.';
  return null;
}

export function toWavesSpec(f: WavesForm): DriftSpec {
  const changed = (Object.keys(DEFAULT_DRIFT_THRESHOLDS) as (keyof DriftThresholds)[]).filter((k) => f.thresholds[k] !== DEFAULT_DRIFT_THRESHOLDS[k]);
  return {
    ...(f.mode === 'datasets'
      ? { reference: f.dataset, current: f.current }
      : { dataset: f.dataset, period: f.period, referenceRange: [f.referenceFrom, f.referenceTo] as [string, string], currentRange: [f.currentFrom, f.currentTo] as [string, string] }),
    ...(f.columns.length ? { columns: f.columns } : {}),
    ...(f.nps ? { nps: f.nps } : {}),
    ...(f.nps && f.mix ? { mix: f.mix } : {}),
    ...(changed.length ? { thresholds: Object.fromEntries(changed.map((k) => [k, f.thresholds[k]])) } : {}),
  };
}

export function fromWavesSpec(s: DriftSpec, base: WavesForm): WavesForm {
  return {
    ...base,
    dataset: s.reference ?? s.dataset ?? base.dataset,
    mode: s.dataset !== undefined ? 'period' : 'datasets',
    current: s.current ?? '',
    period: s.period ?? base.period,
    referenceFrom: s.referenceRange?.[0] ?? '',
    referenceTo: s.referenceRange?.[1] ?? '',
    currentFrom: s.currentRange?.[0] ?? '',
    currentTo: s.currentRange?.[1] ?? '',
    columns: s.columns ?? [],
    nps: s.nps ?? '',
    mix: s.mix ?? '',
    thresholds: { ...DEFAULT_DRIFT_THRESHOLDS, ...s.thresholds },
  };
}
