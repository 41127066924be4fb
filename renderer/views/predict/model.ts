// Pure helpers of the Predict set-up (unit-tested): which columns can be the target and what its two values are, the
// positive value pre-selected only when it cannot be read the wrong way, the features pre-ticked, what stops a run,
// the form → PredictSpec mapping and back, the leak refusal read from an error, and the per-dataset session memory.
import type { ColumnMeta, ColumnProfile, DatasetSummary } from '../../../shared/domain';
import { EVENT_LABEL_POSITIVE, type JoinedFeatures, type PredictModelKind, type PredictSpec } from '../../../shared/predict';
import { AppError } from '../../../shared/errors';
import { formMemory } from '../../lib/analysis-memory';
import { customerIdColumn, defaultLabelName, eventLabelProblem, fromEventLabel, NO_EVENT_LABEL, toEventLabel, type EventLabelForm } from './event-label-form';

export type TestMode = 'share' | 'value';
export type RuleMode = 'cost' | 'capacity';

/** The set-up as edited: '' means "not chosen" (number inputs give '' while empty). */
export interface PredictForm {
  dataset: string;
  target: string;
  /** The value of the target that counts as the outcome to predict: required, never guessed (see suggestPositive). */
  positive: string;
  /** Feature columns other than protected attributes, in the dataset's order. */
  features: string[];
  /** Protected attributes used as features on purpose (each by its own switch). */
  includeProtected: string[];
  /** Saved segmentations whose segment is a feature ("segment: NAME"). */
  segmentations: string[];
  /** The features (and an unset target) are still to be pre-filled from the dataset's profile when it arrives. */
  autoFill: boolean;
  model: PredictModelKind;
  folds: number | '';
  testMode: TestMode;
  /** Percent of the rows held out as the test set. */
  testShare: number | '';
  testColumn: string;
  testValue: string;
  rule: RuleMode;
  /** "A missed positive costs N× an unneeded action." */
  cost: number | '';
  /** How many customers the team can act on (counted on the test rows). */
  capacity: number | '';
  /** Columns the analyst confirmed are known before the outcome although alone they predict it almost perfectly. */
  confirmedLeaks: string[];
  /** Columns of other one-row-per-customer datasets (RFM scores, a CRM extract), matched through the ids. */
  joined: JoinedFeatures[];
  /** The outcome made from an event log instead of a column (then `target` is the label's name, positive "yes"). */
  label: EventLabelForm;
  /** Spec fields the form has no control for (a saved spec's id, seed, level pooling, model settings): sent as they were. */
  extra: Pick<PredictSpec, 'id' | 'seed' | 'minLevelRows' | 'logistic' | 'gbdt'>;
}

export const DEFAULT_FOLDS = 5;
export const DEFAULT_TEST_SHARE = 20;
export const MIN_TEST_SHARE = 5;
export const MAX_TEST_SHARE = 50;
/** A text column with more values than this is not pre-ticked: an identifier or free text, not a category. */
export const MAX_DEFAULT_LEVELS = 100;
/** Saved segmentations a model can use as features (the contract's limit). */
export const MAX_SEGMENTATIONS = 10;

export const MODEL_OPTIONS: { value: PredictModelKind; label: string; description: string }[] = [
  { value: 'gbdt', label: 'Gradient-boosted trees', description: 'Finds interactions and thresholds by itself; the usual best choice' },
  { value: 'logistic', label: 'Logistic regression', description: 'One weight per column: simplest to explain, weaker on bends and interactions' },
  { value: 'ensemble', label: 'Ensemble (both)', description: 'Averages the two on the log-odds scale and compares them on the test rows' },
];

const NEVER = new Set<ColumnMeta['role']>(['id', 'pii']);
const MODEL_TYPES = new Set<ColumnMeta['type']>(['integer', 'real', 'boolean', 'text']);
/** Accepted yes/no word pairs, lower-cased, the "yes" first (as the importer reads booleans). */
const YES_NO: readonly (readonly [string, string])[] = [
  ['yes', 'no'],
  ['y', 'n'],
  ['true', 'false'],
  ['t', 'f'],
  ['1', '0'],
];

export interface TargetOption {
  column: ColumnMeta;
  /** Its two values as text (the boolean labels, or the profile's values); empty while unknown. */
  values: string[];
}

/**
 * Columns that can be the target: yes/no columns, and — once the profile says they hold exactly two values — text
 * columns and whole-number columns (0/1). Outcome columns first. Identifiers and personal data never.
 */
