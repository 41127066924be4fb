// Comparing NPS between groups. Pure functions, no I/O.
//
// - Two groups: the difference of the two adjusted-Wald estimates, whose variances add (independent samples):
//     z = (NPS'a − NPS'b) / √(Var'a + Var'b),  two-sided p from the normal distribution,
//     interval 100 × ((NPS'a − NPS'b) ± z_level·√(Var'a + Var'b)), clipped to [−200, 200].
//   The two-sample form of the adjusted-Wald interval (the variances of independent estimates add). The test and
//   the interval share their centre and standard error, so the interval excludes 0 exactly when p < 1 − level.
//   The reported `difference` is the plain NPS difference; the centre differs from it by the pseudo-answers only.
// - Several groups: Pearson's chi-square test of independence on groups × (promoter, passive, detractor), with
//   empty groups and categories nobody chose left out (they carry no information and would divide by zero);
//   df = (rows − 1)(columns − 1); p = Q(df/2, χ²/2).
// - Holm's step-down adjustment of a family of p-values (Holm 1979): sort ascending, multiply the i-th smallest
//   by (m − i + 1), keep the running maximum, cap at 1. It controls the chance of any false alarm in the family.
import { chiSquareSurvival, normalTwoSided } from './distributions';
import { adjustedWald, totalOf, type NpsCounts } from './summary';

export interface Difference {
  /** Plain NPS of a minus plain NPS of b (points). */
  difference: number;
  ci: [number, number];
  z: number;
  pValue: number;
}

/** a − b; null when either group has no answers. */
export function compareNps(a: NpsCounts, b: NpsCounts, zLevel: number): Difference | null {
  const na = totalOf(a);
  const nb = totalOf(b);
  if (na === 0 || nb === 0) return null;
  const wa = adjustedWald(a);
  const wb = adjustedWald(b);
  const se = Math.sqrt(wa.variance + wb.variance);
  const centre = wa.centre - wb.centre;
  const z = centre / se;
  const difference = (100 * (a.promoters - a.detractors)) / na - (100 * (b.promoters - b.detractors)) / nb;
  return {
    difference,
    ci: [Math.max(-200, 100 * (centre - zLevel * se)), Math.min(200, 100 * (centre + zLevel * se))],
    z,
    pValue: normalTwoSided(z),
  };
}

/** Holm-adjusted p-values, in the order given. */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((x, y) => pValues[x] - pValues[y] || x - y);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
    out[idx] = running;
  });
  return out;
}

export interface ChiSquare {
  statistic: number;
  df: number;
  pValue: number;
  /** Cells (of the table actually tested) whose expected count is below 5, and the number of cells. */
  lowExpected: number;
  cells: number;
  /** Rows (groups) actually tested. */
  rows: number;
}

/** Pearson's chi-square test of independence on a rows × columns table of counts. */
export function chiSquareIndependence(table: readonly (readonly number[])[]): ChiSquare {
  const rowsKept = table.filter((r) => r.reduce((s, v) => s + v, 0) > 0);
  const width = rowsKept[0]?.length ?? 0;
  const colTotals = Array.from({ length: width }, (_, j) => rowsKept.reduce((s, r) => s + r[j], 0));
  const cols = colTotals.map((t, j) => (t > 0 ? j : -1)).filter((j) => j >= 0);
  const total = colTotals.reduce((s, v) => s + v, 0);
  const df = (rowsKept.length - 1) * (cols.length - 1);
  let statistic = 0;
  let lowExpected = 0;
  for (const r of rowsKept) {
    const rowTotal = r.reduce((s, v) => s + v, 0);
    for (const j of cols) {
      const expected = (rowTotal * colTotals[j]) / total;
      if (expected < 5) lowExpected++;
      statistic += (r[j] - expected) ** 2 / expected;
    }
  }
  // One group or one category only: nothing can differ, so no evidence against independence.
  return { statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : 1, lowExpected, cells: rowsKept.length * cols.length, rows: rowsKept.length };
}
