// Each arm's estimate with its interval: dots with error bars (the control in grey), the control's estimate as a
// dashed reference line, so "is the variant above the control, and by more than the noise" reads at a glance.
import { useCallback } from 'react';
import type { Data } from 'plotly.js';
import type { ExperimentResult } from '../../../../shared/monitor-experiment';
import { PlotlyChart } from '../../../charts/PlotlyChart';
import type { ChartTheme } from '../../../charts/plotly';
import { armLabel, armsSummary, armsTable, axisValue } from './figures';

export function ArmsChart({ result: r }: { result: ExperimentResult }) {
  const unit = r.kind === 'binary' ? '%' : '';
  const figure = useCallback(
    (t: ChartTheme) => {
      const y = r.arms.map((a) => (a.estimate === null ? null : axisValue(r.kind, a.estimate)));
      const hi = r.arms.map((a, i) => (a.ci && y[i] !== null ? axisValue(r.kind, a.ci[1]) - (y[i] as number) : 0));
      const lo = r.arms.map((a, i) => (a.ci && y[i] !== null ? (y[i] as number) - axisValue(r.kind, a.ci[0]) : 0));
      const control = r.arms.find((a) => a.isControl);
      const data: Data[] = [
        {
          type: 'scatter',
          mode: 'markers',
          x: r.arms.map((a) => (armLabel(a))),
          y,
          error_y: { type: 'data', symmetric: false, array: hi, arrayminus: lo, color: t.text, thickness: 2, width: 10 },
          marker: { size: 14, color: r.arms.map((a) => (a.isControl ? t.muted : t.accent)) },
          hovertemplate: `%{x}: %{y:.2f}${unit}<extra></extra>`,
        },
      ];
      const shapes =
        control?.estimate != null
          ? [{ type: 'line' as const, xref: 'paper' as const, x0: 0, x1: 1, y0: axisValue(r.kind, control.estimate), y1: axisValue(r.kind, control.estimate), line: { color: t.muted, dash: 'dash' as const, width: 1 } }]
          : [];
      return {
        data,
        layout: {
          margin: { l: 64, r: 16, t: 16, b: 48 },
          showlegend: false,
          yaxis: { title: { text: `${r.kind === 'binary' ? 'Rate (%)' : r.kind === 'nps' ? 'NPS' : 'Mean'}` }, zeroline: r.kind === 'nps' },
          shapes,
        },
      };
    },
    [r],
  );
  return (
    <PlotlyChart
      title={`${r.outcomeLabel[0].toUpperCase()}${r.outcomeLabel.slice(1)} per arm (${Math.round(100 * r.level)}% CI)`}
      figure={figure}
      height={300}
      table={armsTable(r)}
      summary={armsSummary(r)}
      exportName={`experiment-${r.spec.arm}-${r.spec.outcome}`}
    />
  );
}
