// NPS and collection-context slides. Every group figure carries its number of answers (the base disclosure control
// judges), and the groups of one result split one set of answers, so their tables and bars are partitions.
// Headlines name a group only when it has at least the result's own minimum of answers (minN, default 30) and
// at least the default disclosure threshold: a pre-filled sentence never rests on a handful of people.
import { DISCLOSURE_DEFAULT_MIN_CELL, type SlideBlock, type TableColumn } from '../../../../shared/decks';
import type { NpsGroup, NpsSummary } from '../../../../shared/nps';
import type { OutputOf, SpecOf } from '../types';
import { count, npsFigure, num, percent, plural, share, signed } from './figures';
import type { SlideKindDef } from './types';

type NpsOut = OutputOf<'nps.analyze'>;
type CtxOut = OutputOf<'nps.context'>;

const base = (n: number) => `n = ${num(n)}`;
/** Groups a by-group slide shows as a table beside its chart; more go to their own table slide (nps.groupTable). */
const TABLE_BESIDE_CHART = 6;
const headlineSafe = (g: Pick<NpsGroup, 'n' | 'nps'>, minN: number) => g.nps !== null && g.n >= Math.max(minN, DISCLOSURE_DEFAULT_MIN_CELL);

/** "Promoters outnumber detractors: NPS +23.4 (n = 1,000)". */
export function npsHeadline(o: NpsSummary): string {
  if (o.nps === null || o.n === 0) return 'No answers to measure an NPS from (n = 0).';
  const who = o.promoters > o.detractors ? 'Promoters outnumber detractors' : o.promoters < o.detractors ? 'Detractors outnumber promoters' : 'Promoters and detractors balance out';
  return `${who}: NPS ${signed(o.nps)} (${base(o.n)}).`;
}

function overallFigures(o: NpsSummary): SlideBlock {
  const of = (x: number) => (o.n ? x / o.n : null);
  return {
    type: 'figures',
    items: [
      { label: 'NPS', figure: npsFigure(o.nps, o.n, o.ci) },
      { label: 'Promoters (9–10)', figure: share(of(o.promoters), o.n) },
      { label: 'Passives (7–8)', figure: share(of(o.passives), o.n) },
      { label: 'Detractors (0–6)', figure: share(of(o.detractors), o.n) },
      { label: 'Answers', figure: count(o.n) },
    ],
  };
}

const groupingWords = (spec: SpecOf<'nps.analyze'>) => (spec.by ? spec.by : spec.segmentation ? `segment of “${spec.segmentation}”` : 'group');

function groupTable(groups: NpsGroup[], overall: NpsSummary, groupLabel: string): SlideBlock {
  const columns: TableColumn[] = [
    { key: 'group', label: groupLabel },
    { key: 'answers', label: 'Answers', align: 'right' },
    { key: 'nps', label: 'NPS (95% CI)', align: 'right' },
  ];
  // No promoter or detractor shares per group: disclosure control reads a share as share × base people, so a group
  // of 50 with 8 detractors would lose its NPS too. The shares are on the headline slide, for all answers.
  return {
    type: 'table',
    columns,
    rows: groups.map((g) => ({ group: g.group, answers: count(g.n), nps: npsFigure(g.nps, g.n, g.ci) })),
    partition: true,
    total: { group: 'All answers', answers: count(overall.n), nps: npsFigure(overall.nps, overall.n, overall.ci) },
  };
}

function groupBar(groups: NpsGroup[], overall: NpsSummary, axis: string): SlideBlock {
  return {
    type: 'chart',
    title: `NPS by ${axis}`,
    chart: {
      kind: 'bar',
      orientation: 'horizontal',
      categories: groups.map((g) => g.group),
      series: [{ name: 'NPS', values: groups.map((g) => npsFigure(g.nps, g.n, g.ci)) }],
      valueAxis: 'NPS (−100 to +100)',
      ...(overall.nps !== null ? { reference: { value: overall.nps, label: `All answers ${signed(overall.nps)}` } } : {}),
      partition: true,
    },
    summary: `NPS of each ${axis} with its 95% interval; the line is the NPS of all ${num(overall.n)} answers.`,
  };
}

