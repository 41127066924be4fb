// Saved results: every analysis the analyst runs is kept in the workspace with what was asked (its spec), what it
// read (each input dataset's import and row count), the app version and the result itself, so it survives a reload,
// can be renamed, duplicated, deleted and re-run. One list of kinds; main/analyses declares how each is run,
// stored, compared and summarised.
import { z } from 'zod';

export const RESULT_KINDS = ['segmentation', 'journey', 'nps', 'npsContext', 'drivers', 'audit', 'model', 'drift', 'cohorts', 'experiment'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** How a kind is named to a person ("Re-ran the NPS …"), in the results list and the activity log. */
export const RESULT_KIND_LABELS: Record<ResultKind, string> = {
  segmentation: 'Segmentation',
  journey: 'Journey analysis',
  nps: 'NPS',
  npsContext: 'Collection-context check',
  drivers: 'Key drivers',
  audit: 'Fairness audit',
  model: 'Prediction model',
  experiment: 'Experiment',
  cohorts: 'Cohorts',
  drift: 'Waves and drift',
};

/** How a kind reads inside a sentence ("Renamed the key-driver analysis …"). */
export const RESULT_KIND_NOUNS: Record<ResultKind, string> = {
  segmentation: 'segmentation',
  journey: 'journey analysis',
  nps: 'NPS',
  npsContext: 'collection-context check',
  drivers: 'key-driver analysis',
  audit: 'fairness audit',
  model: 'prediction model',
  experiment: 'experiment',
  cohorts: 'cohort analysis',
  drift: 'drift comparison',
};

/** Which view shows a kind (the renderer's navigation keys). */
export const RESULT_KIND_VIEW: Record<ResultKind, 'segments' | 'journeys' | 'nps' | 'audit' | 'predict' | 'monitor'> = {
  segmentation: 'segments',
  journey: 'journeys',
  nps: 'nps',
  npsContext: 'nps',
  drivers: 'nps',
  audit: 'audit',
  model: 'predict',
  experiment: 'monitor',
  cohorts: 'monitor',
  drift: 'monitor',
};

export const resultName = z.string().trim().min(1, 'result name is empty').max(200);
/**
 * `save` on an analysis handler: keep the result in the workspace, under this name or one made from its spec.
 * `replaces`: this run supersedes that saved result of the same kind (the Journeys view's automatic second run
 * without side steps), which is removed in the same transaction.
 */
export const saveOption = z.object({ name: resultName.optional(), replaces: z.number().int().min(1).optional() }).strict();
export type SaveOption = z.infer<typeof saveOption>;

/** One input an analysis read, as it was when it ran: a changed import or row count means changed data. */
export interface ResultInput {
  dataset: string;
  /** The import that made the dataset (its import time); a deleted and re-imported dataset has another. */
  version: string;
  rows: number;
}

/** A headline number of a result: what "what changed" compares before → after. */
export interface Headline {
  label: string;
  value: number | string | null;
}

export interface SavedResultRef {
  id: number;
  name: string;
  kind: ResultKind;
}

export interface SavedResultSummary extends SavedResultRef {
  /** The dataset the analysis is about (its first input). */
  dataset: string;
  /** The primary dataset's import ("import time"), for the SPEC's "dataset and its version". */
  datasetVersion: string;
  inputs: ResultInput[];
  appVersion: string;
  createdAt: string;
  /** Exactly what was asked: handing it to the kind's handler again re-runs the analysis. */
  spec: unknown;
  /** What was asked, in words ("NPS of customers.nps_score by region"). */
  description: string;
  headline: Headline[];
}

export interface SavedResult extends SavedResultSummary {
  /** The kind's result exactly as its handler returned it (the same JSON its CLI command prints). */
  result: unknown;
}

export interface ResultDifference {
  /** Where in the result, e.g. "overall.nps" or "groups[2].ci[0]". */
  path: string;
  before: unknown;
  after: unknown;
}

export interface HeadlineChange {
  label: string;
  before: number | string | null;
  after: number | string | null;
}

export interface RerunOutcome {
  result: SavedResultRef;
  /** Field by field equal to the saved result (timings left out). */
  identical: boolean;
  /** An input's import or row count differs from when the result was saved. */
  dataChanged: boolean;
  inputs: { dataset: string; before: ResultInput | null; after: ResultInput | null }[];
  /** The first differing fields (at most 50), in result order. */
  differences: ResultDifference[];
  /** More differing fields than listed. */
  moreDifferences: number;
  headline: HeadlineChange[];
  /** One sentence for a person: "Re-ran: identical." or what changed. */
  message: string;
  /** The new run's result, the same JSON the kind's command prints. */
  output: unknown;
}
