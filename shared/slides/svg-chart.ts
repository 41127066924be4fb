// A slide chart as one self-contained SVG string: no DOM, no fonts or images to fetch, no script, every string
// escaped, the same input always giving the same bytes. The HTML/PDF export inlines it, the PowerPoint export
// falls back to it, and presentation mode injects it, so a chart looks the same in the room and in the inbox.
//
// Without `standalone` the root carries no xmlns: inline in HTML the parser supplies the SVG namespace, and the HTML
// export promises not to contain a single "http". Pass `standalone: true` for a .svg file or a data: image.
import type { ChartSpec, Figure } from '../decks';
import { DISCLOSURE_DEFAULT_MIN_CELL } from '../decks';
import { AppError } from '../errors';
import { formatFigure, isDrawable } from './format';
import { renderBar } from './svg-bar';
import { renderFlow, renderFunnel } from './svg-flow';
import { DASHES, FONT_STACK, OKABE_ITO, THEMES, escapeXml, fitText, hashId, hatchDefs, px, svgText, textWidth, type ChartTheme, type ChartThemeName } from './svg-kit';
import { renderLine, renderScatter, scatterGroups } from './svg-xy';

export interface ChartSvgOptions {
  /** The size the SVG is drawn at, in CSS px (the projector theme assumes a slide 1920 px wide). */
  width: number;
  height: number;
  theme: ChartThemeName;
  /** The chart's title (the SVG's <title>). */
  title?: string;
  /** One sentence saying what the chart shows: the SVG's <desc> and aria-label. */
  summary?: string;
  /** The disclosure threshold the deck was judged by, for "fewer than k" (default 10). */
  minCell?: number;
  /** Add xmlns for use outside HTML (a .svg file, a data: image). */
  standalone?: boolean;
}

interface LegendItem {
  name: string;
  colour: string;
  dash?: string;
}

function legendFor(chart: ChartSpec): LegendItem[] {
  switch (chart.kind) {
    case 'bar':
      return chart.series.length > 1 ? chart.series.map((s, i) => ({ name: s.name, colour: OKABE_ITO[i % OKABE_ITO.length] })) : [];
    case 'line':
      return chart.series.length > 1 ? chart.series.map((s, i) => ({ name: s.name, colour: OKABE_ITO[i % OKABE_ITO.length], dash: DASHES[i % DASHES.length] })) : [];
    case 'scatter':
      return scatterGroups(chart).map((g, i) => ({ name: g, colour: OKABE_ITO[i % OKABE_ITO.length] }));
    default:
      return [];
  }
}

/** Values a chart cannot place (a withheld point has no position): named in the footnote instead. */
export function omittedNotes(chart: ChartSpec, minCell: number): string[] {
  const notes: string[] = [];
  if (chart.kind === 'line') {
    for (const s of chart.series) {
      s.values.forEach((f, i) => {
        if (f?.suppressed && i < chart.x.length) notes.push(`${chart.series.length > 1 ? `${s.name} at ` : ''}${chart.x[i]}: ${formatFigure(f, minCell)}`);
      });
    }
  } else if (chart.kind === 'scatter') {
    for (const p of chart.points) {
      const f = p.x.suppressed ? p.x : p.y.suppressed ? p.y : null;
      if (f) notes.push(`${p.label}: ${formatFigure(f, minCell)}`);
    }
  }
  return notes;
}

function hasData(chart: ChartSpec): boolean {
  const shown = (f: Figure) => Boolean(f.suppressed) || isDrawable(f);
  switch (chart.kind) {
    case 'bar':
    case 'line':
      return chart.series.some((s) => s.values.some((f) => f && shown(f)));
    case 'scatter':
      return chart.points.length > 0;
    case 'funnel':
      return chart.steps.length > 0;
    case 'flow':
      return chart.links.length > 0;
  }
}

/** Legend rows (wrapped to the width), as SVG and the height they take. */
function layoutLegend(items: LegendItem[], theme: ChartTheme, x: number, y: number, width: number): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const swatch = theme.small * 1.6;
  const rowH = theme.small * 1.5;
  let cx = x;
  let cy = y;
  const out: string[] = [];
  for (const item of items) {
    const label = fitText(item.name, theme.small, width * 0.45);
    const w = swatch + theme.small * 0.4 + textWidth(label, theme.small) + theme.small * 1.2;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += rowH;
    }
    const mid = cy + rowH / 2;
    out.push(
      item.dash !== undefined
        ? `<line x1="${px(cx)}" y1="${px(mid)}" x2="${px(cx + swatch)}" y2="${px(mid)}" stroke="${item.colour}" stroke-width="${px(theme.stroke)}"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`
        : `<rect x="${px(cx)}" y="${px(mid - theme.small * 0.45)}" width="${px(swatch)}" height="${px(theme.small * 0.9)}" fill="${item.colour}"/>`,
    );
    out.push(svgText(cx + swatch + theme.small * 0.4, mid, label, { size: theme.small, fill: theme.text, baseline: 'middle', title: item.name }));
    cx += w;
  }
  return { svg: out.join(''), height: cy - y + rowH + theme.small * 0.4 };
}

