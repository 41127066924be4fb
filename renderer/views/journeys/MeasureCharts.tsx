// How journeys feel and how long they take: the satisfaction (emotion) curve per stage with 95% intervals on the
// observed scale, and box plots of the time between consecutive steps drawn from the precomputed quartiles.
// Side steps (stages left out of the funnel) keep their place along the curve but are drawn apart, as open
// diamonds not joined to the line: a support contact rated 2.5 is not a dip every journey goes through.
import { useCallback, useMemo, useState } from 'react';
import { SegmentedControl } from '@mantine/core';
import type { Data, Layout } from 'plotly.js';
import type { JourneyStage, JourneyTiming } from '../../../shared/journeys';
import { PlotlyChart } from '../../charts/PlotlyChart';
import type { ChartTheme } from '../../charts/plotly';
import { formatCount } from '../../lib/format';
import { LOG_FLOOR_SECONDS, UNIT_SECONDS, escapeHtml, formatDuration, logTicks, orderTimings, shortLabel, unitFor, wrapLabel } from './figures';
import { SIDE_STEP_MARKER, splitSideSteps } from './side-steps';
import { maxOf, minOf } from '../../../shared/extent';
import { satisfactionSummary, satisfactionTable, timingSummary, timingTable } from '../../charts/journey-tables';

