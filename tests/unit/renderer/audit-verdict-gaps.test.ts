// The one-line verdicts and their gap tables, from the hand-built audit (tests/unit/renderer/audit-fixture.ts):
// Female 3/10 selected (reference), Male 5/8, Non-binary 0/2 (a small group under the minimum of 5); FNR Female 3/5,
// Male 0/4, Non-binary 2/2.
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../shared/audit';
import { firstSentence, verdictGaps, verdictHeadline } from '../../../renderer/views/audit/verdict-gaps';
import { labelledAudit } from './audit-fixture';

const verdict = (metric: string, status: Verdict['status'], finding = 'The full finding. With more.'): Verdict => ({ metric, status, finding, what: 'w', why: 'y', confidence: 'c' });

describe('verdictGaps', () => {
  it('lists the gaps outside the band, largest first (a zero rate, with no ratio, counts by its difference)', () => {
    const rows = verdictGaps(verdict('Demographic parity (four-fifths rule)', 'warn'), labelledAudit());
    expect(rows.map((r) => [r.group, r.kind])).toEqual([
      ['Non-binary', 'outside'],
      ['Male', 'outside'],
    ]);
    expect(rows[1]).toMatchObject({ reference: 'Female', rate: 0.625, referenceRate: 0.3, pAdjusted: 0.68 });
    expect(rows[1].ratio).toBeCloseTo(0.625 / 0.3, 12);
  });

  it('puts flagged gaps in groups of adequate size first; a flagged small group is only outside the band', () => {
    const result = labelledAudit();
    for (const d of result.disparities) if (d.metric === 'fnr') d.flag = true;
    const rows = verdictGaps(verdict('Equal opportunity (false negative parity)', 'fail'), result);
    expect(rows.map((r) => [r.group, r.kind, r.rate, r.referenceRate])).toEqual([
      ['Male', 'failing', 0, 0.6],
      ['Non-binary', 'outside', 1, 0.6],
    ]);
    expect(verdictHeadline(verdict('Equal opportunity (false negative parity)', 'fail'), result)).toBe(
      '1 group differs significantly; widest: gender “Male” 0.0% vs 60.0% for “Female”.',
    );
  });

  it('has no rows for the summarising verdicts or a verdict that could not be judged', () => {
    expect(verdictGaps(verdict('Equalised odds', 'fail'), labelledAudit())).toEqual([]);
    expect(verdictGaps(verdict('Predictive equality (false positive parity)', 'not applicable'), labelledAudit())).toEqual([]);
  });
});

describe('verdictHeadline', () => {
  it('counts the gaps and names the widest with both rates', () => {
    expect(verdictHeadline(verdict('Demographic parity (four-fifths rule)', 'warn'), labelledAudit())).toBe(
      '2 gaps outside 0.8–1.25, not significant or in small groups; widest: gender “Non-binary” 0.0% vs 30.0% for “Female”.',
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
