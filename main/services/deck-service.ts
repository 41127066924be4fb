// Handlers for decks (workshop slide decks) and disclosure settings. A deck is one document saved whole with a
// version check (main/workspace/decks/store.ts); slides are frozen snapshots built by the slide registry
// (main/services/analyses/slides). What leaves the screen — presentation mode and exports — goes through disclosure
// control first (main/disclosure), always. Every change writes one sentence to the activity log.
import type { Handlers } from '../../shared/api';
import type { Deck } from '../../shared/decks';
import { AppError } from '../../shared/errors';
import { RESULT_KIND_NOUNS } from '../../shared/results';
import type { JobRunner } from '../jobs/runner';
import { logActivity } from '../workspace/activity';
import { copyDeck, deckExists, getDeck, listDecks, removeDeck, renameDeck, summaryOf, uniqueDeckName, writeDeck } from '../workspace/decks/store';
import { slideKindsOf } from './analyses/slides/index';
import type { RunContext } from './analyses/types';
import { describeDeckChange } from './decks/changes';
import { refreshSlide } from './decks/refresh';
import { addJourneyMapToDeck } from './decks/journey-map-deck';
import { exportDeckLogged, getDisclosure, presentedPages, setDisclosure } from './decks/disclosed';
import { readSavedResult, slidesOfResult } from './decks/read';
import type { WorkspaceState } from './workspace-state';

type DeckHandlers = Pick<
  Handlers,
  | 'deck.list'
  | 'deck.get'
  | 'deck.create'
  | 'deck.save'
  | 'deck.rename'
  | 'deck.duplicate'
  | 'deck.delete'
  | 'deck.slideKinds'
  | 'deck.addSlides'
  | 'deck.addJourneyMap'
  | 'deck.refreshSlide'
  | 'deck.present'
  | 'deck.export'
  | 'disclosure.get'
  | 'disclosure.set'
>;

const slidesWord = (n: number) => `${n} slide${n === 1 ? '' : 's'}`;

export function deckHandlers(state: WorkspaceState, jobs: JobRunner, printPdf?: (html: string) => Promise<Buffer>): DeckHandlers {
  const db = () => state.current().db;
  const ctx = (): RunContext => ({ db: state.current().db, path: state.current().path, jobs });
  return {
    'deck.list': () => listDecks(db()),
    'deck.get': ({ name }) => getDeck(db(), name),
    'deck.create': ({ name }) =>
      db().transaction((): Deck => {
        const { saved } = writeDeck(db(), { name, slides: [], version: 0 });
        logActivity(db(), 'deck.create', `Created the deck “${name}”.`, { name });
        return saved;
      })(),
    'deck.save': ({ deck }) =>
      db().transaction((): Deck => {
        const { saved, before } = writeDeck(db(), deck);
        logActivity(db(), 'deck.save', describeDeckChange(before, saved), { name: saved.name, version: saved.version, slides: saved.slides.length, before: before?.slides.length ?? null });
        return saved;
      })(),
    'deck.rename': ({ name, to }) =>
      db().transaction(() => {
        if (to === name) return summaryOf(getDeck(db(), name));
        const d = renameDeck(db(), name, to);
        logActivity(db(), 'deck.rename', `Renamed the deck “${name}” to “${to}”.`, { from: name, to });
        return summaryOf(d);
      })(),
    'deck.duplicate': ({ name, to }) =>
      db().transaction(() => {
        const target = to ?? uniqueDeckName(db(), `${name} (copy)`);
        const d = copyDeck(db(), name, target);
        logActivity(db(), 'deck.duplicate', `Duplicated the deck “${name}” as “${target}” (${slidesWord(d.slides.length)}).`, { name, to: target, slides: d.slides.length });
        return summaryOf(d);
      })(),
    'deck.delete': ({ name }) =>
      db().transaction(() => {
        const d = removeDeck(db(), name);
        logActivity(db(), 'deck.delete', `Deleted the deck “${name}” (${slidesWord(d.slides.length)}, version ${d.version}).`, { name, slides: d.slides.length, version: d.version });
        return { deleted: name };
      })(),
    'deck.slideKinds': ({ resultId }) => {
      const { summary, output } = readSavedResult(db(), resultId);
      return slideKindsOf(summary, output);
    },
    'deck.addSlides': ({ deck, resultId, kinds }) => {
      // Built before the transaction: a profile or a large result is read without holding the write lock.
      const { summary, slides } = slidesOfResult(db(), resultId, kinds);
      return db().transaction((): Deck => {
        const existing = deckExists(db(), deck) ? getDeck(db(), deck) : null;
        const { saved } = writeDeck(db(), { name: deck, slides: [...(existing?.slides ?? []), ...slides], version: existing?.version ?? 0 });
        logActivity(
          db(),
          'deck.addSlides',
          `Added ${slidesWord(slides.length)} of the ${RESULT_KIND_NOUNS[summary.kind]} “${summary.name}” to ${existing ? 'the' : 'the new'} deck “${deck}” (${slides.map((s) => s.title).join('; ')}).`,
          { name: deck, result: resultId, kinds: slides.map((s) => s.kind), slideIds: slides.map((s) => s.id), version: saved.version },
        );
        return saved;
      })();
    },
    'deck.addJourneyMap': ({ deck, map }) => addJourneyMapToDeck(db(), deck, map),
    'deck.refreshSlide': ({ jobId, deck, slideId }) => refreshSlide(ctx(), jobId, getDeck(db(), deck), slideId),
    'deck.present': ({ name }) => presentedPages(db(), getDeck(db(), name)),
    'deck.export': ({ name, format }) => exportDeckLogged(db(), getDeck(db(), name), format, `the deck “${name}”`, undefined, { printPdf }),
    'disclosure.get': () => getDisclosure(db()),
    'disclosure.set': ({ settings }) => {
      if (!settings) throw new AppError('BAD_ARGUMENTS', 'disclosure.set needs settings.');
      return setDisclosure(db(), settings);
    },
  };
}