function byGroupHeadline(r: NpsOut, axis: string): string {
  const safe = r.groups.filter((g) => headlineSafe(g, r.minN)).sort((a, b) => (a.nps as number) - (b.nps as number));
  if (safe.length < 2) return `NPS by ${axis}: ${plural(r.groups.length, 'group')}, too few answers in most to compare (${base(r.overall.n)}).`;
  const lo = safe[0];
  const hi = safe[safe.length - 1];
  const differs = r.test ? (r.test.pValue < 1 - r.level ? 'the groups differ' : 'the difference may be chance') : '';
  return `NPS ranges from ${signed(lo.nps)} (${lo.group}, ${base(lo.n)}) to ${signed(hi.nps)} (${hi.group}, ${base(hi.n)})${differs ? `; ${differs}` : ''}.`;
}

export const npsSlides: SlideKindDef<NpsOut, SpecOf<'nps.analyze'>>[] = [
  {
    kind: 'nps.headline',
    label: 'NPS headline',
    byDefault: true,
    build: (r, spec) => ({
      title: `NPS: ${spec.dataset}`,
      headline: npsHeadline(r.overall),
      notes:
        // The score bands are in the figure labels: digits in a sentence (“0–6”) would read to disclosure control's text
        // guard as a withheld group's count of 6 on a sibling slide, and the sentence would be withheld.
        `NPS is the share of promoters minus the share of detractors, over ${plural(r.overall.n, 'answer')} to ${spec.score}` +
        `${r.missing ? `; ${plural(r.missing, 'row')} without a score left out` : ''}. The interval is the adjusted-Wald ${Math.round(r.level * 100)}% interval.` +
        `${r.mappingNote ? ` ${r.mappingNote}` : ''}`,
      body: [overallFigures(r.overall)],
    }),
  },
  {
    kind: 'nps.byGroup',
    label: 'NPS by group',
    byDefault: true,
    available: (r) => r.groups.length > 0,
    build: (r, spec) => {
      const axis = groupingWords(spec);
      return {
        title: `NPS by ${axis}`,
        headline: byGroupHeadline(r, axis),
        notes: `${plural(r.groups.length, 'group')}; groups under ${r.minN} answers are marked small by the analysis. ${r.test ? `${r.test.method}: p ${r.test.pValue < 0.001 ? '< 0.001' : `= ${r.test.pValue.toFixed(3)}`}.` : ''}`.trim(),
        body: r.groups.length <= TABLE_BESIDE_CHART ? [groupBar(r.groups, r.overall, axis), groupTable(r.groups, r.overall, spec.by ?? 'Segment')] : [groupBar(r.groups, r.overall, axis)],
      };
    },
  },
  {
    kind: 'nps.groupTable',
    label: 'NPS by group (table)',
    byDefault: false,
    available: (r) => r.groups.length > TABLE_BESIDE_CHART,
    build: (r, spec) => {
      const axis = groupingWords(spec);
      return {
        title: `NPS by ${axis}: the figures`,
        headline: byGroupHeadline(r, axis),
        notes: `Answers and NPS with its ${Math.round(r.level * 100)}% interval in each group.`,
        body: [groupTable(r.groups, r.overall, spec.by ?? 'Segment')],
      };
    },
  },
  {
    kind: 'nps.trend',
    label: 'NPS trend',
    byDefault: false,
    available: (r) => (r.trend?.length ?? 0) > 1,
    build: (r, spec) => {
      const t = r.trend ?? [];
      const first = t.find((p) => headlineSafe(p, r.minN));
      const last = [...t].reverse().find((p) => headlineSafe(p, r.minN));
      return {
        title: `NPS by ${spec.periodUnit ?? 'month'}`,
        headline:
          first && last && first !== last
            ? `NPS went from ${signed(first.nps)} in ${first.period} (${base(first.n)}) to ${signed(last.nps)} in ${last.period} (${base(last.n)}).`
            : `NPS by ${spec.periodUnit ?? 'month'} over ${plural(t.length, 'period')} (${base(r.overall.n)}).`,
        notes: `Periods of ${spec.period}; each point carries its interval and number of answers.`,
        body: [
          {
            type: 'chart',
            title: `NPS by ${spec.periodUnit ?? 'month'}`,
            chart: { kind: 'line', x: t.map((p) => p.period), series: [{ name: 'NPS', values: t.map((p) => npsFigure(p.nps, p.n, p.ci)) }], xAxis: spec.periodUnit ?? 'month', yAxis: 'NPS' },
            summary: `NPS per ${spec.periodUnit ?? 'month'} from ${t[0]?.period} to ${t.at(-1)?.period}.`,
          },
        ],
      };
    },
  },
];

