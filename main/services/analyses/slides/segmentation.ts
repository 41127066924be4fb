// Segmentation slides: segment cards (a grid), segment sizes, a profile table and the k sweep. Segments split the
// segmented customers, so sizes are a partition with the segmentation's row count as total. Cards carry the size as
// their figure and describe a segment in words without numbers (a segment's means are figures of a group: they go in
// the profile table, with the segment's size as base, where disclosure control can judge them).
import { DISCLOSURE_DEFAULT_MIN_CELL, type Cell, type TableColumn } from '../../../../shared/decks';
import type { SegmentCard } from '../../../../shared/segments';
import type { OutputOf, SpecOf } from '../types';
import { count, decimal, npsFigure, num, percent, plural, share } from './figures';
import type { SlideKindDef } from './types';

type SegOut = OutputOf<'segment.run'>;
type Def = SlideKindDef<SegOut, SpecOf<'segment.run'>>;

/** Distinguishing features in words only: "higher monthly_spend", "lower age" (the numbers live in the table). */
function traits(c: SegmentCard, max = 3): string[] {
  return c.distinguishing.slice(0, max).map((d) => `${d.direction === 'higher' ? 'Higher' : 'Lower'} ${d.feature}`);
}

function largest(r: SegOut): SegmentCard | undefined {
  return [...r.segments].sort((a, b) => b.size - a.size)[0];
}

function sizeHeadline(r: SegOut): string {
  const top = largest(r);
  if (!top) return `No segments (n = ${num(r.rows)}).`;
  return `${plural(r.k, 'segment')} of ${num(r.rows)} customers; the largest, “${top.name}”, holds ${percent(top.share)} (n = ${num(top.size)}).`;
}

const total = (r: SegOut) => count(r.rows);

export const segmentationSlides: Def[] = [
  {
    kind: 'segmentation.cards',
    label: 'Segment cards',
    byDefault: true,
    build: (r, spec) => ({
      title: `Segments of ${spec.dataset}`,
      headline: sizeHeadline(r),
      notes: `${r.method} Each card's number is its size; what sets a segment apart is listed in words, most distinctive first (the profile slide has the figures).`,
      layout: 'grid',
      body: [
        {
          type: 'cards',
          cards: r.segments.map((c) => ({ title: c.name, figure: count(c.size), lines: traits(c), tone: 'neutral' as const })),
          partition: true,
        },
      ],
    }),
  },
  {
    kind: 'segmentation.sizes',
    label: 'Segment sizes',
    byDefault: true,
    build: (r, spec) => ({
      title: `Segment sizes: ${spec.dataset}`,
      headline: sizeHeadline(r),
      notes: `${num(r.rows)} customers segmented${r.excludedRows ? `; ${plural(r.excludedRows, 'row')} left out for missing values` : ''}. Silhouette ${r.silhouette.toFixed(3)} (1 = perfectly separated, 0 = overlapping).`,
      body: [
        {
          type: 'chart',
          title: 'Customers per segment',
          chart: {
            kind: 'bar',
            orientation: 'horizontal',
            categories: r.segments.map((c) => c.name),
            series: [{ name: 'Customers', values: r.segments.map((c) => count(c.size)) }],
            valueAxis: 'Customers',
            partition: true,
          },
          summary: `How the ${num(r.rows)} segmented customers split across ${plural(r.k, 'segment')}.`,
        },
      ],
    }),
  },
  {
    kind: 'segmentation.profile',
    label: 'Segment profile table',
    byDefault: false,
    build: (r, spec) => {
      const withNps = r.segments.some((c) => c.nps);
      const outcomeCols = [...new Set(r.segments.flatMap((c) => c.outcomes.map((o) => o.column)))].slice(0, 2);
      const columns: TableColumn[] = [
        { key: 'segment', label: 'Segment' },
        { key: 'size', label: 'Customers', align: 'right' },
        { key: 'share', label: 'Share', align: 'right' },
        ...(withNps ? [{ key: 'nps', label: 'NPS (95% CI)', align: 'right' as const }] : []),
        ...outcomeCols.map((c) => ({ key: `o:${c}`, label: c, align: 'right' as const })),
      ];
      const rows = r.segments.map((c) => {
        const row: Record<string, Cell> = {
          segment: c.name,
          size: count(c.size),
          share: share(c.share, c.size),
        };
        if (withNps) row.nps = c.nps ? npsFigure(c.nps.value, c.nps.n, c.nps.ci) : null;
        for (const col of outcomeCols) {
          const o = c.outcomes.find((x) => x.column === col);
          row[`o:${col}`] = o ? share(o.rate.value, o.rate.n, o.rate.ci) : null;
        }
        return row;
      });
      const safe = r.segments.filter((c) => c.nps && c.nps.value !== null && c.nps.n >= Math.max(30, DISCLOSURE_DEFAULT_MIN_CELL)).sort((a, b) => (b.nps?.value ?? 0) - (a.nps?.value ?? 0));
      const best = safe[0];
      return {
        title: `Segment profile: ${spec.dataset}`,
        headline: best?.nps ? `“${best.name}” has the highest NPS, ${best.nps.value! > 0 ? '+' : ''}${best.nps.value!.toFixed(1)} (n = ${num(best.nps.n)}).` : sizeHeadline(r),
        notes: `Size, share${withNps ? ', NPS' : ''}${outcomeCols.length ? ` and ${outcomeCols.join(', ')}` : ''} per segment; each figure is computed from that segment's customers.`,
        body: [{ type: 'table', columns, rows, partition: true, total: { segment: 'All segmented customers', size: total(r), share: share(1, r.rows) } }],
      };
    },
  },
  {
    kind: 'segmentation.kSweep',
    label: 'k sweep',
    byDefault: false,
    available: (r) => (r.kScores?.length ?? 0) > 1,
    build: (r, spec) => {
      const ks = r.kScores ?? [];
      const best = [...ks].sort((a, b) => b.silhouette - a.silhouette)[0];
      return {
        title: `How many segments? ${spec.dataset}`,
        headline: r.recommendation ? `${r.recommendation.reason.replace(/\.\s*$/, '')} (n = ${num(r.rows)}).` : `k = ${best?.k} has the highest silhouette, ${best?.silhouette.toFixed(2)} (n = ${num(r.rows)}).`,
        notes: `Silhouette of each k from ${ks[0]?.k} to ${ks.at(-1)?.k} (higher = better separated); the chosen k is ${r.k}.`,
        body: [
          {
            type: 'chart',
            title: 'Silhouette by number of segments',
            chart: {
              kind: 'line',
              x: ks.map((s) => s.k),
              series: [{ name: 'Silhouette', values: ks.map((s) => decimal(s.silhouette, 3)) }],
              xAxis: 'Segments (k)',
              yAxis: 'Silhouette',
              marker: { x: r.k, label: `chosen k = ${r.k}` },
            },
            summary: `Silhouette for k = ${ks[0]?.k}…${ks.at(-1)?.k}; the chosen k = ${r.k} is marked.`,
          },
        ],
      };
    },
  },
];
