// Pure helpers of the Audit set-up (unit-tested): which columns fit each slot, the choices pre-filled from the
// column roles, what stops a run, the form → AuditSpec mapping, the positive prediction in words, and the
// per-dataset memory of the session.
import type { AuditSpec } from '../../../shared/audit';
import { booleanGroupNames } from '../../../shared/audit-labels';
import type { ColumnMeta, DatasetSummary, TopValue } from '../../../shared/domain';
import { formMemory } from '../../lib/analysis-memory';

export type DecisionMode = 'decision' | 'score';
export type Direction = 'assistive' | 'punitive';
export type MissingPolicy = 'group' | 'exclude';

/** The set-up as edited: '' means "not chosen". */
export interface AuditForm {
  dataset: string;
  mode: DecisionMode;
  decision: string;
  /** The value good for the person ('' = the services' default: true / Yes / 1 / the later of two values). */
  favorable: string;
  score: string;
  /** As typed (a NumberInput gives '' while empty). */
  threshold: number | '';
  label: string;
  labelPositive: string;
  protected: string[];
  intersect: boolean;
  /** attribute → reference group; an attribute left out uses the largest group. */
  reference: Record<string, string>;
  direction: Direction;
  minGroupSize: number | '';
  missing: MissingPolicy;
  /** attribute → group → population share in percent, as typed; blank cells are left out. */
  population: Record<string, Record<string, number | ''>>;
  /** null: the services' default (every other feature and category column). */
  proxyColumns: string[] | null;
  /** null: every saved segmentation of the audited dataset (passed to toSpec). */
  proxySegmentations: string[] | null;
}

export const DEFAULT_MIN_GROUP = 30;
/** The contract accepts at most ten protected attributes. */
export const MAX_PROTECTED = 10;

const NUMERIC = new Set<ColumnMeta['type']>(['integer', 'real']);
/** Columns that never carry an audited decision, label or group (identifiers, personal data, left out by choice). */
const NEVER = new Set<ColumnMeta['role']>(['id', 'pii', 'ignore']);

const usable = (d: DatasetSummary) => d.columns.filter((c) => !NEVER.has(c.role));

/** Preferred role first, then the others in file order. */
function roleFirst(columns: ColumnMeta[], role: ColumnMeta['role']): ColumnMeta[] {
  return [...columns.filter((c) => c.role === role), ...columns.filter((c) => c.role !== role)];
}

/** A binary decision or label: booleans and text or whole-number columns (the services check there are two values). */
export function decisionColumns(d: DatasetSummary): ColumnMeta[] {
  return roleFirst(
    usable(d).filter((c) => c.type === 'boolean' || c.type === 'text' || c.type === 'integer'),
    'decision',
  );
}

export function scoreColumns(d: DatasetSummary): ColumnMeta[] {
  return roleFirst(
    usable(d).filter((c) => NUMERIC.has(c.type)),
    'score',
  );
}

export function labelColumns(d: DatasetSummary): ColumnMeta[] {
  return roleFirst(
    usable(d).filter((c) => c.type === 'boolean' || c.type === 'text' || c.type === 'integer'),
    'outcome',
  );
}

/** Anything but identifiers, personal data and the audited decision, score and label. */
export function protectedColumns(d: DatasetSummary, form: Pick<AuditForm, 'mode' | 'decision' | 'score' | 'label'>): ColumnMeta[] {
  const taken = new Set(auditedColumns(form));
  return roleFirst(
    usable(d).filter((c) => !taken.has(c.name)),
    'protected',
  );
}

/** Proxy candidates offered: features, categories and any other column that is not audited or protected. */
export function proxyCandidates(d: DatasetSummary, form: Pick<AuditForm, 'mode' | 'decision' | 'score' | 'label' | 'protected'>): ColumnMeta[] {
  const taken = new Set([...auditedColumns(form), ...form.protected]);
  return usable(d).filter((c) => !taken.has(c.name) && c.role !== 'timestamp');
}

/** The default proxy set the services use: every other column with role feature or category. */
export function defaultProxies(d: DatasetSummary, form: Pick<AuditForm, 'mode' | 'decision' | 'score' | 'label' | 'protected'>): ColumnMeta[] {
  return proxyCandidates(d, form).filter((c) => c.role === 'feature' || c.role === 'category');
}

