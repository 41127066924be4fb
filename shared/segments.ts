// Segmentation: the parameters an analyst chooses and the results the services return. Plain data (IPC/JSON safe).
// Everything needed to re-run a segmentation and get the same answer is in SegmentParams (+ the dataset).

export type MissingPolicy = 'impute' | 'exclude';

export interface SegmentParams {
  dataset: string;
  /** Columns used as features: numeric (integer, real, boolean) directly, text columns one-hot encoded. */
  features: string[];
  /** A fixed k, or 'auto' to sweep kRange and take the recommended k. */
  k: number | 'auto';
  /** Inclusive range swept when k is 'auto' (default [2, 10]). */
  kRange?: [number, number];
  /** Seed for k-means++, restarts, silhouette sampling, bootstrap and projection sampling (default 42). */
  seed?: number;
  /** k-means++ restarts; the lowest inertia wins (default 4). */
  restarts?: number;
  /** Per restart (default 300). */
  maxIterations?: number;
  /** Relative tolerance on centroid movement, as scikit-learn's `tol` (default 1e-4). */
  tolerance?: number;
  /** z-score numeric features (default true). */
  standardize?: boolean;
  /** Numeric columns to transform with log1p before standardising (suggested for skewed columns). */
  logTransform?: string[];
  /** Weight of each one-hot column of a categorical feature (default 1). */
  categoryWeight?: number;
  /** Missing values: impute (median for numbers, mode for categories; counts reported) or exclude the row. */
  missing?: MissingPolicy;
  /** Name to save under (default "<dataset> k=<k>", made unique). */
  name?: string;
}

export interface KScore {
  k: number;
  inertia: number;
  silhouette: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
  /** Per segment of this k: mean bootstrap Jaccard from the sweep's short stability check (absent in old results). */
  stability?: number[];
  /** The lowest of `stability`: a k is as trustworthy as its least stable segment. */
  minStability?: number;
}

export interface KRecommendation {
  k: number;
  /** Plain-language reason, e.g. "k = 5 has the highest silhouette (0.55) and a clear elbow in inertia". */
  reason: string;
}

export interface FeatureDifference {
  feature: string;
  /** Segment mean minus overall mean, in overall standard deviations (for one-hot levels: of the indicator). */
  z: number;
  direction: 'higher' | 'lower';
  /** Two-sided Welch t-test (numeric) or two-proportion z-test (category level), segment vs rest. */
  pValue: number;
  /** Plain words, e.g. "monthly_spend 2.1 SD above average (£142 vs £61)". */
  description: string;
}

export interface RateWithCi {
  value: number | null;
  n: number;
  ci: [number, number] | null;
}

export interface SegmentCard {
  index: number;
  name: string;
  /** Auto-suggested from the distinguishing features; kept so the analyst can revert an edit. */
  suggestedName: string;
  persona: string;
  size: number;
  share: number;
  /** Numeric features: mean in original units; categorical: most common level. */
  centroid: Record<string, number | string>;
  distinguishing: FeatureDifference[];
  /** Mean Jaccard similarity of this segment with its best match over bootstrap resamples (0–1). */
  stability: number;
  /** Customers in this segment with confidence below the review threshold. */
  lowConfidence: number;
  /** NPS (−100…100) with its 95% CI, when the dataset has a column with role 'nps'. */
  nps: RateWithCi | null;
  /** Share with the favourable/positive value per outcome-role column (boolean outcomes). */
  outcomes: { column: string; rate: RateWithCi }[];
}

export interface ProjectionPoints {
  x: number[];
  y: number[];
  segment: number[];
  /** Rows drawn; equals the dataset's included rows unless sampled. */
  n: number;
  sampled: boolean;
  /** Share of variance explained by the two components. */
  explained: [number, number];
}

