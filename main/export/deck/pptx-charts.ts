// Slide charts for PowerPoint: bar, line, scatter and funnel as native charts (a consultant can restyle and re-edit
// them), the flow as native shapes (nodes and bands drawn as thick lines: PowerPoint has no Sankey chart). A
// withheld value has no number to chart: it is left blank (a gap, never a zero) and named in the caption line under
// the chart, in formatFigure's words.
import type { ChartSpec, Figure, FigureFormat } from '../../../shared/decks';
import { formatFigure, isDrawable } from '../../../shared/slides/format';
import { flowColumns } from '../../../shared/slides/svg-flow';
import { OKABE_ITO } from '../../../shared/slides/svg-kit';
import type { Frame, SlideWriter } from './pptx-adapter';

/** An Excel number format that writes a value the way formatFigure does (without the interval). */
export function excelFormat(format: FigureFormat, digits?: number): string {
  const d = (n: number) => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (format) {
    case 'count':
      return `#,##0${d(digits ?? 0)}`;
    case 'share':
      return `0${d(digits ?? 1)}%`;
    case 'nps': {
      const f = `0${d(digits ?? 1)}`;
      return `+${f};-${f};${f}`;
    }
    case 'pValue':
      return `0${d(digits ?? 3)}`;
    default:
      return `#,##0${d(digits ?? 2)}`;
  }
}

const value = (f: Figure | undefined): number | null => (f && isDrawable(f) ? f.value : null);
const firstFigure = (figures: (Figure | undefined)[]): Figure | undefined => figures.find((f) => f);

/** Everything the chart cannot draw, in words, for the caption under it. */
export function withheldInChart(chart: ChartSpec, minCell: number): string[] {
  const out: string[] = [];
  const say = (what: string, f: Figure) => {
    if (f.suppressed) out.push(`${what}: ${formatFigure(f, minCell)}`);
  };
  switch (chart.kind) {
    case 'bar':
      chart.series.forEach((s) => s.values.forEach((f, i) => f && say(`${chart.categories[i]}${chart.series.length > 1 ? ` (${s.name})` : ''}`, f)));
      break;
    case 'line':
      chart.series.forEach((s) => s.values.forEach((f, i) => f && say(`${chart.series.length > 1 ? `${s.name} at ` : ''}${chart.x[i]}`, f)));
      break;
    case 'scatter':
      for (const p of chart.points) say(p.label, p.x.suppressed ? p.x : p.y);
      break;
    case 'funnel':
      for (const s of chart.steps) say(s.label, s.figure);
      break;
    case 'flow':
      for (const l of chart.links) say(`${l.from} → ${l.to}`, l.figure);
      break;
  }
  return out;
}

/** Draws the chart in `frame`; returns extra caption text (the reference line, quadrant names) for the caption. */
export function drawChart(slide: SlideWriter, chart: ChartSpec, frame: Frame, minCell: number): string[] {
  const colours = [...OKABE_ITO];
  const fontSize = 11;
  switch (chart.kind) {
    case 'bar': {
      // PowerPoint draws a horizontal bar chart's first category at the bottom; reversed, it reads top-down as on screen.
      const flip = chart.orientation === 'horizontal';
      const order = chart.categories.map((_, i) => i);
      if (flip) order.reverse();
      const f = firstFigure(chart.series.flatMap((s) => s.values));
      slide.chart(
        {
          type: 'bar',
          horizontal: flip,
          categories: order.map((i) => chart.categories[i]),
          series: chart.series.map((s) => ({ name: s.name, values: order.map((i) => value(s.values[i])) })),
          valueFormat: excelFormat(f?.format ?? 'count', f?.digits),
          valueAxisTitle: chart.valueAxis,
          showValues: true,
          colours,
          fontSize,
        },
        frame,
      );
      return chart.reference ? [`Reference: ${chart.reference.label}`] : [];
    }
    case 'line': {
      const f = firstFigure(chart.series.flatMap((s) => s.values));
      slide.chart(
        {
          type: 'line',
          categories: chart.x.map(String),
          series: chart.series.map((s) => ({ name: s.name, values: chart.x.map((_, i) => value(s.values[i])) })),
          valueFormat: excelFormat(f?.format ?? 'decimal', f?.digits),
          valueAxisTitle: chart.yAxis,
          categoryAxisTitle: chart.xAxis,
          showValues: chart.x.length <= 12 && chart.series.length <= 2,
          colours,
          fontSize,
        },
        frame,
      );
      return chart.marker ? [`Marked: ${chart.marker.label}`] : [];
    }
    case 'scatter': {
      const drawn = chart.points.filter((p) => isDrawable(p.x) && isDrawable(p.y));
      const groups: string[] = [];
      for (const p of drawn) if (!groups.includes(p.group ?? '')) groups.push(p.group ?? '');
      slide.chart(
        {
          type: 'scatter',
          categories: [],
          x: drawn.map((p) => p.x.value as number),
          series: groups.map((g) => ({
            name: g || chart.yAxis,
            values: drawn.map((p) => ((p.group ?? '') === g ? (p.y.value as number) : null)),
            pointLabels: drawn.map((p) => ((p.group ?? '') === g ? p.label : '')),
          })),
          valueFormat: excelFormat(drawn[0]?.y.format ?? 'decimal', drawn[0]?.y.digits),
          valueAxisTitle: chart.yAxis,
          categoryAxisTitle: chart.xAxis,
          showValues: false,
          colours,
          crossAt: chart.quadrants ? { x: chart.quadrants.x, y: chart.quadrants.y } : undefined,
          fontSize,
        },
        frame,
      );
      if (!chart.quadrants) return [];
      const [tl, tr, bl, br] = chart.quadrants.labels;
      return [`Quadrants (axes cross at ${chart.quadrants.x}, ${chart.quadrants.y}): top left ${tl}, top right ${tr}, bottom left ${bl}, bottom right ${br}`];
    }
    case 'funnel': {
      const steps = [...chart.steps].reverse();
      const f = firstFigure(chart.steps.map((s) => s.figure));
      slide.chart(
        { type: 'bar', horizontal: true, categories: steps.map((s) => s.label), series: [{ name: 'People', values: steps.map((s) => value(s.figure)) }], valueFormat: excelFormat(f?.format ?? 'count', f?.digits), showValues: true, colours, fontSize },
        frame,
      );
      return [];
    }
    case 'flow':
      drawFlow(slide, chart, frame, minCell);
      return [];
  }
}

