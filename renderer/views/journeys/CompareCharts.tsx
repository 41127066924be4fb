// Compare groups (segments or channels): the funnel as grouped bars (share of each group reaching each stage, or
// journeys) and the satisfaction per stage per group with 95% intervals.
import { useCallback, useState } from 'react';
import { SegmentedControl } from '@mantine/core';
import type { Data, Layout } from 'plotly.js';
import type { JourneyGroup } from '../../../shared/journeys';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { segmentColor } from '../../charts/palette';
import type { ChartTheme } from '../../charts/plotly';
import { formatCount, formatPct } from '../../lib/format';
import { escapeHtml, wrapLabel } from './figures';

export interface ColoredGroup extends JourneyGroup {
  color: string;
}

/** Segments keep their colour from the Segments view (by index); channels take the palette in order. */
export function colorGroups(groups: JourneyGroup[], segments: { index: number; name: string }[] | null, by: 'segment' | 'channel'): ColoredGroup[] {
  return groups.map((g, i) => {
    const seg = by === 'segment' ? segments?.find((s) => s.name === g.group) : undefined;
    return { ...g, color: segmentColor(seg ? seg.index : i) };
  });
}

export function GroupedFunnel({ groups, by, name }: { groups: ColoredGroup[]; by: string; name: string }) {
  const [measure, setMeasure] = useState<'share' | 'count'>('share');
  const figure = useCallback(
    (t: ChartTheme) => {
      const stages = groups[0]?.funnel.map((f) => f.stage) ?? [];
      const x = stages.map((s) => wrapLabel(s, 16));
      const data: Data[] = groups.map(
        (g) =>
          ({
            type: 'bar',
            name: `${escapeHtml(g.group)} (${formatCount(g.customers)})`,
            x,
            y: g.funnel.map((f) => (measure === 'share' ? f.conversion * 100 : f.customers)),
            marker: { color: g.color, line: { width: 0 } },
            // Whole percentages without the sign (the axis says %) stay readable on narrow bars; counts are
            // wider, so with more than two groups they are left to the hover.
            text: g.funnel.map((f) => (measure === 'share' ? String(Math.round(f.conversion * 100)) : formatCount(f.customers))),
            textposition: groups.length > 4 || (measure === 'count' && groups.length > 2) ? 'none' : 'outside',
            constraintext: 'none',
            cliponaxis: false,
            textfont: { size: groups.length > 3 ? 11 : groups.length === 3 ? 12 : 13, color: t.text },
            customdata: g.funnel.map((f) => [formatCount(f.customers), formatPct(f.conversion * 100), formatCount(f.dropOff), formatPct(f.dropOffRate * 100)]),
            hovertemplate: `${escapeHtml(g.group)} · %{x}<br>%{customdata[0]} journeys (%{customdata[1]} of the group)<br>lost since previous stage: %{customdata[2]} (%{customdata[3]})<extra></extra>`,
          }) as Data,
      );
      return {
        data,
        layout: {
          barmode: 'group',
          bargap: 0.2,
          bargroupgap: 0.04,
          margin: { l: 64, r: 16, t: 40, b: 72 },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 14, color: t.text } },
          xaxis: { tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)' },
          yaxis: measure === 'share' ? { range: [0, 112], ticksuffix: '%', title: { text: 'Share of the group' } } : { rangemode: 'tozero', title: { text: 'Journeys' } },
        } as Partial<Layout>,
      };
    },
    [groups, measure],
  );
  return (
    <PlotlyChart
      title={`Funnel by ${by}`}
      exportName={`${name} funnel by ${by}`}
      figure={figure}
      height={440}
      actions={
        <SegmentedControl
          size="xs"
          value={measure}
          onChange={(v) => setMeasure(v as 'share' | 'count')}
          data={[
            { value: 'share', label: '% of group' },
            { value: 'count', label: 'Journeys' },
          ]}
          aria-label="Funnel measure"
        />
      }
      caption={`Journeys of each ${by} reaching each stage after every earlier stage, in order${measure === 'share' ? ', as a percentage of the group' : ''}. Legend: group and its journeys. Hover a bar for the exact figures.`}
    />
  );
}

export function GroupedSatisfaction({ groups, by, scale, name, sideSteps = [] }: { groups: ColoredGroup[]; by: string; scale: [number, number]; name: string; sideSteps?: string[] }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const stages = groups[0]?.stages.map((s) => s.stage) ?? [];
      // Side steps keep their rating per group; the label says they are not funnel stages.
      const x = stages.map((s) => (sideSteps.includes(s) ? `${wrapLabel(s, 16)}<br><i>side step</i>` : wrapLabel(s, 16)));
      const data: Data[] = groups.map((g) => {
        const sat = g.stages.map((s) => s.satisfaction);
        return {
          type: 'scatter',
          mode: 'lines+markers',
          name: escapeHtml(g.group),
          x,
          y: sat.map((s) => s?.mean ?? null),
          connectgaps: false,
          line: { color: g.color, width: 2.5 },
          marker: { color: g.color, size: 10 },
          error_y: { type: 'data', symmetric: false, array: sat.map((s) => (s?.ci ? s.ci[1] - s.mean : 0)), arrayminus: sat.map((s) => (s?.ci ? s.mean - s.ci[0] : 0)), color: g.color, thickness: 1.2, width: 5 },
          customdata: sat.map((s) => [s ? formatCount(s.n) : '0']),
          hovertemplate: `${escapeHtml(g.group)} · %{x}<br>mean %{y:.2f} · %{customdata[0]} ratings<extra></extra>`,
        } as Data;
      });
      const pad = (scale[1] - scale[0] || 1) * 0.08;
      return {
        data,
        layout: {
          scattermode: 'group',
          scattergap: 0.5,
          margin: { l: 64, r: 16, t: 40, b: 72 },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 14, color: t.text } },
          xaxis: { tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)' },
          yaxis: { range: [scale[0] - pad, scale[1] + pad], title: { text: 'Mean rating' }, zeroline: false },
        } as Partial<Layout>,
      };
    },
    [groups, scale, sideSteps],
  );
  return (
    <PlotlyChart
      title={`Satisfaction by ${by}`}
      exportName={`${name} satisfaction by ${by}`}
      figure={figure}
      height={420}
      caption="Mean rating per stage for each group, with 95% confidence intervals; where the bars overlap, the difference may be chance."
    />
  );
}
