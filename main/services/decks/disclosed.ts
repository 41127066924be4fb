// What leaves the screen goes through disclosure control (main/disclosure): presentation mode, exports and the
// disclosure settings. Exports are rendered by main/export/deck from the SafeDeck only, never from the raw deck.
import type { Deck, DeckExport, DisclosureSettings, ExportFormat, SafeDeck } from '../../../shared/decks';
import { logActivity } from '../../workspace/activity';
import type { Db } from '../../workspace/db';
import { applyDisclosure, collectPiiValues, readDisclosureSettings, writeDisclosureSettings } from '../../disclosure';
import { exportDeck, type ExportDeckOptions } from '../../export/deck';
import { splitMapSlidesForExport } from './journey-map-export';

/** The deck with disclosure control applied: the workspace's settings, or `override` (the CLI's --min-cell). */
export function presentDeck(db: Db, deck: Deck, override?: Partial<DisclosureSettings>): SafeDeck {
  const settings = { ...readDisclosureSettings(db), ...override };
  const piiValues = collectPiiValues(db);
  return applyDisclosure(deck, { settings, piiValues });
}

/**
 * What a room or a recipient sees: disclosure applied, then a slide too dense for one page (a large journey map)
 * split into pages that keep the projector sizes — the same pages in presentation mode and in every export.
 */
export function presentedPages(db: Db, deck: Deck, override?: Partial<DisclosureSettings>): SafeDeck {
  return splitMapSlidesForExport(presentDeck(db, deck, override));
}

/** The export of what presentation mode shows: the exporters only ever see the SafeDeck. */
export function exportDeckFor(db: Db, deck: Deck, format: ExportFormat, override?: Partial<DisclosureSettings>, options?: ExportDeckOptions): Promise<DeckExport> {
  return exportDeck(presentedPages(db, deck, override), format, options);
}

const slidesWord = (n: number) => `${n} slide${n === 1 ? '' : 's'}`;

/**
 * Export with disclosure control, and one activity sentence saying what left the workspace: `subject` names it
 * ("the deck “Q3”", "a report of 6 saved results").
 */
export async function exportDeckLogged(
  db: Db,
  deck: Deck,
  format: ExportFormat,
  subject: string,
  override?: Partial<DisclosureSettings>,
  options?: ExportDeckOptions,
): Promise<DeckExport> {
  const out = await exportDeckFor(db, deck, format, override, options);
  const n = out.report.suppressed.length;
  const removed = out.report.removed.length;
  logActivity(
    db,
    'deck.export',
    `Exported ${subject} as ${format.toUpperCase()} (${slidesWord(out.slides)}; ${n === 0 ? 'nothing suppressed' : `${n} value${n === 1 ? '' : 's'} suppressed`}${removed ? `, ${removed} removed` : ''}, threshold ${out.report.settings.minCell}).`,
    { name: deck.name, format, slides: out.slides, suppressed: n, removed, minCell: out.report.settings.minCell, roundTo: out.report.settings.roundTo },
  );
  return out;
}

export function getDisclosure(db: Db): DisclosureSettings {
  return readDisclosureSettings(db);
}

export function setDisclosure(db: Db, s: DisclosureSettings): DisclosureSettings {
  return db.transaction(() => {
    // A damaged stored setting is refused when read (never silently replaced by the default), and setting a valid
    // one is how the analyst repairs it: so here the old value is only described, not required.
    let before: DisclosureSettings | null = null;
    try {
      before = readDisclosureSettings(db);
    } catch {
      before = null;
    }
    const saved = writeDisclosureSettings(db, s);
    const rounding = (x: DisclosureSettings) => (x.roundTo ? `counts rounded to ${x.roundTo}` : 'counts not rounded');
    const was = before ? `was under ${before.minCell}, ${rounding(before)}` : 'the stored setting was damaged and is replaced';
    logActivity(db, 'disclosure.set', `Set disclosure control: groups under ${saved.minCell} people suppressed, ${rounding(saved)} (${was}).`, { settings: saved, before });
    return saved;
  })();
}
