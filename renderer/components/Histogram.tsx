// A small, crisp inline-SVG histogram; each bar carries its range and count as a native tooltip.
import { formatCount, formatRange } from '../lib/format';
import type { HistogramBin } from '../../shared/domain';
import { maxOf } from '../../shared/extent';

interface Props {
  bins: HistogramBin[];
  label: string;
  minLabel: string;
  maxLabel: string;
  /** Date bins: tooltips show counts only (edges are not meaningful as plain numbers). */
  dates?: boolean;
  height?: number;
}

export function Histogram({ bins, label, minLabel, maxLabel, dates, height = 56 }: Props) {
  const width = 240;
  const max = Math.max(1, maxOf(bins.map((b) => b.count)));
  const gap = bins.length > 40 ? 0.5 : 1.5;
  const barW = width / bins.length;
  return (
    <figure className="cxw-hist" aria-label={label}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} preserveAspectRatio="none" role="img" aria-label={label}>
        <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} className="cxw-hist-axis" />
        {bins.map((b, i) => {
          const h = b.count === 0 ? 0 : Math.max(1.5, (b.count / max) * (height - 4));
          return (
            <rect
              key={i}
              x={i * barW + gap / 2}
              y={height - 1 - h}
              width={Math.max(0.5, barW - gap)}
              height={h}
              className="cxw-hist-bar"
              shapeRendering="crispEdges"
            >
              <title>{dates ? `${formatCount(b.count)} rows` : `${formatRange(b.from, b.to)}: ${formatCount(b.count)} rows`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="cxw-hist-labels">
        <span>{minLabel}</span>
        <span>{maxLabel}</span>
      </figcaption>
    </figure>
  );
}
