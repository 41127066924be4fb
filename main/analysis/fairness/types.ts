// The pure fairness audit's input: the audited rows already decoded by the data path (main/workspace/audit).
// Rows with a missing decision (or label, when there is one) are left out before this point and counted there.

export interface CodedColumn {
  /** Column name, "segmentation: NAME", or "a × b" for an intersection built by the analysis. */
  name: string;
  /** Level code per row (−1 missing; with missing = 'group' the data path already made "(missing)" a level). */
  codes: Int32Array;
  levels: string[];
}

export interface AuditInput {
  n: number;
  /** 1 = positive prediction (see AuditSpec.favorable), 0 otherwise. */
  predicted: Uint8Array;
  /** 1 = positive label (AuditSpec.labelPositive); null without a label. */
  label: Uint8Array | null;
  /** The raw score when auditing a score (for calibration), else null. */
  score: Float64Array | null;
  /** Protected attributes in spec order (numeric ones already binned into ordered levels). */
  attributes: CodedColumn[];
  /** Candidate proxies: features (numeric ones binned) and saved segmentations' segments. */
  proxies: CodedColumn[];
  /** What the positive prediction is, in words (e.g. 'offer_approved = "Yes" (favourable, assistive)'). */
  decisionNote: string;
}
