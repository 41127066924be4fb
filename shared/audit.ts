// Fairness and bias audit: the decision to audit, the groups, and what the audit finds. Plain data (IPC/JSON safe).
// Definitions follow Fairlearn (demographic parity, equalised odds, equal opportunity) and Aequitas (group
// metrics, disparities against a reference group); a rate whose denominator is zero is undefined (null), never 0.

export interface AuditSpec {
  dataset: string;
  /** A binary decision column… */
  decision?: string;
  /**
   * …with the value that is good for the person (default for an assistive decision: true / Yes / 1 / the later of
   * two values; for a punitive one the other value, since a flag such as fraud_flag = Yes is the sanction). The positive
   * prediction audited (Fairlearn's y_pred = 1, whose rate is the selection rate) is the favourable value for an
   * assistive decision and the other value (the sanction) for a punitive one.
   */
  favorable?: string;
  /** …or a score column with a threshold: the positive prediction is score ≥ threshold (favourable when assistive). */
  score?: string;
  threshold?: number;
  /** Optional ground truth (binary); `labelPositive` names the value that counts as positive (same defaults). */
  label?: string;
  labelPositive?: string;
  /** Protected attributes (any type; numeric ones are binned: give `bins` or they get quartile bins). */
  protected: string[];
  bins?: Record<string, number[]>;
  /** Also audit every combination of the protected attributes (e.g. gender × age band). */
  intersect?: boolean;
  /** Reference group per attribute (default: the largest group). */
  reference?: Record<string, string>;
  /**
   * What the positive decision does to the person: 'assistive' (a benefit: loan, offer; missing it is the harm →
   * false negative parity matters most) or 'punitive' (a sanction: fraud flag, churn-risk intervention that costs
   * them → false positive parity matters most). Default 'assistive'.
   */
  direction?: 'assistive' | 'punitive';
  /** Groups smaller than this are flagged, not dropped (default 30). */
  minGroupSize?: number;
  /** Missing protected values: their own group "(missing)" (default) or excluded (counted). */
  missing?: 'group' | 'exclude';
  /** Significance level before the multiple-comparison adjustment (default 0.05). */
  alpha?: number;
  /** Proxy audit: these columns (default: every other column with role feature/category) and saved segmentations. */
  proxyColumns?: string[];
  proxySegmentations?: string[];
  /** Cramér's V above this is flagged as a proxy (default 0.3). */
  proxyThreshold?: number;
  /** Representation check: expected population share per group, per attribute (shares sum to 1). */
  population?: Record<string, Record<string, number>>;
}

export const AUDIT_METRICS = ['selectionRate', 'tpr', 'fpr', 'fnr', 'tnr', 'ppv', 'npv', 'fdr', 'for'] as const;
export type AuditMetric = (typeof AUDIT_METRICS)[number];

export interface Rate {
  /** null when the denominator is 0 (undefined), with `reason`. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** Wilson 95% interval; null when undefined. */
  ci: [number, number] | null;
  reason?: string;
  /**
   * False when the denominator is below the minimum group size (spec.minGroupSize): the rate is shown greyed with its
   * interval but no verdict and no "widest gap" rests on it (shared/audit-gaps.ts). Always set by the audit; a result
   * saved without it is read by its denominator.
   */
  reliable?: boolean;
}

export interface AuditGroup {
  /** The protected attribute, or "a × b" for an intersection. */
  attribute: string;
  /** The group's value(s) as they appear in the data ("Female", or "Female × 18-24"). */
  group: string;
  n: number;
  /** Share of the audited rows. */
  share: number;
  small: boolean;
  isReference: boolean;
  /** Positive label rate (null without a label). */
  baseRate: Rate | null;
  selectionRate: Rate;
  /** Confusion-matrix rates (null without a label). */
  tpr: Rate | null;
  fpr: Rate | null;
  fnr: Rate | null;
  tnr: Rate | null;
  ppv: Rate | null;
  npv: Rate | null;
  fdr: Rate | null;
  for: Rate | null;
  confusion: { tp: number; fp: number; fn: number; tn: number } | null;
}

export interface Disparity {
  attribute: string;
  group: string;
  reference: string;
  metric: AuditMetric;
  /** group − reference; null when either rate is undefined. */
  difference: number | null;
  /** group / reference; null when undefined or the reference rate is 0. */
  ratio: number | null;
  /** Test of the two proportions: Fisher's exact when an expected cell is below 5, else chi-square (1 df). */
  test: 'fisher' | 'chi-square' | null;
  pValue: number | null;
  /** Adjusted over every comparison of the audit (method in AuditResult.adjustment). */
  pAdjusted: number | null;
  /** Significant after adjustment and outside the 0.8–1.25 ratio band (for the four-fifths rule: ratio < 0.8 on the favourable rate). */
  flag: boolean;
  /** Why it is (not) flagged, in words. */
  note: string;
  /** False when the group's or the reference's rate is unreliable (denominator below minGroupSize): not judged. */
  reliable?: boolean;
}

export interface AuditSummary {
  /** Per attribute (Fairlearn): max − min selection rate, min / max, the larger of the TPR and FPR gaps, the TPR gap. */
  byAttribute: {
    attribute: string;
    demographicParityDifference: number;
    demographicParityRatio: number;
    equalizedOddsDifference: number | null;
    equalOpportunityDifference: number | null;
    /** Groups whose favourable-outcome rate is below 4/5 of the most favoured group's (groups of at least minGroupSize only). */
    fourFifthsFailing: string[];
  }[];
  /** The first attribute's values, as the CLI contract's top-level summary keys. */
  demographicParityDifference: number;
  demographicParityRatio: number;
  equalizedOddsDifference: number | null;
}

export interface CalibrationBin {
  attribute: string;
  group: string;
  /** Score decile (1–10) over all audited rows. */
  decile: number;
  lower: number;
  upper: number;
  n: number;
  meanScore: number;
  /** Observed positive label rate with Wilson interval. */
  observed: Rate;
}

export interface ProxyAssociation {
  /** A column or "segmentation: NAME". */
  feature: string;
  attribute: string;
  cramersV: number;
  /** Mutual information in bits, and normalised by the attribute's entropy (0–1). */
  mutualInformation: number;
  normalizedMi: number;
  flag: boolean;
  /** e.g. "segment 3 is 81% over-60s: treating it differently treats an age group differently." */
  explanation: string;
}

export interface RepresentationCheck {
  attribute: string;
  groups: { group: string; observed: number; observedShare: number; expectedShare: number; difference: number }[];
  chiSquare: number;
  df: number;
  pValue: number;
  sentence: string;
}

export interface Verdict {
  metric: string;
  /** What it is, why it matters for this decision (assistive vs punitive), which groups fail and by how much, how sure we are. */
  what: string;
  why: string;
  finding: string;
  confidence: string;
  status: 'fail' | 'warn' | 'pass' | 'not applicable';
  /** Comparisons left out of this verdict because a rate rests on fewer than minGroupSize people (the finding names them). */
  leftOut?: number;
}

export interface AuditResult {
  spec: AuditSpec;
  rows: number;
  /** Rows left out (missing decision/label, or missing protected value with missing = 'exclude'). */
  excludedRows: number;
  decisionNote: string;
  groups: AuditGroup[];
  disparities: Disparity[];
  adjustment: string;
  summary: AuditSummary;
  calibration: CalibrationBin[] | null;
  proxies: ProxyAssociation[];
  representation: RepresentationCheck[] | null;
  verdicts: Verdict[];
  /** A paragraph an executive can read. */
  executiveSummary: string;
  warnings: string[];
}
