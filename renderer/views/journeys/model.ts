// Pure helpers of the Journeys set-up (unit-tested): which columns fit each role, the pre-filled choices from the
// column roles, the form ↔ JourneySpec mapping, what stops a run, and the per-dataset memory of the session.
import type { ColumnMeta, ColumnType, DatasetSummary } from '../../../shared/domain';
import type { JourneySpec, JourneyStageSpec } from '../../../shared/journeys';
import { formMemory } from '../../lib/analysis-memory';

export type Precision = 'exact' | 'day';
export type CompareBy = '' | 'segment' | 'channel';

/** The set-up as edited: '' means "not chosen" for the optional columns. */
export interface JourneyForm {
  dataset: string;
  customer: string;
  time: string;
  step: string;
  channel: string;
  satisfaction: string;
  nps: string;
  precision: Precision;
  /** null: one stage per step in the inferred order. */
  stages: JourneyStageSpec[] | null;
  /** Steps left out of the funnel as side steps (spec.offFunnel). */
  offFunnel: string[];
  segmentation: string;
  segments: number[];
  channels: string[];
  compareBy: CompareBy;
}

export type ColumnSlot = 'customer' | 'time' | 'step' | 'channel' | 'satisfaction' | 'nps';

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'real']);
const TIME: ReadonlySet<ColumnType> = new Set(['date', 'datetime']);
const LABEL: ReadonlySet<ColumnType> = new Set(['text', 'integer']);

/** Columns that can fill a slot (identifiers may be text or whole numbers; times must be dates; ratings numbers). */
export function columnsFor(dataset: DatasetSummary, slot: ColumnSlot): ColumnMeta[] {
  const usable = dataset.columns.filter((c) => c.role !== 'ignore');
  switch (slot) {
    case 'customer':
      return usable.filter((c) => LABEL.has(c.type));
    case 'time':
      return usable.filter((c) => TIME.has(c.type));
    case 'step':
    case 'channel':
      return usable.filter((c) => LABEL.has(c.type) || c.type === 'boolean');
    case 'satisfaction':
    case 'nps':
      return usable.filter((c) => NUMERIC.has(c.type));
  }
}

/** The first column whose name matches the earliest pattern, else the first candidate. */
function preferByName(candidates: ColumnMeta[], patterns: RegExp[]): ColumnMeta | undefined {
  for (const p of patterns) {
    const hit = candidates.find((c) => p.test(c.name));
    if (hit) return hit;
  }
  return candidates[0];
}

/**
 * The set-up pre-filled from the column roles: id → journey id (a case/journey/session id first, when there are
 * several), timestamp → time (an event-time name first: a log often has deadline and start-date columns too),
 * journeyStep → step, nps → NPS, a numeric "satisf…" column → satisfaction, a text "…channel…" column → channel.
 */
export function prefill(dataset: DatasetSummary | null): JourneyForm {
  const empty: JourneyForm = {
    dataset: dataset?.name ?? '',
    customer: '',
    time: '',
    step: '',
    channel: '',
    satisfaction: '',
    nps: '',
    precision: 'exact',
    stages: null,
    offFunnel: [],
    segmentation: '',
    segments: [],
    channels: [],
    compareBy: '',
  };
  if (!dataset) return empty;
  const ids = columnsFor(dataset, 'customer').filter((c) => c.role === 'id');
  const times = columnsFor(dataset, 'time').filter((c) => c.role === 'timestamp');
  const steps = columnsFor(dataset, 'step').filter((c) => c.role === 'journeyStep');
  const nps = columnsFor(dataset, 'nps').filter((c) => c.role === 'nps');
  const satisfaction = columnsFor(dataset, 'satisfaction').filter((c) => /satisf/i.test(c.name));
  const channels = dataset.columns.filter((c) => c.type === 'text' && /channel/i.test(c.name));
  const customer = preferByName(ids, [/journey|case|session/i]);
  const time = preferByName(times.length ? times : columnsFor(dataset, 'time'), [/^(time|timestamp|event_?time|time:timestamp)$/i, /timestamp/i, /time/i]);
  return {
    ...empty,
    customer: customer?.name ?? '',
    time: time?.name ?? '',
    step: steps[0]?.name ?? '',
    nps: nps[0]?.name ?? '',
    satisfaction: satisfaction[0]?.name ?? '',
    channel: channels[0]?.name ?? '',
  };
}