/** The footnote, wrapped to at most two lines (the rest becomes "and N more"). */
function layoutFootnote(notes: string[], theme: ChartTheme, width: number): string[] {
  if (notes.length === 0) return [];
  const perLine = Math.max(10, Math.floor(width / (theme.small * 0.58)));
  const lines: string[] = [];
  let line = 'Not shown: ';
  for (let i = 0; i < notes.length; i++) {
    const piece = `${notes[i]}${i < notes.length - 1 ? '; ' : ''}`;
    if (Array.from(line + piece).length > perLine && line.trim() !== 'Not shown:') {
      if (lines.length === 1) {
        lines.push(`${line}and ${notes.length - i} more`);
        return lines;
      }
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return lines.slice(0, 2);
}

export function renderChartSvg(chart: ChartSpec, opts: ChartSvgOptions): string {
  const { width, height } = opts;
  if (!(Number.isFinite(width) && Number.isFinite(height) && width >= 100 && height >= 60 && width <= 20000 && height <= 20000)) {
    throw new AppError('BAD_ARGUMENTS', `A chart needs a width and height between 100×60 and 20000×20000 px (got ${width}×${height}).`);
  }
  const theme = THEMES[opts.theme];
  if (!theme) throw new AppError('BAD_ARGUMENTS', `Unknown chart theme "${String(opts.theme)}": use light or projector.`);
  const minCell = opts.minCell ?? DISCLOSURE_DEFAULT_MIN_CELL;
  const summary = opts.summary ?? '';
  const title = opts.title ?? summary;
  const hatchId = `cxw-hatch-${hashId(`${JSON.stringify(chart)}|${width}|${height}|${opts.theme}|${title}`)}`;
  const margin = theme.small * 0.6;
  const inner = { x: margin, y: margin, w: width - 2 * margin, h: height - 2 * margin };

  const legend = layoutLegend(legendFor(chart), theme, inner.x, inner.y, inner.w);
  const footnote = layoutFootnote(omittedNotes(chart, minCell), theme, inner.w);
  const footH = footnote.length * theme.small * 1.3;
  const area = { x: inner.x, y: inner.y + legend.height, w: inner.w, h: inner.h - legend.height - footH - (footH ? theme.small * 0.4 : 0) };
  const ctx = { theme, minCell, hatchId, area };

  let body: string;
  if (!hasData(chart)) {
    body = svgText(width / 2, height / 2, 'No data to show', { size: theme.font, fill: theme.muted, anchor: 'middle', baseline: 'middle' });
  } else {
    switch (chart.kind) {
      case 'bar':
        body = renderBar(chart, ctx);
        break;
      case 'line':
        body = renderLine(chart, ctx);
        break;
      case 'scatter':
        body = renderScatter(chart, ctx);
        break;
      case 'funnel':
        body = renderFunnel(chart, ctx);
        break;
      case 'flow':
        body = renderFlow(chart, ctx);
        break;
      default:
        throw new AppError('BAD_ARGUMENTS', `Unknown chart kind "${String((chart as { kind: unknown }).kind)}".`);
    }
  }
  const foot = footnote.map((line, i) => svgText(inner.x, inner.y + inner.h - footH + theme.small * (1.3 * i + 1), line, { size: theme.small, fill: theme.muted })).join('');
  const label = escapeXml(summary || title || 'Chart');
  return (
    `<svg${opts.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : ''} width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" ` +
    `role="img" aria-label="${label}" font-family="${escapeXml(FONT_STACK)}">` +
    `<title>${escapeXml(title || 'Chart')}</title><desc>${escapeXml(summary)}</desc>` +
    hatchDefs(theme, hatchId) +
    `<rect width="${px(width)}" height="${px(height)}" fill="${theme.background}"/>` +
    legend.svg +
    body +
    foot +
    '</svg>'
  );
}
