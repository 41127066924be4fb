// The short plain-language note every export carries, and the rounding rule (rule 4) it describes.
import type { DisclosureSettings, Figure, Slide, Suppression } from '../../shared/decks';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Groups of fewer than 10 people are not shown. 4 values were withheld: 2 below the threshold, 2 more so …" */
export function disclosureNote(report: { settings: DisclosureSettings; suppressed: readonly Suppression[]; removed: readonly Suppression[] }): string {
  const k = report.settings.minCell;
  const secondary = report.suppressed.filter((s) => s.reason.startsWith('secondary')).length;
  const primary = report.suppressed.length - secondary;
  const parts = [`Groups of fewer than ${k} people are not shown.`];
  if (report.suppressed.length === 0) parts.push('No value needed to be withheld.');
  else {
    const why = [primary ? `${primary} below the threshold` : '', secondary ? `${secondary} more so that ${primary ? 'they' : 'withheld values'} cannot be worked out from totals` : '']
      .filter(Boolean)
      .join(', ');
    parts.push(`${plural(report.suppressed.length, 'value was', 'values were')} withheld: ${why}.`);
  }
  if (report.removed.length) parts.push(`${plural(report.removed.length, 'item was', 'items were')} removed or masked: personal data, row-level tables and text citing withheld values are never shown.`);
  if (report.settings.roundTo === 5) parts.push('Counts are rounded to the nearest 5 and percentages to whole numbers.');
  return parts.join(' ');
}

function roundFigure(f: Figure, to: number): void {
  if (f.suppressed) return;
  if (f.format === 'count' && f.value !== null) {
    f.value = Math.round(f.value / to) * to;
    if (f.ci) f.ci = [Math.round(f.ci[0] / to) * to, Math.round(f.ci[1] / to) * to];
    f.roundedTo = to;
  }
  // Shares keep their value but read in whole percents (their counts are what rounding protects).
  if (f.format === 'share') f.digits = 0;
  // A base shown next to a figure ("n = 123") is a count of people too.
  if (f.base !== undefined) f.base = Math.round(f.base / to) * to;
}

function isFigureLike(v: unknown): v is Figure {
  return !!v && typeof v === 'object' && 'format' in v && 'value' in v;
}

function walk(node: unknown, visit: (f: Figure) => void): void {
  if (isFigureLike(node)) return visit(node);
  if (Array.isArray(node)) for (const x of node) walk(x, visit);
  else if (node && typeof node === 'object') for (const v of Object.values(node)) walk(v, visit);
}

/** Rule 4 on a slide in place: every shown count to the nearest multiple of `to`, shares to whole percents. */
export function roundSlide(slide: Slide, to: number): void {
  if (!to) return;
  walk(slide.body, (f) => roundFigure(f, to));
}
