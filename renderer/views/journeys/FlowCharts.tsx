// How journeys flow: the funnel (journeys reaching each stage in order, drop-off labelled) and the Sankey of
// transitions between steps (forward in the stage order only; self-loops and back-edges listed in the caption).
import { useCallback, useMemo, useState } from 'react';
import { SegmentedControl } from '@mantine/core';
import type { Data, Layout } from 'plotly.js';
import type { FunnelStage, JourneyStage, JourneyStep, JourneyTransition } from '../../../shared/journeys';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { segmentColor, textOn } from '../../charts/palette';
import type { ChartTheme } from '../../charts/plotly';
import { formatCount, formatPct } from '../../lib/format';
import { dropOffLabel, formatDuration, planSankey, wrapLabel } from './figures';
import { maxOf } from '../../../shared/extent';
import { funnelSummary, funnelTable, transitionsSummary, transitionsTable } from '../../charts/journey-tables';

/** Drop-off in an orange that keeps 4.5:1 contrast on both chart backgrounds. */
export const dropColor = (t: ChartTheme) => (t.dark ? '#FF9F5A' : '#B3470A');

export function FunnelChart({ funnel, name, sideSteps = [] }: { funnel: FunnelStage[]; name: string; sideSteps?: string[] }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const labels = funnel.map((f) => wrapLabel(f.stage, 22));
      const first = funnel[0]?.customers ?? 0;
      const data: Data[] = [
        {
          type: 'funnel',
          y: labels,
          x: funnel.map((f) => f.customers),
          text: funnel.map((f) => `<b>${formatCount(f.customers)}</b>  ${formatPct(f.conversion * 100)}`),
          textinfo: 'text',
          textposition: 'auto',
          insidetextfont: { size: 16, color: textOn(t.dark ? '#8C9EFF' : '#3B5BDB') },
          outsidetextfont: { size: 16, color: t.text },
          marker: { color: t.dark ? '#8C9EFF' : '#3B5BDB', line: { width: 0 } },
          connector: { fillcolor: t.dark ? 'rgba(140,158,255,0.16)' : 'rgba(59,91,219,0.12)', line: { width: 0 } },
          customdata: funnel.map((f, i) => [formatCount(f.dropOff), formatPct(f.dropOffRate * 100), i === 0 ? 'first stage' : 'lost since the previous stage']),
          hovertemplate: `%{y}<br>%{x:,} journeys (%{text})<br>%{customdata[0]} %{customdata[2]} (%{customdata[1]})<extra></extra>`,
        } as unknown as Data,
      ];
      const annotations = funnel.map((f, i) => ({
        xref: 'paper' as const,
        yref: 'y' as const,
        x: 1,
        y: labels[i],
        xanchor: 'left' as const,
        text: i === 0 ? `<span style="color:${t.muted}">${formatCount(first)} start</span>` : `<b>${dropOffLabel(f.dropOff, f.dropOffRate, false, funnel[i - 1].customers)}</b>`,
        showarrow: false,
        font: { size: 15, color: i === 0 ? t.muted : dropColor(t) },
      }));
      return {
        data,
        layout: {
          margin: { l: 200, r: 150, t: 8, b: 16 },
          yaxis: { tickfont: { size: 15, color: t.text }, gridcolor: 'rgba(0,0,0,0)' },
          xaxis: { visible: false },
          annotations,
          showlegend: false,
        } as Partial<Layout>,
      };
    },
    [funnel],
  );
  return (
    <PlotlyChart
      title="Funnel: journeys reaching each stage in order"
      exportName={`${name} funnel`}
      figure={figure}
      height={Math.max(260, 40 + funnel.length * 58)}
      table={funnelTable(funnel)}
      summary={funnelSummary(funnel)}
      caption={`Each bar counts the journeys that reached this stage after every earlier stage, in order; the percentage is of the first stage. Right: journeys lost since the previous stage.${
        sideSteps.length ? ` Side steps left out of the funnel: ${sideSteps.join(', ')}.` : ''
      }`}
    />
  );
}

const SANKEY_LIMIT = 30;
/** "Main flows": transitions taken by at least this share of the journeys; thin bands and their small nodes crowd the labels. */
const MAIN_SHARE = 0.02;

interface SankeyProps {
  /** All journeys (the base of the main-flows threshold). */
  journeys: number;
  transitions: JourneyTransition[];
  stages: JourneyStage[];
  steps: JourneyStep[];
  name: string;
}

