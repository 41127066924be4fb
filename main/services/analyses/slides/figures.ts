// Small constructors for slide figures, so every builder states bases the same way:
// - a count of people is its own base (a segment of 7 people is a figure "computed from 7 people");
// - a share, rate, mean or NPS carries the number of people it was computed from;
// - shares are fractions 0–1 (format 'share'), NPS is −100…100 (format 'nps').
import type { Figure } from '../../../../shared/decks';

const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

export function count(n: number | null | undefined): Figure {
  const v = finite(n);
  return v === null ? { value: null, format: 'count' } : { value: v, format: 'count', base: v };
}

export function share(x: number | null | undefined, base: number, ci?: [number, number] | null): Figure {
  return { value: finite(x), format: 'share', base, ...(ci ? { ci } : {}) };
}

export function npsFigure(x: number | null | undefined, base: number, ci?: [number, number] | null): Figure {
  return { value: finite(x), format: 'nps', base, digits: 1, ...(ci ? { ci } : {}) };
}

export function mean(x: number | null | undefined, base: number, digits = 2, ci?: [number, number] | null): Figure {
  return { value: finite(x), format: 'mean', base, digits, ...(ci ? { ci } : {}) };
}

/** A whole-population figure (a model's R², a silhouette): no base of its own, judged by the slide's source base. */
export function decimal(x: number | null | undefined, digits = 3): Figure {
  return { value: finite(x), format: 'decimal', digits };
}

export function ratio(x: number | null | undefined, base?: number): Figure {
  return { value: finite(x), format: 'ratio', digits: 2, ...(base !== undefined ? { base } : {}) };
}

export function pValue(x: number | null | undefined, base?: number): Figure {
  return { value: finite(x), format: 'pValue', ...(base !== undefined ? { base } : {}) };
}

export const num = (x: number) => x.toLocaleString('en-US');
export const plural = (n: number, word: string, many = `${word}s`) => `${num(n)} ${n === 1 ? word : many}`;
/** "+23.4" / "-5.0": an NPS as people read it in a headline (hyphen-minus, as shared/slides/format.ts writes it). */
export const signed = (x: number | null, digits = 1) => (x === null || !Number.isFinite(x) ? 'n/a' : `${x > 0 && Number(x.toFixed(digits)) !== 0 ? '+' : x < 0 && Number(x.toFixed(digits)) !== 0 ? '-' : ''}${Math.abs(x).toFixed(digits)}`);
export const percent = (x: number | null, digits = 1) => (x === null || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(digits)}%`);
