// NPS charts: the promoter/passive/detractor mix as stacked bars, the 0–10 distribution coloured by category, NPS by
// group as dots with interval whiskers (significance against the reference, small groups hollow and grey), the
// trend by period with its interval band, and each collection context against all other answers pooled. Each is a
// PlotlyChart, so each exports a PNG.
import { useCallback } from 'react';
import type { Data, ErrorBar, Layout, Shape } from 'plotly.js';
import type { ContextFlag, NpsGroup, NpsSummary } from '../../shared/nps';
import { PlotlyChart } from './PlotlyChart';
import type { ChartTheme } from './plotly';
import { labelsRight } from './traces';
import {
  CATEGORY_LABELS,
  categoryColors,
  categoryOf,
  escapeHtml,
  formatNps,
  formatNpsCi,
  formatP,
  groupStyle,
  levelLabel,
  mixShares,
  npsRange,
  wrapLabel,
  type GroupStyle,
  type NpsCategory,
} from './nps-figures';
import { maxOf } from '../../shared/extent';
import { contextSummary, contextTable, distributionSummary, distributionTable, groupsSummary, groupsTable, mixSummary, mixTable, restNps, trendSummary, trendTable } from './nps-tables';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * A horizontal legend in the top strip of the figure (container coordinates): the layout's top margin reserves
 * its room, so it never grows into the plot when a resize changes how many rows it needs.
 */
function topLegend(t: ChartTheme, size = 14): Partial<Layout['legend']> {
  return { orientation: 'h', x: 0, xanchor: 'left', yref: 'container', y: 1, yanchor: 'top', font: { size, color: t.text } };
}
const CATEGORIES: NpsCategory[] = ['detractor', 'passive', 'promoter'];
const CATEGORY_WORDS: Record<NpsCategory, string> = { detractor: 'Detractors', passive: 'Passives', promoter: 'Promoters' };

/** Whiskers from each NPS to the ends of its interval (none without an interval). */
function npsWhiskers(points: { nps: number | null; ci: [number, number] | null }[], color: string, thickness: number): ErrorBar {
  return {
    type: 'data',
    symmetric: false,
    array: points.map((p) => (p.ci ? p.ci[1] - p.nps! : 0)),
    arrayminus: points.map((p) => (p.ci ? p.nps! - p.ci[0] : 0)),
    color,
    thickness,
    width: 7,
  };
}

// ------------------------------------------------------------------ mix

export function NpsMixChart({ rows, name }: { rows: { label: string; summary: NpsSummary }[]; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const colors = categoryColors(t.dark);
      const labels = rows.map((r) => `${wrapLabel(r.label, 26)}<br><span style="font-size:12px">n ${count(r.summary.n)}</span>`);
      const shares = rows.map((r) => mixShares(r.summary));
      const data: Data[] = CATEGORIES.map(
        (c) =>
          ({
            type: 'bar',
            orientation: 'h',
            name: CATEGORY_LABELS[c],
            y: labels,
            x: shares.map((s) => s[c]),
            marker: { color: colors[c], line: { color: t.paper, width: 1 } },
            text: shares.map((s) => (s[c] >= 6 ? `${Math.round(s[c])}%` : '')),
            textposition: 'inside',
            insidetextanchor: 'middle',
            textfont: { size: 15, color: c === 'passive' && !t.dark ? '#1F2329' : '#FFFFFF' },
            customdata: rows.map((r) => [r.summary[c === 'detractor' ? 'detractors' : c === 'passive' ? 'passives' : 'promoters']]),
            hovertemplate: `%{y}<br>${CATEGORY_LABELS[c]}: %{x:.1f}% (%{customdata[0]:,})<extra></extra>`,
          }) as Data,
      );
      return {
        data,
        layout: {
          barmode: 'stack',
          bargap: rows.length > 1 ? 0.3 : 0.45,
          margin: { l: 16, r: 16, t: 56, b: 36 },
          legend: { ...topLegend(t), traceorder: 'normal' },
          xaxis: { range: [0, 100], ticksuffix: '%', gridcolor: t.grid, fixedrange: true },
          yaxis: { autorange: 'reversed', tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)', fixedrange: true },
        } as Partial<Layout>,
      };
    },
    [rows],
  );
  return (
    <PlotlyChart
      title="Promoters, passives and detractors"
      exportName={`${name} NPS mix`}
      figure={figure}
      height={Math.max(170, 110 + rows.length * 52)}
      caption="Share of the answers in each category. NPS is the promoter share minus the detractor share."
      table={mixTable(rows)}
      summary={mixSummary(rows)}
    />
  );
}

