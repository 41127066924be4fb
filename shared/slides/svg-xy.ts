// Line and scatter charts: two numeric axes (a line's x may be categories, e.g. months). A withheld point has no
// position to draw, so it is left out and named in the chart's footnote (see svg-chart.ts), never drawn at zero.
import type { ChartSpec, Figure, FigureFormat } from '../decks';
import { formatFigure, formatValue, isDrawable } from './format';
import { DASHES, OKABE_ITO, escapeXml, fitText, niceTicks, overlaps, px, scale, svgText, textWidth, tickDigits, type Box, type ChartContext } from './svg-kit';

type LineSpec = Extract<ChartSpec, { kind: 'line' }>;
type ScatterSpec = Extract<ChartSpec, { kind: 'scatter' }>;

interface Axis {
  at: (v: number) => number;
  ticks: number[];
  format: FigureFormat;
  digits: number;
}

function extent(values: number[], padShare: number, includeZero: boolean): [number, number] {
  let lo = includeZero ? 0 : Infinity;
  let hi = includeZero ? 0 : -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  const pad = (hi - lo || Math.abs(hi) || 1) * padShare;
  return [includeZero && lo === 0 ? 0 : lo - pad, hi + pad];
}

function axis(lo: number, hi: number, r0: number, r1: number, format: FigureFormat, count: number): Axis {
  const ticks = niceTicks(lo, hi, count);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  return { at: scale(ticks[0], ticks[ticks.length - 1], r0, r1), ticks, format: format === 'pValue' ? 'decimal' : format, digits: tickDigits(step, format === 'share' ? 100 : 1) };
}

/** Grid lines, tick labels and axis titles around `plot`. */
function frame(plot: Box, x: Axis | null, y: Axis, xTitle: string, yTitle: string, ctx: ChartContext): string {
  const { theme, area } = ctx;
  const out: string[] = [];
  for (const t of y.ticks) {
    const p = y.at(t);
    out.push(`<line x1="${px(plot.x)}" y1="${px(p)}" x2="${px(plot.x + plot.w)}" y2="${px(p)}" stroke="${theme.grid}" stroke-width="1"/>`);
    out.push(svgText(plot.x - theme.small * 0.5, p, formatValue(t, y.format, y.digits), { size: theme.small, fill: theme.muted, anchor: 'end', baseline: 'middle' }));
  }
  if (x) {
    for (const t of x.ticks) {
      const p = x.at(t);
      out.push(`<line x1="${px(p)}" y1="${px(plot.y)}" x2="${px(p)}" y2="${px(plot.y + plot.h)}" stroke="${theme.grid}" stroke-width="1"/>`);
      out.push(svgText(p, plot.y + plot.h + theme.small * 1.2, formatValue(t, x.format, x.digits), { size: theme.small, fill: theme.muted, anchor: 'middle' }));
    }
  }
  out.push(`<path d="M${px(plot.x)} ${px(plot.y)}V${px(plot.y + plot.h)}H${px(plot.x + plot.w)}" fill="none" stroke="${theme.axis}" stroke-width="${px(theme.stroke * 0.6)}"/>`);
  if (xTitle) out.push(svgText(plot.x + plot.w / 2, plot.y + plot.h + theme.small * 1.6 + theme.font * 1.2, xTitle, { size: theme.font, fill: theme.text, anchor: 'middle' }));
  if (yTitle) out.push(svgText(area.x + theme.font, plot.y + plot.h / 2, yTitle, { size: theme.font, fill: theme.text, anchor: 'middle', rotate: -90 }));
  return out.join('');
}

function plotBox(ctx: ChartContext, xTitle: string, yTitle: string, rightRoom: number, topRoom: number): Box {
  const { theme, area } = ctx;
  const left = theme.small * 4.2 + (yTitle ? theme.font * 1.5 : 0);
  const bottom = theme.small * 1.6 + (xTitle ? theme.font * 1.8 : 0);
  return { x: area.x + left, y: area.y + topRoom, w: area.w - left - rightRoom, h: area.h - bottom - topRoom };
}

