// Waves and drift (issue 16, Monitor): what the analyst asks (two datasets, or two date ranges of one dataset) and
// what the comparison finds, per column and for NPS. Plain data (IPC/JSON safe). The conventions and thresholds are
// written out for people in docs/monitor-drift.md.
import { z } from 'zod';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from './calendar-date';
import { saveOption, type SavedResultRef } from './results';

/** Every threshold the verdicts use; all settable (spec fields, CLI flags). */
export interface DriftThresholds {
  /** Waves with fewer rows than this (either of them) are judged by tests, larger ones by distances. Default 1000. */
  smallWaveRows: number;
  /** Small waves: a column drifted when its Benjamini–Hochberg adjusted p-value is below this. Default 0.05. */
  alpha: number;
  /** Large waves: numeric columns drifted when the normalised Wasserstein distance is at least this. Default 0.1. */
  wasserstein: number;
  /** Large waves: categorical columns drifted when the Jensen–Shannon distance (base 2) is at least this. Default 0.1. */
  jensenShannon: number;
  /** PSI bands: below `psiModerate` stable, up to `psiMajor` moderate, above major. Defaults 0.1 and 0.25. */
  psiModerate: number;
  psiMajor: number;
  /** The dataset counts as drifted when at least this share of the compared columns drifted. Default 0.5. */
  datasetShare: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  smallWaveRows: 1000,
  alpha: 0.05,
  wasserstein: 0.1,
  jensenShannon: 0.1,
  psiModerate: 0.1,
  psiMajor: 0.25,
  datasetShare: 0.5,
};

export interface DriftSpec {
  /** Two datasets: the reference wave (last quarter's export) and the current one… */
  reference?: string;
  current?: string;
  /** …or one dataset split by a date column into two inclusive ranges of calendar dates (YYYY-MM-DD). */
  dataset?: string;
  period?: string;
  referenceRange?: [string, string];
  currentRange?: [string, string];
  /** Columns to compare (default: every column both waves have, less those skipped with a reason). */
  columns?: string[];
  /** A 0–10 recommend score: NPS of both waves, the change with its CI and test… */
  nps?: string;
  /** …and a mix column (channel, collection context): the change at the reference wave's mix. */
  mix?: string;
  thresholds?: Partial<DriftThresholds>;
  /** Confidence level of the NPS intervals (default 0.95). */
  level?: number;
}

export type DriftColumnType = 'numeric' | 'categorical';
export type PsiBand = 'stable' | 'moderate' | 'major';

export interface WaveColumnCounts {
  rows: number;
  missing: number;
  missingShare: number;
}

/** One bar pair of the drill-down: a reference-decile bin or a category, as shares of each wave's values. */
export interface DriftBin {
  label: string;
  reference: number;
  current: number;
}

export interface DriftColumn {
  name: string;
  type: DriftColumnType;
  /** 'ks' (two-sample Kolmogorov–Smirnov) for numbers, 'chi-square' (2 × levels) for categories. */
  test: 'ks' | 'chi-square';
  statistic: number;
  pValue: number;
  /** Benjamini–Hochberg adjusted over the compared columns (what small waves are judged by). */
  adjustedPValue: number;
  /** Degrees of freedom of the chi-square test (categorical only). */
  df?: number;
  psi: number;
  psiBand: PsiBand;
  /** Normalised Wasserstein (numeric) or Jensen–Shannon distance (categorical). */
  distance: number;
  distanceKind: 'wasserstein' | 'jensen-shannon';
  drifted: boolean;
  reference: WaveColumnCounts;
  current: WaveColumnCounts;
  /** Current minus reference missing share (−1…1). */
  missingChange: number;
  newCategories: string[];
  vanishedCategories: string[];
  bins: DriftBin[];
}

export interface DriftSkipped {
  name: string;
  reason: string;
}

export interface DriftNpsGroup {
  group: string;
  referenceN: number;
  currentN: number;
  referenceShare: number;
  currentShare: number;
  reference: number | null;
  current: number | null;
  change: number | null;
  ci: [number, number] | null;
  pValue: number | null;
}

