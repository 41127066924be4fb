// Proxy audit (Cramér's V, mutual information, the explanation) and the representation check, on hand-made tables
// checked against scipy / scikit-learn, and on the synthetic fixture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import type { CodedColumn } from '../../../main/analysis/fairness/types';
import { inputOf, type Row } from './helpers';

/** Rows with the given (segment, age band) counts; decisions are irrelevant here. */
function table(cells: [number, number, number][]): { rows: Row[]; segment: Int32Array } {
  const rows: Row[] = [];
  const seg: number[] = [];
  for (const [s, a, n] of cells) {
    for (let i = 0; i < n; i++) {
      rows.push({ codes: [a], label: 0, pred: (i % 2) as 0 | 1 });
      seg.push(s);
    }
  }
  return { rows, segment: Int32Array.from(seg) };
}

describe('proxies: a segmentation that sorts people by age', () => {
  // 1,000 customers, 160 over-60s (16%). Segment 3 has 100 people, 81 of them over-60s.
  //              under 60   over-60s
  //   segment 1     460        40
  //   segment 2     361        39
  //   segment 3      19        81
  const { rows, segment } = table([
    [0, 0, 460],
    [0, 1, 40],
    [1, 0, 361],
    [1, 1, 39],
    [2, 0, 19],
    [2, 1, 81],
  ]);
  const proxy: CodedColumn = { name: 'segmentation: value tiers', levels: ['segment 1', 'segment 2', 'segment 3'], codes: segment };
  const r = auditDecision(inputOf(rows, [{ name: 'age', levels: ['under 60', 'over-60s'] }], { proxies: [proxy] }), { dataset: 'd', protected: ['age'] });
  const p = r.proxies[0];

  it("Cramér's V and mutual information match scipy and scikit-learn", () => {
    // scipy.stats.contingency.association(table, method='cramer', correction=False) = 0.5914350234005101
    // sklearn mutual_info_score / ln 2 = 0.17866468888304643 bits; / H(age) = 0.2816679767409265.
    expect(p.cramersV).toBeCloseTo(0.5914350234005101, 12);
    expect(p.mutualInformation).toBeCloseTo(0.17866468888304643, 12);
    expect(p.normalizedMi).toBeCloseTo(0.2816679767409265, 12);
    // And by hand: with two columns V = √(χ²/N); χ² over the six cells with expected row·col/N.
    const obs = [460, 40, 361, 39, 19, 81];
    const rowT = [500, 500, 400, 400, 100, 100];
    const colT = [840, 160, 840, 160, 840, 160];
    const chi = obs.reduce((t, o, i) => t + (o - (rowT[i] * colT[i]) / 1000) ** 2 / ((rowT[i] * colT[i]) / 1000), 0);
    expect(p.cramersV).toBeCloseTo(Math.sqrt(chi / 1000), 12);
  });

  it('is flagged above 0.3 and explained by its most associated segment', () => {
    expect(p).toMatchObject({ feature: 'segmentation: value tiers', attribute: 'age', flag: true });
    expect(p.explanation).toBe("segment 3 is 81% over-60s (vs 16% overall): treating it differently treats an age group differently (Cramér's V 0.59).");
    expect(r.executiveSummary).toContain('1 feature acts as a proxy for a protected attribute (e.g. segmentation: value tiers for age)');
  });

  it('an unrelated feature is not flagged; a column level is named with its column', () => {
    const { rows: rows2, segment: s2 } = table([
      [0, 0, 50],
      [0, 1, 50],
      [1, 0, 48],
      [1, 1, 52],
    ]);
    const rr = auditDecision(
      inputOf(rows2, [{ name: 'age', levels: ['under 60', 'over-60s'] }], { proxies: [{ name: 'plan', levels: ['Basic', 'Plus'], codes: s2 }] }),
      { dataset: 'd', protected: ['age'], proxyThreshold: 0.01 },
    );
    // Expected cells 49/51 (rows 100/100, columns 98/102): χ² = 2/49 + 2/51 → V = √(χ²/200) ≈ 0.020 > 0.01: flagged
    // at this low threshold, and explained with the column's name.
    expect(rr.proxies[0].cramersV).toBeCloseTo(Math.sqrt((2 / 49 + 2 / 51) / 200), 12);
    // Both levels contribute equally to χ², so the first is named; in it "under 60" is over-represented (50% vs 49%).
    expect(rr.proxies[0].explanation).toBe('plan "Basic" is 50% under 60 (vs 49% overall): treating it differently treats an age group differently (Cramér\'s V 0.02).');
    const rr2 = auditDecision(
      inputOf(rows2, [{ name: 'age', levels: ['under 60', 'over-60s'] }], { proxies: [{ name: 'plan', levels: ['Basic', 'Plus'], codes: s2 }] }),
      { dataset: 'd', protected: ['age'] },
    );
    expect(rr2.proxies[0]).toMatchObject({ flag: false, explanation: "plan says little about age (Cramér's V 0.02, at most 0.3)." });
  });
});

