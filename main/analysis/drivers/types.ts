// Input and output of the pure key-driver analysis (main/analysis/drivers). The workspace layer loads the columns,
// turns the target into numbers (0/1 for a binary model) and adds the spec, the model name and the target note.
import type { DriversResult } from '../../../shared/nps';

export interface DriversInput {
  names: string[];
  /** Each driver's value per row; NaN = missing. */
  x: Float64Array[];
  /** The target per row; NaN = missing. Numeric for 'linear', 0/1 for 'logistic'. */
  y: Float64Array;
  model: 'linear' | 'logistic';
  /** Driver values that mean "missing" (e.g. 0 = not applicable on a 0–5 rating). */
  missingCodes?: readonly number[];
  /**
   * Does a higher target mean a better outcome (a higher score, "satisfied", a promoter)? False for "is a
   * detractor". Decides which drivers count as "higher is worse" and get their performance flipped.
   */
  targetHigherIsBetter: boolean;
  /**
   * How the effect sentences name the outcome: `more` / `less` are what a higher / lower target reads as, e.g.
   * 'more "Churn" (Yes)' and 'less "Churn" (Yes)', or 'a higher "nps_score"' and 'a lower "nps_score"'.
   */
  outcomeWords?: { more: string; less: string };
  /** Fill a missing driver value with the driver's median (mode for 0/1) instead of leaving the row out. */
  impute?: boolean;
  /** Bootstrap resamples (0 = none: the intervals collapse to the estimates). */
  bootstrap: number;
  seed: number;
  /** Confidence level of the percentile intervals, e.g. 0.95. */
  level: number;
  /** Return each driver's bootstrap weight replicates (weightDraws), for comparing two waves (stability.ts). */
  keepDraws?: boolean;
  isCancelled?: () => boolean;
  onProgress?: (phase: 'fit' | 'bootstrap', done: number, total: number) => void;
}

export type DriversAnalysis = Pick<DriversResult, 'n' | 'excludedRows' | 'r2' | 'drivers' | 'quadrantCuts' | 'warnings'> & {
  /** With impute: the fills per driver (only drivers with at least one). */
  imputed: { driver: string; count: number; value: number }[];
  /** Resamples that produced weights, and those skipped (a singular resample or a logistic fit that did not converge). */
  bootstrapUsed: number;
  bootstrapSkipped: number;
  /** With keepDraws: per driver name, the raw-weight replicates of the usable resamples, in draw order. */
  weightDraws?: Record<string, Float64Array>;
};
