// Headline numbers of saved results for people: whole numbers with separators, shares and coefficients to at most
// four significant figures; a missing value as "n/a" (never 0).
import type { Headline } from '../../../shared/results';

export function formatHeadline(v: number | string | null): string {
  if (v === null) return 'n/a';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 4 });
}

export function headlineLine(headline: Headline[]): string {
  return headline.map((h) => `${h.label} ${formatHeadline(h.value)}`).join(' · ');
}
