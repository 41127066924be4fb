// Plain-words warnings of key-driver analysis: what is shaky, and what the analyst can do about it.
import type { DriverBasis } from './relative-weights';

/** Pairs of drivers correlated beyond this are named (their weights split shared credit). */
export const HIGH_CORRELATION = 0.8;
/** Drivers whose variance inflation factor exceeds this are named (their coefficient and sign are unstable). */
export const HIGH_VIF = 5;
export const MIN_ROWS = 50;
export const ROWS_PER_DRIVER = 10;

const fmt = (v: number, digits: number) => v.toFixed(digits);
const count = (v: number) => v.toLocaleString('en-GB');

export function collinearityWarnings(names: readonly string[], rxx: Float64Array, basis: DriverBasis): string[] {
  const p = names.length;
  const out: string[] = [];
  for (let j = 0; j < p; j++) {
    for (let k = j + 1; k < p; k++) {
      const r = rxx[j * p + k];
      if (Math.abs(r) > HIGH_CORRELATION) {
        out.push(`"${names[j]}" and "${names[k]}" are highly correlated (r = ${fmt(r, 2)}): their relative weights share the credit between them, so read the two together.`);
      }
    }
  }
  for (let j = 0; j < p; j++) {
    const vif = basis.inverse[j * p + j];
    if (vif > HIGH_VIF) {
      out.push(
        `"${names[j]}" is largely explained by the other drivers (VIF ${fmt(vif, 1)} > ${HIGH_VIF}): its regression coefficient and sign are unstable; its relative weight is still meaningful.`,
      );
    }
  }
  return out;
}

/** Which drivers make R_xx singular: the large entries of the eigenvector of its smallest eigenvalue. */
export function dependentDrivers(names: readonly string[], rxx: Float64Array): string[] {
  const p = names.length;
  for (let j = 0; j < p; j++) {
    for (let k = j + 1; k < p; k++) {
      if (Math.abs(rxx[j * p + k]) > 0.9999) return [names[j], names[k]];
    }
  }
  return names.slice();
}

export function sampleSizeWarnings(n: number, p: number, model: 'linear' | 'logistic', minority: number): string[] {
  const out: string[] = [];
  if (n < MIN_ROWS) out.push(`Only ${count(n)} complete rows: with fewer than ${MIN_ROWS} the weights and their intervals are unstable; treat them as a first look.`);
  if (n < ROWS_PER_DRIVER * p) {
    out.push(`${count(n)} rows for ${p} drivers is fewer than ${ROWS_PER_DRIVER} rows per driver: drop the least relevant drivers or collect more answers.`);
  }
  if (model === 'logistic' && minority < ROWS_PER_DRIVER * p) {
    out.push(`Only ${count(minority)} rows have the rarer outcome, fewer than ${ROWS_PER_DRIVER} per driver: the logistic weights are unstable.`);
  }
  return out;
}

export function exclusionWarning(total: number, excluded: number, names: readonly string[], missingByDriver: readonly number[], missingTarget: number): string | null {
  if (total === 0 || excluded / total < 0.05) return null;
  const causes = names
    .map((name, j) => ({ name, missing: missingByDriver[j] }))
    .filter((c) => c.missing > 0)
    .sort((a, b) => b.missing - a.missing)
    .slice(0, 3)
    .map((c) => `"${c.name}" in ${count(c.missing)}`);
  if (missingTarget > 0) causes.unshift(`the target in ${count(missingTarget)}`);
  const pct = ((100 * excluded) / total).toFixed(1);
  return `${count(excluded)} of ${count(total)} rows (${pct}%) were left out because the target or a driver was missing (${causes.join(', ')}): the weights describe the remaining rows only.`;
}

/** The fills of the impute choice, as the result lists them and one sentence saying how much was made up. */
export function imputedDrivers(
  names: readonly string[],
  fills: readonly { count: number; value: number | null }[] | null,
  rows: number,
): { list: { driver: string; count: number; value: number }[]; note: string | null } {
  const list = (fills ?? []).flatMap((f, j) => (f.count > 0 && f.value !== null ? [{ driver: names[j], count: f.count, value: f.value }] : []));
  if (list.length === 0) return { list, note: null };
  const parts = list.map((f) => `"${f.driver}" in ${count(f.count)} rows (${((100 * f.count) / rows).toFixed(1)}%) with ${Number.isInteger(f.value) ? f.value : fmt(f.value, 3)}`);
  return {
    list,
    note: `Missing driver values were filled with the driver's median (the commoner value of a 0/1 driver): ${parts.join(', ')}. Filled values pull a driver's correlations towards zero, so its weight is, if anything, understated.`,
  };
}

/**
 * Which side of a driver goes with the worse outcome, always said as what hurts ('Lower "tenure" goes with more
 * "Churn" (worse)'), so a reader never has to combine a sign with the target's direction. `sign` is the driver's
 * coefficient sign on the target: with a higher-is-worse target a positive sign means high values hurt.
 */
export function effectSentence(name: string, sign: -1 | 0 | 1, higherIsBetter: boolean, words?: { more: string; less: string }): string {
  if (sign === 0) return `"${name}" shows no direction of effect.`;
  const hurtsWhenHigher = (sign > 0) !== higherIsBetter;
  const worse = higherIsBetter ? (words?.less ?? 'a lower target') : (words?.more ?? 'a higher target');
  return `${hurtsWhenHigher ? 'Higher' : 'Lower'} "${name}" goes with ${worse} (worse).`;
}
