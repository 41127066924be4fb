// Funnels and flows (a simple left-to-right Sankey). Neither prints a total it would have to compute from the
// links or steps it shows: a node's height is the sum of the links that are drawn, and a withheld link is a dashed
// thread with its words ("fewer than 10"), so nothing withheld can be recovered from what the chart adds up.
import type { ChartSpec } from '../decks';
import { formatFigure, formatValue, isDrawable } from './format';
import { OKABE_ITO, escapeXml, fitText, px, svgText, textWidth, type ChartContext } from './svg-kit';

type FunnelSpec = Extract<ChartSpec, { kind: 'funnel' }>;
type FlowSpec = Extract<ChartSpec, { kind: 'flow' }>;

export function renderFunnel(chart: FunnelSpec, ctx: ChartContext): string {
  const { theme, area } = ctx;
  const n = Math.max(1, chart.steps.length);
  let widest = 0;
  for (const s of chart.steps) widest = Math.max(widest, textWidth(s.label, theme.font));
  const labelW = Math.min(area.w * 0.3, widest + theme.font);
  const plot = { x: area.x + labelW, y: area.y, w: area.w - labelW, h: area.h };
  const rowH = plot.h / n;
  const first = chart.steps[0]?.figure;
  let max = 0;
  for (const s of chart.steps) if (isDrawable(s.figure)) max = Math.max(max, s.figure.value);
  const out: string[] = [];
  chart.steps.forEach((step, i) => {
    const f = step.figure;
    const top = plot.y + i * rowH + rowH * 0.1;
    const h = rowH * 0.8;
    const mid = top + h / 2;
    const centre = plot.x + plot.w / 2;
    out.push(svgText(plot.x - theme.font * 0.5, mid, fitText(step.label, theme.font, labelW - theme.font * 0.5), { size: theme.font, fill: theme.text, anchor: 'end', baseline: 'middle', title: step.label }));
    let text = formatFigure(f, ctx.minCell);
    // "of the first step" only between two numbers that are both shown: it reveals nothing they do not.
    if (i > 0 && first && isDrawable(first) && first.value > 0 && isDrawable(f)) text += ` · ${formatValue(f.value / first.value, 'share', 0)} of ${chart.steps[0].label}`;
    const title = `<title>${escapeXml(`${step.label}: ${formatFigure(f, ctx.minCell)}`)}</title>`;
    if (isDrawable(f) && max > 0) {
      const w = Math.max(2, (Math.max(0, f.value) / max) * plot.w * 0.96);
      out.push(`<rect x="${px(centre - w / 2)}" y="${px(top)}" width="${px(w)}" height="${px(h)}" fill="${OKABE_ITO[0]}">${title}</rect>`);
      const fitsInside = textWidth(text, theme.small) + theme.small < w;
      out.push(
        fitsInside
          ? svgText(centre, mid, text, { size: theme.small, fill: '#FFFFFF', anchor: 'middle', baseline: 'middle', weight: 'bold' })
          : svgText(centre + w / 2 + theme.small * 0.4, mid, text, { size: theme.small, fill: theme.text, anchor: 'start', baseline: 'middle', halo: theme.background }),
      );
    } else {
      const w = Math.max(theme.small * 2, plot.w * 0.04);
      if (f.suppressed) {
        out.push(`<rect x="${px(centre - w / 2)}" y="${px(top)}" width="${px(w)}" height="${px(h)}" fill="url(#${ctx.hatchId})" stroke="${theme.muted}" stroke-width="1.5" stroke-dasharray="4 3">${title}</rect>`);
      }
      out.push(svgText(centre + w / 2 + theme.small * 0.4, mid, text, { size: theme.small, fill: theme.text, anchor: 'start', baseline: 'middle', halo: theme.background }));
    }
  });
  return out.join('');
}

/**
 * Columns by longest path from a source (a node with no incoming link); a cycle cannot push a node past the last
 * column. Nodes that appear only in links are added after the declared ones.
 */
