// Key-driver charts: each driver's share of R² as a horizontal bar with its bootstrap interval and the sign of its
// coefficient, and the importance × performance quadrant (x: mean performance on 0–1 of the driver's range, already
// flipped by the services where higher is worse; y: share of R²; cut at the mean of each; four labelled quadrants).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Data, Layout, Shape } from 'plotly.js';
import type { DriversResult, Quadrant } from '../../shared/nps';
import { PlotlyChart } from './PlotlyChart';
import type { ChartTheme } from './plotly';
import { labelsRight } from './traces';
import { againstOutcome, escapeHtml, formatShare, levelLabel, niceTicks, placeLabels, quadrantRanges, QUADRANT_TITLES, sharedPerformanceScale, signLabel } from './nps-figures';
import { maxOf } from '../../shared/extent';
import { quadrantSummary, quadrantTable, weightsSummary, weightsTable } from './driver-tables';

function signColor(sign: -1 | 0 | 1, lowerIsBetter: boolean, t: ChartTheme): string {
  if (sign === 0) return t.muted;
  return againstOutcome(sign, lowerIsBetter) ? (t.dark ? '#E8743B' : '#D55E00') : t.accent;
}

export function DriverWeightsChart({ result, name }: { result: DriversResult; name: string }) {
  const drivers = result.drivers;
  const level = result.spec.level ?? 0.95;
  // Which way is good comes with the result (a saved result from before it did: only the detractor model was "worse").
  const lowerIsBetter = (result.direction?.direction ?? (result.spec.model === 'detractor' ? 'higher-is-worse' : 'higher-is-better')) === 'higher-is-worse';
  const figure = useCallback(
    (t: ChartTheme) => {
      const ys = drivers.map((d) => `${escapeHtml(d.name)} <b>(${signLabel(d.sign)})</b>`);
      const data: Data[] = [
        {
          type: 'bar',
          orientation: 'h',
          y: ys,
          x: drivers.map((d) => d.share),
          marker: { color: drivers.map((d) => signColor(d.sign, lowerIsBetter, t)), line: { width: 0 } },
          error_x: {
            type: 'data',
            symmetric: false,
            array: drivers.map((d) => Math.max(0, d.shareCi[1] - d.share)),
            arrayminus: drivers.map((d) => Math.max(0, d.share - d.shareCi[0])),
            color: t.text,
            thickness: 1.8,
            width: 6,
          },
          customdata: drivers.map((d) => [d.weight.toFixed(3), `${d.ci[0].toFixed(3)}–${d.ci[1].toFixed(3)}`, `${formatShare(d.shareCi[0])}–${formatShare(d.shareCi[1])}`, d.coefficient.toFixed(3)]),
          hovertemplate: `%{y}<br>share %{x:.1f}% (${levelLabel(level)} CI %{customdata[2]})<br>raw weight %{customdata[0]} (CI %{customdata[1]})<br>standardised coefficient %{customdata[3]}<extra></extra>`,
          showlegend: false,
        } as Data,
        // The share in words beyond the whisker.
        labelsRight(
          t,
          ys,
          drivers.map((d) => Math.max(d.share, d.shareCi[1])),
          drivers.map((d) => `  <b>${formatShare(d.share)}</b>`),
        ),
      ];
      const max = Math.max(10, maxOf(drivers.map((d) => Math.max(d.share, d.shareCi[1]))));
      return {
        data,
        layout: {
          bargap: 0.35,
          margin: { l: 16, r: 24, t: 16, b: 52 },
          xaxis: { range: [0, max * 1.18], ticksuffix: '%', title: { text: `Share of R² with ${levelLabel(level)} bootstrap interval`, font: { size: 13, color: t.muted } }, fixedrange: true },
          yaxis: { autorange: 'reversed', type: 'category', tickfont: { size: 15, color: t.text }, gridcolor: 'rgba(0,0,0,0)', fixedrange: true },
        } as Partial<Layout>,
      };
    },
    [drivers, level, lowerIsBetter],
  );
  const against = drivers.filter((d) => againstOutcome(d.sign, lowerIsBetter)).map((d) => d.name);
  return (
    <PlotlyChart
      title="Relative importance of each driver"
      exportName={`${name} driver importance`}
      figure={figure}
      height={Math.max(240, 90 + drivers.length * 48)}
      table={weightsTable(drivers, level, lowerIsBetter)}
      summary={weightsSummary(drivers, result.r2, lowerIsBetter)}
      caption={
        <>
          Bars: each driver's share of the R² its drivers explain together (relative weights; the shares add up to 100%); whiskers: the {levelLabel(level)}{' '}
          bootstrap interval. (+) / (−): the sign of the driver's coefficient in the full model
          {lowerIsBetter ? ` (higher “${result.spec.target}” is worse, so (+) means higher values go with more of what to avoid)` : ''}
          {against.length > 0 ? `. Orange: higher values go with a worse outcome (${against.join(', ')})` : ''}.
        </>
      }
    />
  );
}

