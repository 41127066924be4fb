// A verdict reduced to what a room can read: one line, and the gaps behind it as rows (largest first) for a small
// table. The services' verdict text lists every group in prose; the rows come from the result's own disparities,
// chosen the way the services judge them (flagged in groups of adequate size, else outside the band, else
// significant inside it), so the table and the status always agree.
import type { AuditMetric, AuditResult, Disparity, Verdict } from '../../../shared/audit';
import { pct } from './results';

/** The services' ratio band (main/analysis/fairness/disparities.ts) and the size rule when there is no ratio. */
const BAND: [number, number] = [0.8, 1.25];
const MIN_DIFFERENCE_WITHOUT_RATIO = 0.05;

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
  /** failing: significant, outside the band, big enough group; outside: outside the band only; within: significant inside it. */
  kind: 'failing' | 'outside' | 'within';
}

const outsideBand = (d: Disparity) =>
  d.ratio !== null ? d.ratio < BAND[0] || d.ratio > BAND[1] : d.difference !== null && Math.abs(d.difference) >= MIN_DIFFERENCE_WITHOUT_RATIO;

/** Single attributes before intersections (easier to act on), then the largest gaps first — the services' order. */
function bySize(ds: Disparity[]): Disparity[] {
  const size = (d: Disparity) => (d.ratio !== null && d.ratio > 0 ? Math.abs(Math.log(d.ratio)) : Math.abs(d.difference ?? 0) * 10);
  const crossed = (d: Disparity) => (d.attribute.includes(' × ') ? 1 : 0);
  return [...ds].sort((a, b) => crossed(a) - crossed(b) || size(b) - size(a));
}

/** The gaps behind a per-metric verdict, the kind that decides its status first; [] for the summarising verdicts. */
export function verdictGaps(v: Verdict, result: AuditResult): GapRow[] {
  const metric = verdictMetric(v);
  if (!metric || v.status === 'not applicable') return [];
  const min = result.spec.minGroupSize ?? 30;
  const alpha = result.spec.alpha ?? 0.05;
  const groupOf = (a: string, g: string) => result.groups.find((x) => x.attribute === a && x.group === g);
  const small = (d: Disparity) => (groupOf(d.attribute, d.group)?.n ?? 0) < min;
  const ds = result.disparities.filter((d) => d.metric === metric && d.difference !== null);
  const failing = ds.filter((d) => d.flag && !small(d));
  const outside = ds.filter((d) => !failing.includes(d) && outsideBand(d));
  const within = ds.filter((d) => !outsideBand(d) && !small(d) && d.pAdjusted !== null && d.pAdjusted < alpha);
  const row = (kind: GapRow['kind']) => (d: Disparity): GapRow => ({
    attribute: d.attribute,
    group: d.group,
    reference: d.reference,
    rate: groupOf(d.attribute, d.group)?.[metric]?.value ?? null,
    referenceRate: groupOf(d.attribute, d.reference)?.[metric]?.value ?? null,
    ratio: d.ratio,
    pAdjusted: d.pAdjusted,
    kind,
  });
  return [...bySize(failing).map(row('failing')), ...bySize(outside).map(row('outside')), ...bySize(within).map(row('within'))];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line: how many groups, and the widest gap with its two rates. */
export function verdictHeadline(v: Verdict, result: AuditResult): string {
  const metric = verdictMetric(v);
  const gaps = verdictGaps(v, result);
  // Calibration lists up to three groups separated by ";": the first (the largest gap) is its line.
  if (!metric || gaps.length === 0 || v.status === 'pass') return firstSentence(v.finding, v.metric.startsWith('Calibration'));
  const top = gaps[0];
  const widest = `widest: ${top.attribute} “${top.group}” ${rate(top.rate)} vs ${rate(top.referenceRate)} for “${top.reference}”`;
  const count = gaps.filter((g) => g.kind === top.kind).length;
  const band = `${BAND[0]}–${BAND[1]}`;
  const lead =
    top.kind === 'failing'
      ? `${plural(count, 'group differs', 'groups differ')} significantly`
      : top.kind === 'outside'
        ? `${plural(count, 'gap', 'gaps')} outside ${band}, not significant or in small groups`
        : `${plural(count, 'smaller but significant gap', 'smaller but significant gaps')}, inside ${band}`;
  return `${lead}; ${widest}.`;
}

const rate = (v: number | null) => (v === null ? 'undefined' : pct(v));

/** The finding's first sentence, or clause up to ";" (decimals like "0.8–1.25" or "p = 0.012" do not end one). */
export function firstSentence(text: string, atSemicolon = false): string {
  const m = (atSemicolon ? /^.*?[.;](?=\s|$)/ : /^.*?\.(?=\s|$)/).exec(text);
  const s = m ? m[0] : text;
  return s.endsWith(';') ? `${s.slice(0, -1)}.` : s;
}
