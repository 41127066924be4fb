// What leaves the screen goes through disclosure control (main/disclosure): presentation mode, exports and the
// disclosure settings. Exports are rendered by main/export/deck from the SafeDeck only, never from the raw deck.
import type { Deck, DeckExport, DisclosureSettings, ExportFormat, SafeDeck } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../../workspace/activity';
import type { Db } from '../../workspace/db';
import { applyDisclosure, collectPiiValues, readDisclosureSettings, writeDisclosureSettings } from '../../disclosure';

/** The deck with disclosure control applied: the workspace's settings, or `override` (the CLI's --min-cell). */
export function presentDeck(db: Db, deck: Deck, override?: Partial<DisclosureSettings>): SafeDeck {
  const settings = { ...readDisclosureSettings(db), ...override };
  return applyDisclosure(deck, { settings, piiValues: collectPiiValues(db) });
}

export function exportDeckFor(_db: Db, _deck: Deck, _format: ExportFormat): Promise<DeckExport> {
  return Promise.reject(new AppError('INTERNAL', 'Exporting a deck is not available in this build yet (the exporters are still being built).'));
}

export function getDisclosure(db: Db): DisclosureSettings {
  return readDisclosureSettings(db);
}

export function setDisclosure(db: Db, s: DisclosureSettings): DisclosureSettings {
  return db.transaction(() => {
    const before = readDisclosureSettings(db);
    const saved = writeDisclosureSettings(db, s);
    const rounding = (x: DisclosureSettings) => (x.roundTo ? `counts rounded to ${x.roundTo}` : 'counts not rounded');
    logActivity(
      db,
      'disclosure.set',
      `Set disclosure control: groups under ${saved.minCell} people suppressed, ${rounding(saved)} (was under ${before.minCell}, ${rounding(before)}).`,
      { settings: saved, before },
    );
    return saved;
  })();
}