export function targetOptions(d: DatasetSummary | null, profile: ColumnProfile[] | null): TargetOption[] {
  if (!d) return [];
  const out: TargetOption[] = [];
  for (const c of d.columns) {
    if (NEVER.has(c.role)) continue;
    const values = twoValues(c, profile?.find((p) => p.name === c.name));
    if (values) out.push({ column: c, values });
  }
  return [...out.filter((o) => o.column.role === 'outcome'), ...out.filter((o) => o.column.role !== 'outcome')];
}

/** A column's two values as text, or null when it does not hold exactly two (or cannot be known to). */
export function twoValues(c: ColumnMeta, p: ColumnProfile | undefined): string[] | null {
  if (c.type === 'boolean') return c.booleanLabels ? [c.booleanLabels.true, c.booleanLabels.false] : ['true', 'false'];
  if (!p || p.distinct !== 2) return null;
  if (c.type === 'text') return p.topValues && p.topValues.length === 2 ? p.topValues.map((t) => t.value) : null;
  if (c.type === 'integer' && typeof p.min === 'number' && typeof p.max === 'number') return [String(p.max), String(p.min)];
  return null;
}

/**
 * The positive value to pre-select, or '' (the analyst must choose): only for a yes/no column (its "yes" label) or two
 * values that are a yes/no pair (Yes/No, true/false, 1/0), where reading it the other way round is not plausible.
 */
export function suggestPositive(c: ColumnMeta | undefined, values: string[]): string {
  if (!c) return '';
  if (c.type === 'boolean') return c.booleanLabels?.true ?? 'true';
  if (values.length !== 2) return '';
  const lower = values.map((v) => v.trim().toLowerCase());
  const pair = YES_NO.find(([yes, no]) => lower.includes(yes) && lower.includes(no));
  return pair ? values[lower.indexOf(pair[0])] : '';
}

/** The target's value other than `positive` (its "No"), when known: the boolean's other label or the profile's other value. */
export function otherValue(d: DatasetSummary | null, profile: ColumnProfile[] | null, target: string, positive: string): string | null {
  const option = targetOptions(d, profile).find((o) => o.column.name === target);
  if (!option) return null;
  const rest = option.values.filter((v) => v.trim().toLowerCase() !== positive.trim().toLowerCase());
  return rest.length === 1 ? rest[0] : null;
}

/** The likeliest target: the only two-valued outcome column, else the first yes/no outcome column; else none (ask). */
export function suggestTarget(d: DatasetSummary | null, profile: ColumnProfile[] | null): string {
  const outcomes = targetOptions(d, profile).filter((o) => o.column.role === 'outcome');
  if (outcomes.length === 1) return outcomes[0].column.name;
  return outcomes.find((o) => o.column.type === 'boolean')?.column.name ?? '';
}

export interface FeatureOption {
  column: ColumnMeta;
  /** Pre-ticked by default. */
  suggested: boolean;
  /** Why it is not pre-ticked, or what to know about it (shown under the checkbox). */
  note: string | null;
}

/**
 * The columns offered as features (numbers, yes/no and text; not the target, identifiers, personal data, dates or
 * protected attributes — those are offered separately): pre-ticked unless ignored, another outcome (usually known
 * only after the fact), constant, or text with so many values it is an identifier or free text.
 */
export function featureOptions(d: DatasetSummary | null, target: string, profile: ColumnProfile[] | null, testColumn = ''): FeatureOption[] {
  if (!d) return [];
  return d.columns
    .filter((c) => !NEVER.has(c.role) && c.role !== 'protected' && MODEL_TYPES.has(c.type) && c.name !== target)
    .map((c) => {
      const p = profile?.find((x) => x.name === c.name);
      let note: string | null = null;
      if (c.name === testColumn) note = 'defines the test rows';
      else if (c.role === 'ignore') note = 'role “ignore”';
      else if (c.role === 'outcome') note = 'another outcome: usually known only after the fact';
      else if (p && p.distinct <= 1) note = 'one value only';
      else if (p && c.type === 'text' && p.distinct > MAX_DEFAULT_LEVELS) note = `${p.distinct.toLocaleString('en-US')} values: an identifier or free text?`;
      return { column: c, suggested: note === null, note };
    });
}

/** Protected attributes that could be used on purpose (left out by default). */
export function protectedOptions(d: DatasetSummary | null, target: string): ColumnMeta[] {
  if (!d) return [];
  return d.columns.filter((c) => c.role === 'protected' && MODEL_TYPES.has(c.type) && c.name !== target);
}

