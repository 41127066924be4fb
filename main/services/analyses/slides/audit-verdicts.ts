// The fairness audit's verdicts as a slide, built from the STRUCTURED verdict data, never from the verdicts' finding
// sentences: those quote group rates in free text that disclosure control cannot judge figure by figure. One row per
// check: its name, its verdict, the group it is worst for and that group's reference, and the gap (the group's rate ÷
// the reference's) as a Figure based on the smaller of the two rates' denominators, so disclosure control withholds
// the gap of a small group (or one compared with a small reference) like any other figure.
//
// "Worst for" is the shared judgement of shared/audit-gaps.ts (the one the verdicts and the Audit view use): the
// largest flagged comparison, else the largest outside the band, else the largest significant one inside it, else
// (a pass) the widest reliable gap. Only reliable comparisons count, so a gap always rests on at least the audit's
// minimum group size. Equalised odds takes the worse of its two error rates. Calibration keeps its decile findings
// out of the saved result, so its row gives the verdict alone.
import { DISCLOSURE_DEFAULT_MIN_CELL, type Cell, type Figure, type TableColumn } from '../../../../shared/decks';
import type { AuditMetric, AuditResult, Disparity } from '../../../../shared/audit';
import { DEFAULT_ALPHA, DEFAULT_MIN_GROUP_SIZE, gapSize, judgeGaps, widestGap, type GapContext } from '../../../../shared/audit-gaps';
import type { OutputOf, SpecOf } from '../types';
import { plural, ratio } from './figures';
import type { SlideKindDef } from './types';

type AOut = OutputOf<'audit.run'>;
type Def = SlideKindDef<AOut, SpecOf<'audit.run'>>;
type Status = AuditResult['verdicts'][number]['status'];

export const VERDICT_WORDS: Record<Status, string> = { fail: 'Fails', warn: 'Warning', pass: 'Passes', 'not applicable': 'Not applicable' };

/** Which rates each check compares (by the verdict's name, as main/analysis/fairness/verdicts.ts writes it). */
const CHECKS: { prefix: string; metrics: AuditMetric[]; words: string; explain: string }[] = [
  {
    prefix: 'Demographic parity',
    metrics: ['selectionRate'],
    words: 'selection rate',
    explain: 'Demographic parity asks whether every group gets the decision at the same rate; the four-fifths rule fails a group whose rate of the favourable outcome falls below four fifths of the most favoured group’s.',
  },
  {
    prefix: 'Equal opportunity',
    metrics: ['fnr'],
    words: 'miss rate (FNR)',
    explain: 'Equal opportunity asks whether, among people whose true outcome is positive, every group is missed equally often (the false negative rate).',
  },
  {
    prefix: 'Predictive equality',
    metrics: ['fpr'],
    words: 'false positive rate',
    explain: 'Predictive equality asks whether, among people whose true outcome is negative, every group is wrongly given the decision equally often (the false positive rate).',
  },
  {
    prefix: 'Equalised odds',
    metrics: ['fnr', 'fpr'],
    words: 'error rate',
    explain: 'Equalised odds asks for both error rates to match across groups; its row shows the worse of the two gaps.',
  },
  {
    prefix: 'Calibration',
    metrics: [],
    words: 'observed rate',
    explain: 'Calibration asks whether people with the same score turn out positive equally often in every group; its gaps are by score band, so the row gives the verdict alone.',
  },
  {
    prefix: 'Predictive parity',
    metrics: ['ppv'],
    words: 'precision (PPV)',
    explain: 'Predictive parity asks whether, among people given the decision, the share whose true outcome is positive is the same in every group.',
  },
];

const checkOf = (name: string) => CHECKS.find((c) => name.startsWith(c.prefix));
const RANK: Record<Status, number> = { fail: 3, warn: 2, pass: 1, 'not applicable': 0 };

export interface VerdictRow {
  check: string;
  status: Status;
  /** Null when the check compares no rates (not applicable, calibration) or nothing reliable could be compared. */
  worst: { metric: AuditMetric; words: string; attribute: string; group: string; reference: string; ratio: number | null; base: number } | null;
}

function worstOf(ctx: GapContext, metric: AuditMetric): Disparity | null {
  const j = judgeGaps(ctx, metric);
  const d = j.failing[0] ?? j.outside[0] ?? j.within[0];
  if (d) return d;
  const w = widestGap(ctx, metric);
  return w ? (ctx.disparities.find((x) => x.metric === metric && x.attribute === w.attribute && x.group === w.group) ?? null) : null;
}