// ------------------------------------------------------------------ 0–10 distribution

export function ScoreDistributionChart({ distribution, name, mapped = false }: { distribution: { score: number; count: number }[]; name: string; mapped?: boolean }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const colors = categoryColors(t.dark);
      const total = distribution.reduce((s, d) => s + d.count, 0) || 1;
      // One trace per category, so the legend names the colours.
      const data: Data[] = CATEGORIES.map((c) => {
        const rows = distribution.filter((d) => categoryOf(d.score) === c);
        return {
          type: 'bar',
          // Short names keep the legend on one line under a narrow plot; the caption gives the score ranges.
          name: CATEGORY_WORDS[c],
          x: rows.map((d) => d.score),
          y: rows.map((d) => d.count),
          marker: { color: colors[c] },
          // A few answers still show ("<1%"), never a misleading "0%".
          text: rows.map((d) => (d.count === 0 ? '' : (100 * d.count) / total < 0.5 ? '<1%' : `${Math.round((100 * d.count) / total)}%`)),
          textposition: 'outside',
          cliponaxis: false,
          textfont: { size: 13, color: t.text },
          hovertemplate: `score %{x}: %{y:,} answers<extra>${CATEGORY_LABELS[c]}</extra>`,
        } as Data;
      });
      const max = Math.max(1, maxOf(distribution.map((d) => d.count)));
      return {
        data,
        layout: {
          bargap: 0.18,
          // The legend in one horizontal band under the scores (container coordinates, room kept by the bottom
          // margin): above a narrow plot three entries would stack into rows.
          margin: { l: 64, r: 16, t: 24, b: 84 },
          legend: { orientation: 'h', x: 0.5, xanchor: 'center', yref: 'container', y: 0, yanchor: 'bottom', font: { size: 13, color: t.text } },
          xaxis: { tickmode: 'array', tickvals: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], range: [-0.6, 10.6], tickfont: { size: 15, color: t.text }, gridcolor: 'rgba(0,0,0,0)', fixedrange: true },
          yaxis: { range: [0, max * 1.15], title: { text: 'Answers', font: { size: 13, color: t.muted } }, fixedrange: true },
        } as Partial<Layout>,
      };
    },
    [distribution],
  );
  return (
    <PlotlyChart
      title="Answers by score"
      exportName={`${name} 0-10 distribution`}
      figure={figure}
      height={340}
      table={distributionTable(distribution)}
      summary={distributionSummary(distribution)}
      caption={`Detractors score 0–6, passives 7–8, promoters 9–10. Labels: share of all answers at each score.${mapped ? ' Scores as mapped onto 0–10.' : ''}`}
    />
  );
}

// ------------------------------------------------------------------ NPS by group

const STYLE_LEGEND: Record<GroupStyle, string> = {
  reference: 'Reference group',
  higher: 'Higher than the reference',
  lower: 'Lower than the reference',
  similar: 'No clear difference',
  small: 'Small group: treat with caution',
  empty: 'No answers',
};

const STYLE_SYMBOL: Record<GroupStyle, string> = { reference: 'diamond', higher: 'triangle-up', lower: 'triangle-down', similar: 'circle', small: 'circle', empty: 'circle' };

