// The profile card's short forms: means to three significant figures, date ranges as days that fit a card.
import { describe, expect, it } from 'vitest';
import { formatDateBounds, formatSummary, listableValues } from '../../../renderer/views/data/profile/cardFormat';

describe('profile card: summary numbers', () => {
  it('keeps three significant figures and at most two decimals', () => {
    expect(formatSummary(44.629)).toBe('44.6');
    expect(formatSummary(3.8721)).toBe('3.87');
    expect(formatSummary(52247.31)).toBe('52,247');
    expect(formatSummary(112.9)).toBe('113');
    expect(formatSummary(0.2134)).toBe('0.21');
    expect(formatSummary(0.00234)).toBe('0.0023');
    expect(formatSummary(-12.345)).toBe('-12.3');
    expect(formatSummary(7)).toBe('7');
    expect(formatSummary(-0.04)).toBe('-0.04');
  });

  it('shows a dash for no value', () => {
    expect(formatSummary(null)).toBe('—');
    expect(formatSummary(Number.NaN)).toBe('—');
  });
});

describe('profile card: date bounds', () => {
  it('writes date-times as days, read as stored (no time-zone shift)', () => {
    expect(formatDateBounds('2025-01-01T23:30:00.000Z', '2025-12-10T08:05:00.000Z')).toEqual({ min: '1 Jan 2025', max: '10 Dec 2025' });
    expect(formatDateBounds('2024-02-29', '2024-03-01')).toEqual({ min: '29 Feb 2024', max: '1 Mar 2024' });
  });

  it('adds the time of day when both ends fall on the same day', () => {
    expect(formatDateBounds('2025-06-01T09:12:33.000Z', '2025-06-01T17:45:00.000Z')).toEqual({ min: '1 Jun 2025 09:12', max: '1 Jun 2025 17:45' });
    expect(formatDateBounds('2025-06-01', '2025-06-01')).toEqual({ min: '1 Jun 2025', max: '1 Jun 2025' });
  });

  it('shows what is stored when it is not an ISO date, and a dash when missing', () => {
    expect(formatDateBounds('soon', null)).toEqual({ min: 'soon', max: '—' });
  });
});

describe('profile card: listed values', () => {
  const values = [
    { value: 'London', count: 120 },
    { value: 'Leeds', count: 10 },
    { value: 'EC1A 1BB', count: 9 },
    { value: 'Hull', count: 1 },
  ];
  it('lists no text value seen on fewer than 10 rows', () => {
    expect(listableValues(values, 'text').map((v) => v.value)).toEqual(['London', 'Leeds']);
  });
  it('lists flags and date periods whole', () => {
    expect(listableValues([{ value: 'Yes', count: 3 }], 'boolean')).toHaveLength(1);
    expect(listableValues([{ value: '2013', count: 2 }], 'date')).toHaveLength(1);
  });
});
