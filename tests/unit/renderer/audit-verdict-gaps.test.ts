// The one-line verdicts and their gap tables, from the hand-built audit (tests/unit/renderer/audit-fixture.ts):
// Female 3/10 selected (reference), Male 5/8, Non-binary 0/2 (a small group under the minimum of 5); FNR Female 3/5,
// Male 0/4, Non-binary 2/2. With the minimum of 5, Non-binary's rates (2 people) and Male's FNR (4 positives) are
// unreliable: left out of the gaps, the widest gap and the headline's count, which says how many were left out.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../shared/audit';
import { firstSentence, verdictGaps, verdictHeadline, verdictLeftOut } from '../../../renderer/views/audit/verdict-gaps';
import { labelledAudit } from './audit-fixture';

const verdict = (metric: string, status: Verdict['status'], finding = 'The full finding. With more.'): Verdict => ({ metric, status, finding, what: 'w', why: 'y', confidence: 'c' });

describe('verdictGaps', () => {
  it('lists the reliable gaps outside the band; the 0/2 of Non-binary is left out', () => {
    const rows = verdictGaps(verdict('Demographic parity (four-fifths rule)', 'warn'), labelledAudit());
    expect(rows.map((r) => [r.group, r.kind])).toEqual([['Male', 'outside']]);
    expect(rows[0]).toMatchObject({ reference: 'Female', rate: 0.625, referenceRate: 0.3, pAdjusted: 0.68 });
    expect(rows[0].ratio).toBeCloseTo(0.625 / 0.3, 12);
    expect(verdictLeftOut(verdict('Demographic parity (four-fifths rule)', 'warn'), labelledAudit())).toBe(1);
  });

  it('a flagged gap resting on too few people is left out; with a minimum of 4 the 0/4 FNR counts and comes first', () => {
    const result = labelledAudit();
    for (const d of result.disparities) if (d.metric === 'fnr') d.flag = true;
    const eo = verdict('Equal opportunity (false negative parity)', 'fail');
    expect(verdictGaps(eo, result)).toEqual([]);
    expect(verdictLeftOut(eo, result)).toBe(2);
    result.spec.minGroupSize = 4;
    const rows = verdictGaps(eo, result);
    expect(rows.map((r) => [r.group, r.kind, r.rate, r.referenceRate])).toEqual([['Male', 'failing', 0, 0.6]]);
    expect(verdictHeadline(eo, result)).toBe('1 group differs significantly; widest: gender "Male" 0.0% vs 60.0% for "Female" (ratio 0.00). 1 group left out: fewer than 4 people behind the rate.');
  });

  it('has no rows for the summarising verdicts or a verdict that could not be judged', () => {
    expect(verdictGaps(verdict('Equalised odds', 'fail'), labelledAudit())).toEqual([]);
    expect(verdictGaps(verdict('Predictive equality (false positive parity)', 'not applicable'), labelledAudit())).toEqual([]);
  });
});

describe('verdictHeadline', () => {
  it('counts the gaps, names the widest reliable one with both rates, and says how many were left out', () => {
    expect(verdictHeadline(verdict('Demographic parity (four-fifths rule)', 'warn'), labelledAudit())).toBe(
      '1 gap outside 0.8–1.25, not significant; widest: gender "Male" 62.5% vs 30.0% for "Female" (ratio 2.08). 1 group left out: fewer than 5 people behind the rate.',
    );
  });

  it('a pass says how many groups it left out (Male FPR 1/4 rests on 4 < 5 people; Non-binary has no FPR)', () => {
    expect(verdictHeadline(verdict('Predictive equality (false positive parity)', 'pass', 'Every group’s FPR is within the band. More.'), labelledAudit())).toBe(
      'Every group’s FPR is within the band. 1 group left out: fewer than 5 people behind the rate.',
    );
  });

  it("a pass, equalised odds and calibration read the finding's first sentence", () => {
    const a = labelledAudit();
    expect(verdictHeadline(verdict('Predictive parity', 'pass', 'Every group’s PPV is within 0.8–1.25 of its reference’s (2 comparisons).'), a)).toBe(
      'Every group’s PPV is within 0.8–1.25 of its reference’s (2 comparisons).',
    );
    expect(verdictHeadline(verdict('Equalised odds', 'fail', 'Equal opportunity: fail; predictive equality: pass. Equalised odds difference: gender 0.300.'), a)).toBe(
      'Equal opportunity: fail; predictive equality: pass.',
    );
    expect(verdictHeadline(verdict('Calibration within groups', 'fail', 'gender "Male" turns out positive 6.0 points less often (adjusted p = 0.012): the score over-states its risk; gender "X" …'), a)).toBe(
      'gender "Male" turns out positive 6.0 points less often (adjusted p = 0.012): the score over-states its risk.',
    );
  });

  it('firstSentence keeps decimals and ends a clause cut at ";" with a full stop', () => {
    expect(firstSentence('Ratio 0.52, p < 0.001. Next.')).toBe('Ratio 0.52, p < 0.001.');
    expect(firstSentence('No full stop')).toBe('No full stop');
    expect(firstSentence('a; b.', true)).toBe('a.');
  });
});