function styleColor(style: GroupStyle, t: ChartTheme): string {
  switch (style) {
    case 'reference':
      return t.text;
    case 'higher':
      return t.dark ? '#2BB58C' : '#009E73';
    case 'lower':
      return t.dark ? '#E8743B' : '#D55E00';
    case 'similar':
      return t.accent;
    default:
      return t.muted;
  }
}

interface GroupsChartProps {
  groups: NpsGroup[];
  reference: string | null;
  overall: NpsSummary;
  level: number;
  minN: number;
  /** What the groups are, e.g. 'nps_context' or 'segment'. */
  by: string;
  name: string;
  /**
   * Why this group is the reference, e.g. 'the largest group': with it the legend and caption name the reference,
   * so "Lower than the reference" on every other group is not read as "lower than average".
   */
  referenceNote?: string;
}

export function NpsGroupsChart({ groups, reference, overall, level, minN, by, name, referenceNote }: GroupsChartProps) {
  const shown = groups.filter((g) => g.n > 0 && g.nps !== null);
  const figure = useCallback(
    (t: ChartTheme) => {
      const ys = shown.map((g) => wrapLabel(g.group, 24));
      const styles = shown.map((g) => groupStyle(g, reference));
      const order: GroupStyle[] = ['reference', 'higher', 'lower', 'similar', 'small'];
      const data: Data[] = [];
      for (const style of order) {
        const idx = shown.map((_, i) => i).filter((i) => styles[i] === style);
        if (idx.length === 0) continue;
        const color = styleColor(style, t);
        const hollow = style === 'small';
        data.push({
          type: 'scatter',
          mode: 'markers',
          name:
            style === 'small'
              ? `Small group (n < ${count(minN)}): treat with caution`
              : style === 'reference' && referenceNote && reference !== null
                ? `Reference: ${escapeHtml(reference)} (${escapeHtml(referenceNote)})`
                : STYLE_LEGEND[style],
          y: idx.map((i) => ys[i]),
          x: idx.map((i) => shown[i].nps),
          marker: {
            color: hollow ? t.paper : color,
            size: style === 'reference' ? 16 : style === 'higher' || style === 'lower' ? 16 : 14,
            // Shape as well as colour: ◆ reference, ▲ higher, ▼ lower, ● no clear difference, ○ small.
            symbol: STYLE_SYMBOL[style],
            line: { color, width: hollow ? 2.5 : 1.5 },
          },
          error_x: npsWhiskers(idx.map((i) => shown[i]), color, hollow ? 1.5 : 2.5),
          customdata: idx.map((i) => {
            const g = shown[i];
            const v = g.vsReference;
            return [
              count(g.n),
              formatNpsCi(g.ci),
              v ? `${formatNps(v.difference)} vs ${escapeHtml(reference ?? '')} (p adj ${formatP(v.pAdjusted)})` : style === 'reference' ? 'the reference' : '',
            ];
          }),
          hovertemplate: `%{y}<br>NPS %{x:.1f} (${levelLabel(level)} CI %{customdata[1]})<br>n %{customdata[0]}<br>%{customdata[2]}<extra></extra>`,
        } as Data);
      }
      // Labels right of each whisker: the NPS, a star when it differs from the reference, n.
      data.push(
        labelsRight(
          t,
          ys,
          shown.map((g) => (g.ci ? g.ci[1] : g.nps)),
          shown.map((g, i) => `  <b>${formatNps(g.nps)}</b>${styles[i] === 'higher' || styles[i] === 'lower' ? ' *' : ''}  <span style="font-size:12px">n ${count(g.n)}</span>`),
        ),
      );
      const range = npsRange(
        shown.map((g) => g.ci),
        [...shown.map((g) => g.nps), overall.nps],
      );
      // Room on the right for the labels.
      const span = range[1] - range[0];
      const shapes: Partial<Shape>[] = [];
      const annotations: Partial<Layout['annotations'][number]>[] = [];
      if (overall.nps !== null) {
        shapes.push({ type: 'line', x0: overall.nps, x1: overall.nps, yref: 'paper', y0: 0, y1: 1, line: { color: t.muted, width: 1.5, dash: 'dot' } });
        annotations.push({
          x: overall.nps,
          yref: 'paper',
          y: 1,
          yanchor: 'bottom',
          text: `overall ${formatNps(overall.nps)}`,
          showarrow: false,
          font: { size: 13, color: t.muted },
        });
      }
      shapes.push({ type: 'line', x0: 0, x1: 0, yref: 'paper', y0: 0, y1: 1, line: { color: t.line, width: 1 } });
      return {
        data,
        layout: {
          // Legend at the very top, the "overall" label just above the plot, below it.
          margin: { l: 16, r: 24, t: 76, b: 48 },
          showlegend: true,
          legend: topLegend(t, 13),
          xaxis: { range: [range[0], range[1] + span * 0.18], zeroline: false, title: { text: `NPS with ${levelLabel(level)} confidence interval`, font: { size: 13, color: t.muted } }, tickfont: { size: 14, color: t.muted } },
          yaxis: { autorange: 'reversed', tickfont: { size: 15, color: t.text }, gridcolor: 'rgba(0,0,0,0)', type: 'category' },
          shapes,
          annotations,
        } as Partial<Layout>,
      };
    },
    [shown, reference, overall, level, minN, referenceNote],
  );
  if (shown.length === 0) return null;
  const small = shown.filter((g) => g.small).length;
  return (
    <PlotlyChart
      title={`NPS by ${by}`}
      exportName={`${name} NPS by ${by}`}
      figure={figure}
      height={Math.max(260, 150 + shown.length * 50)}
      table={groupsTable(shown, reference, level)}
      summary={groupsSummary(shown, reference, by)}
      caption={
        <>
          Dots: each group's NPS; whiskers: its {levelLabel(level)} confidence interval (adjusted Wald). {reference ? `▲ higher or ▼ lower, marked *: differs from the reference “${reference}”${referenceNote ? `, ${referenceNote},` : ''} after the Holm adjustment. ` : ''}
          {small > 0 ? `Hollow grey dots: ${small === 1 ? 'a group' : `${small} groups`} with fewer than ${count(minN)} answers, kept but too small to trust alone. ` : ''}
          Dotted line: the overall NPS.
        </>
      }
    />
  );
}

