// Building audit inputs from readable rows, and an independent Fisher test for hand-made cases.
import type { AuditInput, CodedColumn } from '../../../main/analysis/fairness/types';

export interface Row {
  /** Level code per attribute (−1 missing). */
  codes: number[];
  label?: 0 | 1;
  pred: 0 | 1;
  score?: number;
}

/** n copies of a row. */
export const rep = (n: number, row: Row): Row[] => Array.from({ length: n }, () => ({ ...row, codes: [...row.codes] }));

/** A group's rows from its confusion counts: TP (y=1, ŷ=1), FP (0, 1), FN (1, 0), TN (0, 0). */
export function confusionRows(codes: number[], c: { tp: number; fp: number; fn: number; tn: number }): Row[] {
  return [
    ...rep(c.tp, { codes, label: 1, pred: 1 }),
    ...rep(c.fp, { codes, label: 0, pred: 1 }),
    ...rep(c.fn, { codes, label: 1, pred: 0 }),
    ...rep(c.tn, { codes, label: 0, pred: 0 }),
  ];
}

export function inputOf(rows: Row[], attributes: { name: string; levels: string[] }[], o: { withLabel?: boolean; proxies?: CodedColumn[] } = {}): AuditInput {
  const withLabel = o.withLabel ?? true;
  const withScore = rows.some((r) => r.score !== undefined);
  return {
    n: rows.length,
    predicted: Uint8Array.from(rows.map((r) => r.pred)),
    label: withLabel ? Uint8Array.from(rows.map((r) => r.label ?? 0)) : null,
    score: withScore ? Float64Array.from(rows.map((r) => r.score ?? Number.NaN)) : null,
    attributes: attributes.map((a, j) => ({ name: a.name, levels: a.levels, codes: Int32Array.from(rows.map((r) => r.codes[j])) })),
    proxies: o.proxies ?? [],
    decisionNote: 'offer = "Yes" (favourable, assistive)',
  };
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let v = 1;
  for (let i = 1; i <= k; i++) v = (v * (n - k + i)) / i;
  return v;
}

/** Two-sided Fisher p by enumerating every table with the table's margins (binomial coefficients; small counts only). */
export function fisherByHand(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const c1 = a + c;
  const n = a + b + c + d;
  const p = (x: number) => (choose(c1, x) * choose(n - c1, r1 - x)) / choose(n, r1);
  const observed = p(a);
  let total = 0;
  for (let x = 0; x <= Math.min(r1, c1); x++) if (p(x) <= observed * (1 + 1e-7)) total += p(x);
  return Math.min(1, total);
}

/** Holm by hand: sort, multiply the i-th smallest by (m − i), running max, cap 1. */
export function holmByHand(ps: number[]): number[] {
  const order = ps.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(ps.length);
  let run = 0;
  order.forEach(([p, i], k) => {
    run = Math.max(run, Math.min(1, p * (ps.length - k)));
    out[i] = run;
  });
  return out;
}
