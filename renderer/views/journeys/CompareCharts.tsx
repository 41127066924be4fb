// Compare groups (segments or channels): the funnel as grouped bars (share of each group reaching each stage, or
// journeys) and the satisfaction per stage per group with 95% intervals.
import { useCallback, useMemo, useState } from 'react';
import { SegmentedControl } from '@mantine/core';
import type { Data, Layout } from 'plotly.js';
import type { JourneyGroup } from '../../../shared/journeys';
import { PlotlyChart } from '../../charts/PlotlyChart';
import { segmentColor, segmentDash, segmentPattern, segmentSymbol } from '../../charts/palette';
import type { ChartTheme } from '../../charts/plotly';
import { formatCount, formatPct } from '../../lib/format';
import { escapeHtml, planGroupFunnel, wrapLabel } from './figures';
import { SIDE_STEP_MARKER, splitSideSteps } from './side-steps';
import { groupedFunnelSummary, groupedFunnelTable, groupedSatisfactionSummary, groupedSatisfactionTable } from '../../charts/journey-tables';

export interface ColoredGroup extends JourneyGroup {
  color: string;
  /** Its place in the palette: the same index gives its marker shape, line dash and bar pattern (not colour alone). */
  mark: number;
}

/** Segments keep their colour from the Segments view (by index); channels take the palette in order. */
export function colorGroups(groups: JourneyGroup[], segments: { index: number; name: string }[] | null, by: 'segment' | 'channel'): ColoredGroup[] {
  return groups.map((g, i) => {
    const seg = by === 'segment' ? segments?.find((s) => s.name === g.group) : undefined;
    const mark = seg ? seg.index : i;
    return { ...g, color: segmentColor(mark), mark };
  });
}

export function GroupedFunnel({ groups: all, by, name }: { groups: ColoredGroup[]; by: string; name: string }) {
  const [measure, setMeasure] = useState<'share' | 'count'>('share');
  // A group that never enters the funnel would draw only zeros: it is left out and named under the chart.
  const plan = useMemo(() => planGroupFunnel(all), [all]);
  const groups = plan.shown;
  const first = all[0]?.funnel[0]?.stage ?? 'the first stage';
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
            // A fill pattern per group over its colour (overlay: the colour stays the background), so neighbouring bars part
            // without telling hues apart.
            marker: { color: g.color, line: { width: 0 }, pattern: { shape: segmentPattern(g.mark), fillmode: 'overlay', fgcolor: t.paper, fgopacity: 0.6, size: 7, solidity: 0.3 } },
            // Whole percentages without the sign (the axis says %) stay readable on narrow bars; counts are
            // wider, so with more than two groups they are left to the hover.
            text: g.funnel.map((f) => (measure === 'share' ? String(Math.round(f.conversion * 100)) : formatCount(f.customers))),
            textposition: groups.length > 4 || (measure === 'count' && groups.length > 2) ? 'none' : 'outside',
            constraintext: 'none',
            cliponaxis: false,
            // 12 px at least: the figures are read off a projector.
            textfont: { size: groups.length >= 3 ? 12 : 13, color: t.text },
            customdata: g.funnel.map((f) => [formatCount(f.customers), formatPct(f.conversion * 100), formatCount(f.dropOff), formatPct(f.dropOffRate * 100)]),
            hovertemplate: `${escapeHtml(g.group)} · %{x}<br>%{customdata[0]} journeys (%{customdata[1]} of the group)<br>lost since previous stage: %{customdata[2]} (%{customdata[3]})<extra></extra>`,
          }) as Data,
      );
      return {
        data,
        layout: {
          barmode: 'group',
          // Gaps between a stage's bars keep neighbouring labels ("100 100 100") apart at 1366 px.
          bargap: 0.12,
          bargroupgap: 0.1,
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
      table={groupedFunnelTable(groups)}
      summary={groupedFunnelSummary(groups)}
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
      caption={
        <>
          {`Journeys of each ${by} reaching each stage after every earlier stage, in order${measure === 'share' ? ', as a percentage of the group' : ''}. Legend: group and its journeys. Hover a bar for the exact figures.`}
          {plan.outside.map((g) => (
            <span key={g.group} className="cxw-jny-funnel-note">
              Not drawn: {g.group} ({formatCount(g.customers)} journeys): none of them has a {first} event, where the funnel starts.
            </span>
          ))}
          {plan.stalled.map(({ group: g, stage }) => (
            <span key={g.group} className="cxw-jny-funnel-note">
              {g.group}: none of its {formatCount(g.customers)} journeys reaches {stage} in order (bars at 0 from there on).
            </span>
          ))}
        </>
      }
    />
  );
}