const QUADRANT_ORDER: Quadrant[] = ['improve first', 'key strength', 'maintain', 'low priority'];
const QUADRANT_SYMBOL: Record<Quadrant, string> = { 'improve first': 'triangle-up', 'key strength': 'star', maintain: 'circle', 'low priority': 'square' };

function quadrantColor(q: Quadrant, t: ChartTheme): string {
  switch (q) {
    case 'improve first':
      return t.dark ? '#F0B43C' : '#C77C00';
    case 'key strength':
      return t.dark ? '#2BB58C' : '#009E73';
    case 'maintain':
      return t.accent;
    default:
      return t.muted;
  }
}

// Driver names beside the points, big enough for a projector; the width per character feeds the label placement.
const LABEL_SIZE = 16;
const LABEL_CHAR_WIDTH = 9;

/** x-axis ticks at round values of the drivers' own scale, placed where they fall on the 0–1 axis. */
function sharedTicks(scale: { lo: number; hi: number }, range: [number, number], fmt: (v: number) => string): Partial<Layout['xaxis']> {
  const span = scale.hi - scale.lo;
  const values = niceTicks(scale.lo + span * range[0], scale.lo + span * range[1], 7);
  return { tickmode: 'array', tickvals: values.map((v) => (v - scale.lo) / span), ticktext: values.map(fmt) };
}

// The plot area inside the figure (the layout's margins below).
const Q_MARGIN = { l: 72, r: 32, t: 16, b: 64 };

