// Verdicts and the executive summary on a planted bias, read as an assistive decision (an offer) and as a punitive
// one (a sanction). Data, 1,000 men and 1,000 women, each with 500 positive and 500 negative labels:
//   Male:   TP 400, FN 100, FP 50, TN 450 → selection 45%, FNR 20%, FPR 10%, PPV 400/450
//   Female: TP 250, FN 250, FP 50, TN 450 → selection 30%, FNR 50%, FPR 10%, PPV 250/300
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import type { Verdict } from '../../../shared/audit';
import { confusionRows, inputOf } from './helpers';

const rows = [...confusionRows([0], { tp: 400, fn: 100, fp: 50, tn: 450 }), ...confusionRows([1], { tp: 250, fn: 250, fp: 50, tn: 450 })];
const GENDER = [{ name: 'gender', levels: ['Male', 'Female'] }];
const assistive = auditDecision(inputOf(rows, GENDER), { dataset: 'd', protected: ['gender'], direction: 'assistive' });
const punitive = auditDecision({ ...inputOf(rows, GENDER), decisionNote: 'fraud_flag = "Yes" (sanction, punitive)' }, { dataset: 'd', protected: ['gender'], direction: 'punitive' });
const verdict = (r: typeof assistive, prefix: string): Verdict => r.verdicts.find((v) => v.metric.startsWith(prefix))!;

describe('assistive decision (a benefit: missed benefits matter most)', () => {
  it('one verdict per criterion, false negative parity right after demographic parity', () => {
    expect(assistive.verdicts.map((v) => [v.metric, v.status])).toEqual([
      ['Demographic parity (four-fifths rule)', 'fail'],
      ['Equal opportunity (false negative parity)', 'fail'],
      ['Predictive equality (false positive parity)', 'pass'],
      ['Equalised odds', 'fail'],
      ['Predictive parity', 'pass'],
    ]);
  });

  it('demographic parity names the group, the rates, the ratio, the four-fifths rule and Fairlearn numbers', () => {
    const v = verdict(assistive, 'Demographic parity');
    expect(v.finding).toContain('gender "Female" has selection rate 30% vs 45% for "Male" (ratio 0.67, adjusted p < 0.001)');
    // Favourable = selected: 0.30 < 0.8 × 0.45 = 0.36.
    expect(v.finding).toContain('Four-fifths rule on the positive decision: gender "Female" 30% vs 45% for "Male" (below 4/5 of the most favoured group).');
    expect(v.finding).toContain('Demographic parity difference for gender: 0.150 (ratio 0.67).');
    expect(v.why).toMatch(/^The decision is a benefit/);
    expect(v.confidence).toBe('For the largest gap, very confident: a gap this large would almost never arise by chance (adjusted p < 0.001).');
  });

  it('equal opportunity is the one that matters most; predictive equality says why it matters less', () => {
    const eo = verdict(assistive, 'Equal opportunity');
    expect(eo.why).toMatch(/^This matters most here\. For a benefit, a false negative is a person who qualified but was refused/);
    expect(eo.finding).toContain('gender "Female" has FNR 50% vs 20% for "Male" (ratio 2.50, adjusted p < 0.001)');
    const pe = verdict(assistive, 'Predictive equality');
    expect(pe.why).toContain('false negative parity matters more here');
    expect(pe.finding).toBe("Every group's FPR is within 0.8–1.25 of its reference's (1 comparison).");
    expect(pe.confidence).toContain('every compared group has at least 1,000 people');
  });

  it('equalised odds reports the larger gap (TPR 0.30 vs FPR 0)', () => {
    const v = verdict(assistive, 'Equalised odds');
    expect(v.finding).toBe('Equal opportunity: fail; predictive equality: pass. Equalised odds difference: gender 0.300.');
    expect(assistive.summary.equalizedOddsDifference).toBeCloseTo(0.3, 15);
  });

  it('executive summary: 3–5 plain sentences with the failing checks and the key one', () => {
    const s = assistive.executiveSummary;
    expect(s).toContain('We audited offer = "Yes" (favourable, assistive) for 2,000 people across gender.');
    expect(s).toContain('It fails 3 of 5 fairness checks: demographic parity (four-fifths rule), equal opportunity (false negative parity) and equalised odds.');
    expect(s).toContain('For this benefit the check that matters most is qualified people missed (false negatives): it fails.');
    expect(s).toContain('The widest gap in selection rates: gender "Female" 30.0% vs 45.0% for "Male" (ratio 0.67).');
    const sentences = s.split(/(?<=\.)\s+(?=[A-Z])/);
    expect(sentences.length).toBeGreaterThanOrEqual(3);
    expect(sentences.length).toBeLessThanOrEqual(5);
  });
});