const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/fairness/fairness-reference.json'), 'utf8')) as {
  data: { sexLevels: string[]; bandLevels: string[]; sex: number[]; band: number[]; label: number[]; pred: number[] };
  proxies: { segment: number[]; noise: number[] } & Record<'segmentVsBand' | 'noiseVsBand' | 'noiseVsSex', { cramersV: number; mutualInformation: number; normalizedMi: number }>;
  representationBand: { expected: Record<string, number>; chiSquare: number; pValue: number };
};

describe('proxies and representation on the fixture (scipy / scikit-learn references)', () => {
  const d = fixture.data;
  const rows: Row[] = d.label.map((y, i) => ({ codes: [d.sex[i], d.band[i]], label: y as 0 | 1, pred: d.pred[i] as 0 | 1 }));
  const proxies: CodedColumn[] = [
    { name: 'segment', levels: ['s0', 's1', 's2', 's3'], codes: Int32Array.from(fixture.proxies.segment) },
    { name: 'noise', levels: ['n0', 'n1', 'n2'], codes: Int32Array.from(fixture.proxies.noise) },
  ];
  const r = auditDecision(
    inputOf(
      rows,
      [
        { name: 'sex', levels: d.sexLevels },
        { name: 'band', levels: d.bandLevels },
      ],
      { proxies },
    ),
    { dataset: 'f', protected: ['sex', 'band'], intersect: true, population: { band: fixture.representationBand.expected } },
  );
  const find = (feature: string, attribute: string) => r.proxies.find((p) => p.feature === feature && p.attribute === attribute)!;

  it('every proxy against every protected attribute (not the intersections)', () => {
    expect(r.proxies.map((p) => `${p.feature}/${p.attribute}`)).toEqual(['segment/sex', 'segment/band', 'noise/sex', 'noise/band']);
    for (const [f, a, key] of [
      ['segment', 'band', 'segmentVsBand'],
      ['noise', 'band', 'noiseVsBand'],
      ['noise', 'sex', 'noiseVsSex'],
    ] as const) {
      const e = fixture.proxies[key];
      expect(find(f, a).cramersV).toBeCloseTo(e.cramersV, 12);
      expect(find(f, a).mutualInformation).toBeCloseTo(e.mutualInformation, 12);
      expect(find(f, a).normalizedMi).toBeCloseTo(e.normalizedMi, 12);
    }
    expect(find('segment', 'band').flag).toBe(true);
    expect(find('noise', 'band').flag).toBe(false);
  });

  it('representation: chi-square goodness of fit equals scipy.stats.chisquare', () => {
    const rep = r.representation![0];
    expect(rep.attribute).toBe('band');
    expect(rep.df).toBe(3);
    expect(rep.chiSquare).toBeCloseTo(fixture.representationBand.chiSquare, 10);
    expect(rep.pValue / fixture.representationBand.pValue).toBeCloseTo(1, 8);
    expect(rep.groups.map((g) => g.group)).toEqual(['18-24', '25-39', '40-59', '60+']);
    expect(rep.groups.reduce((t, g) => t + g.observed, 0)).toBe(2400);
  });
});

describe('representation by hand', () => {
  // 540 women and 460 men against an expected 50/50: χ² = (40² + 40²)/500 = 6.4, df 1;
  // scipy.stats.chisquare([540, 460], [500, 500]).pvalue = 0.01141203638600166.
  const rows: Row[] = [...Array.from({ length: 540 }, () => ({ codes: [0], pred: 1 as const })), ...Array.from({ length: 460 }, () => ({ codes: [1], pred: 0 as const }))];
  const missing: Row[] = Array.from({ length: 7 }, () => ({ codes: [2], pred: 0 as const }));
  const attr = [{ name: 'gender', levels: ['Female', 'Male', '(missing)'] }];

  it('shares, statistic, p and the sentence; unnamed groups are left out and counted', () => {
    const r = auditDecision(inputOf([...rows, ...missing], attr, { withLabel: false }), { dataset: 'd', protected: ['gender'], population: { gender: { Female: 50, Male: 50 } } });
    const rep = r.representation![0];
    expect(rep.groups).toEqual([
      { group: 'Female', observed: 540, observedShare: 0.54, expectedShare: 0.5, difference: 0.54 - 0.5 },
      { group: 'Male', observed: 460, observedShare: 0.46, expectedShare: 0.5, difference: 0.46 - 0.5 },
    ]);
    expect(rep.chiSquare).toBeCloseTo(6.4, 12);
    expect(rep.pValue).toBeCloseTo(0.01141203638600166, 12);
    expect(rep.sentence).toBe(
      'gender: "Female" is 54% of the data vs 50% expected; the shares in the data differ from the reference population (χ² = 6.4, df = 1, p = 0.011). 7 rows in groups without an expected share were left out.',
    );
  });

  it('bad shares and unknown attributes are refused with a clear message', () => {
    expect(() => auditDecision(inputOf(rows, attr, { withLabel: false }), { dataset: 'd', protected: ['gender'], population: { gender: { Female: -1, Male: 1 } } })).toThrow(
      'The expected share of "Female" in gender must be a positive number',
    );
    expect(() => auditDecision(inputOf(rows, attr, { withLabel: false }), { dataset: 'd', protected: ['gender'], population: { age: { a: 0.5, b: 0.5 } } })).toThrow(
      'Expected shares were given for age, which is not a protected attribute of this audit (gender).',
    );
  });
});