export function defaultFeatures(d: DatasetSummary | null, target: string, profile: ColumnProfile[] | null, testColumn = ''): string[] {
  return featureOptions(d, target, profile, testColumn)
    .filter((o) => o.suggested)
    .map((o) => o.column.name);
}

/** Columns that can define the test rows (rows where the column has one value, e.g. the last month): not decimals. */
export function testColumns(d: DatasetSummary | null, target: string): ColumnMeta[] {
  if (!d) return [];
  return d.columns.filter((c) => !NEVER.has(c.role) && c.type !== 'real' && c.name !== target);
}

/**
 * The values the test column can be picked from, or null when they are not all known (then the value is typed). A
 * yes/no column is stored as 1/0, which is what the services compare with: its labels are shown, 1 or 0 is sent.
 */
export function testValueOptions(c: ColumnMeta | undefined, p: ColumnProfile | undefined): { value: string; label: string }[] | null {
  if (!c) return null;
  if (c.type === 'boolean') {
    const labels = c.booleanLabels ?? { true: 'true', false: 'false' };
    return [
      { value: '1', label: labels.true },
      { value: '0', label: labels.false },
    ];
  }
  if (!p?.topValues || p.topValues.length < p.distinct) return null;
  return p.topValues.map((t) => ({ value: t.value, label: `${t.value} (${t.count.toLocaleString('en-US')} rows)` }));
}

/** The set-up pre-filled from the column roles (the profile refines it once it arrives: see applyProfile). */
export function prefill(d: DatasetSummary | null): PredictForm {
  const target = suggestTarget(d, null);
  const column = d?.columns.find((c) => c.name === target);
  return {
    dataset: d?.name ?? '',
    target,
    positive: suggestPositive(column, []),
    features: defaultFeatures(d, target, null),
    includeProtected: [],
    segmentations: [],
    autoFill: Boolean(d),
    model: 'gbdt',
    folds: DEFAULT_FOLDS,
    testMode: 'share',
    testShare: DEFAULT_TEST_SHARE,
    testColumn: '',
    testValue: '',
    rule: 'cost',
    cost: 1,
    capacity: '',
    confirmedLeaks: [],
    label: NO_EVENT_LABEL,
    joined: [],
    extra: {},
  };
}

/** Switch between a target column and a label made from an event log (each keeps its own choices). */
export function setOutcomeFromEvents(f: PredictForm, d: DatasetSummary | null, profile: ColumnProfile[] | null, on: boolean): PredictForm {
  if (on === f.label.on) return f;
  if (on) return { ...f, label: { ...f.label, on: true }, target: defaultLabelName(f.label.positiveWhen), positive: 'yes', confirmedLeaks: [] };
  const target = suggestTarget(d, profile);
  const option = targetOptions(d, profile).find((o) => o.column.name === target);
  return { ...f, label: { ...f.label, on: false }, target, positive: option ? suggestPositive(option.column, option.values) : '', confirmedLeaks: [] };
}

/** What formProblem needs to judge an event-log label: the datasets that can be the log, and its time column's span. */
export interface LabelContext {
  logs: DatasetSummary[];
  span: { first: string; last: string } | null;
}

/**
 * What the profile adds to an untouched set-up: a two-valued text outcome as the target when none was found, its
 * positive value when unambiguous, and the features pre-ticked without constant or identifier-like text columns.
 */
export function applyProfile(f: PredictForm, d: DatasetSummary | null, profile: ColumnProfile[]): PredictForm {
  if (!f.autoFill) return f;
  const target = f.target || suggestTarget(d, profile);
  const option = targetOptions(d, profile).find((o) => o.column.name === target);
  const positive = f.positive || (option ? suggestPositive(option.column, option.values) : '');
  return { ...f, target, positive, features: defaultFeatures(d, target, profile, f.testMode === 'value' ? f.testColumn : ''), autoFill: false };
}

/** A new target: its positive value (when unambiguous), and it leaves the features. */
export function chooseTarget(f: PredictForm, d: DatasetSummary | null, profile: ColumnProfile[] | null, target: string): PredictForm {
  const option = targetOptions(d, profile).find((o) => o.column.name === target);
  return {
    ...f,
    target,
    positive: option ? suggestPositive(option.column, option.values) : '',
    features: f.features.filter((x) => x !== target),
    includeProtected: f.includeProtected.filter((x) => x !== target),
    confirmedLeaks: [],
  };
}

/** "Predicting: churned = Yes" — the direction, always visible. */
export function directionSentence(f: Pick<PredictForm, 'target' | 'positive'>): string | null {
  if (!f.target) return null;
  return f.positive ? `Predicting: ${f.target} = ${f.positive}` : `Predicting: ${f.target} = ? (choose the value to predict)`;
}