/** The width of an element, following resizes (rounded to 10 px so small jitters do not redraw the chart). */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.round(el.clientWidth / 10) * 10);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function QuadrantChart({ result, name }: { result: DriversResult; name: string }) {
  const drivers = result.drivers;
  const cuts = result.quadrantCuts;
  const [wrap, width] = useWidth();
  // Drivers on one scale (e.g. all 1–5 ratings): the axis reads in their own units, like the table's means.
  const scale = sharedPerformanceScale(drivers);
  // Whole units on wide scales (amounts), else up to two decimals without trailing zeros ("3.4", "5").
  const fmt = (v: number) => String(Number(v.toFixed(scale && scale.hi - scale.lo > 20 ? 0 : 2)));
  const height = Math.min(680, 520 + Math.max(0, drivers.length - 6) * 14);
  const figure = useCallback(
    (t: ChartTheme) => {
      const ranges = quadrantRanges(
        drivers.map((d) => ({ x: d.performanceScaled, y: d.share })),
        cuts,
      );
      const byQuadrant = (q: Quadrant) => drivers.filter((d) => d.quadrant === q);
      const data: Data[] = QUADRANT_ORDER.filter((q) => byQuadrant(q).length > 0).map((q) => {
        const ds = byQuadrant(q);
        return {
          type: 'scatter',
          mode: 'markers',
          name: QUADRANT_TITLES[q],
          x: ds.map((d) => d.performanceScaled),
          y: ds.map((d) => d.share),
          text: ds.map((d) => escapeHtml(d.name)),
          // Shape as well as colour and place: each quadrant its own marker.
          marker: { size: 16, symbol: QUADRANT_SYMBOL[q], color: quadrantColor(q, t), line: { color: t.paper, width: 2 } },
          customdata: ds.map((d) => [d.performance.toFixed(2), d.performanceScaled.toFixed(2), formatShare(d.share)]),
          hovertemplate: `%{text}<br>importance %{customdata[2]} of R²<br>performance: mean %{customdata[0]} (%{customdata[1]} on 0–1 of its range)<extra>${QUADRANT_TITLES[q]}</extra>`,
          showlegend: false,
        } as unknown as Data;
      });
      // Names beside the points, placed so none collides with another, a point or a quadrant title.
      const area = { width: Math.max(200, (width || 900) - Q_MARGIN.l - Q_MARGIN.r), height: height - Q_MARGIN.t - Q_MARGIN.b };
      const title = (q: Quadrant) => QUADRANT_TITLES[q].length * 9.5 + 14;
      const reserved = [
        { x0: 0, y0: 0, x1: title('improve first'), y1: 28 },
        { x0: area.width - title('key strength'), y0: 0, x1: area.width, y1: 28 },
        { x0: area.width - title('maintain'), y0: area.height - 28, x1: area.width, y1: area.height },
        { x0: 0, y0: area.height - 28, x1: title('low priority'), y1: area.height },
      ];
      const points = drivers.map((d) => ({ x: d.performanceScaled, y: d.share, label: d.name }));
      const placements = placeLabels(points, area, ranges, { reserved, charWidth: LABEL_CHAR_WIDTH, lineHeight: 22 });
      const names = drivers.map((d, i) => ({
        x: d.performanceScaled,
        y: d.share,
        text: escapeHtml(d.name),
        showarrow: true,
        arrowhead: 0,
        arrowwidth: 1,
        arrowcolor: placements[i].leader ? t.muted : 'rgba(0,0,0,0)',
        standoff: 9,
        ax: placements[i].ax,
        ay: placements[i].ay,
        font: { size: LABEL_SIZE, color: t.text },
      }));
      const tint = (color: string, x0: number, x1: number, y0: number, y1: number): Partial<Shape> => ({
        type: 'rect',
        xref: 'x',
        yref: 'y',
        x0,
        x1,
        y0,
        y1,
        fillcolor: color,
        opacity: t.dark ? 0.14 : 0.08,
        line: { width: 0 },
        layer: 'below',
      });
      const [x0, x1] = ranges.x;
      const [y0, y1] = ranges.y;
      const shapes: Partial<Shape>[] = [
        tint(quadrantColor('improve first', t), x0, cuts.performance, cuts.share, y1),
        tint(quadrantColor('key strength', t), cuts.performance, x1, cuts.share, y1),
        { type: 'line', x0: cuts.performance, x1: cuts.performance, y0, y1, line: { color: t.muted, width: 1.5, dash: 'dash' } },
        { type: 'line', x0, x1, y0: cuts.share, y1: cuts.share, line: { color: t.muted, width: 1.5, dash: 'dash' } },
      ];
      const label = (q: Quadrant, x: number, y: number, xanchor: 'left' | 'right', yanchor: 'top' | 'bottom') => ({
        x,
        y,
        xanchor,
        yanchor,
        text: `<b>${QUADRANT_TITLES[q]}</b>`,
        showarrow: false,
        font: { size: 16, color: quadrantColor(q, t) },
        xshift: xanchor === 'left' ? 6 : -6,
        yshift: yanchor === 'top' ? -4 : 4,
      });
      return {
        data,
        layout: {
          margin: Q_MARGIN,
          showlegend: false,
          xaxis: {
            range: ranges.x,
            zeroline: false,
            tickfont: { size: 14, color: t.muted },
            // With a shared scale the ticks sit where the means fall but read in the drivers' units.
            ...(scale ? sharedTicks(scale, ranges.x, fmt) : {}),
            title: {
              text: scale ? `Performance: mean on the drivers' scale (observed ${fmt(scale.lo)}–${fmt(scale.hi)}; higher = better)` : "Performance: each driver's mean within its own observed range (0 = lowest, 1 = highest)",
              font: { size: 14, color: t.muted },
            },
          },
          yaxis: { range: ranges.y, zeroline: false, ticksuffix: '%', tickfont: { size: 14, color: t.muted }, title: { text: 'Importance (share of R²)', font: { size: 14, color: t.muted } } },
          shapes,
          annotations: [
            label('improve first', x0, y1, 'left', 'top'),
            label('key strength', x1, y1, 'right', 'top'),
            label('maintain', x1, y0, 'right', 'bottom'),
            label('low priority', x0, y0, 'left', 'bottom'),
            ...names,
          ],
        } as Partial<Layout>,
      };
    },
    [drivers, cuts, width, height, scale],
  );
  return (
    <div ref={wrap}>
    <PlotlyChart
      title="Importance × performance"
      exportName={`${name} importance-performance quadrant`}
      figure={figure}
      height={height}
      table={quadrantTable(drivers)}
      summary={quadrantSummary(drivers)}
      caption={
        <>
          {scale
            ? `Each driver by how much it matters (share of R²) and how well it does (its mean, on the scale the drivers share). Dashed lines: the mean share (${formatShare(cuts.share)}) and the mean performance (${fmt(scale.toOriginal(cuts.performance))}).`
            : `Each driver by how much it matters (share of R²) and how well it does: the drivers are on different scales, so each mean is placed within its own observed range (0 = its lowest value, 1 = its highest; drivers where higher is worse are flipped). Dashed lines: the mean share (${formatShare(cuts.share)}) and the mean position (${cuts.performance.toFixed(2)}).`}{' '}
          Improve first: important and below average.
        </>
      }
    />
    </div>
  );
}
