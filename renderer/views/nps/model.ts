// Pure helpers of the NPS view (unit-tested): which columns fit each choice, the set-ups pre-filled from the column
// roles, form → spec for 'nps.analyze', 'nps.context' and 'drivers.analyze', what stops a run (in words), reading
// the services' "not a 0–10 score" refusal into one-click mappings, and the session memory of the forms.
import type { ColumnMeta, ColumnType, DatasetSummary } from '../../../shared/domain';
import { inferDirection, type DriversDirection } from '../../../shared/drivers-direction';
import type { DriversSpec, NpsContextSpec, NpsMapping, NpsResult, NpsSpec } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { formMemory } from '../../lib/analysis-memory';
import { formatNps1 } from '../../charts/nps-figures';

export type PeriodUnit = NonNullable<NpsSpec['periodUnit']>;
export type GroupKind = 'none' | 'column' | 'segmentation';
export type DriversModel = NonNullable<DriversSpec['model']>;

export interface NpsForm {
  dataset: string;
  score: string;
  groupKind: GroupKind;
  by: string;
  segmentation: string;
  /** '' = no trend. */
  period: string;
  periodUnit: PeriodUnit;
  level: number;
  minN: number;
  /** '' = the largest group (the services' default). */
  reference: string;
  mapping: NpsMapping | null;
}

export interface ContextForm {
  dataset: string;
  score: string;
  mode: 'column' | 'delay';
  context: string;
  surveyTime: string;
  events: string;
  customer: string;
  time: string;
  step: string;
  stepValue: string;
  /** Days, as typed: "0, 1, 7, 30". */
  bins: string;
  level: number;
  minN: number;
  mapping: NpsMapping | null;
}

export interface DriversForm {
  dataset: string;
  target: string;
  drivers: string[];
  model: DriversModel;
  positive: string;
  /** As typed: "0, 99". */
  missingCodes: string;
  /** Is a higher target (or the value counted as 1) good? '' = not known yet: the set-up asks. */
  direction: DriversDirection | '';
  /** True once the analyst picked the direction; until then the set-up keeps it in step with the inference. */
  directionAsked: boolean;
  /** A missing driver value: leave the row out, or fill it with the driver's median. */
  missing: 'exclude' | 'impute';
  /** True while the drivers are the pre-filled ones: the set-up may swap them for ones with fewer missing values. */
  autoDrivers: boolean;
  bootstrap: number;
  level: number;
  seed: number;
  /** The other wave to compare the weights with ("Compare with another wave" after a run); absent = none. */
  compareWith?: string;
}

export const LEVELS = [0.8, 0.9, 0.95, 0.99] as const;
export const DEFAULT_LEVEL = 0.95;
export const DEFAULT_MIN_N = 30;
export const DEFAULT_BINS = '0, 1, 7, 30';
export const DEFAULT_BOOTSTRAP = 500;
export const DEFAULT_SEED = 42;

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'real']);
const TIME: ReadonlySet<ColumnType> = new Set(['date', 'datetime']);
/** Roles whose columns never make sense to analyse here (pseudonymised personal data, ignored columns). */
const HIDDEN_ROLES = new Set(['ignore', 'pii']);

const usable = (d: DatasetSummary | null) => (d ? d.columns.filter((c) => !HIDDEN_ROLES.has(c.role)) : []);

// ------------------------------------------------------------------ column choices

/** Score columns: numbers (0–10 expected; other scales are refused by the services with a mapping to offer). */
export const scoreColumns = (d: DatasetSummary | null): ColumnMeta[] => usable(d).filter((c) => NUMERIC.has(c.type));

/** Grouping / context columns: anything but the score and identifiers (one group per customer says nothing). */
export const groupColumns = (d: DatasetSummary | null, score: string): ColumnMeta[] => usable(d).filter((c) => c.name !== score && c.role !== 'id');

export const timeColumns = (d: DatasetSummary | null): ColumnMeta[] => usable(d).filter((c) => TIME.has(c.type));