export function GroupedSatisfaction({ groups, by, scale, name, sideSteps = [] }: { groups: ColoredGroup[]; by: string; scale: [number, number]; name: string; sideSteps?: string[] }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const stages = groups[0]?.stages.map((s) => s.stage) ?? [];
      const label = (stage: string) => (sideSteps.includes(stage) ? `${wrapLabel(stage, 16)}<br><i>side step</i>` : wrapLabel(stage, 16));
      type Stage = ColoredGroup['stages'][number];
      // Per group: the line joins its funnel stages; side steps are open diamonds in the group's colour, not joined
      // (the same treatment as the overall curve). offsetgroup keeps a group's diamonds beside its own dots.
      const trace = (g: ColoredGroup, list: Stage[], side: boolean): Data => {
        const sat = list.map((s) => s.satisfaction);
        return {
          type: 'scatter',
          mode: side ? 'markers' : 'lines+markers',
          name: escapeHtml(g.group),
          legendgroup: g.group,
          showlegend: !side,
          offsetgroup: g.group,
          x: list.map((s) => label(s.stage)),
          y: sat.map((s) => s?.mean ?? null),
          connectgaps: false,
          // Marker shape and dash as well as colour (side steps keep the open diamond of every satisfaction chart).
          line: { color: g.color, width: 2.5, dash: segmentDash(g.mark) },
          marker: side
            ? { color: g.color, size: SIDE_STEP_MARKER.size, symbol: SIDE_STEP_MARKER.symbol, line: { color: g.color, width: SIDE_STEP_MARKER.lineWidth } }
            : { color: g.color, size: 11, symbol: segmentSymbol(g.mark) },
          error_y: { type: 'data', symmetric: false, array: sat.map((s) => (s?.ci ? s.ci[1] - s.mean : 0)), arrayminus: sat.map((s) => (s?.ci ? s.mean - s.ci[0] : 0)), color: g.color, thickness: 1.2, width: 5 },
          customdata: sat.map((s) => [s ? formatCount(s.n) : '0']),
          hovertemplate: `${escapeHtml(g.group)} · %{x}<br>${side ? 'side step · ' : ''}mean %{y:.2f} · %{customdata[0]} ratings<extra></extra>`,
        } as Data;
      };
      const data: Data[] = groups.flatMap((g) => {
        const { funnel, side } = splitSideSteps(g.stages, (s) => sideSteps.includes(s.stage));
        return side.length > 0 ? [trace(g, funnel, false), trace(g, side, true)] : [trace(g, funnel, false)];
      });
      const pad = (scale[1] - scale[0] || 1) * 0.08;
      return {
        data,
        layout: {
          scattermode: 'group',
          scattergap: 0.5,
          margin: { l: 64, r: 16, t: 40, b: 72 },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 14, color: t.text } },
          // Every stage in stage order (each group's line alone would list its funnel stages first).
          xaxis: { tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)', categoryorder: 'array', categoryarray: stages.map(label) },
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
      table={groupedSatisfactionTable(groups, sideSteps)}
      summary={groupedSatisfactionSummary(groups)}
      caption={`Mean rating per stage for each group, with 95% confidence intervals; where the bars overlap, the difference may be chance.${
        sideSteps.length > 0 ? ` Side steps (${sideSteps.join(', ')}) are open diamonds, not joined to the line: not every journey goes through them.` : ''
      }`}
    />
  );
}
