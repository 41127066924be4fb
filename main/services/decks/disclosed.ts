// Pending: the disclosure module (main/disclosure) and the deck exports (main/export/deck) are being written by
// other helpers; until they land these handlers refuse rather than show an unchecked deck.
import type { Deck, DeckExport, DisclosureSettings, ExportFormat, SafeDeck } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../workspace/db';

const pending = (what: string): never => {
  throw new AppError('INTERNAL', `${what} is not available in this build yet (disclosure control is still being built).`);
};

export function presentDeck(_db: Db, _deck: Deck): SafeDeck {
  return pending('Presenting a deck');
}

export function exportDeckFor(_db: Db, _deck: Deck, _format: ExportFormat): Promise<DeckExport> {
  return Promise.resolve(pending('Exporting a deck'));
}

export function getDisclosure(_db: Db): DisclosureSettings {
  return pending('Disclosure settings');
}

export function setDisclosure(_db: Db, _s: DisclosureSettings): DisclosureSettings {
  return pending('Disclosure settings');
}