function drawFlow(slide: SlideWriter, chart: Extract<ChartSpec, { kind: 'flow' }>, frame: Frame, minCell: number): void {
  const { nodes, column } = flowColumns(chart);
  let last = 0;
  for (const c of column.values()) last = Math.max(last, c);
  const links = chart.links.filter((l) => l.from !== l.to);
  const inflow = new Map(nodes.map((n) => [n, 0]));
  const outflow = new Map(nodes.map((n) => [n, 0]));
  for (const l of links) {
    const v = value(l.figure);
    if (v === null || v <= 0) continue;
    outflow.set(l.from, outflow.get(l.from)! + v);
    inflow.set(l.to, inflow.get(l.to)! + v);
  }
  const size = (n: string) => Math.max(inflow.get(n)!, outflow.get(n)!);
  const byColumn: string[][] = Array.from({ length: last + 1 }, () => []);
  for (const n of nodes) byColumn[column.get(n)!].push(n);
  const nodeW = 0.12;
  const gap = 0.25;
  const minH = 0.12;
  let k = Infinity;
  for (const col of byColumn) {
    let total = 0;
    for (const n of col) total += size(n);
    if (total > 0) k = Math.min(k, Math.max(0, frame.h - gap * (col.length - 1) - minH * col.length) / total);
  }
  if (!Number.isFinite(k)) k = 0;
  const box = new Map<string, { x: number; y: number; h: number }>();
  byColumn.forEach((col, c) => {
    let used = 0;
    for (const n of col) used += Math.max(minH, size(n) * k);
    let y = frame.y + Math.max(0, (frame.h - used - gap * (col.length - 1)) / 2);
    const x = frame.x + (last > 0 ? (c * (frame.w - nodeW)) / last : (frame.w - nodeW) / 2);
    for (const n of col) {
      const h = Math.max(minH, size(n) * k);
      box.set(n, { x, y, h });
      y += h + gap;
    }
  });
  const outOffset = new Map(nodes.map((n) => [n, 0]));
  const inOffset = new Map(nodes.map((n) => [n, 0]));
  const ordered = [...links].sort((a, b) => box.get(a.from)!.y - box.get(b.from)!.y || box.get(a.to)!.y - box.get(b.to)!.y);
  const labels: { text: string; x: number; y: number; muted: boolean }[] = [];
  for (const l of ordered) {
    const s = box.get(l.from)!;
    const t = box.get(l.to)!;
    const x0 = s.x + nodeW;
    const x1 = t.x;
    const v = value(l.figure);
    const text = formatFigure(l.figure, minCell);
    if (v !== null && v > 0) {
      const h = v * k;
      const y0 = s.y + outOffset.get(l.from)! + h / 2;
      const y1 = t.y + inOffset.get(l.to)! + h / 2;
      outOffset.set(l.from, outOffset.get(l.from)! + h);
      inOffset.set(l.to, inOffset.get(l.to)! + h);
      slide.line(x0, y0, x1, y1, { colour: OKABE_ITO[nodes.indexOf(l.from) % OKABE_ITO.length], widthPt: Math.max(0.75, h * 72), transparency: 55 });
      labels.push({ text, x: (x0 + x1) / 2, y: (y0 + y1) / 2, muted: false });
    } else if (l.figure.suppressed) {
      const y0 = s.y + s.h / 2;
      const y1 = t.y + t.h / 2;
      slide.line(x0, y0, x1, y1, { colour: '#555555', widthPt: 1.25, dash: true });
      labels.push({ text, x: (x0 + x1) / 2, y: (y0 + y1) / 2 + 0.12, muted: true });
    }
  }
  for (const n of nodes) {
    const b = box.get(n)!;
    slide.rect({ x: b.x, y: b.y, w: nodeW, h: b.h }, { fill: '#222222' });
    const right = column.get(n)! < last || last === 0;
    const w = 1.6;
    slide.text(n, { x: right ? b.x + nodeW + 0.04 : b.x - w - 0.04, y: b.y + b.h / 2 - 0.14, w, h: 0.28 }, { size: 11, bold: true, align: right ? 'left' : 'right', valign: 'middle' });
  }
  for (const l of labels) slide.text(l.text, { x: l.x - 0.6, y: l.y - 0.12, w: 1.2, h: 0.24 }, { size: 9, align: 'center', valign: 'middle', color: l.muted ? '#555555' : '#111111', italic: l.muted });
}
