// Journey slides: the funnel, the flow between steps (from the directly-follows transitions) and the pain points.
// Funnel stages are nested (each a subset of the one before), not a partition; each stage's count is its own base.
// The journey map is not offered here: it is a separate document (journey_maps) whose measured cards hold their
// numbers inside free text, which disclosure control cannot judge figure by figure.
import { DISCLOSURE_DEFAULT_MIN_CELL, type TableColumn } from '../../../../shared/decks';
import type { OutputOf, SpecOf } from '../types';
import { count, decimal, mean, num, percent, plural, share } from './figures';
import type { SlideKindDef } from './types';

type JOut = OutputOf<'journey.analyze'>;
type Def = SlideKindDef<JOut, SpecOf<'journey.analyze'>>;

/** Links drawn in the flow: the busiest, so the diagram stays readable on a projector. */
const MAX_LINKS = 15;

function funnelHeadline(r: JOut): string {
  const first = r.funnel[0];
  const last = r.funnel.at(-1);
  if (!first || !last || r.funnel.length < 2) return `${plural(r.customers, 'journey')} over ${plural(r.stages.length, 'stage')} (n = ${num(r.customers)}).`;
  const worst = r.funnel.slice(1).filter((s) => s.dropOff >= DISCLOSURE_DEFAULT_MIN_CELL).sort((a, b) => b.dropOffRate - a.dropOffRate)[0];
  const loss = worst ? `; the biggest loss is before ${worst.stage} (${percent(worst.dropOffRate)} drop off)` : '';
  return `${percent(last.conversion)} of journeys reach ${last.stage} (n = ${num(last.customers)} of ${num(first.customers)})${loss}.`;
}

export const journeySlides: Def[] = [
  {
    kind: 'journey.funnel',
    label: 'Journey funnel',
    byDefault: true,
    available: (r) => r.funnel.length > 0,
    build: (r, spec) => {
      const first = r.funnel[0]?.customers ?? 0;
      const columns: TableColumn[] = [
        { key: 'stage', label: 'Stage' },
        { key: 'customers', label: 'Journeys', align: 'right' },
        { key: 'conversion', label: 'Of the first stage', align: 'right' },
        { key: 'dropOff', label: 'Dropped before', align: 'right' },
      ];
      return {
        title: `Journey funnel: ${spec.dataset}`,
        headline: funnelHeadline(r),
        notes: `${plural(r.customers, 'journey')}, ${plural(r.events, 'event')}. A journey counts at a stage when it reached every earlier stage first, in order. ${r.orderNote}`,
        body: [
          { type: 'chart', title: 'Journeys reaching each stage', chart: { kind: 'funnel', steps: r.funnel.map((s) => ({ label: s.stage, figure: count(s.customers) })) }, summary: `Journeys reaching each of ${plural(r.funnel.length, 'stage')} in order, from ${num(first)} at ${r.funnel[0]?.stage}.` },
          {
            type: 'table',
            columns,
            rows: r.funnel.map((s, i) => ({
              stage: s.stage,
              customers: count(s.customers),
              conversion: share(first ? s.customers / first : null, first),
              dropOff: i === 0 ? null : count(s.dropOff),
            })),
          },
        ],
      };
    },
  },
  {
    kind: 'journey.flow',
    label: 'Journey flow',
    byDefault: false,
    available: (r) => r.transitions.length > 0,
    build: (r, spec) => {
      const links = [...r.transitions].filter((t) => t.from !== t.to).sort((a, b) => b.customers - a.customers).slice(0, MAX_LINKS);
      const nodes = [...new Set(links.flatMap((l) => [l.from, l.to]))];
      const top = links[0];
      return {
        title: `How journeys move: ${spec.dataset}`,
        headline: top ? `The busiest path is ${top.from} → ${top.to}, taken by ${num(top.customers)} journeys (n = ${num(r.customers)}).` : `No step follows another (n = ${num(r.customers)}).`,
        notes: `The ${links.length} busiest of ${plural(r.transitions.length, 'direct step-to-step move')}; each link counts the journeys that made that move at least once. Repeats of a step (${r.transitions.filter((t) => t.from === t.to).length} kinds) are left out of the picture.`,
        body: [{ type: 'chart', title: 'Journeys between steps', chart: { kind: 'flow', nodes, links: links.map((l) => ({ from: l.from, to: l.to, figure: count(l.customers) })) }, summary: `The ${links.length} most common moves between steps, sized by journeys.` }],
      };
    },
  },
  {
    kind: 'journey.painPoints',
    label: 'Pain points',
    byDefault: true,
    available: (r) => r.painPoints.length > 0,
    build: (r, spec) => {
      const stageOf = new Map(r.stages.map((s) => [s.stage, s]));
      const funnelAt = new Map(r.funnel.map((s, i) => [s.stage, { stage: s, previous: r.funnel[i - 1] }]));
      const columns: TableColumn[] = [
        { key: 'stage', label: 'Stage' },
        { key: 'dropOff', label: 'Drop-off', align: 'right' },
        { key: 'satisfaction', label: 'Satisfaction', align: 'right' },
        { key: 'score', label: 'Pain score', align: 'right' },
      ];
      const worst = r.painPoints[0];
      const scale = r.satisfactionScale ? ` on ${r.satisfactionScale[0]}–${r.satisfactionScale[1]}` : '';
      return {
        title: `Pain points: ${spec.dataset}`,
        headline: worst ? `${worst.stage} hurts most: ${percent(worst.dropOffRate)} drop off before it${worst.meanSatisfaction !== null ? `, satisfaction ${worst.meanSatisfaction.toFixed(1)}${scale}` : ''} (n = ${num(funnelAt.get(worst.stage)?.previous?.customers ?? r.customers)}).` : 'No pain points.',
        notes: 'Pain score = drop-off rate × (1 − satisfaction on a 0–1 scale): higher is worse. Drop-off is over the journeys that reached the stage before; satisfaction over the stage’s rated events.',
        body: [
          {
            type: 'table',
            columns,
            rows: r.painPoints.slice(0, 10).map((p) => {
              const prev = funnelAt.get(p.stage)?.previous?.customers ?? r.customers;
              const sat = stageOf.get(p.stage)?.satisfaction;
              return { stage: p.stage, dropOff: share(p.dropOffRate, prev), satisfaction: p.meanSatisfaction !== null ? mean(p.meanSatisfaction, sat?.n ?? prev, 2, sat && sat.mean === p.meanSatisfaction ? sat.ci : null) : null, score: { ...decimal(p.score, 3), base: prev } };
            }),
          },
        ],
      };
    },
  },
];
