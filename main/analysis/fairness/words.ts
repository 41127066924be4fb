// Numbers as they appear in the audit's notes and verdicts. Pure functions, no I/O.

/** A rate as a percentage: whole percent from 10% up, one decimal below ("41%", "3.5%", "0%"). */
export function percent(v: number): string {
  const p = v * 100;
  if (Math.abs(p) >= 10 || p === 0) return `${Math.round(p)}%`;
  return `${Number(p.toFixed(1))}%`;
}

/** A signed difference of rates in percentage points: "+7.0 points", "−3.2 points" (U+2212 for minus). */
export function points(v: number): string {
  const p = v * 100;
  const s = Math.abs(p).toFixed(1);
  if (s === '0.0') return '0 points';
  return `${p > 0 ? '+' : '−'}${s} points`;
}

/** A fraction with three decimals and a real minus sign: "0.071", "−0.032". */
export function fraction(v: number): string {
  const s = Math.abs(v).toFixed(3);
  return v < 0 && s !== '0.000' ? `−${s}` : s;
}

/** "adjusted p < 0.001", "adjusted p = 0.012" (three decimals below 0.1 so values near 0.05 are not rounded across it). */
export function pWords(p: number, kind: 'adjusted' | '' = ''): string {
  const prefix = kind ? `${kind} p` : 'p';
  if (!(p >= 0.001)) return `${prefix} < 0.001`;
  if (p < 0.1) return `${prefix} = ${p.toFixed(3)}`;
  return `${prefix} = ${p.toFixed(2)}`;
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** "a" or "an" before a word (by its first letter; good enough for attribute names). */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** Join names as "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
