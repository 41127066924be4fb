// The disclosure note every export carries, in the same words in every format: a short line in each slide's footer
// and closing "About these numbers" pages that list what disclosure control withheld or removed, and why.
// The list is paginated (ROWS_PER_PAGE a page) rather than cut short: a client must be able to see everything that
// is missing from the deck, and a 16:9 page holds about a dozen rows at a readable size.
import type { DisclosureReport, DisclosureSettings, SafeDeck, Suppression } from '../../../shared/decks';

export const ROWS_PER_PAGE = 12;

export interface ClosingRow extends Suppression {
  action: 'withheld' | 'removed';
}

export interface ClosingPage {
  title: string;
  /** The report's note, on the first closing page only. */
  note: string | null;
  rows: ClosingRow[];
}

/** The footer line: the threshold and the rounding, in one sentence. */
export function footerNote(settings: DisclosureSettings): string {
  const rounding = settings.roundTo ? `; counts rounded to the nearest ${settings.roundTo}` : '';
  return `Disclosure control: values from fewer than ${settings.minCell} people withheld${rounding}.`;
}

export function closingPages(report: DisclosureReport): ClosingPage[] {
  const rows: ClosingRow[] = [...report.suppressed.map((s) => ({ ...s, action: 'withheld' as const })), ...report.removed.map((s) => ({ ...s, action: 'removed' as const }))];
  const note = report.note.trim() || footerNote(report.settings);
  if (rows.length === 0) return [{ title: 'About these numbers', note: `${note} Nothing in this deck needed to be withheld.`, rows: [] }];
  const pages: ClosingPage[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PAGE) {
    const part = pages.length === 0 ? 'About these numbers' : 'About these numbers (continued)';
    pages.push({ title: part, note: pages.length === 0 ? note : null, rows: rows.slice(i, i + ROWS_PER_PAGE) });
  }
  return pages;
}

/** Pages an export has: the deck's slides, then the closing pages. */
export function exportPageCount(safe: SafeDeck): number {
  return safe.deck.slides.length + closingPages(safe.report).length;
}