export const idColumns = (d: DatasetSummary | null): ColumnMeta[] => usable(d).filter((c) => c.type === 'text' || c.type === 'integer');

export const stepColumns = (d: DatasetSummary | null): ColumnMeta[] => usable(d).filter((c) => c.type === 'text' || c.type === 'integer' || c.type === 'boolean');

/** Driver targets: numbers, Yes/No, or text with two values (the services check the count). */
export const targetColumns = (d: DatasetSummary | null): ColumnMeta[] => usable(d).filter((c) => !TIME.has(c.type) && c.role !== 'id');

/** Drivers: numeric columns (ratings, amounts, 0/1 flags) other than the target and identifiers. */
export const driverColumns = (d: DatasetSummary | null, target: string): ColumnMeta[] =>
  usable(d).filter((c) => (NUMERIC.has(c.type) || c.type === 'boolean') && c.name !== target && c.role !== 'id');

function preferByName(candidates: ColumnMeta[], patterns: RegExp[]): ColumnMeta | undefined {
  for (const p of patterns) {
    const hit = candidates.find((c) => p.test(c.name));
    if (hit) return hit;
  }
  return undefined;
}

/** The score column: the one with the NPS role, else a numeric one named like a recommend score. */
export function guessScore(d: DatasetSummary | null): string {
  const cols = scoreColumns(d);
  return (cols.find((c) => c.role === 'nps') ?? preferByName(cols, [/\bnps\b|nps_|_nps/i, /recommend/i]))?.name ?? '';
}

/** The dataset an NPS analysis most likely wants: one with an NPS-role column, else the first. */
export function pickSurveyDataset(datasets: DatasetSummary[]): DatasetSummary | null {
  return datasets.find((d) => d.columns.some((c) => c.role === 'nps')) ?? datasets.find((d) => guessScore(d) !== '') ?? datasets[0] ?? null;
}

/** An event log: a dataset with a journey-step column (other than the survey). */
export function pickEventDataset(datasets: DatasetSummary[], not: string): DatasetSummary | null {
  return datasets.find((d) => d.name !== not && d.columns.some((c) => c.role === 'journeyStep')) ?? null;
}

// ------------------------------------------------------------------ pre-filled forms

export function prefillNps(d: DatasetSummary | null): NpsForm {
  return {
    dataset: d?.name ?? '',
    score: guessScore(d),
    groupKind: 'none',
    by: '',
    segmentation: '',
    period: '',
    periodUnit: 'month',
    level: DEFAULT_LEVEL,
    minN: DEFAULT_MIN_N,
    reference: '',
    mapping: null,
  };
}

export function prefillContext(d: DatasetSummary | null, datasets: DatasetSummary[]): ContextForm {
  const score = guessScore(d);
  const contexts = groupColumns(d, score).filter((c) => c.type === 'text' || c.type === 'boolean');
  const context = preferByName(contexts, [/context/i, /employee|staff|assisted/i, /channel|mode|method|collect/i]);
  const times = timeColumns(d);
  const surveyTime = preferByName(times, [/survey|answer|respon|nps|feedback/i]) ?? times.find((c) => c.role === 'timestamp') ?? times[0];
  const events = pickEventDataset(datasets, d?.name ?? '');
  return {
    dataset: d?.name ?? '',
    score,
    mode: 'column',
    context: context?.name ?? '',
    surveyTime: surveyTime?.name ?? '',
    ...eventColumns(events),
    stepValue: '',
    bins: DEFAULT_BINS,
    level: DEFAULT_LEVEL,
    minN: DEFAULT_MIN_N,
    mapping: null,
  };
}

/** The event log's columns pre-filled from its roles. */
export function eventColumns(events: DatasetSummary | null): Pick<ContextForm, 'events' | 'customer' | 'time' | 'step'> {
  const ids = idColumns(events).filter((c) => c.role === 'id');
  const times = timeColumns(events);
  return {
    events: events?.name ?? '',
    customer: (preferByName(ids, [/customer|client|user|member/i]) ?? ids[0])?.name ?? '',
    time: (times.find((c) => c.role === 'timestamp') ?? times[0])?.name ?? '',
    step: stepColumns(events).find((c) => c.role === 'journeyStep')?.name ?? '',
  };
}

