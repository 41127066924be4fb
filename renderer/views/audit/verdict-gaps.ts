// A verdict reduced to what a room can read: one line, and the gaps behind it as rows (largest first) for a small
// table. The services' verdict text lists every group in prose; the rows come from the result's own disparities,
// judged by the services' own function (shared/audit-gaps.ts: flagged, else outside the band, else significant inside
// it; comparisons resting on a rate under the minimum group size left out), so the table, the status and the
// executive summary's "widest gap" always agree.
import type { AuditMetric, AuditResult, Verdict } from '../../../shared/audit';
import { DEFAULT_ALPHA, DEFAULT_MIN_GROUP_SIZE, judgeGaps, RATIO_BAND, widestGap, widestGapText, type GapContext } from '../../../shared/audit-gaps';

/** The one metric each per-metric verdict judges, by the start of its name; the others summarise (odds, calibration). */
const METRIC_OF: [string, AuditMetric][] = [
  ['Demographic parity', 'selectionRate'],
  ['Equal opportunity', 'fnr'],
  ['Predictive equality', 'fpr'],
  ['Predictive parity', 'ppv'],
];

export function verdictMetric(v: Verdict): AuditMetric | null {
  return METRIC_OF.find(([prefix]) => v.metric.startsWith(prefix))?.[1] ?? null;
}

export interface GapRow {
  attribute: string;
  group: string;
  reference: string;
  rate: number | null;
  referenceRate: number | null;
  ratio: number | null;
  pAdjusted: number | null;
  /** failing: significant, outside the band; outside: outside the band only; within: significant inside it. */
  kind: 'failing' | 'outside' | 'within';
}

export function gapContext(result: AuditResult): GapContext {
  return { groups: result.groups, disparities: result.disparities, minGroupSize: result.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE, alpha: result.spec.alpha ?? DEFAULT_ALPHA };
}

/** The gaps behind a per-metric verdict, the kind that decides its status first; [] for the summarising verdicts. */
export function verdictGaps(v: Verdict, result: AuditResult): GapRow[] {
  const metric = verdictMetric(v);
  if (!metric || v.status === 'not applicable') return [];
  const groupOf = (a: string, g: string) => result.groups.find((x) => x.attribute === a && x.group === g);
  const j = judgeGaps(gapContext(result), metric);
  const row = (kind: GapRow['kind']) => (d: (typeof j.failing)[number]): GapRow => ({
    attribute: d.attribute,
    group: d.group,
    reference: d.reference,
    rate: groupOf(d.attribute, d.group)?.[metric]?.value ?? null,
    referenceRate: groupOf(d.attribute, d.reference)?.[metric]?.value ?? null,
    ratio: d.ratio,
    pAdjusted: d.pAdjusted,
    kind,
  });
  return [...j.failing.map(row('failing')), ...j.outside.map(row('outside')), ...j.within.map(row('within'))];
}

/** Comparisons of a per-metric verdict left out because a rate rests on fewer than the minimum group size. */
export function verdictLeftOut(v: Verdict, result: AuditResult): number {
  const metric = verdictMetric(v);
  if (!metric) return v.leftOut ?? 0;
  return judgeGaps(gapContext(result), metric).leftOut.length;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line: how many groups, and the widest gap with its two rates. */
export function verdictHeadline(v: Verdict, result: AuditResult): string {
  const metric = verdictMetric(v);
  const gaps = verdictGaps(v, result);
  const left = metric ? verdictLeftOut(v, result) : 0;
  const leftOut = left > 0 ? ` ${plural(left, 'group', 'groups')} left out: fewer than ${gapContext(result).minGroupSize} people behind the rate.` : '';
  // Calibration lists up to three groups separated by ";": the first (the largest gap) is its line.
  if (!metric || gaps.length === 0 || v.status === 'pass') return `${firstSentence(v.finding, v.metric.startsWith('Calibration'))}${v.status === 'pass' ? leftOut : ''}`;
  const top = gaps[0];
  // The executive summary's widest gap comes from the same function (shared/audit-gaps.ts).
  const w = widestGap(gapContext(result), metric);
  const widest = w ? `widest: ${widestGapText(w)}` : '';
  const count = gaps.filter((g) => g.kind === top.kind).length;
  const band = `${RATIO_BAND[0]}–${RATIO_BAND[1]}`;
  const lead =
    top.kind === 'failing'
      ? `${plural(count, 'group differs', 'groups differ')} significantly`
      : top.kind === 'outside'
        ? `${plural(count, 'gap', 'gaps')} outside ${band}, not significant`
        : `${plural(count, 'smaller but significant gap', 'smaller but significant gaps')}, inside ${band}`;
  return `${widest ? `${lead}; ${widest}` : lead}.${leftOut}`;
}

/** The finding's first sentence, or clause up to ";" (decimals like "0.8–1.25" or "p = 0.012" do not end one). */
export function firstSentence(text: string, atSemicolon = false): string {
  const m = (atSemicolon ? /^.*?[.;](?=\s|$)/ : /^.*?\.(?=\s|$)/).exec(text);
  const s = m ? m[0] : text;
  return s.endsWith(';') ? `${s.slice(0, -1)}.` : s;
}