export interface SegmentationSummary {
  id: number;
  name: string;
  dataset: string;
  k: number;
  params: SegmentParams & { seed: number; restarts: number; maxIterations: number; tolerance: number };
  createdAt: string;
  rows: number;
  excludedRows: number;
  /** Imputed value counts per feature (empty when nothing was missing or rows were excluded). */
  imputed: Record<string, number>;
  inertia: number;
  silhouette: number;
  silhouetteSampleSize: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
  kScores: KScore[] | null;
  recommendation: KRecommendation | null;
  /** One sentence on how this was computed (method, parameters, seed, data), for explainability. */
  method: string;
}

export interface SegmentationResult extends SegmentationSummary {
  segments: SegmentCard[];
  /** Encoded feature names in heatmap column order (one-hot levels as "column = level"). */
  heatmapFeatures: string[];
  /** segments × features, z-scores of segment means. */
  heatmap: number[][];
  projection: ProjectionPoints;
  /** What the analyst should know about this run: constant features, unseen levels, a damaged column cache. */
  warnings: string[];
}

export interface ReviewItem {
  /** Dataset row (_row) of the customer. */
  row: number;
  /** Value of the dataset's id column (or the row number when it has none). */
  id: string | number;
  segment: number;
  secondBest: number;
  /** 0–1: 1 − d(nearest) / d(second nearest); low means "between two segments". */
  confidence: number;
  /** Set when an analyst moved the customer. */
  reassigned: boolean;
}

export interface MigrationMatrix {
  from: string;
  to: string;
  fromSegments: string[];
  toSegments: string[];
  /** counts[i][j]: customers in from-segment i and to-segment j (matched by id). */
  counts: number[][];
  matched: number;
  /**
   * When one is the other scored on a new wave (the same centroids, so segment i is the same segment): each segment's
   * size in both (all their customers, matched or not), and whether the mix shifted — chi-square on the 2 × k table
   * (scipy's chi2_contingency) and PSI (the Monitor's bands: < 0.1 stable, 0.1–0.25 moderate, > 0.25 major).
   */
  sizes?: SegmentSizeShift;
}

export interface SegmentSizeShift {
  segments: { name: string; from: number; to: number; fromShare: number; toShare: number }[];
  chiSquare: number;
  df: number;
  pValue: number;
  psi: number;
  band: 'stable' | 'moderate' | 'major';
  /** "Segment 'Loyal' grew from 21.0% to 27.5% of customers; …" */
  sentence: string;
}

/** `segment.export`: the assignments CSV of a segmentation, ready to save. */
export interface AssignmentsExport {
  /** A safe file name, e.g. "Demo customers k=4 assignments.csv". */
  fileName: string;
  /** `id,segment,confidence,segment_name` (segment = number 1..k, segment_name = its current name), one line per customer. */
  csv: string;
  rows: number;
  /** The dataset's id-role column the ids come from (null: row numbers). */
  idColumn: string | null;
}

/**
 * The RFM segment names the preset assigns (main/analysis/segment/rfm.ts), best first, with what each means in
 * one line — shown beside the counts so an audience does not need the R × FM score map.
 */
export const RFM_SEGMENTS: readonly { name: string; meaning: string }[] = [
  { name: 'Champions', meaning: 'Bought recently, buy often and spend the most.' },
  { name: 'Loyal', meaning: 'Buy regularly and spend well; not quite the most recent.' },
  { name: 'Potential Loyalist', meaning: 'Recent customers with average frequency and spend.' },
  { name: 'New Customers', meaning: 'Bought very recently, but only a little so far.' },
  { name: 'Promising', meaning: 'Fairly recent, low frequency and spend yet.' },
  { name: 'Need Attention', meaning: 'Middle of the road on recency, frequency and spend.' },
  { name: 'About to Sleep', meaning: 'Not recent, buy rarely and spend little; slipping away.' },
  { name: "Can't Lose Them", meaning: 'Used to buy the most and most often, but not for a long time.' },
  { name: 'At Risk', meaning: 'Bought often and spent well, but long ago.' },
  { name: 'Hibernating', meaning: 'Last bought long ago, few orders and low spend.' },
  { name: 'Lost', meaning: 'Lowest recency, frequency and spend.' },
];
