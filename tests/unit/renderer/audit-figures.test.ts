// The fairness audit charts' data shaping: the disparity chart's rows (header, reference at 1, groups, undefined
// ratios set aside, unique labels), the log ratio axis, the proxy heatmap matrix, and calibration lines and axes.
import { describe, expect, it } from 'vitest';
import type { AuditResult, CalibrationBin } from '../../../shared/audit';
import { calibrationAttributes, calibrationAxes, calibrationSeries, disparityRows, proxyMatrix, ratioAxis } from '../../../renderer/charts/audit-figures';
import { labelledAudit, rate } from './audit-fixture';

describe('disparity rows', () => {
  const r = labelledAudit();
  it('one attribute: the reference first, then each group with its ratio; an undefined ratio is set aside', () => {
    const { rows, undefinedRatio } = disparityRows(r, 'selectionRate', ['gender']);
    expect(rows.map((x) => [x.kind, x.label])).toEqual([
      ['reference', 'Female'],
      ['group', 'Male'],
      // Non-binary's selection rate is 0 of 2: a ratio of 0 is defined (drawn at the axis edge), so it stays.
      ['group', 'Non-binary'],
    ]);
    expect(undefinedRatio).toEqual([]);
    const fpr = disparityRows(r, 'fpr', ['gender']);
    expect(fpr.rows.map((x) => x.label)).toEqual(['Female', 'Male']);
    expect(fpr.undefinedRatio.map((d) => d.group)).toEqual(['Non-binary']);
    const male = rows[1];
    expect(male.kind === 'group' && [male.rate, male.referenceRate, male.n, male.disparity.ratio]).toEqual([0.625, 0.3, 8, 0.625 / 0.3]);
  });

  it('several attributes: a header per attribute, and repeated group names made unique', () => {
    const two: AuditResult = labelledAudit();
    // A second attribute whose groups reuse the names "Female"/"Male" (e.g. the account holder's gender).
    const extra = two.groups.slice(0, 2).map((g) => ({ ...g, attribute: 'holder' }));
    two.groups.push(...extra);
    two.disparities.push({ ...two.disparities[0], attribute: 'holder', flag: true });
    const { rows } = disparityRows(two, 'selectionRate', ['gender', 'holder']);
    expect(rows.map((x) => x.kind)).toEqual(['header', 'reference', 'group', 'group', 'header', 'reference', 'group']);
    const labels = rows.map((x) => x.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.map((l) => l.replace(/\u200b/g, ''))).toEqual(['gender', 'Female', 'Male', 'Non-binary', 'holder', 'Female', 'Male']);
    expect(labels[5]).not.toBe('Female');
  });
});

describe('ratio axis', () => {
  it('always shows 0.5–2 so the 0.8–1.25 band and 1 are in view', () => {
    const a = ratioAxis([0.95, 1.1]);
    expect(a.range[0]).toBeCloseTo(Math.log10(0.5), 12);
    expect(a.range[1]).toBeCloseTo(Math.log10(2), 12);
    expect(a.tickvals).toEqual([0.5, 0.8, 1, 1.25, 2]);
    expect(a.ticktext).toEqual(['0.5×', '0.8×', '1×', '1.25×', '2×']);
  });
  it('widens around far ratios (with a quarter of margin) and thins the ticks on a wide axis', () => {
    const a = ratioAxis([0.05, 4]);
    expect(a.range[0]).toBeCloseTo(Math.log10(0.04), 12);
    expect(a.range[1]).toBeCloseTo(Math.log10(5), 12);
    expect(a.tickvals).toEqual([0.1, 0.5, 0.8, 1, 1.25, 2]);
    // A ratio of 0 has no place on a log axis: it is drawn just inside the left edge.
    expect(ratioAxis([0, 1.5]).floor).toBeCloseTo(0.52, 12);
  });
});

describe('proxy matrix', () => {
  it('features by strongest association, attributes in spec order, flagged cells located', () => {
    const r = labelledAudit();
    r.proxies.push({ feature: 'plan', attribute: 'age_band', cramersV: 0.35, mutualInformation: 0.1, normalizedMi: 0.05, flag: true, explanation: 'x' });
    const m = proxyMatrix(r.proxies, ['age_band', 'gender']);
    expect(m.attributes).toEqual(['age_band', 'gender']);
    expect(m.features).toEqual(['segmentation: S', 'plan']);
    expect(m.z).toEqual([
      [null, 0.61],
      [0.35, 0.12],
    ]);
    expect(m.flagged).toEqual([
      { row: 0, column: 1 },
      { row: 1, column: 0 },
    ]);
  });
});

describe('calibration', () => {
  const bin = (group: string, decile: number, meanScore: number, k: number, n: number, attribute = 'senior'): CalibrationBin => ({
    attribute,
    group,
    decile,
    lower: meanScore - 0.05,
    upper: meanScore + 0.05,
    n,
    meanScore,
    observed: rate(k, n),
  });
  const bins = [bin('Yes', 2, 0.2, 1, 10), bin('Yes', 1, 0.1, 0, 10), bin('No', 1, 0.1, 1, 10), bin('No', 3, 0.3, 0, 0), bin('x', 1, 0.5, 1, 2, 'gender')];

  it('one line per group in decile order, empty deciles left out', () => {
    expect(calibrationAttributes(bins)).toEqual(['senior', 'gender']);
    const s = calibrationSeries(bins, 'senior');
    expect(s.map((x) => [x.group, x.bins.map((b) => b.decile)])).toEqual([
      ['Yes', [1, 2]],
      ['No', [1]],
    ]);
  });

  it('a probability score shares one square range with the observed rate; another score gets its own x range', () => {
    const p = calibrationAxes(bins.filter((b) => b.attribute === 'senior' && b.n > 0));
    expect(p.probability).toBe(true);
    expect(p.x).toEqual(p.y);
    expect(p.x[0]).toBe(0);
    const credit = calibrationAxes([bin('a', 1, 500, 3, 10), bin('a', 2, 700, 1, 10)]);
    expect(credit.probability).toBe(false);
    expect(credit.x[0]).toBeCloseTo(500 - 8, 9);
    expect(credit.x[1]).toBeCloseTo(700 + 8, 9);
    expect(credit.y[0]).toBeGreaterThanOrEqual(0);
    expect(credit.y[1]).toBeLessThanOrEqual(1);
  });
});