export function flowColumns(chart: FlowSpec): { nodes: string[]; column: Map<string, number> } {
  const nodes = [...chart.nodes];
  for (const l of chart.links) for (const name of [l.from, l.to]) if (!nodes.includes(name)) nodes.push(name);
  const column = new Map(nodes.map((name) => [name, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    let changed = false;
    for (const l of chart.links) {
      if (l.from === l.to) continue;
      const next = column.get(l.from)! + 1;
      if (next > column.get(l.to)! && next < nodes.length) {
        column.set(l.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { nodes, column };
}

export function renderFlow(chart: FlowSpec, ctx: ChartContext): string {
  const { theme, area } = ctx;
  const { nodes, column } = flowColumns(chart);
  let lastColumn = 0;
  for (const c of column.values()) lastColumn = Math.max(lastColumn, c);
  const links = chart.links.filter((l) => l.from !== l.to);
  const inflow = new Map<string, number>(nodes.map((n) => [n, 0]));
  const outflow = new Map<string, number>(nodes.map((n) => [n, 0]));
  for (const l of links) {
    if (!isDrawable(l.figure) || l.figure.value <= 0) continue;
    outflow.set(l.from, outflow.get(l.from)! + l.figure.value);
    inflow.set(l.to, inflow.get(l.to)! + l.figure.value);
  }
  const size = (n: string) => Math.max(inflow.get(n)!, outflow.get(n)!);
  const byColumn: string[][] = Array.from({ length: lastColumn + 1 }, () => []);
  for (const n of nodes) byColumn[column.get(n)!].push(n);

  const nodeW = Math.max(theme.small * 0.8, area.w * 0.015);
  const gap = theme.small * 1.4;
  const minH = theme.small * 0.6;
  // One value→pixel factor for every column, set by the fullest one.
  let k = Infinity;
  for (const col of byColumn) {
    let total = 0;
    for (const n of col) total += size(n);
    const room = area.h - gap * (col.length - 1) - minH * col.length;
    if (total > 0) k = Math.min(k, Math.max(0, room) / total);
  }
  if (!Number.isFinite(k)) k = 0;
  const box = new Map<string, { x: number; y: number; h: number }>();
  const colX = (c: number) => area.x + (lastColumn > 0 ? (c * (area.w - nodeW)) / lastColumn : (area.w - nodeW) / 2);
  byColumn.forEach((col, c) => {
    let used = 0;
    for (const n of col) used += Math.max(minH, size(n) * k);
    let y = area.y + Math.max(0, (area.h - used - gap * (col.length - 1)) / 2);
    for (const n of col) {
      const h = Math.max(minH, size(n) * k);
      box.set(n, { x: colX(c), y, h });
      y += h + gap;
    }
  });

  const out: string[] = [];
  const labels: string[] = [];
  const columnGap = lastColumn > 0 ? colX(1) - colX(0) - nodeW : area.w;
  /** A link's label sits in the first gap after its source, clear of the source's name, before the next column. */
  const linkLabelX = (x0: number, x1: number, from: string, text: string) => {
    const half = textWidth(text, theme.small) / 2;
    const end = Math.min(x1, x0 + columnGap) - half - theme.small * 0.3;
    const wanted = x0 + theme.small * 0.4 + textWidth(fitText(from, theme.font, columnGap * 0.6), theme.font) + theme.small + half;
    return Math.max(x0 + half + theme.small * 0.3, Math.min(wanted, end));
  };
  // Bands leave a node top-down in the order of their targets' positions, and enter likewise: fewer crossings.
  const outOffset = new Map<string, number>(nodes.map((n) => [n, 0]));
  const inOffset = new Map<string, number>(nodes.map((n) => [n, 0]));
  const ordered = [...links].sort((a, b) => box.get(a.from)!.y - box.get(b.from)!.y || box.get(a.to)!.y - box.get(b.to)!.y);
  for (const l of ordered) {
    const s = box.get(l.from)!;
    const t = box.get(l.to)!;
    const x0 = s.x + nodeW;
    const x1 = t.x;
    const xm = (x0 + x1) / 2;
    const colour = OKABE_ITO[nodes.indexOf(l.from) % OKABE_ITO.length];
    const text = formatFigure(l.figure, ctx.minCell);
    const title = `<title>${escapeXml(`${l.from} → ${l.to}: ${text}`)}</title>`;
    if (isDrawable(l.figure) && l.figure.value > 0) {
      const h = l.figure.value * k;
      const a0 = s.y + outOffset.get(l.from)!;
      const b0 = t.y + inOffset.get(l.to)!;
      outOffset.set(l.from, outOffset.get(l.from)! + h);
      inOffset.set(l.to, inOffset.get(l.to)! + h);
      const d = `M${px(x0)} ${px(a0)}C${px(xm)} ${px(a0)} ${px(xm)} ${px(b0)} ${px(x1)} ${px(b0)}L${px(x1)} ${px(b0 + h)}C${px(xm)} ${px(b0 + h)} ${px(xm)} ${px(a0 + h)} ${px(x0)} ${px(a0 + h)}Z`;
      out.push(`<path d="${d}" fill="${colour}" fill-opacity="0.42" stroke="${colour}" stroke-opacity="0.8" stroke-width="1">${title}</path>`);
      if (h >= theme.small * 0.9) {
        const lx = linkLabelX(x0, x1, l.from, text);
        labels.push(svgText(lx, bandY(x0, x1, a0, b0, lx) + h / 2, text, { size: theme.small, fill: theme.text, anchor: 'middle', baseline: 'middle', halo: theme.background }));
      }
    } else if (l.figure.suppressed) {
      // A withheld link takes no height (its size is unknown): a dashed thread from node centre to node centre.
      const a = s.y + s.h / 2;
      const b = t.y + t.h / 2;
      out.push(`<path d="M${px(x0)} ${px(a)}C${px(xm)} ${px(a)} ${px(xm)} ${px(b)} ${px(x1)} ${px(b)}" fill="none" stroke="${theme.muted}" stroke-width="2" stroke-dasharray="5 4">${title}</path>`);
      const lx = linkLabelX(x0, x1, l.from, text);
      labels.push(svgText(lx, bandY(x0, x1, a, b, lx) + theme.small * 0.8, text, { size: theme.small, fill: theme.muted, anchor: 'middle', baseline: 'middle', halo: theme.background }));
    }
  }
  for (const n of nodes) {
    const b = box.get(n)!;
    const c = column.get(n)!;
    out.push(`<rect x="${px(b.x)}" y="${px(b.y)}" width="${px(nodeW)}" height="${px(b.h)}" fill="${theme.axis}"><title>${escapeXml(n)}</title></rect>`);
    const last = c === lastColumn && lastColumn > 0;
    const room = lastColumn > 0 ? (area.w - nodeW) / lastColumn - nodeW - theme.small : area.w / 2;
    const text = fitText(n, theme.font, Math.max(theme.font * 3, room * 0.6));
    labels.push(
      svgText(last ? b.x - theme.small * 0.4 : b.x + nodeW + theme.small * 0.4, b.y + b.h / 2, text, {
        size: theme.font,
        fill: theme.text,
        anchor: last ? 'end' : 'start',
        baseline: 'middle',
        weight: 'bold',
        halo: theme.background,
        title: n,
      }),
    );
  }
  return out.join('') + labels.join('');
}

/** The y of a band's top edge at x: the cubic (x0,a)→(xm,a)→(xm,b)→(x1,b), solved for t by bisection (x(t) rises). */
function bandY(x0: number, x1: number, a: number, b: number, x: number): number {
  const xm = (x0 + x1) / 2;
  const at = (p0: number, p1: number, p2: number, p3: number, t: number) => {
    const u = 1 - t;
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
  };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (at(x0, xm, xm, x1, mid) < x) lo = mid;
    else hi = mid;
  }
  return at(a, a, b, b, (lo + hi) / 2);
}
