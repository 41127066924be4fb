// `cxw cohorts` for people: the summary, then the retention table (cohort × period, % of the cohort active; a
// period not yet fully observed ends in "*"), the pooled curve of each split group, and the notes.
import type { CohortRow, CohortsResult } from '../../../shared/monitor-cohorts';
import { table } from '../format';

const int = (n: number) => n.toLocaleString('en-US');
/** Columns shown in a terminal; the JSON has every period. */
const MAX_PERIODS = 13;

const cell = (x: number, incomplete: boolean) => `${Math.round(100 * x)}%${incomplete ? '*' : ''}`;

function retentionTable(r: CohortsResult, rows: CohortRow[], periods: number): string {
  const split = r.split !== null;
  const header = [...(split ? ['group'] : []), 'cohort', 'customers', ...Array.from({ length: periods }, (_, p) => `${r.unit[0]}${p}`)];
  return table(
    header,
    rows.map((c) => [
      ...(split ? [String(c.group)] : []),
      c.cohort,
      int(c.size),
      ...Array.from({ length: periods }, (_, p) => (p < c.retention.length ? cell(c.retention[p], c.incomplete[p]) : '')),
    ]),
  );
}

export function formatCohorts(r: CohortsResult): string {
  const periods = Math.min(r.periods, MAX_PERIODS);
  const out = [
    r.summary,
    '',
    `${r.cohorts.length} ${r.unit}ly cohorts, ${int(r.customers)} customers, ${int(r.events)} events, observed ${r.firstDay} to ${r.observedThrough} (${r.periodDefinition}).`,
    `Retention: share of each cohort with an event in ${r.unit} p since their first (p = 0 is 100% by definition). * = not yet fully observed.`,
    '',
    retentionTable(r, r.cohorts, periods),
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
  if (withRevenue || withNps) out.push('', `Repeat purchase${withRevenue ? ', revenue per customer' : ''}${withNps ? ', NPS' : ''} per cohort and ${r.unit}: in --json.`);
  if (r.oneEventCustomers > 0) out.push('', `${int(r.oneEventCustomers)} customers have a single event (counted in their cohort, never returning).`);
  for (const w of r.warnings) out.push(`Note: ${w}`);
  return out.join('\n');
}