export function TransitionSankey({ journeys, transitions, stages, steps, name }: SankeyProps) {
  const [scope, setScope] = useState<'main' | 'all'>('main');
  const minCustomers = scope === 'main' ? Math.ceil(journeys * MAIN_SHARE) : 0;
  const plan = useMemo(() => planSankey(transitions, stages, SANKEY_LIMIT, minCustomers), [transitions, stages, minCustomers]);
  const customersOf = useMemo(() => new Map(steps.map((s) => [s.step, s.customers])), [steps]);
  const figure = useCallback(
    (t: ChartTheme) => {
      const nodeColors = plan.nodes.map((n) => segmentColor(n.stageIndex));
      // Many steps mean narrow columns: smaller, narrower labels so they stay within the gap to the next column.
      const crowded = plan.nodes.length > 8;
      const labels = plan.nodes.map((n) => `${wrapLabel(n.step, crowded ? 12 : 14)}<br><b>${formatCount(customersOf.get(n.step) ?? 0)}</b>`);
      // Plotly writes the last column's labels to the left of its nodes, onto the labels of the column before. An
      // invisible end node, fed by hair-thin transparent links from every step without a drawn successor, takes the
      // last column, so every label reads left to right in the space after its node.
      const end = plan.nodes.length;
      const sinks = plan.nodes.map((_, i) => i).filter((i) => !plan.links.some((l) => l.source === i));
      const eps = Math.max(maxOf(plan.links.map((l) => l.customers)), 1) * 1e-6;
      const data: Data[] = [
        {
          type: 'sankey',
          arrangement: 'snap',
          valueformat: ',d',
          valuesuffix: ' journeys',
          node: {
            label: [...labels, ''],
            color: [...nodeColors, 'rgba(0,0,0,0)'],
            pad: 26,
            thickness: 16,
            line: { width: 0 },
            hovertemplate: '%{label}<extra></extra>',
          },
          link: {
            source: [...plan.links.map((l) => l.source), ...sinks],
            target: [...plan.links.map((l) => l.target), ...sinks.map(() => end)],
            value: [...plan.links.map((l) => l.customers), ...sinks.map(() => eps)],
            color: [...plan.links.map((l) => rgba(nodeColors[l.source], t.dark ? 0.42 : 0.32)), ...sinks.map(() => 'rgba(0,0,0,0)')],
            customdata: plan.links.map((l) => [formatCount(l.events), formatDuration(l.medianSeconds)]),
            hovertemplate: '%{source.label} → %{target.label}<br>%{value:,} journeys · %{customdata[0]} times<br>median gap %{customdata[1]}<extra></extra>',
          },
          textfont: { size: crowded ? 12 : 14, color: t.text },
        } as unknown as Data,
      ];
      // Labels are centred on their node: a small node at the top or bottom needs room for a few lines of label.
      return { data, layout: { margin: { l: 16, r: 8, t: 44, b: 44 } } as Partial<Layout> };
    },
    [plan, customersOf],
  );
  const left: string[] = [];
  if (plan.selfLoops.length)
    left.push(
      `${formatCount(plan.selfLoops.length)} repeat${plan.selfLoops.length === 1 ? '' : 's'} of the same step (${plan.selfLoops
        .slice(0, 3)
        .map((l) => `${l.from} again: ${formatCount(l.customers)} journeys`)
        .join('; ')}${plan.selfLoops.length > 3 ? '; …' : ''}) — a Sankey cannot draw a band back into the same node`,
    );
  if (plan.backEdges.length)
    left.push(
      `${formatCount(plan.backEdges.length)} backward transition${plan.backEdges.length === 1 ? '' : 's'} against the stage order (largest: ${plan.backEdges
        .slice(0, 2)
        .map((l) => `${l.from} → ${l.to}, ${formatCount(l.customers)} journeys`)
        .join('; ')}) — drawn, they would form cycles the Sankey cannot lay out`,
    );
  if (plan.hidden.length)
    left.push(
      `${formatCount(plan.hidden.length)} smaller forward transition${plan.hidden.length === 1 ? '' : 's'} (${
        scope === 'main' ? `main flows: taken by at least ${MAIN_SHARE * 100}% of journeys, ${formatCount(minCustomers)}` : `only the ${SANKEY_LIMIT} largest are drawn`
      })`,
    );
  return (
    <PlotlyChart
      title="Transitions between steps"
      exportName={`${name} transitions`}
      figure={figure}
      height={Math.max(420, Math.min(760, 200 + plan.nodes.length * 34))}
      table={transitionsTable(plan)}
      summary={transitionsSummary(plan)}
      actions={
        <SegmentedControl
          size="xs"
          value={scope}
          onChange={(v) => setScope(v as 'main' | 'all')}
          data={[
            { value: 'main', label: 'Main flows' },
            { value: 'all', label: `Top ${SANKEY_LIMIT}` },
          ]}
          aria-label="Transitions drawn"
        />
      }
      caption={
        <>
          Band width: journeys that went directly from one step to the next; node colour: stage; the number beside a step is the journeys that
          reached it. Drawn left to right in stage order.
          {left.length > 0 && <> Not drawn: {left.join('; ')}. Every transition is listed under Paths & steps.</>}
        </>
      }
    />
  );
}

function rgba(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

