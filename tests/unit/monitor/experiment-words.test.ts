// The verdict in words, on hand-made comparisons: which sentence, which status, which headline, and the sample-ratio
// mismatch withholding all of it until acknowledged.
import { describe, expect, it } from 'vitest';
import type { ExperimentComparison, SrmCheck } from '../../../shared/monitor-experiment';
import { formatP, pPhrase, verdictOf } from '../../../main/analysis/monitor/experiment/words';

const cmp = (arm: string, difference: number, p: number, significant = p < 0.05): ExperimentComparison => ({
  arm, control: 'A', difference, ci: [difference - 0.01, difference + 0.01], relativeLift: null, relativeLiftCi: null,
  pValue: p, pValueAdjusted: p, statistic: 0, significant, method: 'm',
});
const srm = (flagged: boolean, acknowledged = false): SrmCheck => ({
  pValue: flagged ? 6.3e-5 : 0.5, statistic: 16, df: 1, flagged, threshold: 0.001, splitSource: 'equal', acknowledged,
  arms: [
    { arm: 'A', observed: 5200, expected: 5000, plannedShare: 0.5, observedShare: 0.52 },
    { arm: 'B', observed: 4800, expected: 5000, plannedShare: 0.5, observedShare: 0.48 },
  ],
});

describe('experiment verdict', () => {
  it('a significant rise: the sentence of the issue', () => {
    const v = verdictOf('binary', 'conversion rate', [cmp('B', 0.021, 0.002)], srm(false));
    expect(v.status).toBe('better');
    expect(v.sentences[0]).toBe('“B” raised the conversion rate by 2.1 points (1.1 to 3.1) against “A”, p = 0.002.');
    expect(v.headline).toBe('“B” raised the conversion rate by 2.1 points');
  });
  it('a significant fall, no clear difference, and mixed', () => {
    const worse = verdictOf('mean', 'mean spend', [cmp('B', -3.29, 1e-6)], srm(false));
    expect([worse.status, worse.headline]).toEqual(['worse', '“B” lowered the mean spend by 3.29']);
    const none = verdictOf('nps', 'NPS of q', [cmp('B', 1.2, 0.4)], srm(false));
    expect([none.status, none.headline]).toEqual(['no-difference', 'No clear difference']);
    expect(none.sentences[0]).toBe('“B” made no clear difference to the NPS of q against “A”: +1.2 points (1.2 to 1.2), p = 0.40.');
    expect(verdictOf('binary', 'rate', [cmp('B', 0.02, 0.01), cmp('C', -0.03, 0.001)], srm(false)).status).toBe('mixed');
  });
  it('a sample-ratio mismatch withholds the verdict until acknowledged', () => {
    const v = verdictOf('binary', 'rate', [cmp('B', 0.02, 0.001)], srm(true));
    expect(v.status).toBe('withheld');
    expect(v.sentences).toHaveLength(1);
    expect(v.sentences[0]).toBe(
      'The arms’ sizes do not match the planned split (A 52.0%, B 48.0% against 50.0% / 50.0%; sample-ratio mismatch, p < 0.001): assignment or logging went wrong somewhere, so the comparison may be biased. The verdict is withheld until someone has looked and acknowledged the mismatch.',
    );
    const ack = verdictOf('binary', 'rate', [cmp('B', 0.02, 0.001)], srm(true, true));
    expect(ack.status).toBe('better');
    expect(ack.sentences[1]).toBe('The sample-ratio mismatch (p < 0.001) was acknowledged: read the comparison with that in mind.');
  });
  it('p-values as analysts read them', () => {
    expect([formatP(0.0004), formatP(0.0049), formatP(0.049), formatP(0.5)]).toEqual(['< 0.001', '0.005', '0.049', '0.50']);
    expect([pPhrase(0.0004), pPhrase(0.02)]).toEqual(['p < 0.001', 'p = 0.020']);
  });
});
