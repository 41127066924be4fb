// The NPS charts' numbers as tables and one-sentence summaries (unit-tested), from the same data the traces are built
// from in NpsCharts.tsx: the 0–10 distribution, the category mix, NPS by group against the reference, the trend, and
// each collection context against the rest. No React, no Plotly.
import type { ContextFlag, NpsGroup, NpsSummary } from '../../shared/nps';
import { maxOf } from '../../shared/extent';
import { type ChartTableData, extremes, listWords, plural, signedNumber, wholePct } from './chart-table';
import { categoryOf, groupStyle, levelLabel, mixShares, type GroupStyle, type NpsCategory } from './nps-figures';

const CATEGORY_NAME: Record<NpsCategory, string> = { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter' };

// ------------------------------------------------------------------ 0–10 distribution

export function distributionTable(distribution: { score: number; count: number }[]): ChartTableData {
  const total = distribution.reduce((s, d) => s + d.count, 0);
  return {
    columns: [
      { label: 'Score', kind: 'count' },
      { label: 'Category', kind: 'text' },
      { label: 'Answers', kind: 'count' },
      { label: 'Share of answers', kind: 'percent' },
    ],
    rows: distribution.map((d) => [d.score, CATEGORY_NAME[categoryOf(d.score)], d.count, total > 0 ? (100 * d.count) / total : null]),
  };
}

/** "Promoters are 41% of 2,790 answers, detractors 26%; the most common score is 9 (612 answers)." */
export function distributionSummary(distribution: { score: number; count: number }[]): string {
  const total = distribution.reduce((s, d) => s + d.count, 0);
  if (total === 0) return 'No answers to show.';
  const of = (c: NpsCategory) => distribution.filter((d) => categoryOf(d.score) === c).reduce((s, d) => s + d.count, 0);
  const top = maxOf(distribution.map((d) => d.count));
  const modes = distribution.filter((d) => d.count === top).map((d) => String(d.score));
  const mode = modes.length === 1 ? `the most common score is ${modes[0]}` : `the most common scores are ${listWords(modes)}`;
  return `Promoters (9–10) are ${wholePct((100 * of('promoter')) / total)} of ${plural(total, 'answer')}, passives (7–8) ${wholePct((100 * of('passive')) / total)} and detractors (0–6) ${wholePct((100 * of('detractor')) / total)}; ${mode} (${plural(top, 'answer')}${modes.length > 1 ? ' each' : ''}).`;
}

// ------------------------------------------------------------------ mix

export function mixTable(rows: { label: string; summary: NpsSummary }[]): ChartTableData {
  return {
    columns: [
      { label: 'Group', kind: 'text' },
      { label: 'Answers', kind: 'count' },
      { label: 'Promoters', kind: 'percent' },
      { label: 'Passives', kind: 'percent' },
      { label: 'Detractors', kind: 'percent' },
      { label: 'NPS', kind: 'signed' },
    ],
    rows: rows.map((r) => {
      const s = mixShares(r.summary);
      const none = r.summary.n === 0;
      return [r.label, r.summary.n, none ? null : s.promoter, none ? null : s.passive, none ? null : s.detractor, r.summary.nps];
    }),
  };
}

export function mixSummary(rows: { label: string; summary: NpsSummary }[]): string {
  const shown = rows.filter((r) => r.summary.n > 0);
  if (shown.length === 0) return 'No answers to show.';
  if (shown.length === 1) {
    const { summary: s, label } = shown[0];
    const m = mixShares(s);
    return `${label}: ${wholePct(m.promoter)} promoters, ${wholePct(m.passive)} passives and ${wholePct(m.detractor)} detractors of ${plural(s.n, 'answer')}, an NPS of ${signedNumber(s.nps ?? 0)}.`;
  }
  const promoters = shown.map((r) => mixShares(r.summary).promoter);
  const detractors = shown.map((r) => mixShares(r.summary).detractor);
  const p = extremes(promoters)!;
  const d = extremes(detractors)!;
  return `Across the ${shown.length} bars, the promoter share runs from ${wholePct(promoters[p.min])} (${shown[p.min].label}) to ${wholePct(promoters[p.max])} (${shown[p.max].label}) and the detractor share from ${wholePct(detractors[d.min])} (${shown[d.min].label}) to ${wholePct(detractors[d.max])} (${shown[d.max].label}).`;
}

// ------------------------------------------------------------------ NPS by group

const READING: Record<GroupStyle, string> = {
  reference: 'reference',
  higher: 'higher than the reference',
  lower: 'lower than the reference',
  similar: 'no clear difference',
  small: 'small group: treat with caution',
  empty: 'no answers',
};

export function groupsTable(groups: NpsGroup[], reference: string | null, level: number): ChartTableData {
  const lv = levelLabel(level);
  return {
    columns: [
      { label: 'Group', kind: 'text' },
      { label: 'Answers', kind: 'count' },
      { label: 'NPS', kind: 'signed' },
      { label: `${lv} CI from`, kind: 'signed' },
      { label: `${lv} CI to`, kind: 'signed' },
      { label: 'Difference from the reference', kind: 'signed' },
      { label: 'Adjusted p', kind: 'p' },
      { label: 'Reading', kind: 'text' },
    ],
    rows: groups.map((g) => [
      g.group,
      g.n,
      g.nps,
      g.ci?.[0] ?? null,
      g.ci?.[1] ?? null,
      g.vsReference?.difference ?? null,
      g.vsReference?.pAdjusted ?? null,
      READING[groupStyle(g, reference)],
    ]),
  };
}

/** "NPS by segment runs from −4 (Bargain hunters) to +31 (Loyal); 2 of 3 groups differ from the reference “Loyal”: …" */
export function groupsSummary(groups: NpsGroup[], reference: string | null, by: string): string {
  const shown = groups.filter((g) => g.n > 0 && g.nps !== null);
  if (shown.length === 0) return `No group of ${by} has answers.`;
  const e = extremes(shown.map((g) => g.nps))!;
  const lo = shown[e.min];
  const hi = shown[e.max];
  const range =
    shown.length === 1
      ? `NPS by ${by}: ${lo.group} ${signedNumber(lo.nps!)} (${plural(lo.n, 'answer')})`
      : `NPS by ${by} runs from ${signedNumber(lo.nps!)} (${lo.group}) to ${signedNumber(hi.nps!)} (${hi.group}) across ${shown.length} groups`;
  if (reference === null) return `${range}.`;
  const styles = shown.map((g) => groupStyle(g, reference));
  const higher = shown.filter((_, i) => styles[i] === 'higher').map((g) => g.group);
  const lower = shown.filter((_, i) => styles[i] === 'lower').map((g) => g.group);
  const compared = shown.filter((_, i) => styles[i] !== 'reference').length;
  if (higher.length + lower.length === 0)
    return `${range}; ${compared === 1 ? 'the other group does not differ' : `none of the ${compared} other groups differs`} clearly from the reference “${reference}”.`;
  const parts = [...(higher.length ? [`higher: ${listWords(higher)}`] : []), ...(lower.length ? [`lower: ${listWords(lower)}`] : [])];
  const k = higher.length + lower.length;
  return `${range}; ${k} of ${plural(compared, 'other group')} ${k === 1 ? 'differs' : 'differ'} from the reference “${reference}” (${parts.join('; ')}).`;
}

// ------------------------------------------------------------------ trend

export type TrendPoint = NpsSummary & { period: string; small: boolean };

export function trendTable(trend: TrendPoint[], level: number): ChartTableData {
  const lv = levelLabel(level);
  return {
    columns: [
      { label: 'Period', kind: 'text' },
      { label: 'Answers', kind: 'count' },
      { label: 'NPS', kind: 'signed' },
      { label: `${lv} CI from`, kind: 'signed' },
      { label: `${lv} CI to`, kind: 'signed' },
      { label: 'Few answers', kind: 'text' },
    ],
    rows: trend.map((p) => [p.period, p.n, p.nps, p.ci?.[0] ?? null, p.ci?.[1] ?? null, p.small ? 'yes' : '']),
  };
}

/** "NPS by year went from +12 in 2019 to +18 in 2023; lowest +8 in 2020, highest +20 in 2022 (5 years)." */
export function trendSummary(trend: TrendPoint[], unit: string): string {
  const shown = trend.filter((p) => p.nps !== null);
  if (shown.length === 0) return `No ${unit} has answers.`;
  const first = shown[0];
  const last = shown[shown.length - 1];
  if (shown.length === 1) return `NPS by ${unit}: ${signedNumber(first.nps!)} in ${first.period} (${plural(first.n, 'answer')}).`;
  const e = extremes(shown.map((p) => p.nps))!;
  const small = shown.filter((p) => p.small).length;
  return `NPS by ${unit} went from ${signedNumber(first.nps!)} in ${first.period} to ${signedNumber(last.nps!)} in ${last.period}; lowest ${signedNumber(shown[e.min].nps!)} in ${shown[e.min].period}, highest ${signedNumber(shown[e.max].nps!)} in ${shown[e.max].period} (${shown.length} periods${small ? `, ${small} with few answers` : ''}).`;
}

// ------------------------------------------------------------------ collection context vs the rest

/** The NPS of all other answers pooled: the context's NPS minus its difference from them. */
export function restNps(g: NpsGroup): number | null {
  return g.vsReference && g.nps !== null ? g.nps - g.vsReference.difference : null;
}

export function contextTable(groups: NpsGroup[], flags: ContextFlag[], level: number): ChartTableData {
  const lv = levelLabel(level);
  const flagOf = new Map(flags.map((f) => [f.group, f]));
  return {
    columns: [
      { label: 'Context', kind: 'text' },
      { label: 'Answers', kind: 'count' },
      { label: 'NPS', kind: 'signed' },
      { label: `${lv} CI from`, kind: 'signed' },
      { label: `${lv} CI to`, kind: 'signed' },
      { label: 'NPS of the rest', kind: 'signed' },
      { label: 'Difference', kind: 'signed' },
      { label: 'Adjusted p', kind: 'p' },
      { label: 'Flag', kind: 'text' },
    ],
    rows: groups.map((g) => {
      const f = flagOf.get(g.group);
      return [
        g.group,
        g.n,
        g.nps,
        g.ci?.[0] ?? null,
        g.ci?.[1] ?? null,
        restNps(g),
        g.vsReference?.difference ?? null,
        g.vsReference?.pAdjusted ?? null,
        f ? (f.direction === 'inflated' ? 'higher than the rest' : 'lower than the rest') : g.small ? 'too few answers' : 'not flagged',
      ];
    }),
  };
}

export function contextSummary(groups: NpsGroup[], flags: ContextFlag[], by: string): string {
  const shown = groups.filter((g) => g.n > 0 && g.nps !== null);
  if (shown.length === 0) return `No ${by} has answers.`;
  if (flags.length === 0) return `No ${by} differs clearly from all other answers pooled (${plural(shown.length, 'context')} compared).`;
  const parts = flags.map((f) => `${f.group} ${signedNumber(f.difference)} points ${f.direction === 'inflated' ? 'above' : 'below'} the rest`);
  return `${flags.length} of ${shown.length} contexts ${flags.length === 1 ? 'is' : 'are'} flagged: ${listWords(parts, 4)}.`;
}
