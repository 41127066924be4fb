// WCAG 2.1 colour arithmetic: relative luminance, contrast ratio, alpha compositing. The app's theme is checked with
// these (every text token on every surface it sits on, light, dark and the projector theme), so a colour that fails
// AA is caught where it is defined rather than on one screen at a time. Written here because it is a dozen lines of
// the WCAG definitions and the product has no colour library.

/** An sRGB colour, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** "#rgb", "#rrggbb", "#rrggbbaa" or "rgba(r, g, b, a)" / "rgb(r, g, b)". Throws on anything else. */
export function parseColour(text: string): Rgba {
  const s = text.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) {
    const [r, g, b] = [...m[1]].map((c) => parseInt(c + c, 16));
    return { r, g, b, a: 1 };
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(s);
  if (m) {
    const v = parseInt(m[1], 16);
    return { r: (v >> 16) & 255, g: (v >> 8) & 255, b: v & 255, a: m[2] ? parseInt(m[2], 16) / 255 : 1 };
  }
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(s);
  if (m) return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: m[4] === undefined ? 1 : Number(m[4]) };
  throw new Error(`Not a colour: "${text}"`);
}

export function toHex(c: Rgba): string {
  const h = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}`.toUpperCase();
}

/** `top` painted over the opaque `bottom` (source-over). */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

/** WCAG 2.1 relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  const ch = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
}

/**
 * Contrast ratio (1–21) of a foreground on a background; a translucent foreground is first painted on the
 * background, a translucent background on `under` (white unless told).
 */
export function contrastRatio(fg: string | Rgba, bg: string | Rgba, under: string | Rgba = '#FFFFFF'): number {
  const u = typeof under === 'string' ? parseColour(under) : under;
  const b = composite(typeof bg === 'string' ? parseColour(bg) : bg, { ...u, a: 1 });
  const f = composite(typeof fg === 'string' ? parseColour(fg) : fg, b);
  const [hi, lo] = [luminance(f), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG 2.1 AA: 4.5:1 for text, 3:1 for large text (≥ 24 px, or ≥ 18.66 px bold) and for UI boundaries. */
export const AA_TEXT = 4.5;
export const AA_LARGE = 3;
