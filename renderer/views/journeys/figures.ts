// Pure data shaping for the Journeys charts (unit-tested): which transitions a Sankey can draw, durations in human
// units, log-axis ticks, and the order of the time-between-steps boxes.
import type { JourneyStage, JourneyTiming, JourneyTransition } from '../../../shared/journeys';

// ------------------------------------------------------------------ step order

/** Each step's place in the stage order: stage index first, then its position within the stage. */
export function stepRanks(stages: JourneyStage[]): Map<string, number> {
  const ranks = new Map<string, number>();
  let r = 0;
  for (const s of stages) for (const step of s.steps) if (!ranks.has(step)) ranks.set(step, r++);
  return ranks;
}

export function stageIndexOfStep(stages: JourneyStage[]): Map<string, number> {
  const out = new Map<string, number>();
  stages.forEach((s, i) => s.steps.forEach((step) => out.has(step) || out.set(step, i)));
  return out;
}

// ------------------------------------------------------------------ Sankey

export interface SankeyNode {
  step: string;
  stageIndex: number;
}

export interface SankeyLink {
  source: number;
  target: number;
  customers: number;
  events: number;
  medianSeconds: number;
}

export interface SankeyPlan {
  nodes: SankeyNode[];
  links: SankeyLink[];
  /** Repeats of the same step (A → A): a Sankey cannot draw a band from a node to itself. */
  selfLoops: JourneyTransition[];
  /** Steps going back against the stage order (rework, returns): drawn they would form cycles. */
  backEdges: JourneyTransition[];
  /** Forward transitions left out: beyond the `limit` largest, or taken by fewer than `minCustomers` journeys. */
  hidden: JourneyTransition[];
}

/**
 * The transitions a Sankey can draw: forward in the stage order only (plotly's Sankey cannot lay out cycles), the
 * `limit` largest by journeys and only those taken by at least `minCustomers` journeys, nodes in stage order. What
 * is left out is returned so the caption can say so.
 */
export function planSankey(transitions: JourneyTransition[], stages: JourneyStage[], limit: number, minCustomers = 0): SankeyPlan {
  const ranks = stepRanks(stages);
  const stageOf = stageIndexOfStep(stages);
  // Steps outside every stage (should not happen, but a Sankey must still be acyclic) go last, alphabetically.
  const unknown = [...new Set(transitions.flatMap((t) => [t.from, t.to]))].filter((s) => !ranks.has(s)).sort();
  const rank = (step: string) => ranks.get(step) ?? ranks.size + unknown.indexOf(step);
  const selfLoops: JourneyTransition[] = [];
  const backEdges: JourneyTransition[] = [];
  const forward: JourneyTransition[] = [];
  for (const t of transitions) {
    if (t.from === t.to) selfLoops.push(t);
    else if (rank(t.to) < rank(t.from)) backEdges.push(t);
    else forward.push(t);
  }
  const byCustomers = (a: JourneyTransition, b: JourneyTransition) => b.customers - a.customers || b.events - a.events || a.from.localeCompare(b.from) || a.to.localeCompare(b.to);
  forward.sort(byCustomers);
  const kept = forward.filter((t) => t.customers >= minCustomers).slice(0, Math.max(0, limit));
  const hidden = forward.slice(kept.length);
  const steps = [...new Set(kept.flatMap((t) => [t.from, t.to]))].sort((a, b) => rank(a) - rank(b));
  const index = new Map(steps.map((s, i) => [s, i]));
  return {
    nodes: steps.map((step) => ({ step, stageIndex: stageOf.get(step) ?? stages.length })),
    links: kept.map((t) => ({ source: index.get(t.from)!, target: index.get(t.to)!, customers: t.customers, events: t.events, medianSeconds: t.medianSeconds })),
    selfLoops: selfLoops.sort(byCustomers),
    backEdges: backEdges.sort(byCustomers),
    hidden,
  };
}

// ------------------------------------------------------------------ durations

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';

export const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const UNIT_SHORT: Record<DurationUnit, string> = { seconds: 's', minutes: 'min', hours: 'h', days: 'days' };

/** The unit that reads best for a duration: under 90 s in seconds, under 90 min in minutes, under 48 h in hours. */
export function unitFor(seconds: number): DurationUnit {
  const s = Math.abs(seconds);
  if (s < 90) return 'seconds';
  if (s < 90 * 60) return 'minutes';
  if (s < 48 * 3600) return 'hours';
  return 'days';
}

