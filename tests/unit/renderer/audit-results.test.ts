// The Audit view's result helpers and CSV export, on the hand-built audit of tests/unit/renderer/audit-fixture.ts:
// rates as percentages with counts and Wilson intervals (undefined never shown as 0), the key metric for the
// decision's direction, verdict order, number formats, and the CSV (its rows, undefined rates, formula injection).
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { AUDIT_CSV_HEADER, auditCsv, auditCsvRows, auditFileName, csvCell } from '../../../renderer/views/audit/csv';
import {
  attributesOf,
  describeAudit,
  disparityMetrics,
  formatP,
  formatPp,
  formatRatio,
  groupsOf,
  hasLabel,
  intervalText,
  keyMetric,
  orderedVerdicts,
  pct,
  rateView,
} from '../../../renderer/views/audit/results';
import { labelledAudit, rate, wilson } from './audit-fixture';

describe('rates', () => {
  it('a defined rate: percentage, counts, Wilson interval and one sentence for the hover', () => {
    // Female selection: 3 of 10. Wilson 95% by hand: centre (0.3 + z²/20) / (1 + z²/10) = 0.3555, half-width 0.2477.
    const [lo, hi] = wilson(3, 10);
    expect(lo).toBeCloseTo(0.1078, 4);
    expect(hi).toBeCloseTo(0.6032, 4);
    const v = rateView(rate(3, 10), 'Selection rate');
    expect(v).toEqual({
      defined: true,
      value: '30.0%',
      interval: '95% CI 10.8–60.3%',
      counts: '3 / 10',
      title: 'Selection rate 30.0% = 3 of 10; 95% Wilson interval 10.8–60.3%.',
    });
  });

  it('an undefined rate says "undefined" and why — never 0', () => {
    const v = rateView(rate(0, 0, 'no negative labels in this group'), 'False positive rate');
    expect(v.defined).toBe(false);
    expect(v.value).toBe('undefined');
    expect(v.counts).toBe('0 / 0');
    expect(v.title).toBe('False positive rate is undefined: no negative labels in this group.');
    expect(v.value).not.toMatch(/0%/);
  });

  it('a rate of 0 is 0.0% (defined), and percentages always have one decimal', () => {
    expect(rateView(rate(0, 2), 'TPR').value).toBe('0.0%');
    expect(pct(2 / 3)).toBe('66.7%');
    expect(pct(0.625)).toBe('62.5%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(0.22)).toBe('22.0%');
    expect(intervalText([0.06, 0.189])).toBe('6.0–18.9%');
    expect(intervalText([0.1078, 0.6032])).toBe('10.8–60.3%');
  });
});

describe('result helpers', () => {
  const r = labelledAudit();
  it('attributes and groups in the services’ order', () => {
    expect(attributesOf(r)).toEqual(['gender']);
    expect(groupsOf(r, 'gender').map((g) => g.group)).toEqual(['Female', 'Male', 'Non-binary']);
    expect(hasLabel(r)).toBe(true);
  });

  it('the fixture’s rates are the hand counts (Non-binary: FPR and PPV undefined)', () => {
    const [f, m, nb] = r.groups;
    expect([f.selectionRate.value, f.tpr!.value, f.fpr!.value, f.ppv!.value]).toEqual([0.3, 0.4, 0.2, 2 / 3]);
    expect([m.selectionRate.value, m.tpr!.value, m.fpr!.value, m.fnr!.value]).toEqual([0.625, 1, 0.25, 0]);
    expect(nb.fpr!.value).toBeNull();
    expect(nb.ppv!.value).toBeNull();
    expect(nb.tpr!.value).toBe(0);
  });

  it('metrics with something to compare, and the one that matters most for the direction', () => {
    expect(disparityMetrics(r)).toEqual(['selectionRate', 'fpr', 'fnr']);
    // Assistive with a label: false negatives (deserving people left out).
    expect(keyMetric(r)).toBe('fnr');
    // Punitive with a label: false positives (innocent people sanctioned).
    expect(keyMetric({ ...r, spec: { ...r.spec, direction: 'punitive' } })).toBe('fpr');
    // No label: the selection rate.
    const unlabelled = { ...r, groups: r.groups.map((g) => ({ ...g, confusion: null, tpr: null, fpr: null })) };
    expect(keyMetric(unlabelled)).toBe('selectionRate');
    // The preferred metric absent: the first that exists.
    expect(keyMetric({ ...r, disparities: r.disparities.filter((d) => d.metric !== 'fnr') })).toBe('selectionRate');
  });

  it('verdicts: failures first, then cautions, passes, not applicable; ties keep their order', () => {
    expect(orderedVerdicts(r.verdicts).map((v) => v.metric)).toEqual(['Equal opportunity', 'Four-fifths rule', 'Demographic parity', 'Predictive parity', 'Calibration']);
  });

  it('numbers in words', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.0042)).toBe('p = 0.004');
    expect(formatP(0.17)).toBe('p = 0.17');
    expect(formatP(null)).toBe('—');
    expect(formatRatio(2.0833)).toBe('2.08×');
    expect(formatRatio(null)).toBe('—');
    expect(formatPp(-0.0712)).toBe('−7.1 pp');
    expect(formatPp(0.325)).toBe('+32.5 pp');
    expect(formatPp(0)).toBe('0 pp');
    expect(describeAudit(r)).toBe('decision approved · assistive · label repaid · by gender · rates over fewer than 5 people not judged · missing values as their own group');
  });
});

