// The Journeys charts' numbers as tables and one-sentence summaries (unit-tested), from the same data the traces are
// drawn from (renderer/views/journeys/{Measure,Flow,Compare}Charts.tsx): the satisfaction curve, the time between
// steps (the boxes drawn), the funnel, the transitions the Sankey draws, and the funnel and satisfaction by group.
// No React, no Plotly.
import type { FunnelStage, JourneyGroup, JourneyStage, JourneyTiming } from '../../shared/journeys';
import { formatDuration, type SankeyPlan } from '../views/journeys/figures';
import { type ChartTableData, count, extremes, listWords, plural, wholePct } from './chart-table';

const r2 = (v: number) => (Math.round(v * 100) / 100).toFixed(2);
const scaleWords = (scale: [number, number]) => `${Number.isInteger(scale[0]) ? scale[0] : scale[0].toFixed(2)}–${Number.isInteger(scale[1]) ? scale[1] : scale[1].toFixed(2)}`;

// ------------------------------------------------------------------ satisfaction curve

export function satisfactionTable(stages: JourneyStage[]): ChartTableData {
  return {
    columns: [
      { label: 'Stage', kind: 'text' },
      { label: 'Side step', kind: 'text' },
      { label: 'Mean rating', kind: 'number' },
      { label: '95% CI from', kind: 'number' },
      { label: '95% CI to', kind: 'number' },
      { label: 'Ratings', kind: 'count' },
    ],
    rows: stages.map((s) => [s.stage, s.inFunnel ? '' : 'side step', s.satisfaction?.mean ?? null, s.satisfaction?.ci?.[0] ?? null, s.satisfaction?.ci?.[1] ?? null, s.satisfaction?.n ?? 0]),
  };
}

/** "On 1–5, the mean rating is lowest at Delivery (2.91) and highest at Purchase (4.30), over 6 stages; no ratings in Returns." */
export function satisfactionSummary(stages: JourneyStage[], scale: [number, number]): string {
  const rated = stages.filter((s) => s.satisfaction && s.satisfaction.n > 0);
  const missing = stages.filter((s) => !s.satisfaction || s.satisfaction.n === 0).map((s) => s.stage);
  const tail = missing.length ? `; no ratings in ${listWords(missing)}` : '';
  if (rated.length === 0) return 'No stage has ratings.';
  if (rated.length === 1) return `On ${scaleWords(scale)}, the only rated stage, ${rated[0].stage}, has a mean of ${r2(rated[0].satisfaction!.mean)}${tail}.`;
  const e = extremes(rated.map((s) => s.satisfaction!.mean))!;
  return `On ${scaleWords(scale)}, the mean rating is lowest at ${rated[e.min].stage} (${r2(rated[e.min].satisfaction!.mean)}) and highest at ${rated[e.max].stage} (${r2(rated[e.max].satisfaction!.mean)}), over ${plural(rated.length, 'rated stage')}${tail}.`;
}

// ------------------------------------------------------------------ time between steps

export function timingTable(rows: JourneyTiming[]): ChartTableData {
  return {
    columns: [
      { label: 'From', kind: 'text' },
      { label: 'To', kind: 'text' },
      { label: 'Gaps', kind: 'count' },
      { label: 'Shortest', kind: 'duration' },
      { label: 'Lower quartile', kind: 'duration' },
      { label: 'Median', kind: 'duration' },
      { label: 'Upper quartile', kind: 'duration' },
      { label: '90th percentile', kind: 'duration' },
      { label: 'Longest', kind: 'duration' },
    ],
    rows: rows.map((r) => [r.from, r.to, r.n, r.min, r.q1, r.median, r.q3, r.p90, r.max]),
  };
}

export function timingSummary(rows: JourneyTiming[], pairs: number): string {
  if (rows.length === 0) return 'No step follows another.';
  const e = extremes(rows.map((r) => r.median))!;
  const of = pairs > rows.length ? ` (the ${rows.length} most frequent of ${count(pairs)} step pairs)` : ` (${plural(rows.length, 'step pair')})`;
  if (rows.length === 1) return `${rows[0].from} → ${rows[0].to} takes ${formatDuration(rows[0].median)} at the median over ${plural(rows[0].n, 'gap')}.`;
  const long = rows[e.max];
  const short = rows[e.min];
  return `The longest median wait is ${long.from} → ${long.to}, ${formatDuration(long.median)}; the shortest ${short.from} → ${short.to}, ${formatDuration(short.median)}${of}.`;
}

// ------------------------------------------------------------------ funnel

export function funnelTable(funnel: FunnelStage[]): ChartTableData {
  return {
    columns: [
      { label: 'Stage', kind: 'text' },
      { label: 'Journeys', kind: 'count' },
      { label: 'Share of the first stage', kind: 'percent' },
      { label: 'Lost since the previous stage', kind: 'count' },
      { label: 'Lost, share of the previous stage', kind: 'percent' },
    ],
    rows: funnel.map((f, i) => [f.stage, f.customers, f.conversion * 100, i === 0 ? null : f.dropOff, i === 0 ? null : f.dropOffRate * 100]),
  };
}

/** "Of 1,000 journeys starting at Browse, 420 (42%) reach Review in order; the largest loss is before Checkout (−180, 25.0%)." */
export function funnelSummary(funnel: FunnelStage[]): string {
  if (funnel.length === 0) return 'No funnel stages.';
  const first = funnel[0];
  const last = funnel[funnel.length - 1];
  if (funnel.length === 1) return `${plural(first.customers, 'journey')} reach ${first.stage}.`;
  const losses = funnel.slice(1);
  const worst = losses[extremes(losses.map((f) => f.dropOff))!.max];
  const loss = worst.dropOff > 0 ? `; the largest loss is before ${worst.stage} (${count(worst.dropOff)} journeys, ${(worst.dropOffRate * 100).toFixed(1)}% of the stage before)` : '; no journey is lost on the way';
  return `Of ${plural(first.customers, 'journey')} starting at ${first.stage}, ${count(last.customers)} (${wholePct(last.conversion * 100)}) reach ${last.stage} in order${loss}.`;
}

