// Grouping rows (numeric values, quintile cut, coded text with missing), tallies, and calendar periods (ISO
// weeks checked day by day against an independent Date-based ISO week).
import { describe, expect, it } from 'vitest';
import { groupCoded, groupNumeric, tallyByGroup } from '../../../main/analysis/nps/grouping';
import { NO_PERIOD, periodIndex, periodLabel, periodsOf } from '../../../main/analysis/nps/periods';

describe('groupNumeric', () => {
  it('one group per value up to 12 values, ascending, missing last', () => {
    const g = groupNumeric(Float64Array.from([3, 1, NaN, 3, 2]), 'x');
    expect(g.labels).toEqual(['1', '2', '3', '(missing)']);
    expect(Array.from(g.codes)).toEqual([2, 0, 3, 2, 1]);
    expect(g.order).toBe('natural');
    expect(g.notes).toEqual([]);
  });

  it('cuts 1…20 into quintiles 1–4, 5–8, 9–12, 13–16, 17–20', () => {
    // value v goes to ⌊5·(v − 1 + ½)/20⌋ = ⌊(v − ½)/4⌋.
    const g = groupNumeric(Float64Array.from({ length: 20 }, (_, i) => i + 1), 'age');
    expect(g.labels).toEqual(['1–4', '5–8', '9–12', '13–16', '17–20']);
    expect(Array.from(g.codes)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4]);
    expect(g.notes[0]).toContain('20 distinct values');
  });

  it('never splits a value: 50 zeros and 1…15 twice each give 0 | 1–7 | 8–15', () => {
    // 0: ⌊5·25/80⌋ = 1; k ≥ 1: ⌊5·(51 + 2(k − 1))/80⌋ = 3 for k ≤ 7, 4 for k ≥ 8 → renumbered 0, 1, 2.
    const values = [...Array(50).fill(0), ...Array.from({ length: 30 }, (_, i) => 1 + (i % 15))];
    const g = groupNumeric(Float64Array.from(values), 'days');
    expect(g.labels).toEqual(['0', '1–7', '8–15']);
    const codes = Array.from(g.codes);
    expect(codes.slice(0, 50).every((c) => c === 0)).toBe(true);
    expect(codes[50 + 6]).toBe(1); // value 7
    expect(codes[50 + 7]).toBe(2); // value 8
  });

  it('labels booleans with their labels', () => {
    const g = groupNumeric(Float64Array.from([1, 0, 1]), 'employee', (v) => (v === 1 ? 'Yes' : 'No'));
    expect(g.labels).toEqual(['No', 'Yes']);
  });
});

describe('groupCoded and tallyByGroup', () => {
  it('adds "(missing)" only when a code is missing', () => {
    expect(groupCoded(Int32Array.from([0, 1]), ['a', 'b']).labels).toEqual(['a', 'b']);
    const g = groupCoded(Int32Array.from([1, -1, 0]), ['a', 'b']);
    expect(g.labels).toEqual(['a', 'b', '(missing)']);
    expect(Array.from(g.codes)).toEqual([1, 2, 0]);
  });

  it('tallies scores per group and skips missing scores', () => {
    const t = tallyByGroup(Int8Array.from([10, -1, 3, 10, 7]), Int32Array.from([0, 0, 1, 1, 1]), 2);
    expect(Array.from(t.subarray(0, 11))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(t.subarray(11, 22))).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
  });
});

/** ISO 8601 week label of a UTC day, computed with Date (Thursday of the same week decides the year). */
function isoWeekIndependent(ms: number): string {
  const d = new Date(ms);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(ms + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

describe('periods', () => {
  it('labels months, quarters and years', () => {
    const ms = Date.UTC(2025, 2, 15, 23, 59);
    expect(periodLabel(periodIndex(ms, 'month'), 'month')).toBe('2025-03');
    expect(periodLabel(periodIndex(ms, 'quarter'), 'quarter')).toBe('2025-Q1');
    expect(periodLabel(periodIndex(ms, 'year'), 'year')).toBe('2025');
    expect(periodLabel(periodIndex(Date.UTC(1969, 11, 31), 'month'), 'month')).toBe('1969-12');
    expect(periodIndex(Date.UTC(2025, 0, 1), 'month') - periodIndex(Date.UTC(2024, 11, 31), 'month')).toBe(1);
  });

  it('ISO weeks at the year edges', () => {
    expect(periodLabel(periodIndex(Date.UTC(2024, 11, 30), 'week'), 'week')).toBe('2025-W01');
    expect(periodLabel(periodIndex(Date.UTC(2021, 0, 3), 'week'), 'week')).toBe('2020-W53');
    expect(periodLabel(periodIndex(Date.UTC(2021, 0, 4), 'week'), 'week')).toBe('2021-W01');
  });

  it('ISO weeks agree with an independent computation on every day 1990–2035', () => {
    for (let ms = Date.UTC(1990, 0, 1); ms < Date.UTC(2036, 0, 1); ms += 86_400_000) {
      const label = periodLabel(periodIndex(ms + 43_200_000, 'week'), 'week');
      if (label !== isoWeekIndependent(ms)) throw new Error(`${new Date(ms).toISOString()}: ${label} vs ${isoWeekIndependent(ms)}`);
    }
  });

  it('missing times have no period', () => {
    expect(Array.from(periodsOf(Float64Array.from([NaN]), 'month'))).toEqual([NO_PERIOD]);
  });
});
