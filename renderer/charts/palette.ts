// Segment colours: Okabe–Ito first (distinguishable with the common colour-vision deficiencies), then Tableau 10
// hues for k > 7. A segment keeps its colour everywhere (cards, scatter, bars, heatmap labels) by its index.
const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];
const TABLEAU_EXTRA = ['#9C755F', '#76B7B2', '#B07AA1', '#FF9DA7', '#59A14F', '#EDC948', '#BAB0AC', '#4E79A7', '#E15759', '#F28E2B'];
export const SEGMENT_COLORS: readonly string[] = [...OKABE_ITO, ...TABLEAU_EXTRA];

export function segmentColor(index: number): string {
  return cycle(SEGMENT_COLORS, index);
}

function cycle<T>(list: readonly T[], index: number): T {
  const n = list.length;
  return list[((index % n) + n) % n];
}

// Colour is never the only cue: a segment (or group) also keeps a marker shape, a line dash and a bar pattern by its
// index. Diamonds are left out: the charts use them for reference groups and side steps.
export const SEGMENT_SYMBOLS: readonly string[] = ['circle', 'square', 'triangle-up', 'x', 'triangle-down', 'cross', 'star', 'pentagon', 'hexagon', 'triangle-left', 'triangle-right', 'hourglass'];
const SEGMENT_DASHES: readonly string[] = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];
const SEGMENT_PATTERNS: readonly string[] = ['', '/', '.', 'x', '\\', '-', '|', '+'];

export function segmentSymbol(index: number): string {
  return cycle(SEGMENT_SYMBOLS, index);
}
export function segmentDash(index: number): string {
  return cycle(SEGMENT_DASHES, index);
}
/** Plotly bar pattern shape ('' = solid fill). */
export function segmentPattern(index: number): string {
  return cycle(SEGMENT_PATTERNS, index);
}

/** Black or white, whichever reads better on the given hex colour (WCAG relative luminance). */
export function textOn(hex: string): '#000000' | '#FFFFFF' {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#000000';
  const v = parseInt(m[1], 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel((v >> 16) & 255) + 0.7152 * channel((v >> 8) & 255) + 0.0722 * channel(v & 255);
  // Contrast with black (l + 0.05) / 0.05 vs with white 1.05 / (l + 0.05): black wins above l ≈ 0.179.
  return l > 0.179 ? '#000000' : '#FFFFFF';
}

/** Diverging scale for z-scores centred at 0 (purple–orange, safe for colour-vision deficiencies). */
export function divergingScale(dark: boolean): [number, string][] {
  const mid = dark ? '#2B2F38' : '#F7F7F7';
  return [
    [0, '#5E3C99'],
    [0.25, '#B2ABD2'],
    [0.5, mid],
    [0.75, '#FDB863'],
    [1, '#E66101'],
  ];
}