describe('CSV export', () => {
  const r = labelledAudit();
  const parsed = Papa.parse<string[]>(auditCsv(r).trim(), { skipEmptyLines: true }).data;
  const header = parsed[0];
  const rows = parsed.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));

  it('has the documented header and one row per group × metric, disparity and summary number', () => {
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(header.join(',')).toBe('section,attribute,group,reference,metric,n,value,ci_low,ci_high,numerator,denominator,difference,ratio,test,p_value,p_adjusted,flag,note,reliable');
    // 3 groups × (share + 10 rates) + 6 disparities + 5 summary numbers.
    expect(rows).toHaveLength(3 * 11 + 6 + 5);
    expect(auditCsvRows(r)).toHaveLength(rows.length);
  });

  it('group rows carry the value as a fraction, its interval and counts', () => {
    const sel = rows.find((x) => x.section === 'group' && x.group === 'Female' && x.metric === 'selectionRate')!;
    expect(Number(sel.value)).toBe(0.3);
    expect(Number(sel.numerator)).toBe(3);
    expect(Number(sel.denominator)).toBe(10);
    expect(Number(sel.ci_low)).toBeCloseTo(0.1078, 4);
    expect(sel.n).toBe('10');
    expect(sel.note).toBe('reference group');
    const share = rows.find((x) => x.section === 'group' && x.group === 'Male' && x.metric === 'share')!;
    expect([Number(share.value), share.numerator, share.denominator]).toEqual([0.4, '8', '20']);
  });

  it('an undefined rate is blank with the reason, not 0', () => {
    const fpr = rows.find((x) => x.section === 'group' && x.group === 'Non-binary' && x.metric === 'fpr')!;
    expect(fpr.value).toBe('');
    expect(fpr.ci_low).toBe('');
    expect(fpr.denominator).toBe('0');
    expect(fpr.note).toBe('undefined: no negative labels in this group');
  });

  it('disparity and summary rows', () => {
    const d = rows.find((x) => x.section === 'disparity' && x.group === 'Male' && x.metric === 'selectionRate')!;
    expect(Number(d.difference)).toBeCloseTo(0.325, 12);
    expect(Number(d.ratio)).toBeCloseTo(0.625 / 0.3, 12);
    expect([d.reference, d.test, d.p_value, d.p_adjusted, d.flag]).toEqual(['Female', 'fisher', '0.17', '0.68', 'false']);
    const nbFpr = rows.find((x) => x.section === 'disparity' && x.group === 'Non-binary' && x.metric === 'fpr')!;
    expect([nbFpr.difference, nbFpr.ratio, nbFpr.test]).toEqual(['', '', '']);
    const ff = rows.find((x) => x.section === 'summary' && x.metric === 'fourFifthsFailing')!;
    expect([ff.value, ff.note]).toEqual(['2', 'Female; Non-binary']);
  });

  it('neutralises cells that a spreadsheet would run as a formula, and quotes commas and quotes', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('18-24')).toBe('18-24');
    expect(csvCell(' =1+1')).toBe("' =1+1"); // spreadsheets skip leading spaces before a formula
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    const evil = labelledAudit();
    evil.groups[1].group = '=cmd|calc';
    evil.disparities[0].group = '=cmd|calc';
    const text = auditCsv(evil);
    expect(text).not.toMatch(/(^|,)=cmd/m);
    expect(text).toContain(",'=cmd|calc,");
  });

  it('a file name from the dataset and decision, safe on every file system', () => {
    expect(auditFileName(r)).toBe('toy – approved – fairness audit long form.csv');
    expect(auditFileName(r, 'people')).toBe('toy – approved – fairness audit groups.csv');
    expect(auditFileName({ ...r, spec: { ...r.spec, dataset: 'a/b:c', decision: undefined, score: 'risk' } })).toBe('a_b_c – risk – fairness audit long form.csv');
    // No part twice: a dataset named after the decision, or already called an audit.
    expect(auditFileName({ ...r, spec: { ...r.spec, dataset: 'approved loans' } }, 'people')).toBe('approved loans – fairness audit groups.csv');
    expect(auditFileName({ ...r, spec: { ...r.spec, dataset: 'Q3 fairness audit' } }, 'people')).toBe('Q3 fairness audit – approved – groups.csv');
  });
});
