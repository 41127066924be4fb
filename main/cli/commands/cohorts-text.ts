// `cxw cohorts` for people: the summary, then one table of cohort × period — retention by default (% of the cohort
// active; a period not yet fully observed ends in "*"), or with --show the repeat-purchase share, revenue per
// customer (in the period or cumulative) or NPS — the pooled retention curve of each split group, and the notes.
import type { CohortRow, CohortsResult } from '../../../shared/monitor-cohorts';
import { table } from '../format';

const int = (n: number) => n.toLocaleString('en-US');
/** Columns shown in a terminal; the JSON has every period. */
const MAX_PERIODS = 13;

/** What the text table shows (the JSON always has all of them). */
export const COHORT_TABLES = ['retention', 'repeat', 'revenue', 'cumulative-revenue', 'nps'] as const;
export type CohortTable = (typeof COHORT_TABLES)[number];

const pct = (x: number) => `${Math.round(100 * x)}%`;
const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The cells of one cohort row for the chosen table; null where the cohort has no such period. */
function cellsOf(c: CohortRow, show: CohortTable): (string | null)[] {
  const mark = (p: number, text: string) => `${text}${c.incomplete[p] ? '*' : ''}`;
  switch (show) {
    case 'retention':
      return c.retention.map((x, p) => mark(p, pct(x)));
    case 'repeat':
      return c.repeat.map((x, p) => mark(p, pct(x)));
    case 'revenue':
      return (c.revenue?.perCustomer ?? []).map((x, p) => mark(p, money(x)));
    case 'cumulative-revenue':
      return (c.revenue?.cumulative ?? []).map((x, p) => mark(p, money(x)));
    case 'nps':
      return (c.nps?.nps ?? []).map((x, p) => mark(p, x === null ? '–' : (x > 0 ? '+' : '') + Math.round(x)));
  }
}

const EXPLAINED: Record<CohortTable, (unit: string) => string> = {
  retention: (u) => `Retention: share of each cohort with an event in ${u} p since their first (p = 0 is 100% by definition).`,
  repeat: (u) => `Repeat purchase: share of each cohort with 2 or more events by the end of ${u} p (cumulative).`,
  revenue: (u) => `Revenue per customer: the value column summed over ${u} p, divided by the cohort's size (every customer of it, active or not).`,
  'cumulative-revenue': (u) => `Cumulative revenue per customer: the value column summed from the first ${u} to ${u} p, divided by the cohort's size.`,
  nps: (u) => `NPS of the scores the cohort's customers gave in ${u} p (– = no scores).`,
};

function cohortTable(r: CohortsResult, rows: CohortRow[], periods: number, show: CohortTable): string {
  const split = r.split !== null;
  const header = [...(split ? ['group'] : []), 'cohort', 'customers', ...Array.from({ length: periods }, (_, p) => `${r.unit[0]}${p}`)];
  return table(
    header,
    rows.map((c) => {
      const cells = cellsOf(c, show);
      return [...(split ? [String(c.group)] : []), c.cohort, int(c.size), ...Array.from({ length: periods }, (_, p) => cells[p] ?? '')];
    }),
  );
}

/** The column a table needs besides the log's own ('value' for revenue, 'nps' for NPS), or null. */
export function columnNeeded(show: CohortTable): 'value' | 'nps' | null {
  return show === 'revenue' || show === 'cumulative-revenue' ? 'value' : show === 'nps' ? 'nps' : null;
}

/** The refusal for a table whose column was not given. */
export function neededMessage(show: CohortTable, column: 'value' | 'nps'): string {
  return `--show ${show} needs the ${column === 'value' ? 'value column: add --value COL' : '0–10 score column: add --nps COL'}.`;
}

/** Why a table cannot be shown for this result (its column was not given), or null. */
export function missingForTable(r: CohortsResult, show: CohortTable): string | null {
  const column = columnNeeded(show);
  if (column === 'value' && !r.cohorts.some((c) => c.revenue)) return neededMessage(show, column);
  if (column === 'nps' && !r.cohorts.some((c) => c.nps)) return neededMessage(show, column);
  return null;
}

export function formatCohorts(r: CohortsResult, show: CohortTable = 'retention'): string {
  const periods = Math.min(r.periods, MAX_PERIODS);
  const out = [
    r.summary,
    '',
    `${r.cohorts.length} ${r.unit}ly cohorts, ${int(r.customers)} customers, ${int(r.events)} events, observed ${r.firstDay} to ${r.observedThrough} (${r.periodDefinition}).`,
    `${EXPLAINED[show](r.unit)} * = not yet fully observed.`,
    '',
    cohortTable(r, r.cohorts, periods, show),
  ];
  if (r.periods > MAX_PERIODS) out.push(`(${r.periods - MAX_PERIODS} later ${r.unit}s in --json)`);
  if (r.split) {
    out.push('', `Pooled retention by ${r.split.kind === 'segmentation' ? `segment of “${r.split.name}”` : r.split.name} (fully observed cohorts only):`);
    out.push(
      table(
        ['group', 'customers', ...Array.from({ length: periods }, (_, p) => `${r.unit[0]}${p}`)],
        r.groups.map((g) => [String(g.group), int(g.size), ...g.retention.slice(0, periods).map((x) => (x === null ? '' : `${Math.round(100 * x)}%`))]),
      ),
    );
  }
  const withRevenue = r.cohorts.some((c) => c.revenue);
  const withNps = r.cohorts.some((c) => c.nps);
  const others = COHORT_TABLES.filter((t) => t !== show && missingForTable(r, t) === null);
  if (withRevenue || withNps || others.length > 0) out.push('', `Also: ${others.map((t) => `--show ${t}`).join(', ')}; every table is in --json.`);
  if (r.oneEventCustomers > 0) out.push('', `${int(r.oneEventCustomers)} customers have a single event (counted in their cohort, never returning).`);
  for (const w of r.warnings) out.push(`Note: ${w}`);
  return out.join('\n');
}