function contextHeadline(r: CtxOut): string {
  const f = r.flags.find((x) => {
    const g = r.groups.find((gr) => gr.group === x.group);
    return g && headlineSafe(g, r.minN);
  });
  if (!f) return r.flags.length ? `${plural(r.flags.length, 'collection context')} ${r.flags.length === 1 ? 'shifts' : 'shift'} the NPS (${base(r.overall.n)}).` : `No collection context shifts the NPS (${base(r.overall.n)}).`;
  const g = r.groups.find((gr) => gr.group === f.group) as NpsGroup;
  return `Answers from “${f.group}” score ${Math.abs(f.difference).toFixed(1)} points ${f.direction === 'inflated' ? 'higher' : 'lower'} than the rest (${base(g.n)}): read them apart.`;
}

export const npsContextSlides: SlideKindDef<CtxOut, SpecOf<'nps.context'>>[] = [
  {
    kind: 'npsContext.table',
    label: 'Context check',
    byDefault: true,
    build: (r, spec) => {
      const flag = new Map(r.flags.map((f) => [f.group, f]));
      const columns: TableColumn[] = [
        { key: 'context', label: 'Context' },
        { key: 'answers', label: 'Answers', align: 'right' },
        { key: 'nps', label: 'NPS (95% CI)', align: 'right' },
        { key: 'flag', label: 'Against the rest' },
      ];
      const bar: SlideBlock = {
        type: 'chart',
        title: spec.context ? `NPS by ${spec.context}` : 'NPS by days since the event',
        chart: {
          kind: 'bar',
          orientation: 'horizontal',
          categories: r.groups.map((g) => g.group),
          series: [{ name: 'NPS', values: r.groups.map((g) => npsFigure(g.nps, g.n, g.ci)) }],
          valueAxis: 'NPS (−100 to +100)',
          ...(r.overall.nps !== null ? { reference: { value: r.overall.nps, label: `All answers ${signed(r.overall.nps)}` } } : {}),
          partition: true,
        },
        summary: `NPS in each collection context with its interval; the line is the NPS of all ${num(r.overall.n)} answers.`,
      };
      return {
        title: `Collection context: ${spec.dataset}`,
        headline: contextHeadline(r),
        notes: `NPS of each ${r.context} against all other answers pooled (Holm-adjusted, ${Math.round(r.level * 100)}% level). A flagged context measures the moment of asking as much as the customer: report it separately. Overall NPS ${signed(r.overall.nps)} from ${plural(r.overall.n, 'answer')}; promoters ${percent(r.overall.n ? r.overall.promoters / r.overall.n : null)}.`,
        body: [
          bar,
          {
            type: 'table',
            columns,
            rows: r.groups.map((g) => {
              const f = flag.get(g.group);
              return { context: g.group, answers: count(g.n), nps: npsFigure(g.nps, g.n, g.ci), flag: f ? (f.direction === 'inflated' ? 'higher: inflated' : 'lower: deflated') : 'in line' };
            }),
            partition: true,
            total: { context: 'All answers', answers: count(r.overall.n), nps: npsFigure(r.overall.nps, r.overall.n, r.overall.ci) },
            caption: `Compared: ${r.context}.`,
          },
        ],
      };
    },
  },
];