function auditedColumns(form: Pick<AuditForm, 'mode' | 'decision' | 'score' | 'label'>): string[] {
  const own = form.mode === 'decision' ? form.decision : form.score;
  return [own, form.label].filter(Boolean);
}

/** The "yes" value of a two-valued column, when its values say so. */
export function positiveValue(column: ColumnMeta | undefined, values: string[]): string {
  if (column?.booleanLabels) return column.booleanLabels.true;
  return values.find((v) => /^(yes|y|true|1)$/i.test(v.trim())) ?? '';
}

/** The values a column takes, for the favourable / positive pickers: boolean labels, else the profile's top values. */
export function columnValues(column: ColumnMeta | undefined, top: TopValue[] | null | undefined): string[] {
  if (!column) return [];
  if (column.booleanLabels) return [column.booleanLabels.true, column.booleanLabels.false];
  return (top ?? []).map((t) => t.value);
}

/**
 * The set-up pre-filled from the column roles: the first decision column (else a score column and score mode), the
 * label only for a score (see suggestedLabel), and the protected attributes — except a number whose banded version is also
 * protected (age when age_band is there: the bands are the groups people are treated by).
 */
export function prefill(d: DatasetSummary | null): AuditForm {
  const empty: AuditForm = {
    dataset: d?.name ?? '',
    mode: 'decision',
    decision: '',
    favorable: '',
    score: '',
    threshold: '',
    label: '',
    labelPositive: '',
    protected: [],
    intersect: false,
    reference: {},
    direction: 'assistive',
    minGroupSize: DEFAULT_MIN_GROUP,
    missing: 'group',
    population: {},
    proxyColumns: null,
    proxySegmentations: null,
  };
  if (!d) return empty;
  const decision = d.columns.find((c) => c.role === 'decision' && !NUMERIC.has(c.type)) ?? d.columns.find((c) => c.role === 'decision');
  const score = d.columns.find((c) => c.role === 'score' && NUMERIC.has(c.type));
  const protectedRole = d.columns.filter((c) => c.role === 'protected');
  const banded = (c: ColumnMeta) =>
    NUMERIC.has(c.type) && protectedRole.some((o) => o !== c && !NUMERIC.has(o.type) && o.name.toLowerCase().startsWith(`${c.name.toLowerCase()}_`));
  const mode: DecisionMode = decision || !score ? 'decision' : 'score';
  const label = suggestedLabel(d, mode, decision?.name ?? '');
  return {
    ...empty,
    mode,
    decision: decision?.name ?? '',
    favorable: decision ? positiveValue(decision, []) : '',
    score: score?.name ?? '',
    label: label?.name ?? '',
    labelPositive: label ? positiveValue(label, []) : '',
    protected: protectedRole.filter((c) => !banded(c)).map((c) => c.name),
  };
}

/**
 * The ground truth to pre-fill for a mode: a score is built to predict an outcome, so the first boolean outcome column
 * is its likely ground truth; a yes/no decision (an offer, a refund) is usually about something else than the
 * dataset's outcome (churn), and auditing error rates against it would report failures that mean nothing — so a
 * decision gets no label unless the analyst picks one.
 */
export function suggestedLabel(d: DatasetSummary, mode: DecisionMode, decision: string): ColumnMeta | undefined {
  if (mode !== 'score') return undefined;
  return d.columns.find((c) => c.role === 'outcome' && c.type === 'boolean' && c.name !== decision);
}