// ------------------------------------------------------------------ trend

type TrendPoint = NpsSummary & { period: string; small: boolean };

export function NpsTrendChart({ trend, level, minN, unit, name }: { trend: TrendPoint[]; level: number; minN: number; unit: string; name: string }) {
  const figure = useCallback(
    (t: ChartTheme) => {
      const x = trend.map((p) => p.period);
      const line = t.accent;
      const band = t.dark ? 'rgba(140,158,255,0.22)' : 'rgba(59,91,219,0.15)';
      const small = trend.filter((p) => p.small && p.nps !== null);
      const data: Data[] = [
        { type: 'scatter', mode: 'lines', x, y: trend.map((p) => p.ci?.[1] ?? null), line: { width: 0 }, hoverinfo: 'skip', showlegend: false, connectgaps: false } as Data,
        {
          type: 'scatter',
          mode: 'lines',
          x,
          y: trend.map((p) => p.ci?.[0] ?? null),
          line: { width: 0 },
          fill: 'tonexty',
          fillcolor: band,
          name: `${levelLabel(level)} confidence band`,
          hoverinfo: 'skip',
          connectgaps: false,
        } as Data,
        {
          type: 'scatter',
          mode: 'lines+markers',
          name: 'NPS',
          x,
          y: trend.map((p) => p.nps),
          line: { color: line, width: 3 },
          marker: { size: 10, color: line, line: { color: t.paper, width: 1.5 } },
          customdata: trend.map((p) => [count(p.n), formatNpsCi(p.ci), p.small ? ' · small n' : '']),
          hovertemplate: `%{x}<br>NPS %{y:.1f} (${levelLabel(level)} CI %{customdata[1]})<br>n %{customdata[0]}%{customdata[2]}<extra></extra>`,
          connectgaps: false,
        } as Data,
        // Periods below the minimum n drawn again on top, hollow, with their own legend entry.
        ...(small.length
          ? [
              {
                type: 'scatter',
                mode: 'markers',
                name: `Fewer than ${count(minN)} answers`,
                x: small.map((p) => p.period),
                y: small.map((p) => p.nps),
                marker: { size: 11, color: t.paper, line: { color: t.muted, width: 2.5 } },
                hoverinfo: 'skip',
              } as Data,
            ]
          : []),
      ];
      const range = npsRange(
        trend.map((p) => p.ci),
        trend.map((p) => p.nps),
        4,
      );
      return {
        data,
        layout: {
          margin: { l: 64, r: 24, t: 56, b: 64 },
          legend: topLegend(t),
          xaxis: { type: 'category', tickfont: { size: 13, color: t.text }, gridcolor: 'rgba(0,0,0,0)' },
          yaxis: { range, title: { text: 'NPS', font: { size: 13, color: t.muted } }, zeroline: true, zerolinecolor: t.line },
        } as Partial<Layout>,
      };
    },
    [trend, level, minN],
  );
  const small = trend.filter((p) => p.small).length;
  return (
    <PlotlyChart
      title={`NPS by ${unit}`}
      exportName={`${name} NPS trend`}
      figure={figure}
      height={380}
      table={trendTable(trend, level)}
      summary={trendSummary(trend, unit)}
      caption={`Line: NPS per ${unit}; band: its ${levelLabel(level)} confidence interval.${small ? ` Hollow points: fewer than ${count(minN)} answers that ${unit} (${small} of ${trend.length}).` : ''}`}
    />
  );
}

