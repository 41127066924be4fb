// Journey maps in decks: add a map's slide to a deck, and refresh one by re-reading the map (nothing to re-run:
// the map is a document the workshop edits, not a result). Refresh shows what changed before the view replaces the
// slide, like a result slide's refresh; the analyst's own title, headline and notes are kept.
import type { Deck, Slide, SlideBlock, SlideRefresh } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../../workspace/activity';
import type { Db } from '../../workspace/db';
import { deckExists, getDeck, writeDeck } from '../../workspace/decks/store';
import { getMap } from '../../workspace/journeys/maps';
import { buildJourneyMapSlide, isMapHeadline, mapTitle } from './journey-map-slide';

const MAX_CHANGES = 20;

export function addJourneyMapToDeck(db: Db, deck: string, mapName: string): Deck {
  const map = getMap(db, mapName);
  const slide = buildJourneyMapSlide(map);
  return db.transaction((): Deck => {
    const existing = deckExists(db, deck) ? getDeck(db, deck) : null;
    const { saved } = writeDeck(db, { name: deck, slides: [...(existing?.slides ?? []), slide], version: existing?.version ?? 0 });
    logActivity(
      db,
      'deck.addJourneyMap',
      `Added the journey map “${map.name}” (version ${map.version}: ${map.stages.length} stages, ${map.cards.length} cards) to ${existing ? 'the' : 'the new'} deck “${deck}”.`,
      { name: deck, map: map.name, mapVersion: map.version, slideId: slide.id, version: saved.version },
    );
    return saved;
  })();
}

/** Each card's words under its title ("Delivery · Pain points"), for saying what a refresh changes. */
function cardTexts(body: SlideBlock[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of body) if (b.type === 'cards') for (const c of b.cards) out.set(c.title, [c.figure ? `n = ${c.figure.value ?? '?'}` : '', ...c.lines].filter(Boolean).join(' · '));
  return out;
}

function cardChanges(before: SlideBlock[], after: SlideBlock[]): SlideRefresh['changes'] {
  const a = cardTexts(before);
  const b = cardTexts(after);
  const changes: SlideRefresh['changes'] = [];
  for (const [label, was] of a) {
    const now = b.get(label);
    if (now === undefined) changes.push({ label, before: was, after: 'gone' });
    else if (now !== was) changes.push({ label, before: was, after: now });
  }
  for (const [label, now] of b) if (!a.has(label)) changes.push({ label, before: 'absent', after: now });
  return changes;
}

export function refreshJourneyMapSlide(db: Db, slide: Slide): SlideRefresh {
  const name = slide.journeyMap;
  if (!name) throw new AppError('BAD_ARGUMENTS', `“${slide.title || 'This slide'}” does not say which journey map it shows, so it cannot be refreshed.`, { slideId: slide.id });
  let map;
  try {
    map = getMap(db, name);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') {
      throw new AppError('NOT_FOUND', `The journey map “${name}” this slide shows was renamed or deleted, so the slide cannot be refreshed; it keeps its snapshot.`, { slideId: slide.id, map: name });
    }
    throw e;
  }
  const built = buildJourneyMapSlide(map, slide.id);
  // Pre-filled words are recognised by their form (the map they were made from is gone): anything else was edited.
  const kept = {
    title: slide.title !== mapTitle(map) && slide.title !== built.title,
    headline: !isMapHeadline(slide.headline),
    notes: !slide.notes.startsWith(`A snapshot of the journey map “${name}”`),
  };
  const fresh: Slide = { ...built, title: kept.title ? slide.title : built.title, headline: kept.headline ? slide.headline : built.headline, notes: kept.notes ? slide.notes : built.notes };
  const changes = cardChanges(slide.body, fresh.body);
  if (fresh.headline !== slide.headline) changes.unshift({ label: 'Headline', before: slide.headline, after: fresh.headline });
  const identical = JSON.stringify({ ...slide, notes: '' }) === JSON.stringify({ ...fresh, notes: '' });
  const edited = (Object.keys(kept) as (keyof typeof kept)[]).filter((k) => kept[k]);
  const keptText = edited.length ? ` Your edited ${edited.join(' and ')} ${edited.length === 1 ? 'is' : 'are'} kept.` : '';
  const read = `Read the journey map “${name}” as saved (version ${map.version}).`;
  const message = identical
    ? `Refreshed “${slide.title}”: nothing changed. ${read}`
    : `Refreshed “${slide.title}”: ${changes.length} change${changes.length === 1 ? '' : 's'}.${keptText} ${read}`;
  return { slide: fresh, identical, message, changes: changes.slice(0, MAX_CHANGES) };
}
