// Pure helpers of the Segments view (unit-tested): which columns can be features, which are suggested, the
// parameters sent to the services, and how trust and differences are put into words.
import type { ColumnMeta, ColumnRole, ColumnType, DatasetSummary } from '../../../shared/domain';
import type { FeatureDifference, KScore, MissingPolicy, RateWithCi, SegmentParams } from '../../../shared/segments';
import { formatNps, formatNpsCi as formatIntervalNps } from '../../charts/nps-figures';

const EXCLUDED_ROLES: ReadonlySet<ColumnRole> = new Set(['id', 'pii', 'ignore']);
const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set(['integer', 'real', 'boolean']);

export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureOption {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  kind: FeatureKind;
  suggested: boolean;
  /** A short caution shown beside the column, or null. */
  note: string | null;
}

/** Columns that may be segmentation features: numeric and text, never identifiers, personal data or ignored ones. */
export function featureOptions(dataset: DatasetSummary): FeatureOption[] {
  const out: FeatureOption[] = [];
  for (const c of dataset.columns) {
    if (EXCLUDED_ROLES.has(c.role)) continue;
    const kind = featureKind(c);
    if (!kind) continue;
    out.push({
      name: c.name,
      type: c.type,
      role: c.role,
      kind,
      suggested: c.role === 'feature' && kind === 'numeric' && !isAttitude(c.name) && !isSurveyMetadata(c.name),
      note: featureNote(c, kind),
    });
  }
  // Suggested first, then the rest in dataset order.
  return [...out.filter((o) => o.suggested), ...out.filter((o) => !o.suggested)];
}

/**
 * Ratings and satisfaction scores describe how customers feel; CX practice segments on behaviour and then
 * profiles the segments by attitude, so these are offered but not pre-selected (on the demo data, adding the four
 * 1–5 ratings turns a clear 6-segment structure, silhouette 0.36, into a weak 2-segment one, 0.26).
 */
function isAttitude(name: string): boolean {
  return /satisf|csat|rating|stars|review_score|sentiment/i.test(name);
}

/** When and how a survey was asked says nothing about the customer (e.g. nps_asked_days_after_event). */
function isSurveyMetadata(name: string): boolean {
  return /asked|survey|context|collected/i.test(name);
}

function featureKind(c: ColumnMeta): FeatureKind | null {
  if (NUMERIC_TYPES.has(c.type)) return 'numeric';
  if (c.type === 'text') return 'categorical';
  return null; // dates and datetimes are not features as such
}

function featureNote(c: ColumnMeta, kind: FeatureKind): string | null {
  if (c.role === 'protected') return kind === 'categorical' ? 'protected · one-hot' : 'protected attribute';
  if (kind === 'numeric' && isAttitude(c.name)) return 'attitude: better for profiling segments';
  if (kind === 'numeric' && isSurveyMetadata(c.name)) return 'survey metadata';
  if (c.role === 'nps' || c.role === 'outcome' || c.role === 'decision' || c.role === 'score') return 'an outcome, not an input';
  if (kind === 'categorical') return 'one-hot encoded';
  return null;
}

/** Why a note is there, for its tooltip. */
export function featureNoteHelp(o: FeatureOption): string | null {
  if (o.role === 'protected')
    return 'A protected attribute (age, gender, …). Segmenting on it can make segments a proxy for it; prefer behaviour and audit segments afterwards.';
  if (o.role === 'nps' || o.role === 'outcome' || o.role === 'decision' || o.role === 'score')
    return 'Usually compared across segments (NPS, outcome rates) rather than used to form them.';
  if (o.kind === 'categorical') return 'Each level becomes its own 0/1 column.';
  return null;
}

export function defaultFeatures(dataset: DatasetSummary): string[] {
  return featureOptions(dataset)
    .filter((o) => o.suggested)
    .map((o) => o.name);
}

export interface SetupForm {
  dataset: string;
  features: string[];
  auto: boolean;
  k: number;
  standardize: boolean;
  logTransform: string[];
  missing: MissingPolicy;
  restarts: number;
  seed: number;
  name: string;
}

export const DEFAULT_K_RANGE: [number, number] = [2, 10];

export function initialForm(dataset: DatasetSummary | null): SetupForm {
  return {
    dataset: dataset?.name ?? '',
    features: dataset ? defaultFeatures(dataset) : [],
    auto: false,
    k: 4,
    standardize: true,
    logTransform: [],
    missing: 'impute',
    restarts: 4,
    seed: 42,
    name: '',
  };
}

