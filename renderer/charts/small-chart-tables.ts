// The two charts drawn without Plotly, as tables and one-sentence summaries (unit-tested): a data-profile histogram
// (components/Histogram.tsx) and the journey map's emotion curve (views/journeys/canvas/EmotionCurve.tsx). From the same
// bins and points the SVGs draw. No React.
import type { HistogramBin } from '../../shared/domain';
import { minOf } from '../../shared/extent';
import { formatRange } from '../lib/format';
import { type ChartTableData, count, extremes, listWords, plural } from './chart-table';

// ------------------------------------------------------------------ histogram

/** Date bins: their edges are not meaningful as plain numbers, so the table numbers the bins instead. */
export function histogramTable(bins: HistogramBin[], dates = false): ChartTableData {
  const total = bins.reduce((a, b) => a + b.count, 0);
  return {
    note: `One row per bar (${bins.length} bins); sort with a column header.`,
    columns: dates
      ? [
          { label: 'Bin', kind: 'count' },
          { label: 'Rows', kind: 'count' },
          { label: 'Share', kind: 'percent' },
        ]
      : [
          { label: 'From', kind: 'number', digits: edgeDigits(bins) },
          { label: 'To', kind: 'number', digits: edgeDigits(bins) },
          { label: 'Rows', kind: 'count' },
          { label: 'Share', kind: 'percent' },
        ],
    rows: bins.map((b, i) => (dates ? [i + 1, b.count, total ? (100 * b.count) / total : null] : [b.from, b.to, b.count, total ? (100 * b.count) / total : null])),
  };
}

/** Enough decimals that neighbouring edges read differently (0 for whole-number widths, up to 4). */
export function edgeDigits(bins: HistogramBin[]): number {
  const width = minOf(bins.map((b) => b.to - b.from).filter((w) => w > 0));
  if (!Number.isFinite(width)) return 0;
  for (let d = 0; d < 4; d++) if (Math.abs(width * 10 ** d - Math.round(width * 10 ** d)) < 1e-9 && bins.every((b) => Math.abs(b.from * 10 ** d - Math.round(b.from * 10 ** d)) < 1e-6)) return d;
  return 4;
}

/** "2,900 rows in 20 bins from 0 to 120; the most in 10–16 (412 rows)." */
export function histogramSummary(bins: HistogramBin[], minLabel: string, maxLabel: string, dates = false): string {
  const total = bins.reduce((a, b) => a + b.count, 0);
  if (total === 0) return 'No values.';
  const top = extremes(bins.map((b) => b.count))!.max;
  const where = dates ? `bin ${top + 1} of ${bins.length}` : formatRange(bins[top].from, bins[top].to);
  return `${plural(total, 'row')} in ${bins.length} bins from ${minLabel} to ${maxLabel}; the most in ${where} (${plural(bins[top].count, 'row')}).`;
}

// ------------------------------------------------------------------ emotion curve

export interface CurveStage {
  name: string;
  value: number | null;
  /** A side-step column: drawn apart, not joined to the line. */
  apart: boolean;
}

export function emotionTable(stages: CurveStage[]): ChartTableData {
  return {
    columns: [
      { label: 'Stage', kind: 'text' },
      { label: 'Emotion (mean of its cards)', kind: 'number' },
      { label: 'Side step', kind: 'text' },
    ],
    rows: stages.map((s) => [s.name, s.value, s.apart ? 'side step, drawn apart' : '']),
  };
}

const r2 = (v: number) => String(Math.round(v * 100) / 100);

/** "On 1–5, the emotion is lowest at Delivery (2.1) and highest at Purchase (4.5); 4 of 6 stages have a value." */
export function emotionSummary(stages: CurveStage[], scale: [number, number]): string {
  const valued = stages.filter((s) => s.value !== null);
  const on = `On ${scale[0]}–${scale[1]}`;
  if (valued.length === 0) return `No stage has an emotion value yet (${scale[0]}–${scale[1]}).`;
  const missing = stages.length - valued.length;
  const tail = missing ? `; ${valued.length} of ${count(stages.length)} stages have a value` : '';
  if (valued.length === 1) return `${on}, the emotion at ${valued[0].name} is ${r2(valued[0].value!)}${tail}.`;
  const e = extremes(valued.map((s) => s.value))!;
  const lows = valued.filter((s) => s.value === valued[e.min].value).map((s) => s.name);
  const highs = valued.filter((s) => s.value === valued[e.max].value).map((s) => s.name);
  if (e.min === e.max || valued[e.min].value === valued[e.max].value) return `${on}, the emotion is ${r2(valued[0].value!)} at every stage with a value${tail}.`;
  return `${on}, the emotion is lowest at ${listWords(lows)} (${r2(valued[e.min].value!)}) and highest at ${listWords(highs)} (${r2(valued[e.max].value!)})${tail}.`;
}
