// NPS and key drivers: what the analyst asks for and what the services return. Plain data (IPC/JSON safe).
import type { DriversDirection } from './drivers-direction';
// NPS = 100 × (promoters − detractors) / n on −100…100; promoters score 9–10, passives 7–8, detractors 0–6.

/**
 * How to read a score column that is not integer 0–10. Absent: such values are rejected with a message.
 * 'round': non-integers within 0–10 are rounded half up; rescale: values on [from0, from1] map linearly to 0–10,
 * then round half up (e.g. a 1–5 rating: [1, 5]). Values outside the range are still rejected.
 */
export type NpsMapping = { kind: 'round' } | { kind: 'rescale'; from: [number, number] };

export interface NpsSpec {
  dataset: string;
  score: string;
  /** Group by a column (any type; missing values form the group "(missing)"). */
  by?: string;
  /** Or group by the segments of a saved segmentation (joined through its dataset's id column, or by row when it is this dataset). */
  segmentation?: string;
  /** A date/datetime column: NPS per period. */
  period?: string;
  periodUnit?: 'week' | 'month' | 'quarter' | 'year';
  /** Confidence level of every interval (default 0.95). */
  level?: number;
  /** Groups with fewer answers are flagged as small, never dropped (default 30). */
  minN?: number;
  /** Pairwise comparisons are against this group (default: the largest). */
  reference?: string;
  mapping?: NpsMapping;
}