const isWhole = (v: number | '', min: number, max: number) => v !== '' && Number.isInteger(v) && v >= min && v <= max;

/** What stops a run, in words, or null when the spec can be sent. */
export function formProblem(f: PredictForm, d: DatasetSummary | null, profile: ColumnProfile[] | null, labels: LabelContext = { logs: [], span: null }): string | null {
  if (!f.dataset || !d) return 'Choose the dataset to learn from.';
  const outcome = f.label.on ? eventLabelProblem(f.label, f.target, d, customerIdColumn(d, f.extra.id), labels.logs, labels.span) : targetProblem(f, d, profile);
  return outcome ?? joinedProblem(f, d) ?? featuresProblem(f, d);
}

/** A joined dataset needs the table's id column, its own id column and at least one of its columns. */
function joinedProblem(f: PredictForm, d: DatasetSummary): string | null {
  for (const j of f.joined) {
    if (!customerIdColumn(d, f.extra.id)) return `“${d.name}” has no id column: mark the customer id (role “id”) on the Data view to match “${j.dataset}” to it.`;
    if (!j.id) return `Choose the column of “${j.dataset}” with the customer ids.`;
    if (j.columns.length === 0) return `Choose the columns of “${j.dataset}” to use (or remove it).`;
  }
  return null;
}

/** A target column: two values, the positive one chosen. */
function targetProblem(f: PredictForm, d: DatasetSummary, profile: ColumnProfile[] | null): string | null {
  if (!f.target) return 'Choose the target: the yes/no outcome to predict (churned, responded, …).';
  if (!d.columns.some((c) => c.name === f.target)) return `The target “${f.target}” is not in ${d.name} any more; choose another.`;
  const column = d.columns.find((c) => c.name === f.target)!;
  const p = profile?.find((x) => x.name === f.target);
  if (column.type !== 'boolean' && p && p.distinct !== 2) {
    return `The target “${f.target}” has ${p.distinct.toLocaleString('en-US')} values; a target has exactly two (churned or not).`;
  }
  if (!f.positive) return `Choose which value of “${f.target}” is the outcome to predict (e.g. Yes for churned).`;
  const values = twoValues(column, p);
  if (values && column.type !== 'boolean' && !values.includes(f.positive)) return `“${f.positive}” is not a value of “${f.target}” (its values: ${values.join(', ')}).`;
  return null;
}

function featuresProblem(f: PredictForm, d: DatasetSummary): string | null {
  const names = new Set(d.columns.map((c) => c.name));
  const all = [...f.features, ...f.includeProtected];
  if (all.length === 0) return 'Choose at least one feature: the columns the model learns from.';
  const gone = all.find((x) => !names.has(x));
  if (gone) return `The feature “${gone}” is not in ${d.name} any more; untick it.`;
  if (all.includes(f.target)) return `“${f.target}” is the target; it cannot also be a feature.`;
  if (!isWhole(f.folds, 1, 10)) return 'Folds must be a whole number from 1 to 10 (5 is usual; 1 means no cross-validation).';
  if (f.testMode === 'share') {
    if (f.testShare === '' || !(f.testShare >= MIN_TEST_SHARE && f.testShare <= MAX_TEST_SHARE)) return `The test share must be from ${MIN_TEST_SHARE}% to ${MAX_TEST_SHARE}% of the rows.`;
  } else {
    if (!f.testColumn) return 'Choose the column that marks the test rows (e.g. the month), or use a random share.';
    if (!names.has(f.testColumn)) return `The test column “${f.testColumn}” is not in ${d.name} any more; choose another.`;
    if (f.testColumn === f.target) return 'The test rows cannot be chosen by the target itself.';
    if (!f.testValue.trim()) return `Enter the value of “${f.testColumn}” that marks the test rows.`;
    if (all.includes(f.testColumn)) return `“${f.testColumn}” marks the test rows, so it cannot also be a feature (every test row would share one value); untick it.`;
  }
  if (f.rule === 'cost') {
    if (f.cost === '' || !(f.cost > 0 && f.cost <= 1e6)) return 'Enter what a missed positive costs compared with an unneeded action (a number above 0, e.g. 1 or 5).';
  } else if (!isWhole(f.capacity, 1, 1e9)) return 'Enter how many customers the team can act on (a whole number).';
  return null;
}