// ------------------------------------------------------------------ transitions (the Sankey)

export function transitionsTable(plan: SankeyPlan): ChartTableData {
  return {
    note: `The ${plural(plan.links.length, 'transition')} the chart draws; every transition is listed under Paths & steps.`,
    columns: [
      { label: 'From', kind: 'text' },
      { label: 'To', kind: 'text' },
      { label: 'Journeys', kind: 'count' },
      { label: 'Times', kind: 'count' },
      { label: 'Median gap', kind: 'duration' },
    ],
    rows: plan.links.map((l) => [plan.nodes[l.source].step, plan.nodes[l.target].step, l.customers, l.events, l.medianSeconds]),
  };
}

export function transitionsSummary(plan: SankeyPlan): string {
  if (plan.links.length === 0) return 'No transition to draw.';
  const top = plan.links[extremes(plan.links.map((l) => l.customers))!.max];
  const left = plan.selfLoops.length + plan.backEdges.length + plan.hidden.length;
  return `${plural(plan.links.length, 'transition')} between ${plural(plan.nodes.length, 'step')} drawn; the largest is ${plan.nodes[top.source].step} → ${plan.nodes[top.target].step}, taken by ${plural(top.customers, 'journey')}${
    left ? `; ${count(left)} more (repeats, backward or smaller) ${left === 1 ? 'is' : 'are'} not drawn` : ''
  }.`;
}

// ------------------------------------------------------------------ by group

export function groupedFunnelTable(groups: JourneyGroup[]): ChartTableData {
  return {
    columns: [
      { label: 'Group', kind: 'text' },
      { label: 'Stage', kind: 'text' },
      { label: 'Journeys', kind: 'count' },
      { label: 'Share of the group', kind: 'percent' },
      { label: 'Lost since the previous stage', kind: 'count' },
    ],
    rows: groups.flatMap((g) => g.funnel.map((f, i) => [g.group, f.stage, f.customers, f.conversion * 100, i === 0 ? null : f.dropOff])),
  };
}

/** "Reaching Review in order: from 12% of Bargain hunters to 30% of Loyal (3 groups)." */
export function groupedFunnelSummary(groups: JourneyGroup[]): string {
  const withFunnel = groups.filter((g) => g.funnel.length > 0);
  if (withFunnel.length === 0) return 'No group has journeys in the funnel.';
  const last = withFunnel[0].funnel[withFunnel[0].funnel.length - 1].stage;
  const shares = withFunnel.map((g) => g.funnel[g.funnel.length - 1].conversion * 100);
  if (withFunnel.length === 1) return `${wholePct(shares[0])} of ${withFunnel[0].group} reach ${last} in order.`;
  const e = extremes(shares)!;
  return `Reaching ${last} in order: from ${wholePct(shares[e.min])} of ${withFunnel[e.min].group} to ${wholePct(shares[e.max])} of ${withFunnel[e.max].group} (${plural(withFunnel.length, 'group')}).`;
}

export function groupedSatisfactionTable(groups: JourneyGroup[], sideSteps: string[]): ChartTableData {
  return {
    columns: [
      { label: 'Group', kind: 'text' },
      { label: 'Stage', kind: 'text' },
      { label: 'Side step', kind: 'text' },
      { label: 'Mean rating', kind: 'number' },
      { label: '95% CI from', kind: 'number' },
      { label: '95% CI to', kind: 'number' },
      { label: 'Ratings', kind: 'count' },
    ],
    rows: groups.flatMap((g) =>
      g.stages.map((s) => [g.group, s.stage, sideSteps.includes(s.stage) ? 'side step' : '', s.satisfaction?.mean ?? null, s.satisfaction?.ci?.[0] ?? null, s.satisfaction?.ci?.[1] ?? null, s.satisfaction?.n ?? 0]),
    ),
  };
}

/** The stage where the groups' mean ratings lie furthest apart, and which group is lowest and highest there. */
export function groupedSatisfactionSummary(groups: JourneyGroup[]): string {
  const stages = groups[0]?.stages.map((s) => s.stage) ?? [];
  let best: { stage: string; lo: [string, number]; hi: [string, number]; gap: number } | null = null;
  for (const stage of stages) {
    const means = groups.flatMap((g) => {
      const m = g.stages.find((s) => s.stage === stage)?.satisfaction;
      return m && m.n > 0 ? [[g.group, m.mean] as [string, number]] : [];
    });
    if (means.length < 2) continue;
    const e = extremes(means.map((m) => m[1]))!;
    const gap = means[e.max][1] - means[e.min][1];
    if (!best || gap > best.gap) best = { stage, lo: means[e.min], hi: means[e.max], gap };
  }
  if (!best) return groups.length < 2 ? 'One group: nothing to compare.' : 'No stage has ratings from two groups.';
  const rated = stages.filter((stage) => groups.some((g) => (g.stages.find((s) => s.stage === stage)?.satisfaction?.n ?? 0) > 0)).length;
  return `The groups differ most at ${best.stage}: ${best.lo[0]} ${r2(best.lo[1])} against ${best.hi[0]} ${r2(best.hi[1])} (${plural(groups.length, 'group')}, ${plural(rated, 'rated stage')}).`;
}
