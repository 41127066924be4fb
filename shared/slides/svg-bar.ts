// Bar charts (horizontal or vertical, grouped series, 95% interval whiskers, a reference line). One code path for both
// orientations: positions are computed along the category "band" axis and the value axis, then mapped to x/y.
// A withheld value is drawn as a short hatched stub with a dashed outline and its words ("fewer than 10"), never as a
// zero-length bar: a missing bar and a zero bar must not look alike.
import type { ChartSpec, Figure } from '../decks';
import { formatFigure, formatValue, isDrawable } from './format';
import { OKABE_ITO, escapeXml, fitText, niceTicks, px, scale, svgText, textWidth, tickDigits, wrapTwoLines, type ChartContext } from './svg-kit';

type BarSpec = Extract<ChartSpec, { kind: 'bar' }>;

const GROUP_FILL = 0.72; // share of a category's band taken by its bars

/** The figure's text without its interval: the whisker shows the interval. */
const barLabel = (f: Figure, minCell: number) => formatFigure({ ...f, ci: null }, minCell);

export function renderBar(chart: BarSpec, ctx: ChartContext): string {
  const { theme, area } = ctx;
  const horizontal = chart.orientation === 'horizontal';
  const figures = chart.series.flatMap((s) => s.values);
  const format = figures.find((f) => f)?.format ?? 'count';

  // Value domain: zero, every drawn value, every interval bound, the reference.
  const values = [0];
  for (const f of figures) {
    if (!f || !isDrawable(f)) continue;
    values.push(f.value);
    if (f.ci && Number.isFinite(f.ci[0]) && Number.isFinite(f.ci[1])) values.push(f.ci[0], f.ci[1]);
  }
  if (chart.reference && Number.isFinite(chart.reference.value)) values.push(chart.reference.value);
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const labels = figures.map((f) => (f ? barLabel(f, ctx.minCell) : ''));
  let longestLabel = 0;
  for (const l of labels) longestLabel = Math.max(longestLabel, textWidth(l, theme.small));

  // Layout: the category labels, the value axis, the bar-end labels and the reference label each get their room.
  const refRoom = chart.reference ? theme.small * 1.6 : 0;
  let plot;
  let rotateLabels = false;
  /** Where the category labels end (horizontal bars): apart from the plot when negative bars need label room. */
  let categoryRight = 0;
  if (horizontal) {
    let widestCategory = 0;
    for (const c of chart.categories) widestCategory = Math.max(widestCategory, textWidth(c, theme.font));
    // A negative bar's value label sits beyond its end, left of the plot: room for it beside the category labels.
    categoryRight = area.x + Math.min(area.w * 0.34, widestCategory + theme.font) - theme.font * 0.5;
    let negativeLabel = 0;
    figures.forEach((f, i) => {
      if (f && isDrawable(f) && f.value < 0) negativeLabel = Math.max(negativeLabel, textWidth(labels[i], theme.small));
    });
    const left = categoryRight + theme.font * 0.5 - area.x + (negativeLabel > 0 ? negativeLabel + theme.small : 0);
    const right = Math.min(area.w * 0.3, longestLabel + theme.small);
    const bottom = theme.small * 1.6 + (chart.valueAxis ? theme.font * 1.6 : 0);
    plot = { x: area.x + left, y: area.y + refRoom, w: area.w - left - right, h: area.h - bottom - refRoom };
  } else {
    const left = theme.small * 4.2 + (chart.valueAxis ? theme.font * 1.5 : 0);
    const bottom = theme.font * 1.8;
    const bandW = (area.w - left) / Math.max(1, chart.categories.length);
    const barW = (bandW * GROUP_FILL) / Math.max(1, chart.series.length);
    // Labels are centred on their bars: they must fit the distance between neighbouring bars, else they turn upright.
    const pitch = chart.series.length > 1 ? barW : bandW;
    rotateLabels = longestLabel + theme.small * 0.5 > pitch;
    const top = Math.max(refRoom, rotateLabels ? Math.min(area.h * 0.35, longestLabel + theme.small) : theme.small * 1.6);
    plot = { x: area.x + left, y: area.y + top, w: area.w - left - theme.small, h: area.h - top - bottom };
  }
  const valueLength = horizontal ? plot.w : plot.h;
  const ticks = niceTicks(lo, hi, Math.max(2, Math.min(8, Math.floor(valueLength / (theme.small * 5)))));
  const d0 = ticks[0];
  const d1 = ticks[ticks.length - 1];
  const at = horizontal ? scale(d0, d1, plot.x, plot.x + plot.w) : scale(d0, d1, plot.y + plot.h, plot.y);
  const bandStart = horizontal ? plot.y : plot.x;
  const bandSize = (horizontal ? plot.h : plot.w) / Math.max(1, chart.categories.length);
  const digits = tickDigits(ticks.length > 1 ? ticks[1] - ticks[0] : 1, format === 'share' ? 100 : 1);

  /** A rectangle from band offsets b0..b1 and values v0..v1 (in pixels along the value axis). */
  const rect = (b0: number, b1: number, p0: number, p1: number) =>
    horizontal
      ? { x: Math.min(p0, p1), y: b0, w: Math.abs(p1 - p0), h: b1 - b0 }
      : { x: b0, y: Math.min(p0, p1), w: b1 - b0, h: Math.abs(p1 - p0) };
  const out: string[] = [];

  // Grid and value axis.
  for (const t of ticks) {
    const p = at(t);
    const tickText = formatValue(t, format === 'pValue' ? 'decimal' : format, digits);
    if (horizontal) {
      out.push(`<line x1="${px(p)}" y1="${px(plot.y)}" x2="${px(p)}" y2="${px(plot.y + plot.h)}" stroke="${theme.grid}" stroke-width="1"/>`);
      out.push(svgText(p, plot.y + plot.h + theme.small * 1.2, tickText, { size: theme.small, fill: theme.muted, anchor: 'middle' }));
    } else {
      out.push(`<line x1="${px(plot.x)}" y1="${px(p)}" x2="${px(plot.x + plot.w)}" y2="${px(p)}" stroke="${theme.grid}" stroke-width="1"/>`);
      out.push(svgText(plot.x - theme.small * 0.5, p, tickText, { size: theme.small, fill: theme.muted, anchor: 'end', baseline: 'middle' }));
    }
  }
  if (chart.valueAxis) {
    out.push(
      horizontal
        ? svgText(plot.x + plot.w / 2, plot.y + plot.h + theme.small * 1.6 + theme.font * 1.2, chart.valueAxis, { size: theme.font, fill: theme.text, anchor: 'middle' })
        : svgText(area.x + theme.font, plot.y + plot.h / 2, chart.valueAxis, { size: theme.font, fill: theme.text, anchor: 'middle', rotate: -90 }),
    );
  }

  // Bars, stubs, whiskers, labels.
  const zero = at(0);
  const stubLength = Math.max(theme.small * 1.5, valueLength * 0.035);
  const nSeries = Math.max(1, chart.series.length);
  chart.categories.forEach((category, ci) => {
    const band0 = bandStart + ci * bandSize;
    const barSize = (bandSize * GROUP_FILL) / nSeries;
    const first = band0 + (bandSize * (1 - GROUP_FILL)) / 2;
    chart.series.forEach((series, si) => {
      const f = series.values[ci];
      if (!f) return;
      const b0 = first + si * barSize;
      const b1 = b0 + barSize * 0.92;
      const mid = (b0 + b1) / 2;
      const colour = OKABE_ITO[si % OKABE_ITO.length];
      const label = barLabel(f, ctx.minCell);
      const name = `${category}${chart.series.length > 1 ? `, ${series.name}` : ''}: ${formatFigure(f, ctx.minCell)}`;
      let end: number;
      let positive = true;
      if (isDrawable(f)) {
        const p = at(f.value);
        positive = horizontal ? p >= zero : p <= zero;
        const r = rect(b0, b1, zero, p);
        out.push(`<rect x="${px(r.x)}" y="${px(r.y)}" width="${px(r.w)}" height="${px(r.h)}" fill="${colour}"><title>${escapeXml(name)}</title></rect>`);
        end = p;
        if (f.ci && Number.isFinite(f.ci[0]) && Number.isFinite(f.ci[1])) {
          const w0 = at(f.ci[0]);
          const w1 = at(f.ci[1]);
          const cap = Math.min(barSize * 0.3, theme.small * 0.6);
          const s = `stroke="${theme.axis}" stroke-width="${px(Math.max(1.5, theme.stroke * 0.6))}"`;
          if (horizontal) {
            out.push(`<path d="M${px(w0)} ${px(mid)}H${px(w1)}M${px(w0)} ${px(mid - cap)}V${px(mid + cap)}M${px(w1)} ${px(mid - cap)}V${px(mid + cap)}" ${s} fill="none"/>`);
          } else {
            out.push(`<path d="M${px(mid)} ${px(w0)}V${px(w1)}M${px(mid - cap)} ${px(w0)}H${px(mid + cap)}M${px(mid - cap)} ${px(w1)}H${px(mid + cap)}" ${s} fill="none"/>`);
          }
          end = horizontal ? (positive ? Math.max(p, w0, w1) : Math.min(p, w0, w1)) : positive ? Math.min(p, w0, w1) : Math.max(p, w0, w1);
        }
      } else {
        // Withheld or missing: a hatched stub from the zero line towards the side the axis has room on.
        positive = horizontal ? zero + stubLength <= plot.x + plot.w : zero - stubLength >= plot.y;
        const sign = (horizontal ? 1 : -1) * (positive ? 1 : -1);
        const r = rect(b0, b1, zero, zero + sign * stubLength);
        if (f.suppressed) {
          out.push(
            `<rect x="${px(r.x)}" y="${px(r.y)}" width="${px(r.w)}" height="${px(r.h)}" fill="url(#${ctx.hatchId})" stroke="${theme.muted}" stroke-width="1.5" stroke-dasharray="4 3"><title>${escapeXml(name)}</title></rect>`,
          );
        }
        end = zero + sign * stubLength;
      }
      const gap = theme.small * 0.4;
      if (horizontal) {
        out.push(svgText(end + (positive ? gap : -gap), mid, label, { size: theme.small, fill: theme.text, anchor: positive ? 'start' : 'end', baseline: 'middle', halo: theme.background }));
      } else if (rotateLabels) {
        out.push(svgText(mid, end + (positive ? -gap : gap), label, { size: theme.small, fill: theme.text, anchor: positive ? 'start' : 'end', baseline: 'middle', rotate: -90, halo: theme.background }));
      } else {
        out.push(svgText(mid, end + (positive ? -gap : gap + theme.small * 0.8), label, { size: theme.small, fill: theme.text, anchor: 'middle', halo: theme.background }));
      }
    });
    // The category label.
    const centre = band0 + bandSize / 2;
    if (horizontal) {
      const room = categoryRight - area.x;
      // A long category takes two lines where its band is tall enough, rather than losing its end to an ellipsis.
      const lines = bandSize >= theme.font * 2.3 ? wrapTwoLines(category, theme.font, room) : [fitText(category, theme.font, room)];
      lines.forEach((line, li) => {
        const y = centre + (li - (lines.length - 1) / 2) * theme.font * 1.1;
        out.push(svgText(categoryRight, y, line, { size: theme.font, fill: theme.text, anchor: 'end', baseline: 'middle', title: category }));
      });
    } else {
      out.push(svgText(centre, plot.y + plot.h + theme.font * 1.2, fitText(category, theme.font, bandSize * 0.95), { size: theme.font, fill: theme.text, anchor: 'middle', title: category }));
    }
  });

  // The zero line, then the reference line on top of the bars.
  out.push(
    horizontal
      ? `<line x1="${px(zero)}" y1="${px(plot.y)}" x2="${px(zero)}" y2="${px(plot.y + plot.h)}" stroke="${theme.axis}" stroke-width="${px(theme.stroke * 0.6)}"/>`
      : `<line x1="${px(plot.x)}" y1="${px(zero)}" x2="${px(plot.x + plot.w)}" y2="${px(zero)}" stroke="${theme.axis}" stroke-width="${px(theme.stroke * 0.6)}"/>`,
  );
  if (chart.reference && Number.isFinite(chart.reference.value)) {
    const p = at(chart.reference.value);
    const dash = `stroke="${theme.axis}" stroke-width="${px(theme.stroke * 0.75)}" stroke-dasharray="8 6"`;
    if (horizontal) {
      out.push(`<line x1="${px(p)}" y1="${px(plot.y - theme.small * 0.3)}" x2="${px(p)}" y2="${px(plot.y + plot.h)}" ${dash}/>`);
      const anchor = p > plot.x + plot.w * 0.7 ? 'end' : p < plot.x + plot.w * 0.3 ? 'start' : 'middle';
      out.push(svgText(p, plot.y - theme.small * 0.5, chart.reference.label, { size: theme.small, fill: theme.text, anchor, weight: 'bold', halo: theme.background }));
    } else {
      out.push(`<line x1="${px(plot.x)}" y1="${px(p)}" x2="${px(plot.x + plot.w)}" y2="${px(p)}" ${dash}/>`);
      out.push(svgText(plot.x + plot.w, p - theme.small * 0.4, chart.reference.label, { size: theme.small, fill: theme.text, anchor: 'end', weight: 'bold', halo: theme.background }));
    }
  }
  return out.join('');
}
