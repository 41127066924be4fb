// Cohort slides: the retention table (cohort × months/weeks since acquisition; each share's base is its cohort's
// size, and the cohorts split the customers, so the sizes are a partition) and the retention curves (pooled per
// split group, or of all cohorts). Cells not yet fully observed are words ("not yet"), never a low share. The
// headline is the result's own summary, which only names cohorts and groups of 10 or more customers.
import type { ChartSeries, TableColumn } from '../../../../shared/decks';
import type { OutputOf, SpecOf } from '../types';
import { count, num, plural, share } from './figures';
import type { SlideKindDef } from './types';

type COut = OutputOf<'cohorts.run'>;
type Def = SlideKindDef<COut, SpecOf<'cohorts.run'>>;

/** Rows and period columns a slide holds (the latest cohorts; the first periods). */
const MAX_ROWS = 12;
const MAX_PERIODS = 7;

const unitWord = (r: COut) => `${r.unit[0].toUpperCase()}${r.unit.slice(1)}`;
const definition = (r: COut) =>
  `A customer's cohort is the ${r.unit} of their first event (${r.periodDefinition}); retention in ${r.unit} p is the share of the cohort with an event in that ${r.unit}, ${r.unit} 0 being 100% by definition. Observed ${r.firstDay} to ${r.observedThrough}; "not yet" marks ${r.unit}s that end later.`;

export const cohortSlides: Def[] = [
  {
    kind: 'cohorts.retention',
    label: 'Retention by cohort',
    byDefault: true,
    available: (r) => r.cohorts.length > 0,
    build: (r, spec) => {
      const split = r.split !== null;
      const periods = Math.min(MAX_PERIODS, r.periods);
      const columns: TableColumn[] = [
        ...(split ? [{ key: 'group', label: r.split!.kind === 'segmentation' ? 'Segment' : r.split!.name }] : []),
        { key: 'cohort', label: 'Cohort' },
        { key: 'size', label: 'Customers', align: 'right' as const },
        ...Array.from({ length: periods }, (_, p) => ({ key: `p${p}`, label: `${unitWord(r)} ${p}`, align: 'right' as const })),
      ];
      // Without a split the latest cohorts; with one, every group's latest cohorts would not fit: its pooled row.
      const rows = split
        ? r.groups.map((g) => ({
            group: String(g.group),
            cohort: `${plural(g.cohorts, 'cohort')} pooled`,
            size: count(g.size),
            ...Object.fromEntries(Array.from({ length: periods }, (_, p) => [`p${p}`, g.retention[p] === null || g.retention[p] === undefined ? 'not yet' : share(g.retention[p], g.base[p])])),
          }))
        : r.cohorts.slice(-MAX_ROWS).map((c) => ({
            cohort: c.label,
            size: count(c.size),
            ...Object.fromEntries(Array.from({ length: periods }, (_, p) => [`p${p}`, p >= c.retention.length ? null : c.incomplete[p] ? 'not yet' : share(c.retention[p], c.size)])),
          }));
      const shown = split ? r.groups.length : Math.min(MAX_ROWS, r.cohorts.length);
      return {
        title: `Retention by ${r.unit}ly cohort: ${spec.dataset}`,
        headline: r.summary,
        notes: `${definition(r)} ${plural(r.customers, 'customer')} in ${plural(r.cohorts.length, 'cohort')}${split ? '' : shown < r.cohorts.length ? ` (the latest ${shown} shown)` : ''}.${split ? ' Each group row pools its cohorts over the periods they have fully observed, weighted by size.' : ''}`,
        body: [
          {
            type: 'table',
            columns,
            rows,
            partition: !split && shown === r.cohorts.length,
            caption: `Share of each ${split ? 'group' : 'cohort'} active in each ${r.unit} since their first event.`,
          },
        ],
      };
    },
  },
  {
    kind: 'cohorts.curves',
    label: 'Retention curves',
    byDefault: true,
    available: (r) => r.periods > 1 && r.groups.length > 0,
    build: (r, spec) => {
      const periods = r.periods;
      const series: ChartSeries[] = r.groups.map((g) => ({
        name: g.group === null ? 'All cohorts' : String(g.group),
        values: Array.from({ length: periods }, (_, p) => share(g.retention[p] ?? null, g.base[p] ?? 0)),
      }));
      const x = Array.from({ length: periods }, (_, p) => p);
      return {
        title: r.split ? `Does the difference last? Retention by ${r.split.kind === 'segmentation' ? 'segment' : r.split.name}` : `Retention curve: ${spec.dataset}`,
        headline: r.summary,
        notes: `${definition(r)} Each line pools cohorts over the ${r.unit}s they have fully observed, weighted by size (${num(r.customers)} customers).`,
        body: [
          {
            type: 'chart',
            title: `Retention by ${r.unit} since the first event`,
            chart: { kind: 'line', x, series, xAxis: `${unitWord(r)}s since the first event`, yAxis: 'Retention' },
            summary: r.summary,
          },
        ],
      };
    },
  },
];
