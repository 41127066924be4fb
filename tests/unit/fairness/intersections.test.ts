// Intersections built from codes: names, order, missing parts, every combination of 2+ attributes; cancellation.
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import { combinationsOf, intersect } from '../../../main/analysis/fairness/columns';
import { inputOf, type Row } from './helpers';

describe('combinations of attributes', () => {
  it('pairs first, then triples, in attribute order', () => {
    expect(combinationsOf(2)).toEqual([[0, 1]]);
    expect(combinationsOf(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [0, 1, 2],
    ]);
    expect(combinationsOf(1)).toEqual([]);
  });
});

describe('intersect', () => {
  const gender = { name: 'gender', levels: ['F', 'M'], codes: Int32Array.from([0, 1, -1, 0, 1]) };
  const band = { name: 'band', levels: ['young', 'old', '(missing)'], codes: Int32Array.from([0, 1, 0, -1, 2]) };

  it('names "a × b", levels in attribute order, a missing part becomes "(missing)" (the attribute\'s own level when it has one)', () => {
    const c = intersect([gender, band], 5);
    expect(c.name).toBe('gender × band');
    // gender gets an extra "(missing)" level; band already has one, which its −1 codes join.
    expect(c.levels).toEqual(['F × young', 'F × old', 'F × (missing)', 'M × young', 'M × old', 'M × (missing)', '(missing) × young', '(missing) × old', '(missing) × (missing)']);
    expect(Array.from(c.codes).map((k) => c.levels[k])).toEqual(['F × young', 'M × old', '(missing) × young', 'F × (missing)', 'M × (missing)']);
  });
});

describe('audit with three attributes and intersections', () => {
  // 8 rows: gender (F/M), band (young/old), region (N/S); one row has no gender.
  const rows: Row[] = [
    { codes: [0, 0, 0], pred: 1, label: 1 },
    { codes: [0, 0, 1], pred: 0, label: 1 },
    { codes: [0, 1, 0], pred: 1, label: 0 },
    { codes: [1, 0, 0], pred: 0, label: 0 },
    { codes: [1, 1, 1], pred: 1, label: 1 },
    { codes: [1, 1, 1], pred: 0, label: 0 },
    { codes: [1, 1, 0], pred: 1, label: 1 },
    { codes: [-1, 0, 0], pred: 1, label: 1 },
  ];
  const attrs = [
    { name: 'gender', levels: ['F', 'M'] },
    { name: 'band', levels: ['young', 'old'] },
    { name: 'region', levels: ['N', 'S'] },
  ];
  const r = auditDecision(inputOf(rows, attrs), { dataset: 'd', protected: ['gender', 'band', 'region'], intersect: true, minGroupSize: 1 });

  it('audits every attribute and every combination, empty cells left out', () => {
    const attributes = [...new Set(r.groups.map((g) => g.attribute))];
    expect(attributes).toEqual(['gender', 'band', 'region', 'gender × band', 'gender × region', 'band × region', 'gender × band × region']);
    // gender: the row without a gender belongs to no gender group, but is "(missing)" in the intersections.
    expect(r.groups.filter((g) => g.attribute === 'gender').map((g) => [g.group, g.n])).toEqual([
      ['F', 3],
      ['M', 4],
    ]);
    expect(r.groups.filter((g) => g.attribute === 'gender × band').map((g) => [g.group, g.n])).toEqual([
      ['F × young', 2],
      ['F × old', 1],
      ['M × young', 1],
      ['M × old', 3],
      ['(missing) × young', 1],
    ]);
    const triple = r.groups.filter((g) => g.attribute === 'gender × band × region');
    expect(triple.map((g) => `${g.group}:${g.n}`)).toEqual(['F × young × N:1', 'F × young × S:1', 'F × old × N:1', 'M × young × N:1', 'M × old × N:1', 'M × old × S:2', '(missing) × young × N:1']);
    expect(triple.find((g) => g.isReference)!.group).toBe('M × old × S');
    expect(r.groups.filter((g) => g.attribute === 'gender × band × region').reduce((t, g) => t + g.n, 0)).toBe(8);
  });

  it('proxies are checked against the attributes only; the summary covers the intersections too', () => {
    expect(r.summary.byAttribute.map((s) => s.attribute)).toHaveLength(7);
    // gender × band selection rates: F×young 1/2, F×old 1/1, M×young 0/1, M×old 2/3, (missing)×young 1/1.
    const s = r.summary.byAttribute.find((x) => x.attribute === 'gender × band')!;
    expect(s.demographicParityDifference).toBe(1);
    expect(s.demographicParityRatio).toBe(0);
  });
});

describe('cancellation', () => {
  it('stops with CANCELLED between columns', () => {
    const rows: Row[] = [
      { codes: [0], pred: 1, label: 1 },
      { codes: [1], pred: 0, label: 0 },
    ];
    let calls = 0;
    expect(() => auditDecision(inputOf(rows, [{ name: 'g', levels: ['a', 'b'] }]), { dataset: 'd', protected: ['g'] }, () => ++calls > 0)).toThrow(
      expect.objectContaining({ code: 'CANCELLED' }),
    );
  });
});
