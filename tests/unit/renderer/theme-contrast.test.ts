// WCAG 2.1 AA of the app's theme, checked where the colours are defined. Reference ratios: axe-core 4.14's
// colour-contrast report on the app before this change (grey secondary text #868E96 on white 3.32:1, the indigo
// button #4C6EF5 under white text 4.32:1, red fill #FA5252 under white 3.28:1, muted #6B7280 on #F2F4F7 4.39:1) and
// WebAIM's contrast checker for black/white (21:1) and #777777 on white (4.48:1). Then every text-bearing colour
// variable the resolver produces is resolved (var() references followed) and measured on every surface of its scheme,
// light variants on their own translucent tint painted over each surface.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { AA_LARGE, AA_TEXT, composite, contrastRatio, parseColour } from '../../../shared/contrast';
import { cssVariablesResolver, theme as appTheme } from '../../../renderer/theme';
import { FOCUS_RING, NEUTRAL_TEXT, SURFACES, lightTint, type Scheme } from '../../../renderer/theme-contrast';

const theme = mergeMantineTheme(DEFAULT_THEME, appTheme);
const resolved = cssVariablesResolver(theme);

/** A variable's value in a scheme with var() references followed (scheme block first, then shared variables). */
function value(name: string, scheme: Scheme): string {
  const raw = (resolved[scheme] as Record<string, string>)[name] ?? (resolved.variables as Record<string, string>)[name];
  if (raw === undefined) {
    const m = /^--mantine-color-(\w+)-(\d)$/.exec(name);
    if (m) return theme.colors[m[1]][Number(m[2])];
    throw new Error(`no variable ${name}`);
  }
  const ref = /^var\((--[\w-]+)\)$/.exec(raw.trim());
  return ref ? value(ref[1], scheme) : raw;
}

describe('contrast arithmetic against published figures', () => {
  it('reproduces axe-core and WebAIM ratios', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 6);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#868E96', '#FFFFFF')).toBeCloseTo(3.32, 2);
    expect(contrastRatio('#FFFFFF', '#4C6EF5')).toBeCloseTo(4.32, 2);
    expect(contrastRatio('#FFFFFF', '#FA5252')).toBeCloseTo(3.28, 2);
    expect(contrastRatio('#6B7280', '#F2F4F7')).toBeCloseTo(4.39, 2);
  });

  it('paints a translucent colour over its background before measuring', () => {
    // 50% black over white is grey at channel 127.5 (between #7F7F7F and #808080, 4.00:1 and 3.95:1 on white).
    expect(composite({ r: 0, g: 0, b: 0, a: 0.5 }, parseColour('#FFFFFF')).r).toBeCloseTo(127.5, 6);
    const half = contrastRatio('rgba(0, 0, 0, 0.5)', '#FFFFFF');
    expect(half).toBeLessThan(contrastRatio('#7F7F7F', '#FFFFFF'));
    expect(half).toBeGreaterThan(contrastRatio('#808080', '#FFFFFF'));
  });
});

describe.each(['light', 'dark'] as const)('the %s theme meets WCAG 2.1 AA', (scheme) => {
  const surfaces = SURFACES[scheme];
  const colours = Object.keys(theme.colors).filter((c) => c !== 'dark');

  it('secondary, faint and placeholder text and the primary link colour reach 4.5:1 on every surface', () => {
    for (const name of ['--mantine-color-dimmed', '--mantine-color-placeholder', '--mantine-color-anchor', '--cxw-muted', '--cxw-faint']) {
      for (const s of surfaces) expect(contrastRatio(value(name, scheme), s), `${name} on ${s}`).toBeGreaterThanOrEqual(AA_TEXT);
    }
    // The selected row / active navigation tint (the primary light variant) keeps secondary text readable too.
    const tint = lightTint(theme, theme.primaryColor, scheme);
    for (const s of surfaces) {
      const bg = composite(tint, parseColour(s));
      expect(contrastRatio(NEUTRAL_TEXT[scheme].muted, bg), `muted on the selection tint over ${s}`).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(NEUTRAL_TEXT[scheme].faint, bg), `faint on the selection tint over ${s}`).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });

  it.each(colours)('%s: coloured text, light-variant text on its tint, and white on the fill', (c) => {
    const tint = lightTint(theme, c, scheme);
    for (const s of surfaces) {
      expect(contrastRatio(value(`--mantine-color-${c}-text`, scheme), s), `${c} text on ${s}`).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(value(`--mantine-color-${c}-outline`, scheme), s), `${c} outline on ${s}`).toBeGreaterThanOrEqual(AA_TEXT);
      const bg = composite(tint, parseColour(s));
      expect(contrastRatio(value(`--mantine-color-${c}-light-color`, scheme), bg), `${c} light text on its tint over ${s}`).toBeGreaterThanOrEqual(AA_TEXT);
    }
    expect(contrastRatio('#FFFFFF', value(`--mantine-color-${c}-filled`, scheme)), `white on ${c} fill`).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it('the focus ring reaches 3:1 against every surface and the selection tint (non-text contrast)', () => {
    expect(value('--cxw-focus', scheme)).toBe(FOCUS_RING[scheme]);
    const tint = lightTint(theme, theme.primaryColor, scheme);
    for (const s of surfaces) {
      expect(contrastRatio(FOCUS_RING[scheme], s), `ring on ${s}`).toBeGreaterThanOrEqual(AA_LARGE);
      expect(contrastRatio(FOCUS_RING[scheme], composite(tint, parseColour(s))), `ring on the tint over ${s}`).toBeGreaterThanOrEqual(AA_LARGE);
    }
  });

  it('the primary colour resolves through the same choices (buttons, links, the focus ring)', () => {
    expect(value('--mantine-primary-color-filled', scheme)).toBe(value(`--mantine-color-${theme.primaryColor}-filled`, scheme));
    // The usual indigo 6 fails under white text (4.32:1), so the light scheme's buttons move to a darker shade.
    if (scheme === 'light') expect(value('--mantine-primary-color-filled', scheme)).not.toBe('#4c6ef5');
  });
});