export function SatisfactionCurve({ stages, scale, name }: { stages: JourneyStage[]; scale: [number, number]; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      // Horizontal labels, wrapped narrower when many stages share the axis (a slanted axis is hard to read aloud).
      const width = stages.length > 6 ? 11 : 16;
      const label = (s: JourneyStage) => (s.inFunnel ? wrapLabel(s.stage, width) : `${wrapLabel(s.stage, width)}<br><i>side step</i>`);
      const categories = stages.map(label);
      const { funnel: funnelStages, side: sideStages } = splitSideSteps(stages, (s) => !s.inFunnel);
      const x = funnelStages.map(label);
      const mean = funnelStages.map((s) => s.satisfaction?.mean ?? null);
      const up = (list: JourneyStage[]) => list.map((s) => (s.satisfaction?.ci ? s.satisfaction.ci[1] - s.satisfaction.mean : 0));
      const down = (list: JourneyStage[]) => list.map((s) => (s.satisfaction?.ci ? s.satisfaction.mean - s.satisfaction.ci[0] : 0));
      const custom = (list: JourneyStage[]) =>
        list.map((s) => [
          s.satisfaction ? formatCount(s.satisfaction.n) : '0',
          s.satisfaction?.ci ? `${s.satisfaction.ci[0].toFixed(2)}–${s.satisfaction.ci[1].toFixed(2)}` : 'too few ratings for an interval',
        ]);
      const lows = stages.flatMap((s) => (s.satisfaction?.ci ? [s.satisfaction.ci[0]] : []));
      const highs = stages.flatMap((s) => (s.satisfaction?.ci ? [s.satisfaction.ci[1]] : []));
      const lo = Math.min(scale[0], minOf(lows));
      const hi = Math.max(scale[1], maxOf(highs));
      const pad = (hi - lo || 1) * 0.08;
      const line = t.dark ? '#8C9EFF' : '#3B5BDB';
      const side = t.dark ? '#FF9F5A' : '#B3470A';
      const data: Data[] = [
        {
          type: 'scatter',
          mode: 'text+lines+markers',
          name: 'Funnel stages',
          x,
          y: mean,
          connectgaps: false,
          line: { color: line, width: 3, shape: 'spline', smoothing: 0.6 },
          marker: { color: line, size: 12, line: { color: t.paper, width: 2 } },
          error_y: { type: 'data', symmetric: false, array: up(funnelStages), arrayminus: down(funnelStages), color: t.muted, thickness: 1.5, width: 8 },
          text: mean.map((m) => (m === null ? '' : m.toFixed(2))),
          // Upper right of the dot: clear of the vertical interval bar.
          textposition: 'top right',
          textfont: { size: 15, color: t.text },
          cliponaxis: false,
          customdata: custom(funnelStages),
          hovertemplate: '%{x}<br>mean %{y:.2f} (95% CI %{customdata[1]})<br>%{customdata[0]} ratings<extra></extra>',
        } as Data,
      ];
      if (sideStages.length > 0) {
        const sideMean = sideStages.map((s) => s.satisfaction?.mean ?? null);
        data.push({
          type: 'scatter',
          mode: 'text+markers',
          name: 'Side steps (not in the funnel)',
          x: sideStages.map(label),
          y: sideMean,
          marker: { color: side, size: SIDE_STEP_MARKER.size, symbol: SIDE_STEP_MARKER.symbol, line: { color: side, width: SIDE_STEP_MARKER.lineWidth } },
          error_y: { type: 'data', symmetric: false, array: up(sideStages), arrayminus: down(sideStages), color: side, thickness: 1.5, width: 8 },
          text: sideMean.map((m) => (m === null ? '' : m.toFixed(2))),
          textposition: 'top right',
          textfont: { size: 15, color: side },
          cliponaxis: false,
          customdata: custom(sideStages),
          hovertemplate: '%{x}<br>side step · mean %{y:.2f} (95% CI %{customdata[1]})<br>%{customdata[0]} ratings<extra></extra>',
        } as Data);
      }
      return {
        data,
        layout: {
          // Room on top for the legend when side steps are drawn apart.
          margin: { l: 64, r: 32, t: sideStages.length > 0 ? 48 : 24, b: 72 },
          // A little more room after the last stage for its label.
          // Every stage in stage order (the funnel line alone would list its stages first, then the side steps).
          xaxis: { tickfont: { size: 14, color: t.text }, tickangle: 0, gridcolor: 'rgba(0,0,0,0)', range: [-0.5, stages.length - 0.25], categoryorder: 'array', categoryarray: categories },
          yaxis: { range: [lo - pad, hi + pad], title: { text: `Mean rating (scale ${fmt(scale[0])}–${fmt(scale[1])})`, font: { size: 13, color: t.muted } }, zeroline: false },
          showlegend: sideStages.length > 0,
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', font: { size: 13, color: t.text } },
        } as Partial<Layout>,
      };
    },
    [stages, scale],
  );
  const missing = stages.filter((s) => !s.satisfaction || s.satisfaction.n === 0).map((s) => s.stage);
  const sideSteps = stages.filter((s) => !s.inFunnel).map((s) => s.stage);
  return (
    <PlotlyChart
      title="Satisfaction along the journey"
      exportName={`${name} satisfaction curve`}
      figure={figure}
      height={400}
      table={satisfactionTable(stages)}
      summary={satisfactionSummary(stages, scale)}
      caption={
        <>
          Mean rating of the events in each stage, with its 95% confidence interval (bars), on the scale observed in the data ({fmt(scale[0])} to {fmt(scale[1])}).
          {missing.length > 0 ? ` No ratings in: ${missing.join(', ')}.` : ''}
          {sideSteps.length > 0
            ? ` Side steps (${sideSteps.join(', ')}) are drawn apart, as open diamonds at their place in the stage order, not joined to the line: not every journey goes through them.`
            : ''}
        </>
      }
    />
  );
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

const TIMING_LIMIT = 14;

