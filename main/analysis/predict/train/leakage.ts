// The leakage guard: an input column that on its own separates the classes almost perfectly (AUC > 0.95 on the
// training rows) is far more often recorded after the outcome (a "cancellation reason" for churn) than a genuine
// predictor, and a model built on it looks excellent and is useless. Training stops and names the column unless the
// analyst confirmed it. A number is scored as itself (either direction counts); a text column by each level's
// positive rate on the training rows, i.e. the best any model could do with that column alone.
// With more than LEAK_SAMPLE_ROWS training rows the AUCs are computed on a seeded sample of that many (sorting 800k
// values per column costs seconds and tells nothing more): the standard error of an AUC near 0.95 on 200,000 rows is
// about 0.001, so whether a column is above the line is not in doubt. Smaller data are scored on every row, as before.
import { rocAuc } from '../metrics';
import type { InputColumn } from '../encoding';
import type { Labels, RowSet } from '../types';
import { sampleRows } from './insight';

export const LEAK_AUC = 0.95;
export const LEAK_SAMPLE_ROWS = 200_000;
const LEAK_SAMPLE_SEED = 0x1ea4;

export interface SingleColumnAuc {
  column: string;
  auc: number;
  /** Training rows with a value (a number column's missing rows are left out). */
  rows: number;
}

export function singleColumnAuc(c: InputColumn, y: Labels, train: RowSet): SingleColumnAuc {
  const score = new Float64Array(train.length);
  const labels = new Uint8Array(train.length);
  let m = 0;
  if (c.kind === 'number') {
    for (const r of train) {
      const v = c.values[r];
      if (v === v) {
        score[m] = v;
        labels[m++] = y[r];
      }
    }
  } else {
    // Missing is a level of its own here: "no value" can itself be the leak.
    const pos = new Float64Array(c.levels.length + 1);
    const all = new Float64Array(c.levels.length + 1);
    for (const r of train) {
      const k = c.codes[r] < 0 ? c.levels.length : c.codes[r];
      all[k]++;
      pos[k] += y[r];
    }
    for (const r of train) {
      const k = c.codes[r] < 0 ? c.levels.length : c.codes[r];
      score[m] = pos[k] / all[k];
      labels[m++] = y[r];
    }
  }
  let positives = 0;
  for (let i = 0; i < m; i++) positives += labels[i];
  if (positives === 0 || positives === m) return { column: c.name, auc: 0.5, rows: m };
  const auc = rocAuc(labels.subarray(0, m), score.subarray(0, m));
  return { column: c.name, auc: Math.max(auc, 1 - auc), rows: m };
}

/** Columns whose single-column AUC exceeds LEAK_AUC, highest first. */
export function findLeaks(columns: readonly InputColumn[], y: Labels, train: RowSet): SingleColumnAuc[] {
  const rows = sampleRows(train, LEAK_SAMPLE_ROWS, LEAK_SAMPLE_SEED);
  return columns
    .map((c) => singleColumnAuc(c, y, rows))
    .filter((s) => s.auc > LEAK_AUC)
    .sort((a, b) => b.auc - a.auc);
}