export interface NpsSummary {
  /** null when n = 0. */
  nps: number | null;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Adjusted-Wald interval (Sauro & Lewis: n' = n + 3, p' = (count + 3/4) / n') at the spec's level; null when n = 0. */
  ci: [number, number] | null;
}

export interface NpsComparison {
  /** This group's NPS minus the reference group's. */
  difference: number;
  /** Interval of the difference (adjusted-Wald variances) at the spec's level. */
  ci: [number, number];
  /** Two-sided p of the difference (z test on the two NPS estimates). */
  pValue: number;
  /** Holm-adjusted over all comparisons with the reference. */
  pAdjusted: number;
  significant: boolean;
}

export interface NpsGroup extends NpsSummary {
  group: string;
  /** n below the spec's minimum. */
  small: boolean;
  /** Against the reference group (absent for the reference itself). */
  vsReference?: NpsComparison;
}

export interface NpsTest {
  /** 'two-groups': z test of the NPS difference; 'several-groups': chi-square of independence on groups × (promoter, passive, detractor). */
  kind: 'two-groups' | 'several-groups';
  method: string;
  statistic: number;
  df: number | null;
  pValue: number;
  /** Plain words, including the multiple-comparison note for several groups. */
  note: string;
}

export interface NpsResult {
  spec: NpsSpec;
  overall: NpsSummary;
  /** Answers per score 0…10 (after any mapping). */
  distribution: { score: number; count: number }[];
  groups: NpsGroup[];
  reference: string | null;
  test: NpsTest | null;
  trend: (NpsSummary & { period: string; small: boolean })[] | null;
  /** Rows without a score (not answered). */
  missing: number;
  /** What the mapping did, in words; null without a mapping. */
  mappingNote: string | null;
  /** A mapping the scores' look suggests (no 0 in ≥ 200 answers with both 1 and 10: rescale 1–10); absent otherwise. */
  suggestedMapping?: NpsMapping;
  level: number;
  minN: number;
  warnings: string[];
}

/** Measurement-bias check: NPS by collection context. */
export interface NpsContextSpec {
  dataset: string;
  score: string;
  /** A context column (e.g. "employee present", survey channel)… */
  context?: string;
  /**
   * …or the delay between the survey and a journey event: the survey's date/datetime column in `dataset`, and an
   * event log whose `customer` ids match `dataset`'s id column, with the step that counts as the event. The delay
   * (days from the customer's last such event before the survey) is binned into `bins` (days; default [0, 1, 7, 30]).
   */
  delay?: { surveyTime: string; events: string; customer: string; time: string; step: string; stepValue: string; bins?: number[] };
  level?: number;
  minN?: number;
  mapping?: NpsMapping;
}

export interface ContextFlag {
  group: string;
  /** This context's NPS minus the NPS of all other answers pooled. */
  difference: number;
  ci: [number, number];
  pValue: number;
  pAdjusted: number;
  direction: 'inflated' | 'deflated';
  /** e.g. "Scores given in-store with an employee present are 18 points higher than the rest (95% CI 9 to 27, p < 0.001); treat them separately." */
  sentence: string;
}

export interface NpsContextResult {
  spec: NpsContextSpec;
  /** What was compared, e.g. 'column "nps_context"' or 'days from Delivery to the survey'. */
  context: string;
  overall: NpsSummary;
  groups: NpsGroup[];
  test: NpsTest | null;
  /** Contexts whose NPS differs from the rest with pAdjusted < 1 − level, biggest first. */
  flags: ContextFlag[];
  /** One or two sentences an analyst can paste into a report. */
  summary: string;
  level: number;
  minN: number;
  warnings: string[];
}

// ------------------------------------------------------------------ key drivers

export interface DriversSpec {
  dataset: string;
  /** Numeric outcome (linear relative weights) or a binary one (logistic relative weights). */
  target: string;
  drivers: string[];
  /**
   * 'auto' (default): logistic when the target is boolean or has exactly two distinct values, else linear.
   * With an NPS-scale target, 'detractor' / 'promoter' model the binary "is a detractor (0–6)" / "is a promoter (9–10)".
   */
  model?: 'auto' | 'linear' | 'logistic' | 'detractor' | 'promoter';
  /** For a two-valued non-boolean target: the value that counts as 1. */
  positive?: string;
  /** Driver values treated as missing (e.g. 0 = "not applicable" in a 0–5 rating). */
  missingCodes?: number[];
  /**
   * Is a higher target (for a binary model: the outcome counted as 1) the better outcome? Absent: inferred from the
   * target's role and name (churn, complaint… → worse; NPS, satisfaction… → better); when it cannot be, the
   * analysis refuses and asks for it. Decides the words, the "higher is worse" drivers and the quadrant.
   */
  direction?: DriversDirection;
  /**
   * A missing driver value: 'exclude' (default) leaves the row out (complete cases); 'impute' fills it with the
   * driver's median (mode for a 0/1 driver) and the result counts the fills. Rows without a target are always left out.
   */
  missing?: 'exclude' | 'impute';
  /** Bootstrap resamples for the intervals (default 500). */
  bootstrap?: number;
  seed?: number;
  level?: number;
  /** A second wave (a dataset with the same columns) to compare with: the reference; the result gets `stability`. */
  compareWith?: string;
}

export type Quadrant = 'improve first' | 'key strength' | 'maintain' | 'low priority';

export interface DriverWeight {
  name: string;
  /** Raw relative weight; the weights sum to r2. */
  weight: number;
  /** weight / r2 × 100. */
  share: number;
  /** Percentile bootstrap interval of the raw weight at the spec's level. */
  ci: [number, number];
  shareCi: [number, number];
  /** Standardised coefficient of the full model (linear: beta; logistic: the standardised logit coefficient). */
  coefficient: number;
  sign: -1 | 0 | 1;
  /** Mean of the driver (its original units) and that mean on a 0–1 scale of the driver's observed range. */
  performance: number;
  performanceScaled: number;
  quadrant: Quadrant;
  /** Which side of the driver goes with the worse outcome: 'Higher "MonthlyCharges" goes with a higher chance of "Churn" = Yes (worse).' */
  effect: string;
}

export interface DriversDirectionNote {
  direction: DriversDirection;
  /** 'asked': given in the spec; otherwise why it was inferred ('its name "Churn"', 'the detractor model…'). */
  source: string;
  /** In plain words: 'Higher is worse: "Churn" = Yes is the outcome to avoid (…). Drivers are signed so that + means a higher chance of "Churn" = Yes.' */
  sentence: string;
}

export interface DriversResult {
  spec: DriversSpec;
  model: 'linear' | 'logistic';
  /** What the binary target means, for logistic models (e.g. 'detractor (score 0–6)'). */
  targetNote: string;
  n: number;
  /** Rows left out for a missing target or driver (listwise). */
  excludedRows: number;
  /** Which way is good and where that came from. */
  direction: DriversDirectionNote;
  /** How missing driver values were handled; with 'impute', the fills per driver (drivers with none filled are left out). */
  missing: { handling: 'exclude' | 'impute'; imputed: { driver: string; count: number; value: number }[] };
  /** R² (linear) or the pseudo-R² the logistic weights sum to (Tonidandel & LeBreton 2010). */
  r2: number;
  drivers: DriverWeight[];
  /** Quadrant cut-offs: mean share and mean scaled performance across drivers. */
  quadrantCuts: { share: number; performance: number };
  /** Collinearity (|r| > 0.8 or VIF > 5), small n (< 10 rows per driver, < 50 rows), constant drivers. */
  warnings: string[];
  /** With spec.compareWith: the weights of both waves and their differences (docs/drivers-stability.md). */
  stability?: DriversStability;
}

/** One driver in both waves: raw weights with their bootstrap intervals, current − reference with its interval. */
export interface DriverStabilityRow {
  name: string;
  reference: { weight: number; ci: [number, number] };
  current: { weight: number; ci: [number, number] };
  difference: number;
  differenceCi: [number, number];
  /** The difference's interval excludes 0. */
  changed: boolean;
}

export interface DriversStability {
  /** The reference wave (spec.compareWith) and the current one (spec.dataset). */
  reference: string;
  current: string;
  referenceN: number;
  currentN: number;
  referenceR2: number;
  level: number;
  /** How the difference's interval is made, in words. */
  method: string;
  /** Pairs of resamples the difference's interval uses (the smaller of the two waves' usable resamples). */
  pairs: number;
  /** Most changed first: by |difference|. */
  drivers: DriverStabilityRow[];
  /** The top drivers (up to 3) by weight in each wave, and whether their order differs. */
  topReference: string[];
  topCurrent: string[];
  rankChanged: boolean;
  /** Drivers weighed in only one wave (left out as constant in the other). */
  notCompared: string[];
  sentence: string;
}