describe('punitive decision (a sanction: wrongful sanctions matter most)', () => {
  it('false positive parity comes first and is the one that matters most', () => {
    expect(punitive.verdicts.map((v) => v.metric)).toEqual([
      'Demographic parity (four-fifths rule)',
      'Predictive equality (false positive parity)',
      'Equal opportunity (false negative parity)',
      'Equalised odds',
      'Predictive parity',
    ]);
    expect(verdict(punitive, 'Predictive equality').why).toMatch(/^This matters most here\. For a sanction, a false positive is a person who did nothing/);
    expect(verdict(punitive, 'Equal opportunity').why).toContain('false positive parity matters more here');
  });

  it('the four-fifths rule is applied to NOT being sanctioned', () => {
    // Not sanctioned: Male 55%, Female 70% → Male 0.55 < 0.8 × 0.70 = 0.56 fails.
    expect(punitive.summary.byAttribute[0].fourFifthsFailing).toEqual(['Male']);
    expect(verdict(punitive, 'Demographic parity').finding).toContain('Four-fifths rule on not being sanctioned: gender "Male" 55% vs 70% for "Female" (below 4/5 of the most favoured group).');
    expect(verdict(punitive, 'Demographic parity').why).toMatch(/^The decision is a sanction/);
  });

  it('the executive summary points at false positives and says the key check passes', () => {
    expect(punitive.executiveSummary).toContain('For this sanction the check that matters most is innocent people sanctioned (false positives): it passes.');
  });
});

describe('without a label, and with small groups', () => {
  it('label-based criteria are not applicable and say what is missing', () => {
    const r = auditDecision(inputOf(rows, GENDER, { withLabel: false }), { dataset: 'd', protected: ['gender'] });
    expect(r.verdicts.map((v) => v.status)).toEqual(['fail', 'not applicable', 'not applicable', 'not applicable', 'not applicable']);
    expect(verdict(r, 'Equal opportunity').finding).toBe('This needs a ground-truth label (the actual outcome); add one to the audit to judge it.');
    expect(r.executiveSummary).toContain('Without the actual outcomes (a ground-truth label) only selection rates could be compared');
  });

  it('a big gap in a small group is flagged in the table but left out of the verdict, which says why', () => {
    // 12 women, none selected, vs 1,000 men at 45%: significant, but the selection rate rests on 12 < 30 people.
    const small = [...confusionRows([0], { tp: 400, fn: 100, fp: 50, tn: 450 }), ...confusionRows([1], { tp: 0, fn: 6, fp: 0, tn: 6 })];
    const r = auditDecision(inputOf(small, GENDER), { dataset: 'd', protected: ['gender'] });
    const dp = verdict(r, 'Demographic parity');
    expect(r.disparities.find((d) => d.metric === 'selectionRate')).toMatchObject({ flag: true, reliable: false });
    expect(dp.status).toBe('not applicable');
    expect(dp.leftOut).toBe(1);
    expect(dp.finding).toContain('No selection rate could be judged. 1 group left out: its selection rate (or the reference\'s) rests on fewer than 30 people (gender "Female": 12).');
    expect(dp.confidence).toBe('Too few to tell: every comparison rests on fewer than 30 people.');
    expect(r.executiveSummary).not.toContain('widest gap');
    expect(r.warnings).toContain('gender: 1 group has fewer than 30 rows — "Female" (12): shown, but their rates are too uncertain to judge and are left out of the verdicts.');
  });
});

describe('gaps inside the band, and the four-fifths benchmark', () => {
  const sel = (code: number, n: number, yes: number) => confusionRows([code], { tp: 0, fp: yes, fn: 0, tn: n - yes });

  it('a significant gap inside 0.8–1.25 is a warning, reported as smaller but significant', () => {
    // 480 of 1,000 men vs 410 of 1,000 women: ratio 0.854, χ² test p ≈ 0.002 — real, but inside the band.
    const r = auditDecision(inputOf([...sel(0, 1000, 480), ...sel(1, 1000, 410)], GENDER, { withLabel: false }), { dataset: 'd', protected: ['gender'] });
    const d = r.disparities[0];
    expect(d.flag).toBe(false);
    expect(d.pAdjusted!).toBeLessThan(0.05);
    const v = r.verdicts[0];
    expect(v.status).toBe('warn');
    expect(v.finding).toContain('Smaller but significant gaps, inside 0.8–1.25: gender "Female" has selection rate 41% vs 48% for "Male" (ratio 0.85, adjusted p = 0.002)');
    expect(r.executiveSummary).toContain('No check fails clearly, but demographic parity (four-fifths rule) shows gaps worth a closer look');
  });

  it('the most favoured group is taken among groups of adequate size, so a tiny lucky group does not fail everyone', () => {
    // A: 500 of 1,000; B: 450 of 1,000; C: 5 of 5 (100%). Against C every group would fail; against A (50%) B passes.
    const r = auditDecision(inputOf([...sel(0, 1000, 500), ...sel(1, 1000, 450), ...sel(2, 5, 5)], [{ name: 'g', levels: ['A', 'B', 'C'] }], { withLabel: false }), {
      dataset: 'd',
      protected: ['g'],
    });
    expect(r.summary.byAttribute[0].fourFifthsFailing).toEqual([]);
    // With nothing of adequate size nobody is named: 6 of 10 against 5 of 5 is no evidence either way.
    const tiny = auditDecision(inputOf([...sel(0, 10, 6), ...sel(1, 5, 5)], [{ name: 'g', levels: ['A', 'B'] }], { withLabel: false }), { dataset: 'd', protected: ['g'] });
    expect(tiny.summary.byAttribute[0].fourFifthsFailing).toEqual([]);
  });
});