/** Columns named like ratings: the likeliest key drivers (satisfaction with delivery, a CSAT, an effort score). */
export const RATING_NAME = /satisf|rating|csat|effort/i;

export function prefillDrivers(d: DatasetSummary | null): DriversForm {
  const target = guessScore(d) || (targetColumns(d).find((c) => c.role === 'outcome')?.name ?? '');
  const candidates = driverColumns(d, target);
  const ratings = candidates.filter((c) => RATING_NAME.test(c.name));
  const column = d?.columns.find((c) => c.name === target);
  // A text target's value counted as 1 is known only with its values (the set-up infers again once it has them).
  const one = column?.type === 'boolean' ? (column.booleanLabels?.true ?? 'true') : undefined;
  return {
    dataset: d?.name ?? '',
    target,
    drivers: ratings.slice(0, 20).map((c) => c.name),
    model: 'auto',
    positive: '',
    missingCodes: '',
    direction: (column && column.type !== 'text' && inferDirection(column, 'auto', one)?.direction) || '',
    directionAsked: false,
    missing: 'exclude',
    autoDrivers: true,
    bootstrap: DEFAULT_BOOTSTRAP,
    level: DEFAULT_LEVEL,
    seed: DEFAULT_SEED,
  };
}

// ------------------------------------------------------------------ typed lists

/** "0, 1, 7, 30" → [0, 1, 7, 30]; a message when it does not read as ascending day counts. */
export function parseBins(text: string): { bins: number[] } | { problem: string } {
  const parts = text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { problem: 'Give at least one bin edge in days, e.g. 0, 1, 7, 30.' };
  const bins = parts.map(Number);
  const bad = parts.find((p, i) => !Number.isFinite(bins[i]) || bins[i] < 0);
  if (bad !== undefined) return { problem: `Bin edges are days (0 or more) separated by commas; "${bad}" is not.` };
  if (bins.length > 20) return { problem: 'At most 20 bin edges.' };
  for (let i = 1; i < bins.length; i++) if (bins[i] <= bins[i - 1]) return { problem: 'Bin edges must go up: e.g. 0, 1, 7, 30.' };
  return { bins };
}

/** "0, 99" → [0, 99]; '' → []. */
export function parseCodes(text: string): { codes: number[] } | { problem: string } {
  const parts = text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const codes = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(codes[i]));
  if (bad !== undefined) return { problem: `Missing codes are numbers separated by commas (e.g. 0, 99); "${bad}" is not a number.` };
  if (codes.length > 20) return { problem: 'At most 20 missing codes.' };
  return { codes: [...new Set(codes)] };
}

// ------------------------------------------------------------------ form → spec

export function npsProblem(f: NpsForm, d: DatasetSummary | null): string | null {
  if (!f.dataset || !d) return 'Choose the survey dataset.';
  if (!f.score) return scoreColumns(d).length ? 'Choose the score column (0–10 likelihood to recommend).' : 'This dataset has no numeric column to read as a score.';
  if (f.groupKind === 'column' && !f.by) return 'Choose the column to group by, or “No grouping”.';
  if (f.groupKind === 'column' && f.by === f.score) return 'The grouping column must differ from the score.';
  if (f.groupKind === 'segmentation' && !f.segmentation) return 'Choose a saved segmentation to group by, or “No grouping”.';
  if (!(f.minN >= 1)) return 'The minimum n must be 1 or more.';
  return null;
}