/** The contract's parameters for a run (or, with sweep, for exploring k over the default range). */
export function toParams(form: SetupForm, options: FeatureOption[], mode: 'run' | 'sweep'): SegmentParams {
  const numeric = new Set(options.filter((o) => o.kind === 'numeric').map((o) => o.name));
  const chosen = new Set(form.features);
  const features = options.filter((o) => chosen.has(o.name)).map((o) => o.name);
  const logTransform = form.logTransform.filter((f) => chosen.has(f) && numeric.has(f));
  const auto = mode === 'sweep' || form.auto;
  const params: SegmentParams = {
    dataset: form.dataset,
    features,
    k: auto ? 'auto' : form.k,
    seed: form.seed,
    restarts: form.restarts,
    standardize: form.standardize,
    missing: form.missing,
  };
  if (auto) params.kRange = DEFAULT_K_RANGE;
  if (logTransform.length) params.logTransform = logTransform;
  const name = form.name.trim();
  if (mode === 'run' && name) params.name = name;
  return params;
}

/** What stops a run, in words, or null when the form can be sent. */
export function formProblem(form: SetupForm): string | null {
  if (!form.dataset) return 'Choose a dataset.';
  if (form.features.length === 0) return 'Choose at least one feature.';
  if (!form.auto && (!Number.isInteger(form.k) || form.k < 2 || form.k > 20)) return 'The number of segments must be a whole number from 2 to 20.';
  if (!Number.isInteger(form.restarts) || form.restarts < 1 || form.restarts > 100) return 'Restarts must be from 1 to 100.';
  if (!Number.isInteger(form.seed) || form.seed < 0) return 'The seed must be a whole number of 0 or more.';
  return null;
}

export type StabilityLevel = 'stable' | 'moderate' | 'unstable';

export function stabilityLevel(stability: number): StabilityLevel {
  if (stability >= 0.85) return 'stable';
  if (stability >= 0.6) return 'moderate';
  return 'unstable';
}

export const STABILITY_WORDS: Record<StabilityLevel, { label: string; color: string; explain: string }> = {
  stable: { label: 'Stable', color: 'teal', explain: 'Comes back almost unchanged when the data is resampled.' },
  moderate: { label: 'Moderately stable', color: 'yellow', explain: 'Mostly comes back when the data is resampled; its edges move.' },
  unstable: { label: 'Unstable', color: 'red', explain: 'Changes a lot when the data is resampled; do not build on it alone.' },
};

/** "2.1 SD above average" — the service's description when it has one, otherwise built from z. */
export function describeDifference(d: FeatureDifference): string {
  if (d.description) return d.description;
  return `${d.feature} ${Math.abs(d.z).toFixed(1)} SD ${d.z >= 0 ? 'above' : 'below'} average`;
}

/** The strongest differences first, at most `limit`. */
export function topDifferences(list: FeatureDifference[], limit = 4): FeatureDifference[] {
  return [...list].sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, limit);
}

/** NPS −100…100 as "+34" (the NPS view's wording, so both views read alike). */
export { formatNps };

/** A segment's NPS interval as "+22 to +45"; null without one. */
export function formatNpsCi(rate: RateWithCi): string | null {
  return rate.ci ? formatIntervalNps(rate.ci) : null;
}

/** A 0–1 rate as a percentage with its CI: "18% (95% CI 14–22%)". */
export function formatRate(rate: RateWithCi): { value: string; ci: string | null } {
  if (rate.value === null) return { value: '—', ci: null };
  const pct = (x: number) => `${Math.round(x * 1000) / 10}`;
  return { value: `${pct(rate.value)}%`, ci: rate.ci ? `${pct(rate.ci[0])}–${pct(rate.ci[1])}%` : null };
}

/** Scores of the k sweep, ordered by k. */
export function sortedScores(scores: KScore[]): KScore[] {
  return [...scores].sort((a, b) => a.k - b.k);
}

/** "Segment 3" when a name is blank. */
export function segmentLabel(names: string[], index: number): string {
  return names[index]?.trim() || `Segment ${index + 1}`;
}

/** Mantine NumberInput gives string | number; keep a whole number or the fallback. */
export function wholeNumber(v: string | number, fallback: number): number {
  const n = typeof v === 'number' ? v : Number.parseInt(v, 10);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}
