// A small, crisp inline-SVG histogram; each bar carries its range and count as a native tooltip. Its numbers are
// reachable without seeing it: a one-sentence summary describes the figure (read by screen readers; the card has no
// room to print it) and a table button opens the bins as a sortable, copyable table.
import { useId, useState } from 'react';
import { ActionIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconTable } from '@tabler/icons-react';
import { formatCount, formatRange } from '../lib/format';
import type { HistogramBin } from '../../shared/domain';
import { maxOf } from '../../shared/extent';
import { histogramSummary, histogramTable } from '../charts/small-chart-tables';
import { ChartDataTable } from './chart-table/ChartDataTable';

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
  const [showTable, setShowTable] = useState(false);
  const uid = useId();
  const summaryId = `${uid}-summary`;
  const tableId = `${uid}-table`;
  // One name whatever the state: aria-pressed says whether the table is open.
  const tableLabel = `Show ${label.charAt(0).toLowerCase()}${label.slice(1)} as a table`;
  return (
    <figure className="cxw-hist" aria-label={label} aria-describedby={summaryId}>
      <div className="cxw-hist-row">
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} preserveAspectRatio="none" role="img" aria-label={label} aria-describedby={summaryId}>
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
        <Tooltip label={tableLabel} withinPortal>
          <ActionIcon
            variant={showTable ? 'light' : 'subtle'}
            size="sm"
            aria-label={tableLabel}
            aria-pressed={showTable}
            aria-controls={showTable ? tableId : undefined}
            onClick={() => setShowTable((v) => !v)}
            className="cxw-hist-table-toggle"
          >
            <IconTable size={15} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
      </div>
      <figcaption className="cxw-hist-labels">
        <span>{minLabel}</span>
        <span>{maxLabel}</span>
        <VisuallyHidden id={summaryId}>{histogramSummary(bins, minLabel, maxLabel, dates)}</VisuallyHidden>
      </figcaption>
      {showTable && <ChartDataTable table={histogramTable(bins, dates)} caption={`${label}: the numbers`} id={tableId} maxHeight={220} compact />}
    </figure>
  );
}