export function toNpsSpec(f: NpsForm): NpsSpec {
  const spec: NpsSpec = { dataset: f.dataset, score: f.score };
  if (f.groupKind === 'column' && f.by) spec.by = f.by;
  if (f.groupKind === 'segmentation' && f.segmentation) spec.segmentation = f.segmentation;
  if (f.period) {
    spec.period = f.period;
    spec.periodUnit = f.periodUnit;
  }
  spec.level = f.level;
  spec.minN = f.minN;
  if (f.reference && (spec.by || spec.segmentation)) spec.reference = f.reference;
  if (f.mapping) spec.mapping = f.mapping;
  return spec;
}

export function contextProblem(f: ContextForm, d: DatasetSummary | null): string | null {
  if (!f.dataset || !d) return 'Choose the survey dataset.';
  if (!f.score) return 'Choose the score column (0–10 likelihood to recommend).';
  if (f.mode === 'column') {
    if (!f.context) return 'Choose the column that says how each answer was collected (e.g. employee present, survey channel).';
    if (f.context === f.score) return 'The context column must differ from the score.';
  } else {
    if (!f.surveyTime) return timeColumns(d).length ? 'Choose the column with the date of each survey answer.' : 'This dataset has no date column to measure the delay from.';
    if (!f.events) return 'Choose the event log (a dataset of journey events).';
    if (!f.customer || !f.time || !f.step) return 'Choose the event log’s customer id, time and step columns.';
    if (!f.stepValue.trim()) return 'Choose the event step the delay is measured from (e.g. Delivery).';
    const bins = parseBins(f.bins);
    if ('problem' in bins) return bins.problem;
  }
  if (!(f.minN >= 1)) return 'The minimum n must be 1 or more.';
  return null;
}

export function toContextSpec(f: ContextForm): NpsContextSpec {
  const spec: NpsContextSpec = { dataset: f.dataset, score: f.score };
  if (f.mode === 'column') spec.context = f.context;
  else {
    const bins = parseBins(f.bins);
    spec.delay = {
      surveyTime: f.surveyTime,
      events: f.events,
      customer: f.customer,
      time: f.time,
      step: f.step,
      stepValue: f.stepValue.trim(),
      ...('bins' in bins ? { bins: bins.bins } : {}),
    };
  }
  spec.level = f.level;
  spec.minN = f.minN;
  if (f.mapping) spec.mapping = f.mapping;
  return spec;
}

export function driversProblem(f: DriversForm, d: DatasetSummary | null): string | null {
  if (!f.dataset || !d) return 'Choose the dataset.';
  if (!f.target) return 'Choose the target: the outcome the drivers should explain (e.g. the NPS score).';
  if (f.drivers.includes(f.target)) return `“${f.target}” is the target, so it cannot also be a driver.`;
  // The pre-filled ticks are provisional until the dataset's profile has been read (it drops drivers that are mostly
  // missing or constant); a run before that would analyse drivers the set-up is about to untick.
  if (f.autoDrivers) return 'Reading the dataset to suggest the drivers…';
  if (f.drivers.length < 2) return 'Choose at least two drivers.';
  const codes = parseCodes(f.missingCodes);
  if ('problem' in codes) return codes.problem;
  if (!f.direction) return `Say which is the good outcome for “${f.target}”: its name does not tell whether higher is better or worse.`;
  return null;
}

export function toDriversSpec(f: DriversForm): DriversSpec {
  const spec: DriversSpec = { dataset: f.dataset, target: f.target, drivers: [...f.drivers] };
  if (f.model !== 'auto') spec.model = f.model;
  if (f.positive.trim() && (f.model === 'auto' || f.model === 'logistic')) spec.positive = f.positive.trim();
  const codes = parseCodes(f.missingCodes);
  if ('codes' in codes && codes.codes.length) spec.missingCodes = codes.codes;
  // Only the analyst's own choice is sent: an inferred direction is inferred again by the services (the same rule), so
  // the result can say where it came from. The detractor / promoter models carry their own direction.
  if (f.directionAsked && f.direction && f.model !== 'detractor' && f.model !== 'promoter') spec.direction = f.direction;
  if (f.missing === 'impute') spec.missing = 'impute';
  spec.bootstrap = f.bootstrap;
  spec.seed = f.seed;
  spec.level = f.level;
  if (f.compareWith) spec.compareWith = f.compareWith;
  return spec;
}