/** What stops a run, in words, or null when the spec can be sent. */
export function formProblem(form: JourneyForm, dataset: DatasetSummary | null): string | null {
  if (!form.dataset || !dataset) return 'Choose the event dataset.';
  if (!form.customer) return 'Choose the column that identifies a journey (customer, order or case id).';
  if (!form.time) return columnsFor(dataset, 'time').length ? 'Choose the timestamp column.' : 'This dataset has no date or time column to order the events by.';
  if (!form.step) return 'Choose the step column (what happened at each event).';
  const required = [form.customer, form.time, form.step];
  if (new Set(required).size < required.length) return 'The journey id, timestamp and step must be three different columns.';
  if (form.channel && required.includes(form.channel)) return 'The channel column must differ from the journey id, timestamp and step.';
  if (form.compareBy === 'segment' && !form.segmentation) return 'Choose a saved segmentation to compare by segment.';
  if (form.compareBy === 'channel' && !form.channel) return 'Choose a channel column to compare by channel.';
  if (form.stages) {
    const names = form.stages.map((s) => s.name.trim());
    if (names.some((n) => !n)) return 'Every stage needs a name.';
    const seen = new Set<string>();
    for (const n of names) {
      const key = n.toLowerCase();
      if (seen.has(key)) return `Two stages are called “${n}”; give each stage its own name.`;
      seen.add(key);
    }
  }
  return null;
}

/** The contract's spec for a run: optional choices only when made, filters only when they filter. */
export function toSpec(form: JourneyForm): JourneySpec {
  const spec: JourneySpec = { dataset: form.dataset, customer: form.customer, time: form.time, step: form.step };
  if (form.channel) spec.channel = form.channel;
  if (form.satisfaction) spec.satisfaction = form.satisfaction;
  if (form.nps) spec.nps = form.nps;
  if (form.precision !== 'exact') spec.precision = form.precision;
  if (form.stages && form.stages.length) spec.stages = form.stages.map((s) => ({ name: s.name.trim(), steps: [...s.steps] }));
  if (form.offFunnel.length) spec.offFunnel = [...form.offFunnel];
  if (form.segmentation) spec.segmentation = form.segmentation;
  const segments = form.segmentation ? form.segments : [];
  const channels = form.channel ? form.channels : [];
  if (segments.length || channels.length) {
    spec.filter = {};
    if (segments.length) spec.filter.segments = [...segments].sort((a, b) => a - b);
    if (channels.length) spec.filter.channels = [...channels];
  }
  if (form.compareBy === 'segment' && form.segmentation) spec.compareBy = 'segment';
  if (form.compareBy === 'channel' && form.channel) spec.compareBy = 'channel';
  return spec;
}

/**
 * Changing a column invalidates what depended on it: a new step column makes the stage grouping and the side steps
 * meaningless; a new channel column, the channel filter; no segmentation, the segment filter.
 */
export function setColumn(form: JourneyForm, slot: ColumnSlot, value: string): JourneyForm {
  const next: JourneyForm = { ...form, [slot]: value };
  if (slot === 'step' && value !== form.step) {
    next.stages = null;
    next.offFunnel = [];
  }
  if (slot === 'channel' && value !== form.channel) {
    next.channels = [];
    if (!value && form.compareBy === 'channel') next.compareBy = '';
  }
  return next;
}

export function setSegmentation(form: JourneyForm, name: string): JourneyForm {
  return {
    ...form,
    segmentation: name,
    segments: name === form.segmentation ? form.segments : [],
    compareBy: !name && form.compareBy === 'segment' ? '' : form.compareBy,
  };
}

// ------------------------------------------------------------------ session memory

/** A remembered set-up whose columns were renamed or deleted since: fall back to the pre-filled choice per slot. */
export function reviseForm(saved: JourneyForm, dataset: DatasetSummary): JourneyForm {
  const names = new Set(dataset.columns.map((c) => c.name));
  const fresh = prefill(dataset);
  const keep = (slot: ColumnSlot) => (saved[slot] === '' || names.has(saved[slot]) ? saved[slot] : fresh[slot]);
  return { ...saved, offFunnel: saved.offFunnel ?? [], customer: keep('customer'), time: keep('time'), step: keep('step'), channel: keep('channel'), satisfaction: keep('satisfaction'), nps: keep('nps') };
}

/** The last set-up per workspace and dataset, for this session only (the brief asks for no persistence). */
export const journeyForms = formMemory('journey', prefill, reviseForm);
// The names the model's unit tests use.
export const { remember: rememberForm, recall: recallForm } = journeyForms;
export { clearFormMemory } from '../../lib/analysis-memory';