/** Each verdict with the comparison it is worst for. */
export function verdictRows(r: AOut): VerdictRow[] {
  const ctx: GapContext = { groups: r.groups, disparities: r.disparities, minGroupSize: r.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE, alpha: r.spec.alpha ?? DEFAULT_ALPHA };
  const denominator = (metric: AuditMetric, attribute: string, group: string) => r.groups.find((g) => g.attribute === attribute && g.group === group)?.[metric]?.denominator ?? 0;
  return r.verdicts.map((v) => {
    const check = checkOf(v.metric);
    if (!check || v.status === 'not applicable' || check.metrics.length === 0) return { check: v.metric, status: v.status, worst: null };
    // Of several rates (equalised odds), the one whose own judgement is worst, then the larger gap.
    const candidates = check.metrics
      .map((metric) => ({ metric, d: worstOf(ctx, metric), rank: RANK[judgeGaps(ctx, metric).status] }))
      .filter((c): c is { metric: AuditMetric; d: Disparity; rank: number } => c.d !== null)
      .sort((a, b) => b.rank - a.rank || gapSize(b.d) - gapSize(a.d));
    const top = candidates[0];
    if (!top) return { check: v.metric, status: v.status, worst: null };
    const d = top.d;
    const words = check.metrics.length > 1 ? (top.metric === 'fnr' ? 'miss rate (FNR)' : 'false positive rate') : check.words;
    // The gap rests on both rates: its base is the smaller of their denominators (the group's n for a selection rate).
    const base = Math.min(denominator(top.metric, d.attribute, d.group), denominator(top.metric, d.attribute, d.reference));
    return { check: v.metric, status: v.status, worst: { metric: top.metric, words, attribute: d.attribute, group: d.group, reference: d.reference, ratio: d.ratio, base } };
  });
}

const curly = (s: string) => `“${s}”`;

function verdictsHeadline(rows: VerdictRow[]): string {
  const judged = rows.filter((v) => v.status !== 'not applicable');
  const notJudged = rows.length - judged.length;
  const na = notJudged > 0 ? ` (${plural(notJudged, 'other')} not applicable)` : '';
  if (judged.length === 0) return `None of the ${plural(rows.length, 'fairness check')} could be judged.`;
  const fails = judged.filter((v) => v.status === 'fail');
  const warns = judged.filter((v) => v.status === 'warn');
  const lead =
    fails.length > 0
      ? `${fails.length} of ${plural(judged.length, 'fairness check')} ${fails.length === 1 ? 'fails' : 'fail'}${na}`
      : warns.length > 0
        ? `No fairness check fails; ${warns.length} of ${judged.length} ${warns.length === 1 ? 'shows a gap' : 'show gaps'} worth a look${na}`
        : `All ${plural(judged.length, 'fairness check')} pass${na}`;
  // The worst comparison of the first failing (else warning) check, in its own sentence (after ";") so that
  // disclosure control, which withholds a sentence citing a withheld figure, takes only this part. A group under the
  // default threshold is not named here at all.
  const key = (fails[0] ?? warns[0])?.worst;
  const gap =
    key && key.ratio !== null && key.base >= DISCLOSURE_DEFAULT_MIN_CELL
      ? `; the ${key.words} of ${key.attribute} ${curly(key.group)} is ${key.ratio.toFixed(2)} times that of ${curly(key.reference)}`
      : '';
  return `${lead}${gap}.`;
}

function verdictsNotes(r: AOut, rows: VerdictRow[]): string {
  const seen = new Set<string>();
  const explained = rows
    .map((v) => checkOf(v.check))
    .filter((c): c is (typeof CHECKS)[number] => !!c && !seen.has(c.prefix) && !!seen.add(c.prefix))
    .map((c) => c.explain);
  const how =
    'The gap is the worst group’s rate divided by its reference group’s: a check fails when a gap lies outside the band from four fifths to five fourths and is statistically significant after the adjustment for many comparisons, and warns when it is only one of the two.';
  const small = 'Groups too small to judge are left out of every verdict.';
  const na = rows.some((v) => v.status === 'not applicable') ? ' A check that is not applicable needs a ground-truth label (or a score) the audit did not have, or had nothing reliable to compare.' : '';
  return [...explained, how, small + na, r.spec.direction === 'punitive' ? 'The decision is a sanction: wrongly flagged people matter most.' : 'The decision is a benefit: qualified people who were missed matter most.'].join(' ');
}

export const auditVerdictsSlide: Def = {
  kind: 'audit.verdicts',
  label: 'Audit verdicts',
  byDefault: true,
  build: (r, spec) => {
    const rows = verdictRows(r);
    const columns: TableColumn[] = [
      { key: 'check', label: 'Check' },
      { key: 'verdict', label: 'Verdict' },
      { key: 'group', label: 'Worst for' },
      { key: 'reference', label: 'Compared with' },
      { key: 'gap', label: 'Gap (ratio)', align: 'right' },
    ];
    return {
      title: `Fairness verdicts: ${spec.decision ? spec.decision : `${spec.score} ≥ ${spec.threshold}`}`,
      headline: verdictsHeadline(rows),
      notes: verdictsNotes(r, rows),
      body: [
        {
          type: 'table',
          columns,
          rows: rows.map((v): Record<string, Cell> => {
            const w = v.worst;
            const gap: Figure | null = w ? ratio(w.ratio, w.base) : null;
            return { check: v.check, verdict: VERDICT_WORDS[v.status], group: w ? `${w.group} (${w.attribute})` : null, reference: w ? w.reference : null, gap };
          }),
        },
      ],
    };
  },
};
