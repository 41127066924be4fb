// Proxy audit: how much does a feature (or a saved segmentation) say about a protected attribute? If a lot,
// treating its levels differently treats the attribute's groups differently. Pure functions, no I/O.
//
// On the contingency table feature level × attribute group (rows where both are known; levels nobody has are
// left out):
// - Cramér's V = √(χ² / (N · (min(r, c) − 1))), the plain (bias-uncorrected) estimator, as in
//   scipy.stats.contingency.association(method='cramer'); 0 when either side has a single level.
// - Mutual information in bits, I = Σ p_ij log2(p_ij / (p_i· p_·j)), and I / H(attribute) (the share of the
//   attribute's uncertainty the feature removes; 0 when the attribute has one group).
// - Flag when V > the proxy threshold (default 0.3).
// - Explanation: the feature level contributing most to χ² (the most associated level) and, within it, the
//   most over-represented group (largest share in the level / share overall):
//   "segment 3 is 81% 60+ (vs 16% overall): treating it differently treats an age group differently."
import type { ProxyAssociation } from '../../../shared/audit';
import { poll } from './cancel';
import type { CodedColumn } from './types';
import { article, percent } from './words';

const SEGMENTATION_PREFIX = 'segmentation: ';

export interface ContingencyTable {
  rows: number;
  cols: number;
  /** counts[r·cols + c] */
  counts: Float64Array;
}

export function contingency(feature: CodedColumn, attribute: CodedColumn, n: number): ContingencyTable {
  const rows = feature.levels.length;
  const cols = attribute.levels.length;
  const counts = new Float64Array(rows * cols);
  const f = feature.codes;
  const a = attribute.codes;
  for (let i = 0; i < n; i++) {
    const r = f[i];
    const c = a[i];
    if (r >= 0 && c >= 0) counts[r * cols + c]++;
  }
  return { rows, cols, counts };
}

export interface Association {
  n: number;
  chiSquare: number;
  cramersV: number;
  mutualInformation: number;
  normalizedMi: number;
  rowTotals: Float64Array;
  colTotals: Float64Array;
  /** Each row's contribution to χ². */
  rowChiSquare: Float64Array;
}

export function association(t: ContingencyTable): Association {
  const rowTotals = new Float64Array(t.rows);
  const colTotals = new Float64Array(t.cols);
  let n = 0;
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < t.cols; c++) {
      const v = t.counts[r * t.cols + c];
      rowTotals[r] += v;
      colTotals[c] += v;
      n += v;
    }
  }
  const rowChiSquare = new Float64Array(t.rows);
  let chiSquare = 0;
  let mi = 0;
  for (let r = 0; r < t.rows; r++) {
    if (rowTotals[r] === 0) continue;
    for (let c = 0; c < t.cols; c++) {
      if (colTotals[c] === 0) continue;
      const o = t.counts[r * t.cols + c];
      const e = (rowTotals[r] * colTotals[c]) / n;
      const part = ((o - e) * (o - e)) / e;
      rowChiSquare[r] += part;
      chiSquare += part;
      if (o > 0) mi += (o / n) * Math.log2((o * n) / (rowTotals[r] * colTotals[c]));
    }
  }
  const usedRows = rowTotals.filter((v) => v > 0).length;
  const usedCols = colTotals.filter((v) => v > 0).length;
  const k = Math.min(usedRows, usedCols) - 1;
  const cramersV = n > 0 && k > 0 ? Math.min(1, Math.sqrt(chiSquare / (n * k))) : 0;
  let entropy = 0;
  for (let c = 0; c < t.cols; c++) {
    if (colTotals[c] > 0) {
      const p = colTotals[c] / n;
      entropy -= p * Math.log2(p);
    }
  }
  const mutualInformation = Math.max(0, mi);
  return { n, chiSquare, cramersV, mutualInformation, normalizedMi: entropy > 0 ? Math.min(1, mutualInformation / entropy) : 0, rowTotals, colTotals, rowChiSquare };
}

/** How a feature level is named in a sentence: a segment by its own name, a column's level as `feature "level"`. */
function levelSubject(feature: string, level: string): string {
  return feature.startsWith(SEGMENTATION_PREFIX) ? level : `${feature} "${level}"`;
}

/** The sentence for the most associated level of the feature and its most over-represented group. */
export function explain(feature: CodedColumn, attribute: CodedColumn, t: ContingencyTable, a: Association, flagged: boolean, threshold: number): string {
  const strength = `Cramér's V ${a.cramersV.toFixed(2)}`;
  if (!flagged) return `${feature.name} says little about ${attribute.name} (${strength}, at most ${threshold}).`;
  let row = 0;
  for (let r = 1; r < t.rows; r++) if (a.rowChiSquare[r] > a.rowChiSquare[row]) row = r;
  let best = -1;
  let bestLift = 0;
  for (let c = 0; c < t.cols; c++) {
    if (a.colTotals[c] === 0) continue;
    const lift = t.counts[row * t.cols + c] / a.rowTotals[row] / (a.colTotals[c] / a.n);
    if (lift > bestLift) {
      bestLift = lift;
      best = c;
    }
  }
  const inLevel = t.counts[row * t.cols + best] / a.rowTotals[row];
  const overall = a.colTotals[best] / a.n;
  return (
    `${levelSubject(feature.name, feature.levels[row])} is ${percent(inLevel)} ${attribute.levels[best]} (vs ${percent(overall)} overall): ` +
    `treating it differently treats ${article(attribute.name)} ${attribute.name} group differently (${strength}).`
  );
}

export function proxyAssociations(proxies: readonly CodedColumn[], attributes: readonly CodedColumn[], n: number, threshold: number, isCancelled?: () => boolean): ProxyAssociation[] {
  const out: ProxyAssociation[] = [];
  for (const feature of proxies) {
    for (const attribute of attributes) {
      poll(isCancelled);
      const t = contingency(feature, attribute, n);
      const a = association(t);
      const flag = a.cramersV > threshold;
      out.push({
        feature: feature.name,
        attribute: attribute.name,
        cramersV: a.cramersV,
        mutualInformation: a.mutualInformation,
        normalizedMi: a.normalizedMi,
        flag,
        explanation: explain(feature, attribute, t, a, flag, threshold),
      });
    }
  }
  return out;
}
