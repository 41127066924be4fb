// Does the effect differ between segments more than chance would make it? Cochran's Q (Cochran 1954), the test of
// heterogeneity of meta-analysis: with each segment's difference dᵢ and its standard error sᵢ, wᵢ = 1/sᵢ²,
// d̄ = Σwᵢdᵢ / Σwᵢ, Q = Σwᵢ(dᵢ − d̄)², df = k − 1, p = P(χ²_df > Q); I² = max(0, (Q − df)/Q) (Higgins & Thompson
// 2002) says how much of the spread is beyond chance. Exploratory: segments were not part of the design, and with
// several segments one will look different by chance. Pure, no I/O.
import { chiSquareSurvival } from '../../nps/distributions';

export interface CochranQ {
  q: number;
  df: number;
  pValue: number;
  iSquared: number;
  pooled: number;
}

/** null with fewer than two segments (or a segment without a usable standard error). */
export function cochranQ(differences: readonly number[], standardErrors: readonly number[]): CochranQ | null {
  const k = differences.length;
  if (k < 2 || standardErrors.some((s) => !(s > 0) || !Number.isFinite(s))) return null;
  let sw = 0;
  let swd = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / standardErrors[i] ** 2;
    sw += w;
    swd += w * differences[i];
  }
  const pooled = swd / sw;
  let q = 0;
  for (let i = 0; i < k; i++) q += (differences[i] - pooled) ** 2 / standardErrors[i] ** 2;
  const df = k - 1;
  return { q, df, pValue: chiSquareSurvival(q, df), iSquared: q > 0 ? Math.max(0, (q - df) / q) : 0, pooled };
}
