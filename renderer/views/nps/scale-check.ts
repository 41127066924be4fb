// The set-up's look at a score column before anything runs (unit-tested): a column of whole numbers with no 0 but
// both 1 and 10 across at least 200 answers looks like a 1–10 rating (Skytrax-style reviews), not the 0–10
// recommend question. The same rule as the services' warning (main/analysis/nps/scores.ts, ONE_TO_TEN_MIN_N), read
// from the column profile so the analyst can choose "Treat as 1–10" up front.
import type { ColumnProfile } from '../../../shared/domain';

export const ONE_TO_TEN_MIN_N = 200;

export function looksOneToTen(p: Pick<ColumnProfile, 'type' | 'min' | 'max' | 'missing'> | undefined, rows: number): boolean {
  if (!p || p.type !== 'integer') return false;
  return rows - p.missing >= ONE_TO_TEN_MIN_N && p.min === 1 && p.max === 10;
}