/** What stops a run, in words, or null when the spec can be sent. */
export function formProblem(form: AuditForm, d: DatasetSummary | null): string | null {
  if (!form.dataset || !d) return 'Choose the dataset to audit.';
  const names = new Set(d.columns.map((c) => c.name));
  if (form.mode === 'decision') {
    if (!form.decision) return 'Choose the decision column (the yes/no outcome the audit is about).';
    if (!names.has(form.decision)) return `The decision column “${form.decision}” is not in ${d.name} any more; choose another.`;
  } else {
    if (!form.score) return 'Choose the score column.';
    if (!names.has(form.score)) return `The score column “${form.score}” is not in ${d.name} any more; choose another.`;
    if (form.threshold === '' || !Number.isFinite(form.threshold)) return 'Enter the threshold: rows with a score at or above it count as a positive decision.';
  }
  const own = form.mode === 'decision' ? form.decision : form.score;
  if (form.label && form.label === own) return `The label must differ from the ${form.mode === 'decision' ? 'decision' : 'score'} column: it is what actually happened.`;
  if (form.protected.length === 0) return 'Choose at least one protected attribute (for example gender or an age band).';
  if (form.protected.length > MAX_PROTECTED) return `Choose at most ${MAX_PROTECTED} protected attributes.`;
  const clash = form.protected.find((p) => p === own || p === form.label);
  if (clash) return `“${clash}” is the ${clash === own ? (form.mode === 'decision' ? 'decision' : 'score') : 'label'}; it cannot also be a protected attribute.`;
  const gone = form.protected.find((p) => !names.has(p));
  if (gone) return `The protected attribute “${gone}” is not in ${d.name} any more; remove it.`;
  if (form.minGroupSize === '' || !Number.isInteger(form.minGroupSize) || form.minGroupSize < 1) return 'The minimum group size must be a whole number of 1 or more.';
  for (const attribute of form.protected) {
    const shares = populationShares(form, attribute);
    if (!shares) continue;
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 100) > 0.5) return `The population shares for ${attribute} add up to ${round1(total)}%; they must add up to 100%.`;
  }
  return null;
}

/** The shares entered for one attribute (percent), or null when none were. */
export function populationShares(form: AuditForm, attribute: string): Record<string, number> | null {
  const entered = Object.entries(form.population[attribute] ?? {}).filter((e): e is [string, number] => e[1] !== '' && Number.isFinite(e[1]));
  return entered.length ? Object.fromEntries(entered) : null;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * The contract's spec: optional choices only when made (the services' defaults are the documented ones).
 * `ownSegmentations` are the saved segmentations of the audited dataset, audited as proxies unless the analyst chose.
 */
export function toSpec(form: AuditForm, ownSegmentations: string[] = []): AuditSpec {
  const spec: AuditSpec = { dataset: form.dataset, protected: [...form.protected] };
  if (form.mode === 'decision') {
    spec.decision = form.decision;
    if (form.favorable) spec.favorable = form.favorable;
  } else {
    spec.score = form.score;
    spec.threshold = Number(form.threshold);
  }
  if (form.label) {
    spec.label = form.label;
    if (form.labelPositive) spec.labelPositive = form.labelPositive;
  }
  if (form.intersect && form.protected.length > 1) spec.intersect = true;
  const reference = Object.fromEntries(form.protected.filter((a) => form.reference[a]).map((a) => [a, form.reference[a]]));
  if (Object.keys(reference).length) spec.reference = reference;
  if (form.direction !== 'assistive') spec.direction = form.direction;
  if (form.minGroupSize !== DEFAULT_MIN_GROUP) spec.minGroupSize = Number(form.minGroupSize);
  if (form.missing !== 'group') spec.missing = form.missing;
  if (form.proxyColumns) spec.proxyColumns = [...form.proxyColumns];
  const segmentations = form.proxySegmentations ?? ownSegmentations;
  if (segmentations.length) spec.proxySegmentations = [...segmentations];
  const population: Record<string, Record<string, number>> = {};
  for (const attribute of form.protected) {
    const shares = populationShares(form, attribute);
    if (!shares) continue;
    // Percent → fractions that sum to exactly 1 (typed shares are rounded; 33.3 × 3 is meant as thirds).
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    population[attribute] = Object.fromEntries(Object.entries(shares).map(([g, v]) => [g, v / total]));
  }
  if (Object.keys(population).length) spec.population = population;
  return spec;
}

/**
 * The positive prediction the audit counts (Fairlearn's y_pred = 1), in words: the favourable value for an
 * assistive decision, the other value (the sanction) for a punitive one; score ≥ threshold either way.
 */