// ------------------------------------------------------------------ "not a 0–10 score" → mappings

export interface MappingOption {
  mapping: NpsMapping;
  label: string;
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const MAP_TOKEN = new RegExp(String.raw`--map (round|rescale:(${NUM})-(${NUM}))`, 'g');

function optionFor(token: string, a?: string, b?: string): MappingOption {
  if (token === 'round') return { mapping: { kind: 'round' }, label: 'Round to whole points' };
  const from: [number, number] = [Number(a), Number(b)];
  if (from[0] === 0 && from[1] === 10) return { mapping: { kind: 'rescale', from }, label: 'Keep as 0–10 answers' };
  return { mapping: { kind: 'rescale', from }, label: `Treat as a ${a}–${b} rating (rescale)` };
}

/**
 * The services refuse a score column that is not whole numbers 0–10 with a message naming the command-line
 * mapping (`--map rescale:1-5`, `--map round`). Here the same choices are buttons: the message is reworded to name
 * them, and each becomes an option. Null for any other error.
 */
export function scaleProblem(error: unknown): { message: string; options: MappingOption[] } | null {
  if (!(error instanceof AppError) || error.code !== 'BAD_ARGUMENTS') return null;
  const msg = error.message;
  const isScale = /recommend score|0–10 likelihood|outside the scale|outside 0–10/.test(msg);
  if (!isScale) return null;
  const options: MappingOption[] = [];
  for (const m of msg.matchAll(MAP_TOKEN)) {
    const o = optionFor(m[1] === 'round' ? 'round' : 'rescale', m[2], m[3]);
    if (!options.some((x) => x.label === o.label)) options.push(o);
  }
  const message = msg
    .replace(new RegExp(String.raw`\b([Pp]ass|use|or) --map (round|rescale:(${NUM})-(${NUM}))`, 'g'), (_all, verb: string, token: string, a?: string, b?: string) => {
      const label = optionFor(token === 'round' ? 'round' : 'rescale', a, b).label;
      const choose = verb === 'Pass' ? 'Choose' : verb === 'or' ? 'or' : 'choose';
      return `${choose} “${label}”`;
    })
    .replace(MAP_TOKEN, (_all, token: string, a?: string, b?: string) => `“${optionFor(token === 'round' ? 'round' : 'rescale', a, b).label}”`);
  return { message, options };
}

/** The mapping in a few words, for the set-up. */
export function mappingLabel(m: NpsMapping): string {
  if (m.kind === 'round') return 'Scores rounded half up to whole points';
  if (m.from[0] === 0 && m.from[1] === 10) return 'Scores confirmed as 0–10 answers';
  return `Scores read as a ${m.from[0]}–${m.from[1]} rating, mapped onto 0–10`;
}

// ------------------------------------------------------------------ session memory

/** The last set-up of each analysis per workspace and dataset, for the session. */
export const npsForms = formMemory('nps', prefillNps);
export const contextForms = formMemory('context', prefillContext);
export const driversForms = formMemory('drivers', prefillDrivers);

/** Mantine NumberInput gives string | number; keep a whole number or the fallback. */
export function wholeNumber(v: string | number, fallback: number): number {
  const n = typeof v === 'number' ? v : Number.parseInt(v, 10);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** An interval for the tables, to one decimal like the NPS beside it: "+12.3 to +17.1" (charts round to whole points). */
export function formatNpsCi1(ci: [number, number] | null): string {
  return ci ? `${formatNps1(ci[0])} to ${formatNps1(ci[1])}` : '—';
}

/** Why the reference is the reference: without a choice in the set-up the services take the largest group. */
export function referenceNote(r: Pick<NpsResult, 'spec'>): string {
  return r.spec.reference !== undefined ? 'chosen in the set-up' : 'the largest group';
}