export interface DriftNps {
  column: string;
  mix: string | null;
  level: number;
  referenceN: number;
  currentN: number;
  reference: number;
  current: number;
  /** current − reference, NPS points. */
  change: number;
  changeCi: [number, number];
  pValue: number;
  /** Current wave's per-group NPS at the reference wave's group shares (direct standardisation); null without a mix. */
  mixAdjustedCurrent: number | null;
  mixAdjustedChange: number | null;
  /** 1 − mixAdjustedChange / change: the part of the change the mix explains; null when |change| < 1 point or no mix. */
  mixShare: number | null;
  groups: DriftNpsGroup[];
  /** One sentence: whether the change is opinion or mix. */
  verdict: string;
}

export interface DriftWave {
  /** "Survey Q1" or "Survey 2026-01-01..2026-03-31". */
  label: string;
  rows: number;
}

export interface DriftResult {
  spec: DriftSpec;
  mode: 'datasets' | 'period';
  reference: DriftWave;
  current: DriftWave;
  judgedBy: 'tests' | 'distances';
  thresholds: DriftThresholds;
  columns: DriftColumn[];
  skipped: DriftSkipped[];
  drifted: number;
  total: number;
  datasetDrifted: boolean;
  /** "3 of 9 columns drifted (judged by distances: …)". */
  verdict: string;
  nps?: DriftNps;
  warnings: string[];
}

// ------------------------------------------------------------------ the spec's schema (shared/api.ts 'drift.run')

const name = z.string().trim().min(1).max(200);
const day = z.string().refine(isCalendarDate, { error: (issue) => `"${String(issue.input).slice(0, 40)}" ${CALENDAR_DATE_MESSAGE}` });
const range = z.tuple([day, day]).refine(([a, b]) => a <= b, 'a range runs from its first day to its last (A..B with A ≤ B)');
const share = z.number().gt(0).lt(1);

export const driftThresholdsSchema = z
  .object({
    smallWaveRows: z.number().int().min(1).max(1e9).optional(),
    alpha: share.optional(),
    wasserstein: z.number().gt(0).max(100).optional(),
    jensenShannon: z.number().gt(0).max(1).optional(),
    psiModerate: z.number().gt(0).max(100).optional(),
    psiMajor: z.number().gt(0).max(100).optional(),
    datasetShare: z.number().gt(0).max(1).optional(),
  })
  .strict()
  .refine((t) => t.psiModerate === undefined || t.psiMajor === undefined || t.psiModerate <= t.psiMajor, 'the moderate PSI band must start at or below the major one');

export const driftSpecSchema = z
  .object({
    reference: name.optional(),
    current: name.optional(),
    dataset: name.optional(),
    period: name.optional(),
    referenceRange: range.optional(),
    currentRange: range.optional(),
    columns: z.array(name).min(1).max(2000).optional(),
    nps: name.optional(),
    mix: name.optional(),
    thresholds: driftThresholdsSchema.optional(),
    level: z.number().min(0.5).max(0.999).optional(),
  })
  .strict()
  .refine(
    (s) =>
      (s.reference !== undefined && s.current !== undefined && s.dataset === undefined && s.period === undefined && !s.referenceRange && !s.currentRange) ||
      (s.reference === undefined && s.current === undefined && s.dataset !== undefined && s.period !== undefined && !!s.referenceRange && !!s.currentRange),
    'compare two datasets (reference and current) or two date ranges of one dataset (dataset, period, referenceRange and currentRange), not a mix of both',
  )
  .refine((s) => !s.referenceRange || !s.currentRange || s.referenceRange[1] < s.currentRange[0] || s.currentRange[1] < s.referenceRange[0], 'the two date ranges overlap: a row would be in both waves')
  .refine((s) => s.mix === undefined || s.nps !== undefined, 'a mix column needs an NPS column (--nps COL): the mix check standardises the NPS change');

const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'jobId must be 6-64 letters, digits, _ or -');

/** The contract's entries (spread into shared/api.ts argSchemas and its Results). */
export const driftArgSchemas = {
  'drift.run': z.object({ jobId, spec: driftSpecSchema, save: saveOption.optional() }).strict(),
};

export interface DriftResults {
  'drift.run': DriftResult & { saved?: SavedResultRef };
}
