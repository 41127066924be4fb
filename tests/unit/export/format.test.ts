// formatFigure (shared/slides/format.ts): the one text of a slide number on every face. Every expected string is
// written by hand from the conventions in the module header (thousands separators, share as %, signed NPS with one
// decimal, 2-decimal means, "< 0.001" p-values, "(lo–hi)" intervals, suppression wording, "≈" for rounded counts).
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../../shared/decks';
import { formatFigure, formatValue, groupThousands, isDrawable } from '../../../shared/slides/format';

const fig = (value: number | null, format: Figure['format'], extra: Partial<Figure> = {}): Figure => ({ value, format, ...extra });

describe('formatFigure', () => {
  it('writes counts with thousands separators, rounding to whole numbers', () => {
    expect(formatFigure(fig(1234567, 'count'))).toBe('1,234,567');
    expect(formatFigure(fig(999, 'count'))).toBe('999');
    expect(formatFigure(fig(1000, 'count'))).toBe('1,000');
    expect(formatFigure(fig(0, 'count'))).toBe('0');
    expect(formatFigure(fig(12.6, 'count'))).toBe('13');
  });
  it('writes shares (proportions 0–1) as percentages, 1 decimal unless told', () => {
    expect(formatFigure(fig(0.4231, 'share'))).toBe('42.3%');
    expect(formatFigure(fig(0.5, 'share', { digits: 0 }))).toBe('50%');
    expect(formatFigure(fig(1, 'share'))).toBe('100.0%');
    expect(formatFigure(fig(0.4231, 'share', { ci: [0.381, 0.465] }))).toBe('42.3% (38.1–46.5%)');
  });
  it('signs NPS with one decimal, never a sign on zero', () => {
    expect(formatFigure(fig(12.34, 'nps'))).toBe('+12.3');
    expect(formatFigure(fig(-4, 'nps'))).toBe('-4.0');
    expect(formatFigure(fig(0, 'nps'))).toBe('0.0');
    expect(formatFigure(fig(0.04, 'nps'))).toBe('0.0');
    expect(formatFigure(fig(-0.04, 'nps'))).toBe('0.0');
    expect(formatFigure(fig(100, 'nps'))).toBe('+100.0');
  });
  it('writes an interval with a dash, or "to" when a bound is negative', () => {
    expect(formatFigure(fig(12.3, 'nps', { ci: [8.1, 16] }))).toBe('+12.3 (8.1–16.0)');
    expect(formatFigure(fig(2, 'nps', { ci: [-4, 8.14] }))).toBe('+2.0 (-4.0 to 8.1)');
    expect(formatFigure(fig(3.456, 'mean', { ci: [3.1, 3.8] }))).toBe('3.46 (3.10–3.80)');
  });
  it('writes means, decimals and ratios with 2 decimals and p-values with 3 or "< 0.001"', () => {
    expect(formatFigure(fig(3.14159, 'mean'))).toBe('3.14');
    expect(formatFigure(fig(12345.678, 'mean'))).toBe('12,345.68');
    expect(formatFigure(fig(0.7777, 'ratio'))).toBe('0.78');
    expect(formatFigure(fig(0.12345, 'decimal', { digits: 4 }))).toBe('0.1235');
    expect(formatFigure(fig(0.0423, 'pValue'))).toBe('0.042');
    expect(formatFigure(fig(0.001, 'pValue'))).toBe('0.001');
    expect(formatFigure(fig(0.00099, 'pValue'))).toBe('< 0.001');
    expect(formatFigure(fig(0, 'pValue'))).toBe('< 0.001');
  });
  it('never shows a withheld number: primary names the threshold, secondary says suppressed', () => {
    // The value is kept here on purpose: even if a caller forgot to blank it, the text must not carry it.
    expect(formatFigure(fig(7, 'count', { suppressed: 'primary' }))).toBe('fewer than 10');
    expect(formatFigure(fig(7, 'count', { suppressed: 'primary' }), 5)).toBe('fewer than 5');
    expect(formatFigure(fig(31.2, 'nps', { suppressed: 'primary', ci: [1, 60] }), 10)).toBe('fewer than 10 people');
    expect(formatFigure(fig(0.4, 'share', { suppressed: 'primary' }), 20)).toBe('fewer than 20 people');
    expect(formatFigure(fig(42, 'count', { suppressed: 'secondary' }))).toBe('suppressed');
    expect(formatFigure(fig(null, 'mean', { suppressed: 'secondary' }))).toBe('suppressed');
  });
  it('marks rounded counts and writes a missing value as n/a', () => {
    expect(formatFigure(fig(1235, 'count', { roundedTo: 5 }))).toBe('≈ 1,235');
    expect(formatFigure(fig(null, 'count'))).toBe('n/a');
    expect(formatFigure(fig(Number.NaN, 'mean'))).toBe('n/a');
  });
});

describe('helpers', () => {
  it('groupThousands drops the sign of a value that rounds to zero', () => {
    expect(groupThousands(-0.001, 2)).toBe('0.00');
    expect(groupThousands(-1234.5, 1)).toBe('-1,234.5');
  });
  it('formatValue writes axis ticks without interval', () => {
    expect(formatValue(0.25, 'share', 0)).toBe('25%');
    expect(formatValue(-20, 'nps', 0)).toBe('-20');
  });
  it('isDrawable is false for withheld and missing figures', () => {
    expect(isDrawable(fig(3, 'count'))).toBe(true);
    expect(isDrawable(fig(3, 'count', { suppressed: 'primary' }))).toBe(false);
    expect(isDrawable(fig(null, 'count'))).toBe(false);
  });
});
