// Largest, smallest and append for arrays of any length. `Math.max(...xs)`, `Math.min(...xs)` and
// `target.push(...xs)` pass every element as a call argument, on the stack: `cxw journey` crashed with "Maximum call
// stack size exceeded" at 300k steps. These loop instead; the lint rule in eslint.config.js forbids the spread forms.

/** Math.max(...values) without the spread: -Infinity for none, NaN if any value is NaN. */
export function maxOf(values: ArrayLike<number>): number {
  let best = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return Number.NaN;
    // `v > best` alone would keep -0 over +0; Math.max returns +0.
    if (v > best || (v === 0 && best === 0 && Object.is(best, -0))) best = v;
  }
  return best;
}

/** Math.min(...values) without the spread: Infinity for none, NaN if any value is NaN. */
export function minOf(values: ArrayLike<number>): number {
  let best = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return Number.NaN;
    if (v < best || (v === 0 && best === 0 && Object.is(v, -0))) best = v;
  }
  return best;
}

/** target.push(...items) without the spread; returns target. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
