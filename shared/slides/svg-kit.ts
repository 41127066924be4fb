// The small toolkit the slide chart renderers share: XML escaping, deterministic number printing, themes, the
// Okabe–Ito palette, "nice" axis ticks, a text-width estimate (no DOM here: this runs in main, in the CLI and in the
// renderer alike) and the hatch pattern that marks a withheld value.

/** Characters XML 1.0 forbids outright (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text for XML/HTML content and attribute values (quotes too), dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return String(text)
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A coordinate with at most one decimal and no "-0": the same input always prints the same SVG. */
export function px(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies. Blue
 * first (the single-series colour); yellow last, because on white it is the one colour below 3:1 contrast.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const;
/** Line series differ by dash too, so colour is never the only cue. */
export const DASHES = ['', '10 6', '3 5', '14 5 3 5', '2 3', '18 6'] as const;

export type ChartThemeName = 'light' | 'projector';

export interface ChartTheme {
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  font: number;
  small: number;
  stroke: number;
  marker: number;
}

/**
 * Both themes are black on white (the contrast that survives a washed-out projector in a lit room). The projector
 * theme is sized for a 1920-wide slide: no text below 24 px when the SVG is shown at its own width.
 */
export const THEMES: Record<ChartThemeName, ChartTheme> = {
  light: { background: '#FFFFFF', text: '#111111', muted: '#444444', grid: '#D9D9D9', axis: '#222222', font: 15, small: 13, stroke: 2, marker: 5 },
  projector: { background: '#FFFFFF', text: '#000000', muted: '#222222', grid: '#BFBFBF', axis: '#000000', font: 28, small: 24, stroke: 4, marker: 9 },
};

export const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** A width estimate for proportional sans-serif text (0.58 em per character on average; digits are ~0.55 em). */
export function textWidth(text: string, size: number): number {
  return Array.from(text).length * size * 0.58;
}

/** Shorten to fit `width` px, with an ellipsis; the full text goes in the element's <title>. */
export function fitText(text: string, size: number, width: number): string {
  const chars = Array.from(text);
  const max = Math.max(1, Math.floor(width / (size * 0.58)));
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/**
 * At most two lines that fit `width` px: broken at the last space that fits, the second line shortened with an
 * ellipsis if it is still too long; one line when the text fits or has no space to break at.
 */
export function wrapTwoLines(text: string, size: number, width: number): string[] {
  const max = Math.max(1, Math.floor(width / (size * 0.58)));
  const chars = Array.from(text);
  if (chars.length <= max) return [text];
  const head = chars.slice(0, max + 1).join('');
  const cut = head.lastIndexOf(' ');
  if (cut <= 0) return [fitText(text, size, width)];
  return [text.slice(0, cut), fitText(text.slice(cut + 1), size, width)];
}

/** "Nice" ticks (1, 2, 2.5, 5 × 10^k) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) {
    const v = Number.isFinite(lo) ? lo : 0;
    return v === 0 ? [0, 1] : [Math.min(0, v), Math.max(0, v)];
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const start = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  // Until a tick reaches hi: the last tick is the axis end, so every value must sit at or below it.
  for (let i = 0; ticks.length < 2 || ticks[ticks.length - 1] < hi - step * 1e-9; i++) {
    ticks.push(Number((start + i * step).toPrecision(12)));
    if (ticks.length > 50) break;
  }
  return ticks;
}

/** Linear map from a data domain to pixels. */
export function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** FNV-1a of a string, as 8 hex digits: ids derived from the content, so output stays deterministic. */
export function hashId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The pattern a withheld bar or step is filled with: diagonal lines, so it can never be mistaken for a short bar.
 * The id is per chart: several charts share one HTML page, and a pattern inside a hidden slide does not paint.
 */
export function hatchDefs(theme: ChartTheme, id: string): string {
  return (
    `<defs><pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="8" height="8" fill="${theme.background}"/><line x1="0" y1="0" x2="0" y2="8" stroke="${theme.muted}" stroke-width="3"/></pattern></defs>`
  );
}

export interface TextOptions {
  size: number;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  /** Vertical alignment relative to y (dominant-baseline). */
  baseline?: 'middle' | 'hanging' | 'auto';
  /** A background-coloured outline behind the glyphs, so labels stay legible over bands and lines. */
  halo?: string;
  /** Full text when the shown text was shortened. */
  title?: string;
  rotate?: number;
}

export function svgText(x: number, y: number, text: string, o: TextOptions): string {
  const attrs = [`x="${px(x)}"`, `y="${px(y)}"`, `font-size="${px(o.size)}"`, `fill="${o.fill}"`];
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.weight === 'bold') attrs.push('font-weight="bold"');
  if (o.baseline && o.baseline !== 'auto') attrs.push(`dominant-baseline="${o.baseline}"`);
  if (o.halo) attrs.push(`stroke="${o.halo}" stroke-width="${px(o.size / 5)}" paint-order="stroke" stroke-linejoin="round"`);
  if (o.rotate) attrs.push(`transform="rotate(${px(o.rotate)} ${px(x)} ${px(y)})"`);
  const title = o.title && o.title !== text ? `<title>${escapeXml(o.title)}</title>` : '';
  return `<text ${attrs.join(' ')}>${title}${escapeXml(text)}</text>`;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** What every chart-kind renderer receives: where to draw, how, and the threshold withheld values are worded with. */
export interface ChartContext {
  theme: ChartTheme;
  minCell: number;
  /** The hatch pattern's id (see hatchDefs). */
  hatchId: string;
  /** The plot's box inside the SVG, after the legend and footnote are set aside. */
  area: Box;
}

/** Decimal places an axis tick needs for this step ("0.25" → 2), in display units (shares are shown × 100). */
export function tickDigits(step: number, multiplier = 1): number {
  const text = String(Number((Math.abs(step) * multiplier).toPrecision(6)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(6, text.length - dot - 1);
}