/** "45 s", "12 min", "3.4 h", "2.1 days" — the unit chosen by magnitude, two significant digits past 10. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds === 0) return '0 s';
  const unit = unitFor(seconds);
  const v = seconds / UNIT_SECONDS[unit];
  const shown = Math.abs(v) >= 10 ? Math.round(v).toLocaleString('en-US') : (Math.round(v * 10) / 10).toString();
  const label = unit === 'days' && shown === '1' ? 'day' : UNIT_SHORT[unit];
  return `${shown} ${label}`;
}

const LOG_TICKS: [number, string][] = [
  [1, '1 s'],
  [10, '10 s'],
  [60, '1 min'],
  [600, '10 min'],
  [3600, '1 h'],
  [6 * 3600, '6 h'],
  [86400, '1 day'],
  [7 * 86400, '1 week'],
  [30 * 86400, '30 days'],
  [91 * 86400, '3 months'],
  [365 * 86400, '1 year'],
  [3 * 365 * 86400, '3 years'],
];

/** Marks kept when the range is wide: one per familiar unit, so the labels stay horizontal. */
const COARSE = new Set([1, 60, 3600, 86400, 30 * 86400, 365 * 86400]);

/** Human tick marks (seconds and their labels) covering [lo, hi] on a log axis; at most six unless the range is tiny. */
export function logTicks(lo: number, hi: number): { values: number[]; labels: string[] } {
  const from = Math.max(1, lo);
  const all = LOG_TICKS.filter(([v]) => v >= from / 1.0001 && v <= hi * 1.0001);
  const inRange = all.length > 6 ? all.filter(([v]) => COARSE.has(v)) : all;
  // Always at least two marks: widen to the nearest neighbours outside the range.
  const below = [...LOG_TICKS].reverse().find(([v]) => v < from);
  const above = LOG_TICKS.find(([v]) => v > hi);
  const chosen = inRange.length >= 2 ? inRange : [...(below ? [below] : []), ...inRange, ...(above ? [above] : [])];
  return { values: chosen.map(([v]) => v), labels: chosen.map(([, l]) => l) };
}

/** On a log axis zero cannot be drawn: same-timestamp gaps are shown at one second. */
export const LOG_FLOOR_SECONDS = 1;

/** The boxes to draw: the `limit` pairs with the most observations, in stage order of their first step. */
export function orderTimings(timing: JourneyTiming[], stages: JourneyStage[], limit: number): JourneyTiming[] {
  const ranks = stepRanks(stages);
  const rank = (s: string) => ranks.get(s) ?? Number.MAX_SAFE_INTEGER;
  const top = [...timing].sort((a, b) => b.n - a.n || a.from.localeCompare(b.from)).slice(0, Math.max(0, limit));
  return top.sort((a, b) => rank(a.from) - rank(b.from) || rank(a.to) - rank(b.to));
}

// ------------------------------------------------------------------ labels

/** "−6 (0.2%)" for a drop-off; "no loss" when none; "start" for the first stage; "—" when no journey was left to lose. */
export function dropOffLabel(dropOff: number, rate: number, first: boolean, previous = 1): string {
  if (first) return 'start';
  if (previous === 0) return '—';
  if (dropOff === 0) return 'no loss';
  const pct = rate * 100;
  const shown = pct > 0 && pct < 0.1 ? '<0.1' : pct.toFixed(1);
  return `−${dropOff.toLocaleString('en-US')} (${shown}%)`;
}

/** Plotly renders labels and hover text as HTML-ish markup: step and stage names come from data, so escape them. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Long step names wrapped for axis and node labels (plotly breaks lines on <br>): after spaces, and after
 * underscores, hyphens and slashes, which stay visible, so "delivered_to_customer" reads "delivered_to_ / customer".
 */
export function wrapLabel(s: string, width = 18): string {
  const tokens = s.split(/(?<=[\s_\-/])/);
  const lines: string[] = [];
  let line = '';
  for (const t of tokens) {
    if (line && (line + t).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = t.trimStart();
    } else line += t;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.map(escapeHtml).join('<br>');
}

/** One line of at most `max` characters, with an ellipsis when cut (escaped for plotly). */
export function shortLabel(s: string, max: number): string {
  const cut = s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
  return escapeHtml(cut);
}

// ------------------------------------------------------------------ funnel by group

export interface GroupFunnelPlan<G> {
  /** Groups with journeys in the funnel: drawn. */
  shown: G[];
  /** Groups none of whose journeys reach the first stage: every bar would be 0, so they are left out and named. */
  outside: G[];
  /** Drawn groups that stop short: the first stage none of their journeys reaches (a bar of 0 to explain). */
  stalled: { group: G; stage: string }[];
}

/** Which groups the grouped funnel draws, and the zero bars the caption has to explain. */
export function planGroupFunnel<G extends { funnel: { stage: string; customers: number }[] }>(groups: readonly G[]): GroupFunnelPlan<G> {
  const outside = groups.filter((g) => (g.funnel[0]?.customers ?? 0) === 0);
  const shown = groups.filter((g) => !outside.includes(g));
  const stalled = shown.flatMap((g) => {
    const stop = g.funnel.find((f) => f.customers === 0);
    return stop ? [{ group: g, stage: stop.stage }] : [];
  });
  return { shown, outside, stalled };
}