export function renderLine(chart: LineSpec, ctx: ChartContext): string {
  const { theme } = ctx;
  const numericX = chart.x.length > 0 && chart.x.every((v) => typeof v === 'number' && Number.isFinite(v));
  const ys: number[] = [];
  for (const s of chart.series) for (const f of s.values) if (f && isDrawable(f)) ys.push(f.value);
  const format = chart.series.flatMap((s) => s.values).find((f) => f)?.format ?? 'decimal';
  let endLabel = 0;
  for (const s of chart.series) {
    const last = lastDrawable(s.values);
    if (last) endLabel = Math.max(endLabel, textWidth(formatFigure({ ...last, ci: null }, ctx.minCell), theme.small));
  }
  const plot = plotBox(ctx, chart.xAxis, chart.yAxis, Math.min(ctx.area.w * 0.25, endLabel + theme.small), chart.marker ? theme.small * 1.8 : theme.small);
  const [y0, y1] = extent(ys, 0.08, format === 'count' || format === 'share');
  const y = axis(y0, y1, plot.y + plot.h, plot.y, format, Math.max(2, Math.min(7, Math.floor(plot.h / (theme.small * 3)))));
  let xAxis: Axis | null = null;
  let xAt: (i: number) => number;
  const out: string[] = [];
  if (numericX) {
    const xs = chart.x as number[];
    const [x0, x1] = extent(xs, 0, false);
    xAxis = axis(x0, x1, plot.x, plot.x + plot.w, 'decimal', Math.max(2, Math.min(8, Math.floor(plot.w / (theme.small * 5)))));
    xAt = (i) => xAxis!.at(xs[i]);
  } else {
    const n = chart.x.length;
    const step = n > 1 ? plot.w / (n - 1) : 0;
    xAt = (i) => (n > 1 ? plot.x + i * step : plot.x + plot.w / 2);
    // Category labels: every k-th so they do not collide.
    let widest = 0;
    for (const v of chart.x) widest = Math.max(widest, textWidth(String(v), theme.small));
    const every = step > 0 ? Math.max(1, Math.ceil((widest + theme.small) / step)) : 1;
    chart.x.forEach((v, i) => {
      if (i % every !== 0 && i !== n - 1) return;
      if (i === n - 1 && i % every !== 0 && n > 1 && step * (i % every) < widest + theme.small) return;
      out.push(svgText(xAt(i), plot.y + plot.h + theme.small * 1.2, String(v), { size: theme.small, fill: theme.muted, anchor: 'middle' }));
    });
  }
  out.unshift(frame(plot, xAxis, y, chart.xAxis, chart.yAxis, ctx));

  if (chart.marker) {
    const i = chart.x.findIndex((v) => v === chart.marker!.x);
    const mx = i >= 0 ? xAt(i) : numericX && typeof chart.marker.x === 'number' ? xAxis!.at(chart.marker.x) : NaN;
    if (Number.isFinite(mx)) {
      out.push(`<line x1="${px(mx)}" y1="${px(plot.y - theme.small * 0.4)}" x2="${px(mx)}" y2="${px(plot.y + plot.h)}" stroke="${theme.axis}" stroke-width="${px(theme.stroke * 0.6)}" stroke-dasharray="8 6"/>`);
      out.push(svgText(mx, plot.y - theme.small * 0.6, chart.marker.label, { size: theme.small, fill: theme.text, anchor: mx > plot.x + plot.w * 0.7 ? 'end' : 'middle', weight: 'bold', halo: theme.background }));
    }
  }

  chart.series.forEach((s, si) => {
    const colour = OKABE_ITO[si % OKABE_ITO.length];
    let d = '';
    let pen = false;
    const dots: string[] = [];
    s.values.forEach((f, i) => {
      if (i >= chart.x.length || !f || !isDrawable(f)) {
        pen = false; // a gap: withheld or missing points are not bridged
        return;
      }
      const cx = xAt(i);
      const cy = y.at(f.value);
      d += `${pen ? 'L' : 'M'}${px(cx)} ${px(cy)}`;
      pen = true;
      if (f.ci && Number.isFinite(f.ci[0]) && Number.isFinite(f.ci[1])) {
        dots.push(`<path d="M${px(cx)} ${px(y.at(f.ci[0]))}V${px(y.at(f.ci[1]))}" stroke="${colour}" stroke-width="${px(Math.max(1.5, theme.stroke * 0.5))}" fill="none"/>`);
      }
      dots.push(`<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(theme.marker)}" fill="${colour}" stroke="${theme.background}" stroke-width="1.5"><title>${escapeXml(`${s.name}, ${chart.x[i]}: ${formatFigure(f, ctx.minCell)}`)}</title></circle>`);
    });
    const dash = DASHES[si % DASHES.length];
    if (d) out.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="${px(theme.stroke)}" stroke-linejoin="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(dots.join(''));
    // Direct label at the series' last point: the value the room reads first.
    const lastIndex = lastDrawableIndex(s.values, chart.x.length);
    if (lastIndex >= 0) {
      const f = s.values[lastIndex];
      out.push(svgText(xAt(lastIndex) + theme.marker + theme.small * 0.3, y.at(f.value!), formatFigure({ ...f, ci: null }, ctx.minCell), { size: theme.small, fill: theme.text, baseline: 'middle', halo: theme.background }));
    }
  });
  return out.join('');
}

function lastDrawableIndex(values: Figure[], limit: number): number {
  for (let i = Math.min(values.length, limit) - 1; i >= 0; i--) if (values[i] && isDrawable(values[i])) return i;
  return -1;
}
function lastDrawable(values: Figure[]): Figure | null {
  const i = lastDrawableIndex(values, values.length);
  return i >= 0 ? values[i] : null;
}

/** Groups in first-seen order: the legend and the colours follow it. */
export function scatterGroups(chart: ScatterSpec): string[] {
  const groups: string[] = [];
  for (const p of chart.points) if (p.group !== undefined && !groups.includes(p.group)) groups.push(p.group);
  return groups;
}