export function positiveNote(form: AuditForm, values: string[]): string | null {
  if (form.mode === 'score') {
    if (!form.score) return null;
    const t = form.threshold === '' ? 'the threshold' : String(form.threshold);
    return form.direction === 'assistive'
      ? `Positive decision: ${form.score} ≥ ${t} — the benefit.`
      : `Positive decision: ${form.score} ≥ ${t} — the sanction (punitive).`;
  }
  if (!form.decision) return null;
  const favourable = form.favorable || values.find((v) => /^(yes|y|true|1)$/i.test(v)) || '';
  if (form.direction === 'assistive') return favourable ? `Positive decision: ${form.decision} = “${favourable}” — the benefit.` : null;
  const other = values.filter((v) => v !== favourable);
  if (other.length === 1) return `Positive decision: ${form.decision} = “${other[0]}” — the sanction (not the favourable “${favourable}”).`;
  return favourable ? `Positive decision: ${form.decision} ≠ “${favourable}” — the sanction.` : null;
}

/** Why the direction matters, in one line (the verdicts weigh metrics by it). */
export const DIRECTION_HELP: Record<Direction, string> = {
  assistive:
    'The decision is a benefit (offer, loan, approval): being wrongly left out is the harm, so equal false negative rates (equal opportunity) matter most.',
  punitive:
    'The decision is a sanction (fraud flag, extra checks, a costly intervention): being wrongly flagged is the harm, so equal false positive rates matter most.',
};

// ------------------------------------------------------------------ session memory

/** A remembered set-up whose columns were renamed or deleted since: drop what no longer exists, else pre-fill. */
export function reviseForm(saved: AuditForm, d: DatasetSummary): AuditForm {
  const names = new Set(d.columns.map((c) => c.name));
  const fresh = prefill(d);
  const keep = (v: string, fallback: string) => (v === '' || names.has(v) ? v : fallback);
  return {
    ...saved,
    decision: keep(saved.decision, fresh.decision),
    score: keep(saved.score, fresh.score),
    label: keep(saved.label, ''),
    protected: saved.protected.filter((p) => names.has(p)),
    proxyColumns: saved.proxyColumns ? saved.proxyColumns.filter((p) => names.has(p)) : null,
  };
}

/** The last set-up per workspace and dataset, for the session. */
export const auditForms = formMemory('audit', prefill, reviseForm);
// The names the model's unit tests use.
export const { remember: rememberForm, recall: recallForm } = auditForms;
export { clearFormMemory } from '../../lib/analysis-memory';

// ------------------------------------------------------------------ groups known before a run

export interface KnownGroups {
  groups: string[];
  /** Where they come from: the last run (exact), the column's values (a profile), or not known yet. */
  source: 'run' | 'values' | 'unknown';
}

/**
 * The groups of one protected attribute, for the reference and population pickers: the last run's groups when it
 * audited this attribute, else a categorical column's values (boolean labels, or the profile's top values when they
 * are all of them) plus "(missing)" when values are missing and kept as a group; a numeric column is binned by the
 * services, so its groups are known only after a run.
 */
export function knownGroups(
  attribute: string,
  column: ColumnMeta | undefined,
  profile: { distinct: number; missing: number; topValues: TopValue[] | null } | undefined,
  lastRun: { attribute: string; group: string }[] | null,
  missing: MissingPolicy,
): KnownGroups {
  const fromRun = lastRun?.filter((g) => g.attribute === attribute).map((g) => g.group) ?? [];
  if (fromRun.length) return { groups: fromRun, source: 'run' };
  if (!column || NUMERIC.has(column.type)) return { groups: [], source: 'unknown' };
  const yesNo = column.type === 'boolean' ? booleanGroupNames(column.booleanLabels) : null;
  const values = yesNo ? [yesNo.true, yesNo.false] : (profile?.topValues ?? []).map((t) => t.value);
  const complete = yesNo || (profile && profile.topValues && profile.topValues.length >= profile.distinct);
  if (!complete || values.length === 0) return { groups: [], source: 'unknown' };
  return { groups: profile && profile.missing > 0 && missing === 'group' ? [...values, '(missing)'] : values, source: 'values' };
}
