// Explanations in words, as an analyst reads them out: "High risk, 72% (64–79%): Contract = Month-to-month +0.90,
// tenure = 2 +0.70, OnlineSecurity = Yes −0.30". Contributions are in log-odds (+ pushes towards the positive class).
import type { InputColumn } from '../encoding';

/** A column's value on one row as shown in an explanation. */
export function valueText(c: InputColumn, row: number): string {
  if (c.kind === 'levels') return c.codes[row] < 0 ? '(missing)' : c.levels[c.codes[row]];
  const v = c.values[row];
  if (v !== v) return '(missing)';
  if (c.type === 'boolean') return v === 1 ? 'yes' : 'no';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

export const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

/** The `top` largest contributions, largest |c| first: "tenure = 2 +0.70, Contract = Month-to-month +0.90". */
export function topReasons(contributions: Float64Array, columns: readonly InputColumn[], row: number, top = 3): string {
  return [...contributions.keys()]
    .filter((k) => contributions[k] !== 0)
    .sort((a, b) => Math.abs(contributions[b]) - Math.abs(contributions[a]) || a - b)
    .slice(0, top)
    .map((k) => `${columns[k].name} = ${valueText(columns[k], row)} ${signed(contributions[k])}`)
    .join(', ');
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** "High risk, 72% (64–79%)" — high when the probability reaches the threshold. */
export function riskHeadline(probability: number, low: number, high: number, threshold: number): string {
  const band = low === high ? '' : ` (${pct(low)}–${pct(high)})`;
  return `${probability >= threshold ? 'High' : 'Low'} risk, ${pct(probability)}${band}`;
}