export function renderScatter(chart: ScatterSpec, ctx: ChartContext): string {
  const { theme } = ctx;
  const drawn = chart.points.filter((p) => isDrawable(p.x) && isDrawable(p.y));
  const xs = drawn.map((p) => p.x.value as number);
  const ys = drawn.map((p) => p.y.value as number);
  if (chart.quadrants) {
    xs.push(chart.quadrants.x);
    ys.push(chart.quadrants.y);
  }
  const plot = plotBox(ctx, chart.xAxis, chart.yAxis, theme.small, theme.small);
  const xFormat = chart.points[0]?.x.format ?? 'decimal';
  const yFormat = chart.points[0]?.y.format ?? 'decimal';
  const [x0, x1] = extent(xs, 0.08, false);
  const [y0, y1] = extent(ys, 0.08, false);
  const x = axis(x0, x1, plot.x, plot.x + plot.w, xFormat, Math.max(2, Math.min(8, Math.floor(plot.w / (theme.small * 5)))));
  const y = axis(y0, y1, plot.y + plot.h, plot.y, yFormat, Math.max(2, Math.min(7, Math.floor(plot.h / (theme.small * 3)))));
  const out: string[] = [frame(plot, x, y, chart.xAxis, chart.yAxis, ctx)];
  const taken: Box[] = [];

  if (chart.quadrants) {
    const qx = x.at(chart.quadrants.x);
    const qy = y.at(chart.quadrants.y);
    const line = `stroke="${theme.axis}" stroke-width="${px(theme.stroke * 0.6)}" stroke-dasharray="8 6"`;
    out.push(`<line x1="${px(qx)}" y1="${px(plot.y)}" x2="${px(qx)}" y2="${px(plot.y + plot.h)}" ${line}/>`);
    out.push(`<line x1="${px(plot.x)}" y1="${px(qy)}" x2="${px(plot.x + plot.w)}" y2="${px(qy)}" ${line}/>`);
    const [tl, tr, bl, br] = chart.quadrants.labels;
    const pad = theme.small * 0.5;
    const corner = (text: string, cx: number, cy: number, anchor: 'start' | 'end', top: boolean) => {
      const w = textWidth(text, theme.small);
      taken.push({ x: anchor === 'start' ? cx : cx - w, y: top ? cy : cy - theme.small, w, h: theme.small * 1.2 });
      return svgText(cx, cy, text, { size: theme.small, fill: theme.muted, anchor, weight: 'bold', baseline: top ? 'hanging' : 'auto' });
    };
    out.push(corner(tl, plot.x + pad, plot.y + pad, 'start', true));
    out.push(corner(tr, plot.x + plot.w - pad, plot.y + pad, 'end', true));
    out.push(corner(bl, plot.x + pad, plot.y + plot.h - pad, 'start', false));
    out.push(corner(br, plot.x + plot.w - pad, plot.y + plot.h - pad, 'end', false));
  }

  const groups = scatterGroups(chart);
  const r = theme.marker;
  const placed: string[] = [];
  for (const p of drawn) {
    const cx = x.at(p.x.value as number);
    const cy = y.at(p.y.value as number);
    const colour = OKABE_ITO[Math.max(0, groups.indexOf(p.group ?? '')) % OKABE_ITO.length];
    out.push(`<circle cx="${px(cx)}" cy="${px(cy)}" r="${px(r)}" fill="${colour}" stroke="${theme.background}" stroke-width="1.5"><title>${escapeXml(`${p.label}: ${formatFigure(p.x, ctx.minCell)}, ${formatFigure(p.y, ctx.minCell)}`)}</title></circle>`);
    taken.push({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r });
  }
  // Labels after all points, so a label avoids every point, not just the earlier ones: try right, left, above, below.
  for (const p of drawn) {
    const cx = x.at(p.x.value as number);
    const cy = y.at(p.y.value as number);
    const text = fitText(p.label, theme.small, plot.w * 0.3);
    const w = textWidth(text, theme.small);
    const h = theme.small * 1.1;
    const gap = r + theme.small * 0.3;
    const options: [Box, 'start' | 'end' | 'middle'][] = [
      [{ x: cx + gap, y: cy - h / 2, w, h }, 'start'],
      [{ x: cx - gap - w, y: cy - h / 2, w, h }, 'end'],
      [{ x: cx - w / 2, y: cy - gap - h, w, h }, 'middle'],
      [{ x: cx - w / 2, y: cy + gap, w, h }, 'middle'],
    ];
    const inside = (b: Box) => b.x >= plot.x && b.x + b.w <= plot.x + plot.w && b.y >= plot.y && b.y + b.h <= plot.y + plot.h;
    const fits = options.find(([b]) => inside(b) && !taken.some((t) => overlaps(b, t))) ?? options.find(([b]) => inside(b)) ?? options[0];
    const [box, anchor] = fits;
    taken.push(box);
    const tx = anchor === 'start' ? box.x : anchor === 'end' ? box.x + box.w : box.x + box.w / 2;
    placed.push(svgText(tx, box.y + h / 2, text, { size: theme.small, fill: theme.text, anchor, baseline: 'middle', halo: theme.background, title: p.label }));
  }
  out.push(placed.join(''));
  return out.join('');
}