/** The contract's spec: every choice explicit (as the services resolve it), the spec fields the form does not edit kept. */
export function toSpec(f: PredictForm): PredictSpec {
  const protectedUsed = f.includeProtected.filter((x) => x !== f.target);
  const spec: PredictSpec = {
    dataset: f.dataset,
    target: f.label.on ? f.target.trim() : f.target,
    positive: f.label.on ? EVENT_LABEL_POSITIVE : f.positive,
    features: [...f.features, ...protectedUsed],
    ...f.extra,
    ...(f.label.on ? { label: toEventLabel(f.label) } : {}),
    ...(f.joined.length ? { joined: f.joined.map((j) => ({ ...j, columns: [...j.columns] })) } : {}),
    model: f.model,
    folds: Number(f.folds),
    test: f.testMode === 'share' ? { share: Math.round(Number(f.testShare) * 100) / 10000 } : { column: f.testColumn, value: f.testValue.trim() },
    threshold: f.rule === 'cost' ? { rule: 'cost', missedPositiveCost: Number(f.cost) } : { rule: 'capacity', capacity: Number(f.capacity) },
  };
  if (f.segmentations.length) spec.segmentations = [...f.segmentations];
  if (protectedUsed.length) spec.includeProtected = protectedUsed;
  if (f.confirmedLeaks.length) spec.confirmedLeaks = [...f.confirmedLeaks];
  return spec;
}

/** The set-up that asks for `spec` (opening a saved model), on top of the dataset's pre-filled form. */
export function fromSpec(spec: PredictSpec, base: PredictForm): PredictForm {
  const included = new Set(spec.includeProtected ?? []);
  const test = spec.test ?? { share: DEFAULT_TEST_SHARE / 100 };
  const threshold = spec.threshold ?? { rule: 'cost', missedPositiveCost: 1 };
  const extra: PredictForm['extra'] = {};
  for (const k of ['id', 'seed', 'minLevelRows', 'logistic', 'gbdt'] as const) if (spec[k] !== undefined) Object.assign(extra, { [k]: spec[k] });
  return {
    ...base,
    dataset: spec.dataset,
    target: spec.target,
    positive: spec.positive,
    features: spec.features.filter((x) => !included.has(x)),
    includeProtected: spec.features.filter((x) => included.has(x)),
    segmentations: [...(spec.segmentations ?? [])],
    autoFill: false,
    model: spec.model ?? 'gbdt',
    folds: spec.folds ?? DEFAULT_FOLDS,
    testMode: 'share' in test ? 'share' : 'value',
    testShare: 'share' in test ? Math.round(test.share * 10000) / 100 : base.testShare,
    testColumn: 'column' in test ? test.column : '',
    testValue: 'column' in test ? test.value : '',
    rule: threshold.rule,
    cost: threshold.rule === 'cost' ? threshold.missedPositiveCost : 1,
    capacity: threshold.rule === 'capacity' ? threshold.capacity : '',
    confirmedLeaks: [...(spec.confirmedLeaks ?? [])],
    label: fromEventLabel(spec.label),
    joined: (spec.joined ?? []).map((j) => ({ ...j, columns: [...j.columns] })),
    extra,
  };
}

/** The column a leak refusal names ("… (--confirm-leak COL)"), or null for any other error. */
export function leakColumn(error: unknown): string | null {
  if (!(error instanceof AppError) || !error.message.includes('--confirm-leak')) return null;
  const named = error.details?.columnName;
  if (typeof named === 'string' && named) return named;
  const m = /--confirm-leak ([^)]+)\)/.exec(error.message);
  return m ? m[1].trim() : null;
}

/** The set-up that keeps `column` although it predicts the target almost perfectly (the analyst said it is known before). */
export function confirmLeak(f: PredictForm, column: string): PredictForm {
  return f.confirmedLeaks.includes(column) ? f : { ...f, confirmedLeaks: [...f.confirmedLeaks, column] };
}

// ------------------------------------------------------------------ session memory

/** A remembered set-up whose columns were renamed or deleted since: drop what no longer exists, else pre-fill. */
export function reviseForm(saved: PredictForm, d: DatasetSummary): PredictForm {
  const names = new Set(d.columns.map((c) => c.name));
  if (saved.target && !saved.label.on && !names.has(saved.target)) return prefill(d);
  return {
    ...saved,
    features: saved.features.filter((x) => names.has(x)),
    includeProtected: saved.includeProtected.filter((x) => names.has(x)),
    testColumn: names.has(saved.testColumn) ? saved.testColumn : '',
    confirmedLeaks: saved.confirmedLeaks.filter((x) => names.has(x)),
  };
}

/** The last set-up per workspace and dataset, for the session. */
export const predictForms = formMemory('predict', prefill, reviseForm);
