// Decks as whole documents in the `decks` table (migration 7): list, get, save with the journey map's optimistic
// version check, rename, duplicate, delete. The slides are one JSON column: a deck is always read and written whole,
// so a reorder, an edit and a refresh are the same operation (a save). Activity-log sentences are written by the
// caller (main/services/deck-service.ts), in the same transaction as the change.
import type { Deck, DeckSummary, Slide } from '../../../shared/decks';
import { deckSchema } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';

interface DeckRow {
  id: number;
  name: string;
  version: number;
  slides: string;
  created_at: string;
  updated_at: string;
}

/** Why a save was refused because the stored deck moved on (the same reason the journey map gives). */
export const STALE_VERSION = 'STALE_VERSION';

function toDeck(r: DeckRow): Deck {
  return { name: r.name, slides: JSON.parse(r.slides) as Slide[], version: r.version, createdAt: r.created_at, updatedAt: r.updated_at };
}

function rowOf(db: Db, name: string): DeckRow | undefined {
  return db.prepare('SELECT * FROM decks WHERE name = ?').get(name) as DeckRow | undefined;
}

export function deckExists(db: Db, name: string): boolean {
  return rowOf(db, name) !== undefined;
}

export function listDecks(db: Db): DeckSummary[] {
  const rows = db.prepare('SELECT name, version, json_array_length(slides) AS n, updated_at FROM decks ORDER BY updated_at DESC, name').all() as {
    name: string;
    version: number;
    n: number;
    updated_at: string;
  }[];
  return rows.map((r) => ({ name: r.name, slides: r.n, version: r.version, updatedAt: r.updated_at }));
}

export function getDeck(db: Db, name: string): Deck {
  const r = rowOf(db, name);
  if (!r) throw new AppError('NOT_FOUND', `There is no deck named “${name}”. It may have been renamed or deleted; list the decks with cxw deck list.`, { name });
  return toDeck(r);
}

export function summaryOf(d: Deck): DeckSummary {
  return { name: d.name, slides: d.slides.length, version: d.version, updatedAt: d.updatedAt };
}

export function assertDeckNameFree(db: Db, name: string): void {
  if (deckExists(db, name)) {
    throw new AppError('NAME_TAKEN', `A deck named “${name}” already exists. Choose another name, or rename or delete that one first.`, { name });
  }
}

/** A name no deck uses yet: "base", "base (2)", … */
export function uniqueDeckName(db: Db, base: string): string {
  const stem = base.trim().slice(0, 190) || 'Deck';
  let name = stem;
  for (let i = 2; deckExists(db, name); i++) name = `${stem} (${i})`;
  return name;
}

/** Slide ids must be unique within a deck (the sorter, refresh and undo address slides by id). */
function assertSlideIdsUnique(deck: Pick<Deck, 'name' | 'slides'>): void {
  const seen = new Set<string>();
  for (const s of deck.slides) {
    if (seen.has(s.id)) throw new AppError('BAD_ARGUMENTS', `Deck “${deck.name}”: two slides share the id “${s.id}”; slide ids must be unique.`, { name: deck.name, slideId: s.id });
    seen.add(s.id);
  }
}

/**
 * Whole-document save. `deck.version` must equal the stored version (0 = a new deck whose name must be free); the
 * stored copy gets version + 1 and a fresh updatedAt, and is returned with what it replaced (for the log sentence).
 * Call inside a transaction when the caller logs the change.
 */
export function writeDeck(db: Db, input: unknown, now = new Date()): { saved: Deck; before: Deck | null } {
  const parsed = deckSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_ARGUMENTS', `The deck cannot be saved: ${issue ? `${issue.path.join('.') || 'deck'}: ${issue.message}` : 'invalid'}.`);
  }
  const deck = parsed.data as unknown as Deck;
  assertSlideIdsUnique(deck);
  const row = rowOf(db, deck.name);
  if (deck.version === 0 && row) assertDeckNameFree(db, deck.name);
  if (deck.version > 0 && !row) {
    throw new AppError('NOT_FOUND', `The deck “${deck.name}” was deleted or renamed since it was opened. Save your copy under a new name.`, { name: deck.name });
  }
  if (row && row.version !== deck.version) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Someone else saved “${deck.name}” in between: the workspace holds version ${row.version}, these edits started from version ${deck.version}. ` +
        'Reload the deck to see their changes, or save yours under a new name.',
      { name: deck.name, reason: STALE_VERSION, storedVersion: row.version, version: deck.version },
    );
  }
  const at = now.toISOString();
  const saved: Deck = { name: deck.name, slides: deck.slides, version: deck.version + 1, createdAt: row?.created_at ?? at, updatedAt: at };
  const slides = JSON.stringify(saved.slides);
  if (row) db.prepare('UPDATE decks SET slides = ?, version = ?, updated_at = ? WHERE id = ?').run(slides, saved.version, at, row.id);
  else db.prepare('INSERT INTO decks (name, version, slides, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(saved.name, saved.version, slides, at, at);
  return { saved, before: row ? toDeck(row) : null };
}

export function renameDeck(db: Db, name: string, to: string, now = new Date()): Deck {
  getDeck(db, name);
  if (to !== name) assertDeckNameFree(db, to);
  db.prepare('UPDATE decks SET name = ?, updated_at = ? WHERE name = ?').run(to, now.toISOString(), name);
  return getDeck(db, to);
}

export function copyDeck(db: Db, name: string, to: string, now = new Date()): Deck {
  const d = getDeck(db, name);
  assertDeckNameFree(db, to);
  return writeDeck(db, { name: to, slides: d.slides, version: 0 }, now).saved;
}

export function removeDeck(db: Db, name: string): Deck {
  const d = getDeck(db, name);
  db.prepare('DELETE FROM decks WHERE name = ?').run(name);
  return d;
}
