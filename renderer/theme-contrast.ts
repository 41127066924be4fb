// Colour variables chosen for WCAG 2.1 AA instead of by shade number. Mantine's defaults put text at fixed shades
// (filled buttons at 6, light badges' text at 6, dimmed text at gray 6), which on white give 2.3–4.3:1. Here each
// colour's text-bearing variables take the first shade, from the usual one towards more contrast, that reaches
// 4.5:1 on every surface it can sit on (the app's backgrounds, the light variant's own tint over them); when no
// shade does, the darkest (or lightest) shade is mixed towards black (or white) until it does. One place decides,
// so every screen, badge and button follows, and tests/unit/renderer/theme-contrast.test.ts checks the result.
import type { MantineTheme } from '@mantine/core';
import { AA_TEXT, composite, contrastRatio, parseColour, toHex, type Rgba } from '../shared/contrast';
import { minOf } from '../shared/extent';

export type Scheme = 'light' | 'dark';

/** The backgrounds text is drawn on, per scheme (the app's --cxw-bg/surface tokens and Mantine's bodies). */
export const SURFACES: Record<Scheme, readonly string[]> = {
  light: ['#FFFFFF', '#F7F8FA', '#F2F4F7', '#F8F9FA'],
  dark: ['#17191F', '#121418', '#1F2229', '#242424', '#2B2F38'],
};

/** Neutral text tokens, checked against SURFACES and the selected-row tint in the unit test. */
export const NEUTRAL_TEXT: Record<Scheme, { muted: string; faint: string; placeholder: string }> = {
  // muted: secondary text (Mantine's "dimmed" too); faint: nulls, row numbers, hints — lighter, still ≥ 4.5:1.
  light: { muted: '#555C68', faint: '#5F6672', placeholder: '#5F6672' },
  dark: { muted: '#BAC0CA', faint: '#AEB4BE', placeholder: '#AEB4BE' },
};

/** The keyboard focus ring: ≥ 3:1 against every surface (WCAG 1.4.11 non-text contrast). */
export const FOCUS_RING: Record<Scheme, string> = { light: '#3B5BDB', dark: '#91A7FF' };

/** The light variant's tint: Mantine v8's translucent colour (shade 6 at 10% light, shade 3 at 15% dark). */
export function lightTint(theme: MantineTheme, colour: string, scheme: Scheme): Rgba {
  const shades = theme.colors[colour];
  return scheme === 'light' ? { ...parseColour(shades[6]), a: 0.1 } : { ...parseColour(shades[3]), a: 0.15 };
}

const minContrast = (fg: string, backs: readonly Rgba[]) => minOf(backs.map((b) => contrastRatio(fg, b)));

/** Mix towards black (light scheme) or white (dark scheme) in 2% steps until `ok`. */
function pushUntil(start: string, scheme: Scheme, ok: (c: string) => boolean): string {
  const from = parseColour(start);
  const to: Rgba = scheme === 'light' ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 };
  for (let t = 0; t <= 1.0001; t += 0.02) {
    const c = toHex(composite({ ...to, a: t }, from));
    if (ok(c)) return c;
  }
  return scheme === 'light' ? '#000000' : '#FFFFFF';
}

/**
 * The first shade from `start` in the direction of more contrast (darker in light, lighter in dark) for which
 * `ok` holds; else the end shade pushed further.
 */
export function firstShade(shades: readonly string[], start: number, scheme: Scheme, ok: (c: string) => boolean): string {
  const step = scheme === 'light' ? 1 : -1;
  for (let i = start; i >= 0 && i < shades.length; i += step) if (ok(shades[i])) return shades[i];
  return pushUntil(shades[scheme === 'light' ? shades.length - 1 : 0], scheme, ok);
}

/** Darker fill under white text: the first shade from `start` whose contrast with white is ≥ 4.5:1. */
export function filledShade(shades: readonly string[], start: number): { fill: string; hover: string } {
  const ok = (c: string) => contrastRatio('#FFFFFF', c) >= AA_TEXT;
  for (let i = start; i < shades.length; i++) if (ok(shades[i])) return { fill: shades[i], hover: shades[Math.min(shades.length - 1, i + 1)] };
  const fill = pushUntil(shades[shades.length - 1], 'light', ok);
  return { fill, hover: fill };
}

/** Per scheme, the overrides of Mantine's colour variables that carry text or sit under white text. */
export function accessibleColourVariables(theme: MantineTheme): Record<Scheme, Record<string, string>> {
  const out: Record<Scheme, Record<string, string>> = { light: {}, dark: {} };
  for (const scheme of ['light', 'dark'] as const) {
    const vars = out[scheme];
    const surfaces = SURFACES[scheme].map(parseColour);
    for (const [name, shades] of Object.entries(theme.colors)) {
      if (name === 'dark' || !shades || shades.length < 10) continue;
      const tint = lightTint(theme, name, scheme);
      const tinted = surfaces.map((s) => composite(tint, s));
      const text = firstShade(shades, scheme === 'light' ? 6 : 4, scheme, (c) => minContrast(c, surfaces) >= AA_TEXT);
      const onTint = firstShade(shades, scheme === 'light' ? 6 : 1, scheme, (c) => minContrast(c, tinted) >= AA_TEXT);
      // Filled buttons and badges carry white text in both schemes; the dark scheme starts one shade lighter.
      const filled = filledShade(shades, scheme === 'light' ? 6 : 5);
      vars[`--mantine-color-${name}-text`] = text;
      vars[`--mantine-color-${name}-light-color`] = onTint;
      vars[`--mantine-color-${name}-outline`] = text;
      vars[`--mantine-color-${name}-filled`] = filled.fill;
      vars[`--mantine-color-${name}-filled-hover`] = filled.hover;
    }
    const neutral = NEUTRAL_TEXT[scheme];
    vars['--mantine-color-dimmed'] = neutral.muted;
    vars['--mantine-color-placeholder'] = neutral.placeholder;
    vars['--mantine-color-anchor'] = vars[`--mantine-color-${theme.primaryColor}-text`];
  }
  return out;
}