// ------------------------------------------------------------------ collection context vs the rest

const KIND_LEGEND = {
  inflated: () => 'Flagged: higher than the rest',
  deflated: () => 'Flagged: lower than the rest',
  none: () => 'Not flagged',
  small: (minN: number) => `Fewer than ${count(minN)} answers`,
};

export function ContextChart({ groups, flags, level, minN, by, name }: { groups: NpsGroup[]; flags: ContextFlag[]; level: number; minN: number; by: string; name: string }) {
  const shown = groups.filter((g) => g.n > 0 && g.nps !== null);
  const figure = useCallback(
    (t: ChartTheme) => {
      const ys = shown.map((g) => wrapLabel(g.group, 24));
      const flagOf = new Map(flags.map((f) => [f.group, f]));
      const inflated = t.dark ? '#F0B43C' : '#C77C00';
      const deflated = t.dark ? '#6CB4EE' : '#0072B2';
      const kindOf = (g: NpsGroup): 'inflated' | 'deflated' | 'none' | 'small' => flagOf.get(g.group)?.direction ?? (g.small ? 'small' : 'none');
      const rest = shown.map(restNps);
      const data: Data[] = [
        // A thin connector from the rest to the context: the gap the flag is about.
        ...shown.map(
          (g, i) =>
            ({
              type: 'scatter',
              mode: 'lines',
              x: [rest[i], g.nps],
              y: [ys[i], ys[i]],
              line: { color: t.line, width: 6 },
              hoverinfo: 'skip',
              showlegend: false,
            }) as Data,
        ),
        {
          type: 'scatter',
          mode: 'markers',
          name: 'All other answers pooled',
          x: rest,
          y: ys,
          marker: { symbol: 'diamond-open', size: 14, color: t.muted, line: { width: 2.5, color: t.muted } },
          hovertemplate: 'rest without %{y}: NPS %{x:.1f}<extra></extra>',
        } as Data,
        ...(['inflated', 'deflated', 'none', 'small'] as const).flatMap((kind) => {
          const idx = shown.map((_, i) => i).filter((i) => kindOf(shown[i]) === kind);
          if (idx.length === 0) return [];
          const color = kind === 'inflated' ? inflated : kind === 'deflated' ? deflated : t.muted;
          return [
            {
              type: 'scatter',
              mode: 'markers',
              name: KIND_LEGEND[kind](minN),
              x: idx.map((i) => shown[i].nps),
              y: idx.map((i) => ys[i]),
              // Shape as well as colour: ▲ flagged higher, ▼ flagged lower.
              marker: {
                size: kind === 'inflated' || kind === 'deflated' ? 17 : 15,
                symbol: kind === 'inflated' ? 'triangle-up' : kind === 'deflated' ? 'triangle-down' : 'circle',
                color: kind === 'small' ? t.paper : color,
                line: { color, width: kind === 'small' ? 2.5 : 1.5 },
              },
              error_x: npsWhiskers(idx.map((i) => shown[i]), color, 2.5),
              customdata: idx.map((i) => {
                const g = shown[i];
                return [
                  count(g.n),
                  formatNpsCi(g.ci),
                  g.vsReference ? `${formatNps(g.vsReference.difference)} vs the rest (p adj ${formatP(g.vsReference.pAdjusted)})` : '',
                ];
              }),
              hovertemplate: `%{y}<br>NPS %{x:.1f} (${levelLabel(level)} CI %{customdata[1]}), n %{customdata[0]}<br>%{customdata[2]}<extra></extra>`,
            } as Data,
          ];
        }),
        labelsRight(
          t,
          ys,
          shown.map((g, i) => Math.max(g.ci ? g.ci[1] : g.nps!, rest[i] ?? -100)),
          shown.map((g) => {
            const f = flagOf.get(g.group);
            const diff = g.vsReference ? `${formatNps(g.vsReference.difference)} vs rest` : '';
            return `  <b>${formatNps(g.nps)}</b>  <span style="font-size:13px">${diff}${f ? (f.direction === 'inflated' ? ' ▲ flagged' : ' ▼ flagged') : ''}</span>`;
          }),
        ),
      ];
      const range = npsRange(
        shown.map((g) => g.ci),
        [...shown.map((g) => g.nps), ...rest],
      );
      const span = range[1] - range[0];
      return {
        data,
        layout: {
          margin: { l: 16, r: 24, t: 76, b: 48 },
          legend: topLegend(t),
          xaxis: { range: [range[0], range[1] + span * 0.3], zeroline: true, zerolinecolor: t.line, title: { text: `NPS with ${levelLabel(level)} confidence interval`, font: { size: 13, color: t.muted } } },
          yaxis: { autorange: 'reversed', type: 'category', tickfont: { size: 15, color: t.text }, gridcolor: 'rgba(0,0,0,0)' },
        } as Partial<Layout>,
      };
    },
    [shown, flags, level],
  );
  if (shown.length === 0) return null;
  const small = shown.filter((g) => g.small).length;
  return (
    <PlotlyChart
      title={`NPS by ${by}, each against the rest`}
      exportName={`${name} collection context`}
      figure={figure}
      height={Math.max(260, 140 + shown.length * 54)}
      table={contextTable(shown, flags, level)}
      summary={contextSummary(shown, flags, by)}
      caption={
        <>
          Dots: NPS of the answers in each context, with the {levelLabel(level)} interval; open diamonds: NPS of all other answers pooled. Flagged (▲ higher, ▼ lower than the rest):
          the difference from the rest has a Holm-adjusted p below {Number((1 - level).toFixed(3))}.
          {small > 0 ? ` Hollow dots: fewer than ${count(minN)} answers, too few to judge alone.` : ''}
        </>
      }
    />
  );
}
