// Which columns drifted, and the dataset's verdict. Pure functions, no I/O.
// Small waves (fewer than `smallWaveRows` rows in either wave) are judged by the tests, with the p-values adjusted
// by Benjamini–Hochberg over the compared columns (a false-discovery rate, so 24 columns do not make one false
// alarm likely); large waves by distances with fixed thresholds, because there every tiny difference is
// "significant" (Evidently's convention: normalised Wasserstein ≥ 0.1 for numbers, Jensen–Shannon ≥ 0.1 for
// categories). PSI is reported in its bands but does not decide.
import type { DriftColumn, DriftThresholds } from '../../../../shared/monitor-drift';
import { psiBand, type ColumnComparison } from './compare-column';
import { benjaminiHochberg } from './distances';

export interface Judged {
  columns: DriftColumn[];
  judgedBy: 'tests' | 'distances';
  drifted: number;
  total: number;
  datasetDrifted: boolean;
  verdict: string;
}

export function isSmallWave(refRows: number, curRows: number, t: DriftThresholds): boolean {
  return Math.min(refRows, curRows) < t.smallWaveRows;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function judgeColumns(compared: ColumnComparison[], refRows: number, curRows: number, t: DriftThresholds): Judged {
  const judgedBy = isSmallWave(refRows, curRows, t) ? 'tests' : 'distances';
  const adjusted = benjaminiHochberg(compared.map((c) => c.pValue));
  const columns: DriftColumn[] = compared.map((c, i) => {
    const drifted =
      judgedBy === 'tests' ? adjusted[i] < t.alpha : c.distance >= (c.distanceKind === 'wasserstein' ? t.wasserstein : t.jensenShannon);
    return { ...c, adjustedPValue: adjusted[i], psiBand: psiBand(c.psi, t), drifted };
  });
  const drifted = columns.filter((c) => c.drifted).length;
  const total = columns.length;
  const datasetDrifted = total > 0 && drifted / total >= t.datasetShare;
  const rule =
    judgedBy === 'tests'
      ? `small waves (fewer than ${t.smallWaveRows.toLocaleString('en-US')} rows), judged by tests: Benjamini–Hochberg adjusted p < ${t.alpha}`
      : `judged by distances: normalised Wasserstein ≥ ${t.wasserstein}, Jensen–Shannon ≥ ${t.jensenShannon}`;
  const verdict =
    total === 0
      ? 'No column could be compared.'
      : `${drifted} of ${total} columns drifted (${rule}); ${datasetDrifted ? `the dataset has drifted (at least ${pct(t.datasetShare)} of its columns)` : `the dataset as a whole has not drifted (fewer than ${pct(t.datasetShare)} of its columns)`}.`;
  return { columns, judgedBy, drifted, total, datasetDrifted, verdict };
}
