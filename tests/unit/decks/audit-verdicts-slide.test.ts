// The audit verdicts slide on a hand-made audit where the worst group is small: region "B" has 8 people, 1 selected
// (12.5%), against the reference "A" with 200 people, 100 selected (50%): ratio 0.125 / 0.5 = 0.25, flagged. The
// audit's minimum group size is 5, so the verdict rests on B (8 ≥ 5) and fails; disclosure control at the default
// k = 10 must still withhold B's gap (8 < 10), and show it at k = 5. All numbers are hand-made, not computed.
import { describe, expect, it } from 'vitest';
import type { AuditGroup, AuditResult, Disparity, Rate } from '../../../shared/audit';
import type { Deck, Figure, Slide } from '../../../shared/decks';
import { applyDisclosure } from '../../../main/disclosure';
import { auditVerdictsSlide } from '../../../main/services/analyses/slides/audit-verdicts';

const rate = (num: number, den: number): Rate => ({ value: num / den, numerator: num, denominator: den, ci: null, reliable: true });
const group = (name: string, n: number, selected: number, isReference: boolean): AuditGroup => ({
  attribute: 'region',
  group: name,
  n,
  share: n / 208,
  small: false,
  isReference,
  baseRate: null,
  selectionRate: rate(selected, n),
  tpr: null,
  fpr: null,
  fnr: null,
  tnr: null,
  ppv: null,
  npv: null,
  fdr: null,
  for: null,
  confusion: null,
});
const disparity: Disparity = { attribute: 'region', group: 'B', reference: 'A', metric: 'selectionRate', difference: -0.375, ratio: 0.25, test: 'fisher', pValue: 0.02, pAdjusted: 0.02, flag: true, note: '' };
const verdict = (metric: string, status: AuditResult['verdicts'][number]['status']) => ({ metric, what: '', why: '', finding: 'B 12.5% vs A 50.0%', confidence: '', status });
const result = {
  spec: { dataset: 'd', decision: 'approved', protected: ['region'], minGroupSize: 5 },
  rows: 208,
  excludedRows: 0,
  decisionNote: 'approved = Yes',
  groups: [group('A', 200, 100, true), group('B', 8, 1, false)],
  disparities: [disparity],
  adjustment: '',
  summary: { byAttribute: [], demographicParityDifference: 0.375, demographicParityRatio: 0.25, equalizedOddsDifference: null },
  calibration: null,
  proxies: [],
  representation: null,
  verdicts: [verdict('Demographic parity (four-fifths rule)', 'fail'), verdict('Equalised odds', 'not applicable')],
  executiveSummary: '',
  warnings: [],
} as unknown as AuditResult;

function deckOf(): Deck {
  const content = auditVerdictsSlide.build(result as never, result.spec as never, {} as never);
  const slide: Slide = {
    id: 'verdicts1',
    kind: 'audit.verdicts',
    ...content,
    source: { resultId: 1, resultName: 'Audit', resultKind: 'audit', dataset: 'd', base: 208, snapshotAt: '2026-12-06T00:00:00.000Z' },
  };
  return { name: 'Hand-made', slides: [slide], version: 1, createdAt: '', updatedAt: '' };
}

const gapOf = (d: Deck) => (d.slides[0].body[0] as { rows: Record<string, unknown>[] }).rows[0].gap as Figure;

describe('audit verdicts slide, hand-made small group', () => {
  it('names B against A with the gap 0.25 based on 8 people; the headline leaves out a group under 10', () => {
    const d = deckOf();
    const row = (d.slides[0].body[0] as { rows: Record<string, unknown>[] }).rows[0];
    expect(row).toMatchObject({ check: 'Demographic parity (four-fifths rule)', verdict: 'Fails', group: 'B (region)', reference: 'A' });
    expect(gapOf(d)).toEqual({ value: 0.25, format: 'ratio', digits: 2, base: 8 });
    expect(d.slides[0].headline).toBe('1 of 1 fairness check fails (1 other not applicable).');
    // The finding sentence (with its rates) never reaches the slide.
    expect(JSON.stringify(d.slides[0])).not.toContain('12.5%');
  });

  it('disclosure withholds the row at k = 10 and shows it at k = 5', () => {
    const at10 = applyDisclosure(deckOf(), { settings: { minCell: 10, roundTo: 0 }, piiValues: new Set() });
    expect(gapOf(at10.deck)).toEqual({ value: null, format: 'ratio', digits: 2, suppressed: 'primary' });
    expect(at10.report.suppressed).toHaveLength(1);
    expect(at10.report.suppressed[0].reason).toBe('fewer than 10 people');
    const at5 = applyDisclosure(deckOf(), { settings: { minCell: 5, roundTo: 0 }, piiValues: new Set() });
    expect(gapOf(at5.deck)).toEqual({ value: 0.25, format: 'ratio', digits: 2, base: 8 });
  });
});
