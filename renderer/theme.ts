// The app's look: neutral greys, one indigo accent, system fonts only (the CSP allows no remote fonts).
import { createTheme, v8CssVariablesResolver, type CSSVariablesResolver } from '@mantine/core';
import { FOCUS_RING, NEUTRAL_TEXT, accessibleColourVariables } from './theme-contrast';

const systemSans =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';
const systemMono = 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 6, dark: 5 },
  fontFamily: systemSans,
  fontFamilyMonospace: systemMono,
  headings: { fontFamily: systemSans, fontWeight: '600' },
  defaultRadius: 'md',
  cursorType: 'pointer',
  colors: {
    // A slightly cooler dark palette than Mantine's default, closer to Linear/Observable.
    dark: ['#C9CDD6', '#A6ABB8', '#7D8392', '#5B6170', '#3A3F4B', '#2B2F38', '#1F2229', '#17191F', '#121418', '#0C0D10'],
  },
  components: {
    Badge: { defaultProps: { radius: 'sm', tt: 'none', fw: 600 } },
    Tooltip: { defaultProps: { openDelay: 300, withArrow: true } },
    // Every dialog's and drawer's × is a named button (axe: button-name, critical); Escape closes them all.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, closeOnEscape: true } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' }, closeOnEscape: true } },
    // Mantine's focus placeholder is a tabindex'd role="presentation" div inside role="menu" (axe: critical);
    // without it, opening a menu by keyboard still focuses its first item.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});

/** App-level tokens used by our own CSS (surfaces, borders, muted text) for both schemes. */
const appTokens: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--cxw-bg': '#F7F8FA',
    '--cxw-surface': '#FFFFFF',
    '--cxw-surface-2': '#F2F4F7',
    '--cxw-border': '#E3E6EB',
    '--cxw-border-strong': '#CFD4DC',
    '--cxw-muted': NEUTRAL_TEXT.light.muted,
    '--cxw-faint': NEUTRAL_TEXT.light.faint,
    '--cxw-row-hover': '#F4F6FA',
    '--cxw-bar': 'var(--mantine-color-indigo-4)',
    '--cxw-bar-muted': '#D5D9E0',
    '--cxw-focus': FOCUS_RING.light,
  },
  dark: {
    '--cxw-bg': '#121418',
    '--cxw-surface': '#17191F',
    '--cxw-surface-2': '#1F2229',
    '--cxw-border': '#2B2F38',
    '--cxw-border-strong': '#3A3F4B',
    '--cxw-muted': NEUTRAL_TEXT.dark.muted,
    '--cxw-faint': NEUTRAL_TEXT.dark.faint,
    '--cxw-row-hover': '#1C1F26',
    '--cxw-bar': 'var(--mantine-color-indigo-4)',
    '--cxw-bar-muted': '#3A3F4B',
    '--cxw-focus': FOCUS_RING.dark,
  },
});

/**
 * Mantine 9 made "light" variants opaque; the v8 translucent tints read calmer on both schemes. Text-bearing colour
 * variables are then replaced by the WCAG AA choices of theme-contrast.ts.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const base = v8CssVariablesResolver(t);
  const ours = appTokens(t);
  const aa = accessibleColourVariables(t);
  return {
    variables: { ...base.variables, ...ours.variables },
    light: { ...base.light, ...aa.light, ...ours.light },
    dark: { ...base.dark, ...aa.dark, ...ours.dark },
  };
};
