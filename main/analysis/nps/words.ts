// Numbers as they appear in the plain-language notes and sentences. Pure functions, no I/O.

/** Whole NPS points with a sign: +31, −5, 0 (U+2212 for minus, as everywhere in the app). */
export function signedPoints(v: number): string {
  const r = Math.round(v);
  if (r === 0) return '0';
  return r > 0 ? `+${r}` : `−${-r}`;
}

/** Whole points without a sign but with a minus when negative: 9, −3. */
export function points(v: number): string {
  const r = Math.round(v);
  return r < 0 ? `−${-r}` : String(r);
}

/** "p < 0.001", "p = 0.012", "p = 0.34". Three decimals below 0.1 so values near 0.05 are not rounded across it. */
export function pText(p: number): string {
  if (!(p >= 0.001)) return 'p < 0.001';
  if (p < 0.1) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

/** "95%" or "90%" or "99.5%". */
export function levelText(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}

export const count = (n: number): string => n.toLocaleString('en-US');
