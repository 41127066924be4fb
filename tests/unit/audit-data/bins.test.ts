// Numeric protected attributes and proxies as groups: the analyst's edges with readable labels, one group per
// value when there are few, and quartile groups that never split a value — the histogram implementation is
// compared with the plain sort-based definition written out below, on data with ties, skew, NaNs and big lumps.
import { describe, expect, it } from 'vitest';
import { binNumeric } from '../../../main/workspace/audit/bins';
import { createRng } from '../../../main/analysis/random';

/** The definition: sort, and give each run of equal values the group ⌊4 · (rows below + run / 2) / n⌋ (at most 3). */
function quartilesBySorting(values: Float64Array): { codes: Int32Array; lo: number[]; hi: number[] } {
  const sorted = [...values].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const n = sorted.length;
  const groupOf = new Map<number, number>();
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    groupOf.set(sorted[i], Math.min(3, Math.floor((4 * (i + (j - i) / 2)) / n)));
    i = j;
  }
  const used = [...new Set(groupOf.values())].sort((a, b) => a - b);
  const codes = Int32Array.from(values, (v) => (Number.isNaN(v) ? -1 : used.indexOf(groupOf.get(v)!)));
  const lo = used.map(() => Infinity);
  const hi = used.map(() => -Infinity);
  values.forEach((v, i) => {
    if (codes[i] < 0) return;
    lo[codes[i]] = Math.min(lo[codes[i]], v);
    hi[codes[i]] = Math.max(hi[codes[i]], v);
  });
  return { codes, lo, hi };
}

describe('binNumeric', () => {
  it('cuts at the analyst\'s edges: "under 18", "18–24", …, "65+" for whole numbers', () => {
    const ages = Float64Array.from([16, 18, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 90, Number.NaN]);
    const b = binNumeric('age', ages, { edges: [18, 25, 35, 45, 55, 65], integer: true });
    expect(b.levels).toEqual(['under 18', '18–24', '25–34', '35–44', '45–54', '55–64', '65+']);
    expect([...b.codes]).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, -1]);
    expect(b.note).toBe('"age" was grouped at the given edges (18, 25, 35, 45, 55, 65): under 18, 18–24, 25–34, 35–44, 45–54, 55–64, 65+.');
  });

  it('drops edge groups nobody is in, and says "to under" for reals', () => {
    const b = binNumeric('score', Float64Array.from([0.1, 0.5, 0.7, 0.99]), { edges: [0, 0.5, 1], integer: false });
    expect(b.levels).toEqual(['0 to under 0.5', '0.5 to under 1']);
    expect([...b.codes]).toEqual([0, 1, 1, 1]);
    const single = binNumeric('n', Float64Array.from([30, 31, 40]), { edges: [30, 31, 40], integer: true });
    expect(single.levels).toEqual(['30', '31–39', '40+']);
  });

  it('refuses edges that do not increase', () => {
    expect(() => binNumeric('age', Float64Array.from([20]), { edges: [18, 18, 30], integer: true })).toThrow('The bins for "age" must increase (got 18,18,30)');
  });

  it('keeps one group per value when there are at most 12 values', () => {
    const b = binNumeric('SeniorCitizen', Float64Array.from([0, 1, 1, Number.NaN, 0]), { integer: true });
    expect(b).toEqual({ codes: Int32Array.from([0, 1, 1, -1, 0]), levels: ['0', '1'], note: null });
    const yesNo = binNumeric('senior', Float64Array.from([1, 0]), { integer: true, label: (v) => (v === 1 ? 'Yes' : 'No') });
    expect(yesNo.levels).toEqual(['No', 'Yes']);
  });

  it('cuts 1…20 into quartiles of five values, labelled by the values they hold', () => {
    const b = binNumeric('tenure', Float64Array.from({ length: 20 }, (_, i) => i + 1), { integer: true });
    expect(b.levels).toEqual(['1–5', '6–10', '11–15', '16–20']);
    expect(b.note).toContain('cut at its quartiles into 4 groups (1–5, 6–10, 11–15, 16–20)');
  });

  it('a value that holds most rows stays whole: fewer than four groups', () => {
    // 70 zeros and 1…30: the zeros' midpoint rank 35/100 puts them all in group 1; 1…30 fill groups 2 and 3.
    const values = Float64Array.from([...Array.from({ length: 70 }, () => 0), ...Array.from({ length: 30 }, (_, i) => i + 1)]);
    const b = binNumeric('visits', values, { integer: true });
    const ref = quartilesBySorting(values);
    expect([...b.codes]).toEqual([...ref.codes]);
    expect(b.levels).toEqual(['0', '1–5', '6–30']);
  });

  it('agrees with the sort-based definition on uniform, integer, skewed and lumpy data with missing values', () => {
    const rng = createRng(11);
    const shapes: Record<string, () => number> = {
      uniform: () => 18000 + 50000 * rng.next(),
      integers: () => Math.floor(rng.next() * 150),
      skewed: () => Math.round(-Math.log(1 - rng.next()) * 1000) / 100,
      lumpy: () => (rng.next() < 0.3 ? 42 : rng.next() < 0.5 ? 7 : Math.floor(rng.next() * 1000)),
      tiny: () => 1 + rng.next() * 1e-9,
    };
    for (const [name, draw] of Object.entries(shapes)) {
      const values = Float64Array.from({ length: 20_000 }, (_, i) => (i % 97 === 0 ? Number.NaN : draw()));
      const b = binNumeric(name, values, { integer: name === 'integers' });
      const ref = quartilesBySorting(values);
      expect([...b.codes], name).toEqual([...ref.codes]);
      expect(b.levels, name).toHaveLength(ref.lo.length);
      if (name === 'integers') expect(b.levels).toEqual(ref.lo.map((l, k) => `${l}–${ref.hi[k]}`));
      // Neighbouring labels never print alike, however close the values.
      expect(new Set(b.levels.flatMap((l) => l.split('–'))).size).toBe(b.levels.flatMap((l) => l.split('–')).length);
    }
  });
});
