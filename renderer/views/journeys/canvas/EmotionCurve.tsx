// The emotion curve across the stage columns: one point per stage at the mean of its emotion cards' values, on
// the map's scale (the satisfaction scale when seeded). Stages without a value break the line rather than
// inventing one. A side-step column (named "… (side step)") is an open diamond, not joined to the line, as on the
// satisfaction charts (side-steps.ts). Drawn in pixels measured from its own box, so dots stay round at any column width.
// For screen readers: a one-sentence summary describes the curve and a visually hidden table lists each stage's value
// (no new tab stops in the canvas; the dots' labels show the values on screen).
import { useEffect, useId, useRef, useState } from 'react';
import { VisuallyHidden } from '@mantine/core';
import { isSideStepColumn, type JourneyMap } from '../../../../shared/journeys';
import { curveParts } from '../side-steps';
import { curvePoints, emotionColor } from './map-model';
import { emotionSummary, emotionTable, type CurveStage } from '../../../charts/small-chart-tables';
import { PlainChartTable } from '../../../components/chart-table/PlainChartTable';

const H = 128;
/** Room above the highest dot for its label, and below the lowest. */
const PAD_TOP = 32;
const PAD_BOTTOM = 14;

export function EmotionCurve({ map }: { map: JourneyMap }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const points = curvePoints(map);
  const [lo, hi] = map.emotionScale;
  const colW = width / Math.max(1, points.length);
  const x = (i: number) => (i + 0.5) * colW;
  const y = (v: number) => H - PAD_BOTTOM - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (H - PAD_TOP - PAD_BOTTOM);
  const { runs, apart } = curveParts(points, map.stages.map(isSideStepColumn));
  const segments = runs.filter((r) => r.length > 1).map((r) => r.map((i, k) => `${k ? 'L' : 'M'}${x(i).toFixed(1)} ${y(points[i]!).toFixed(1)}`).join(' '));
  const dot = (i: number) => runs.some((r) => r.includes(i));
  const curve: CurveStage[] = points.map((v, i) => ({ name: map.stages[i].name || `stage ${i + 1}`, value: v, apart: apart.includes(i) }));
  // The name lists every stage's value (as the HTML export's curve does); the summary and the table add the reading.
  const described = curve.map((c) => `${c.name}: ${c.value === null ? 'no value' : round2(c.value)}${c.apart ? ', drawn apart' : ''}`).join(', ');
  const summaryId = `${useId()}-summary`;
  const empty = points.every((v) => v === null);

  return (
    <div ref={ref} className="cxw-map-curve">
      {width > 0 && (
        <svg width={width} height={H} role="img" aria-label={`Emotion curve on ${lo}–${hi}: ${described}`} aria-describedby={summaryId}>
          {[lo, (lo + hi) / 2, hi].map((v) => (
            <line key={v} x1={0} x2={width} y1={y(v)} y2={y(v)} className="cxw-map-curve-grid" />
          ))}
          {segments.map((d) => (
            <path key={d} d={d} className="cxw-map-curve-line" />
          ))}
          {points.map((v, i) => {
            if (v === null) return null;
            const color = emotionColor((v - lo) / (hi - lo));
            const [cx, cy] = [x(i), y(v)];
            return (
              <g key={map.stages[i].id}>
                {dot(i) ? (
                  <circle cx={cx} cy={cy} r={9} fill={color} className="cxw-map-curve-dot" />
                ) : (
                  <path d={`M${cx} ${cy - 10} L${cx + 10} ${cy} L${cx} ${cy + 10} L${cx - 10} ${cy} Z`} fill="none" stroke={color} strokeWidth={3} className="cxw-map-curve-side" />
                )}
                <text x={cx} y={cy - 15} textAnchor="middle" className="cxw-map-curve-label">
                  {round2(v)}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <VisuallyHidden>
        <p id={summaryId}>{emotionSummary(curve, [lo, hi])}</p>
        {!empty && <PlainChartTable table={emotionTable(curve)} caption={`Emotion curve on ${lo}–${hi}: each stage's value`} />}
      </VisuallyHidden>
      {empty && <p className="cxw-map-curve-empty">Give emotion cards a value ({lo}–{hi}) to draw the curve.</p>}
    </div>
  );
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
