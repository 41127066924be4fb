// Effects by segment as a forest chart: each segment's difference from the control with its interval, a line at
// no difference and one at the whole experiment's difference, so a segment that stands out reads at a glance.
import { useCallback } from 'react';
import type { Data } from 'plotly.js';
import type { ExperimentResult } from '../../../../shared/monitor-experiment';
import { PlotlyChart } from '../../../charts/PlotlyChart';
import type { ChartTheme } from '../../../charts/plotly';
import { segmentColor } from '../../../charts/palette';
import { segmentsSummary, segmentsTable } from './figures';

export function SegmentsChart({ result: r }: { result: ExperimentResult }) {
  const seg = r.segments!;
  const scale = (v: number) => (r.kind === 'binary' ? 100 * v : v);
  const figure = useCallback(
    (t: ChartTheme) => {
      const data: Data[] = r.comparisons.map((c, k) => {
        const rows = seg.rows.map((s) => s.comparisons.find((x) => x.arm === c.arm)!).map((x, i) => ({ x, segment: seg.rows[i].segment }));
        const shown = rows.filter((p) => p.x.difference !== null && p.x.ci !== null);
        return {
          type: 'scatter',
          mode: 'markers',
          name: c.arm,
          y: shown.map((p) => p.segment),
          x: shown.map((p) => scale(p.x.difference!)),
          error_x: {
            type: 'data',
            symmetric: false,
            array: shown.map((p) => scale(p.x.ci![1]) - scale(p.x.difference!)),
            arrayminus: shown.map((p) => scale(p.x.difference!) - scale(p.x.ci![0])),
            color: segmentColor(k),
            thickness: 2,
            width: 8,
          },
          marker: { size: 12, color: segmentColor(k), symbol: shown.map((p) => (p.x.tested ? 'circle' : 'circle-open')) },
          hovertemplate: `%{y}: %{x:.2f}<extra>${c.arm}</extra>`,
        };
      });
      const line = (x: number, dash: 'solid' | 'dash') => ({ type: 'line' as const, yref: 'paper' as const, y0: 0, y1: 1, x0: x, x1: x, line: { color: dash === 'solid' ? t.line : t.muted, width: 1, dash } });
      return {
        data,
        layout: {
          margin: { l: 120, r: 16, t: 16, b: 48 },
          showlegend: r.comparisons.length > 1,
          xaxis: { title: { text: `Difference from ${r.control}${r.kind === 'binary' ? ' (points)' : ''}` }, zeroline: false },
          yaxis: { autorange: 'reversed' as const, automargin: true },
          shapes: [line(0, 'solid'), ...(r.comparisons[0] ? [line(scale(r.comparisons[0].difference), 'dash')] : [])],
        },
      };
    },
    [r],
  );
  return (
    <PlotlyChart
      title={`Difference from “${r.control}” by ${seg.by}`}
      figure={figure}
      height={Math.max(200, 60 + 44 * seg.rows.length)}
      table={segmentsTable(r)}
      summary={segmentsSummary(r)}
      caption="Dashed line: the whole experiment's difference. Open circles: segments with too few rows to test."
      exportName={`experiment-${r.spec.arm}-by-${seg.by}`}
    />
  );
}
