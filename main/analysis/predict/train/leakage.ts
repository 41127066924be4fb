// The leakage guard: an input column that on its own separates the classes almost perfectly (AUC > 0.95 on the
// training rows) is far more often recorded after the outcome (a "cancellation reason" for churn) than a genuine
// predictor, and a model built on it looks excellent and is useless. Training stops and names the column unless the
// analyst confirmed it. A number is scored as itself (either direction counts); a text column by each level's
// positive rate on the training rows, i.e. the best any model could do with that column alone.
import { rocAuc } from '../metrics';
import type { InputColumn } from '../encoding';
import type { Labels, RowSet } from '../types';

export const LEAK_AUC = 0.95;

export interface SingleColumnAuc {
  column: string;
  auc: number;
  /** Training rows with a value (a number column's missing rows are left out). */
  rows: number;
}

export function singleColumnAuc(c: InputColumn, y: Labels, train: RowSet): SingleColumnAuc {
  const score: number[] = [];
  const labels: number[] = [];
  if (c.kind === 'number') {
    for (const r of train) {
      const v = c.values[r];
      if (v === v) {
        score.push(v);
        labels.push(y[r]);
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
      score.push(pos[k] / all[k]);
      labels.push(y[r]);
    }
  }
  const ys = Uint8Array.from(labels);
  const positives = labels.reduce((s, v) => s + v, 0);
  if (positives === 0 || positives === labels.length) return { column: c.name, auc: 0.5, rows: labels.length };
  const auc = rocAuc(ys, Float64Array.from(score));
  return { column: c.name, auc: Math.max(auc, 1 - auc), rows: labels.length };
}

/** Columns whose single-column AUC exceeds LEAK_AUC, highest first. */
export function findLeaks(columns: readonly InputColumn[], y: Labels, train: RowSet): SingleColumnAuc[] {
  return columns
    .map((c) => singleColumnAuc(c, y, train))
    .filter((s) => s.auc > LEAK_AUC)
    .sort((a, b) => b.auc - a.auc);
}