export function TimingBoxes({ timing, stages, name }: { timing: JourneyTiming[]; stages: JourneyStage[]; name: string }) {
  const [scale, setScale] = useState<'log' | 'linear'>('log');
  const rows = useMemo(() => orderTimings(timing, stages, TIMING_LIMIT), [timing, stages]);
  const figure = useCallback(
    (t: ChartTheme) => {
      // Two lines per box, whatever the step names: from, then → to (cut with an ellipsis; the hover has them whole).
      // Zero-width spaces, one more per row, keep two pairs that cut to the same text on separate rows.
      const labels = rows.map((r, i) => `${shortLabel(r.from, 30)}<br>→ ${shortLabel(r.to, 28)}${'\u200b'.repeat(i)}`);
      const log = scale === 'log';
      const unit = unitFor(Math.max(maxOf(rows.map((r) => r.q3)), 1));
      const k = log ? 1 : UNIT_SECONDS[unit];
      const v = (s: number) => (log ? Math.max(LOG_FLOOR_SECONDS, s) : s / k);
      const color = t.dark ? '#8C9EFF' : '#3B5BDB';
      const data: Data[] = [
        {
          type: 'box',
          orientation: 'h',
          y: labels,
          q1: rows.map((r) => v(r.q1)),
          median: rows.map((r) => v(r.median)),
          q3: rows.map((r) => v(r.q3)),
          lowerfence: rows.map((r) => v(r.min)),
          upperfence: rows.map((r) => v(r.max)),
          fillcolor: t.dark ? 'rgba(140,158,255,0.35)' : 'rgba(59,91,219,0.22)',
          line: { color, width: 2 },
          whiskerwidth: 0.4,
          hoverinfo: 'skip',
          showlegend: false,
        } as unknown as Data,
        // The numbers in words beside each box (and as hover text): median and the middle half, in human units.
        {
          type: 'scatter',
          mode: 'text',
          y: labels,
          x: rows.map((r) => v(r.max)),
          text: rows.map((r) => `  median ${formatDuration(r.median)}`),
          textposition: 'middle right',
          textfont: { size: 14, color: t.text },
          cliponaxis: false,
          hovertext: rows.map(
            (r) =>
              `${escapeHtml(r.from)} → ${escapeHtml(r.to)}<br>${formatCount(r.n)} gaps · median ${formatDuration(r.median)}<br>middle half ${formatDuration(r.q1)} – ${formatDuration(r.q3)}<br>90% within ${formatDuration(r.p90)} · range ${formatDuration(r.min)} – ${formatDuration(r.max)}`,
          ),
          hoverinfo: 'text',
          showlegend: false,
        } as Data,
      ];
      const lo = minOf(rows.map((r) => v(r.min)));
      const hi = maxOf(rows.map((r) => v(r.max)));
      const ticks = logTicks(lo, hi);
      const xaxis = log
        ? { type: 'log', tickvals: ticks.values, ticktext: ticks.labels, range: [Math.log10(lo) - 0.1, Math.log10(hi) + 0.1] }
        : { rangemode: 'tozero', range: [0, hi * 1.02], ticksuffix: ` ${unit === 'seconds' ? 's' : unit === 'minutes' ? 'min' : unit === 'hours' ? 'h' : 'days'}` };
      return {
        data,
        layout: {
          // Axis on top, where the eye starts; the right margin holds the median labels.
          margin: { l: 250, r: 150, t: 32, b: 16 },
          xaxis: { ...xaxis, side: 'top', tickangle: 0, tickfont: { size: 13, color: t.muted } },
          yaxis: { autorange: 'reversed', tickfont: { size: 13, color: t.text }, gridcolor: 'rgba(0,0,0,0)' },
        } as Partial<Layout>,
      };
    },
    [rows, scale],
  );
  if (rows.length === 0) return null;
  const zeros = rows.some((r) => r.min <= 0);
  return (
    <PlotlyChart
      title="Time between steps"
      exportName={`${name} time between steps`}
      figure={figure}
      height={Math.max(280, 70 + rows.length * 52)}
      table={timingTable(rows)}
      summary={timingSummary(rows, timing.length)}
      actions={
        <SegmentedControl
          size="xs"
          value={scale}
          onChange={(s) => setScale(s as 'log' | 'linear')}
          data={[
            { value: 'log', label: 'Log scale' },
            { value: 'linear', label: 'Linear' },
          ]}
          aria-label="Time axis scale"
        />
      }
      caption={
        <>
          Each box spans the middle half of the gaps between two consecutive events (line: median; whiskers: shortest and longest)
          {timing.length > rows.length ? `, for the ${rows.length} most frequent of ${formatCount(timing.length)} step pairs` : ''}.
          {scale === 'log' ? ' The log scale keeps minutes and weeks readable side by side.' : ''}
          {scale === 'log' && zeros ? ' Events at the same timestamp (a gap of 0) are drawn at 1 second.' : ''}
        </>
      }
    />
  );
}
