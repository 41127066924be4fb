// The deck being edited: its slides with an undo/redo history kept in the view (typing in one field of one slide
// within a moment is one step, not one per key), the stored version it was loaded at, and the save with the
// journey map's version guard — a save against a deck someone else changed meanwhile is refused and reported as
// `stale`, and the analyst chooses: reload theirs, or keep mine (saved over theirs, on purpose).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Deck, Slide } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../state/bridge';

const COALESCE_MS = 1200;
const MAX_STEPS = 200;

interface History {
  past: Slide[][];
  present: Slide[];
  future: Slide[][];
  /** What the last step changed ("title:slideId"), so typing in one field is one step. */
  tag: string | null;
  at: number;
}

export type SaveProblem = { kind: 'stale' } | { kind: 'gone' } | null;

export interface DeckEditor {
  name: string;
  version: number;
  slides: Slide[];
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  problem: SaveProblem;
  /** Change the slides; `tag` names a field edit to merge with the previous step of the same tag. */
  change: (next: (slides: Slide[]) => Slide[], tag?: string) => void;
  undo: () => void;
  redo: () => void;
  /** Save; returns the stored deck, or null when refused (see problem). */
  save: () => Promise<Deck | null>;
  /** Drop what is here and load the stored deck. */
  reload: () => Promise<void>;
  /** Save what is here over a deck someone else changed. */
  overwrite: () => Promise<Deck | null>;
  /** Start again from a deck that was loaded or changed elsewhere (a rename, added slides). */
  load: (deck: Deck) => void;
}

const start = (slides: Slide[]): History => ({ past: [], present: slides, future: [], tag: null, at: 0 });

export function useDeckEditor(initial: Deck): DeckEditor {
  const client = useClient();
  const [meta, setMeta] = useState({ name: initial.name, version: initial.version });
  const [history, setHistory] = useState<History>(() => start(initial.slides));
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(initial.slides));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaveProblem>(null);
  const latest = useRef({ meta, history });
  latest.current = { meta, history };

  const load = useCallback((deck: Deck) => {
    setMeta({ name: deck.name, version: deck.version });
    setHistory(start(deck.slides));
    setSavedJson(JSON.stringify(deck.slides));
    setProblem(null);
  }, []);

  // Another deck chosen in the same view: its own history.
  useEffect(() => load(initial), [initial, load]);

  const change = useCallback((next: (slides: Slide[]) => Slide[], tag?: string) => {
    setHistory((h) => {
      const slides = next(h.present);
      if (slides === h.present) return h;
      const now = Date.now();
      const merge = tag !== undefined && tag === h.tag && now - h.at < COALESCE_MS;
      const past = merge ? h.past : [...h.past, h.present].slice(-MAX_STEPS);
      return { past, present: slides, future: [], tag: tag ?? null, at: now };
    });
  }, []);

  const undo = useCallback(() => {
    setHistory((h) => (h.past.length === 0 ? h : { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future], tag: null, at: 0 }));
  }, []);
  const redo = useCallback(() => {
    setHistory((h) => (h.future.length === 0 ? h : { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1), tag: null, at: 0 }));
  }, []);

  const saveAt = useCallback(
    async (version: number): Promise<Deck | null> => {
      const { meta: m, history: h } = latest.current;
      const sent = h.present;
      setSaving(true);
      try {
        const stored = await client.invoke('deck.save', { deck: { name: m.name, slides: sent, version } });
        setMeta({ name: stored.name, version: stored.version });
        setSavedJson(JSON.stringify(sent));
        setProblem(null);
        // A new step after a save merges with nothing typed before it.
        setHistory((cur) => ({ ...cur, tag: null }));
        return stored;
      } catch (err) {
        if (err instanceof AppError && err.details?.reason === 'STALE_VERSION') {
          setProblem({ kind: 'stale' });
          return null;
        }
        if (err instanceof AppError && err.code === 'NOT_FOUND') {
          setProblem({ kind: 'gone' });
          return null;
        }
        throw err;
      } finally {
        setSaving(false);
      }
    },
    [client],
  );

  const save = useCallback(() => saveAt(latest.current.meta.version), [saveAt]);

  const reload = useCallback(async () => {
    load(await client.invoke('deck.get', { name: latest.current.meta.name }));
  }, [client, load]);

  const overwrite = useCallback(async () => {
    const stored = await client.invoke('deck.get', { name: latest.current.meta.name });
    return saveAt(stored.version);
  }, [client, saveAt]);

  return {
    name: meta.name,
    version: meta.version,
    slides: history.present,
    dirty: JSON.stringify(history.present) !== savedJson,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    saving,
    problem,
    change,
    undo,
    redo,
    save,
    reload,
    overwrite,
    load,
  };
}

/** A slide id the schema accepts (4-64 of A-Z a-z 0-9 _ -), unique enough within a deck. */
export function newSlideId(): string {
  return `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Move the slide at `from` to `to` (both 0-based, `to` clamped). */
export function moveSlide(slides: Slide[], from: number, to: number): Slide[] {
  const t = Math.max(0, Math.min(slides.length - 1, to));
  if (from === t || from < 0 || from >= slides.length) return slides;
  const next = slides.slice();
  const [s] = next.splice(from, 1);
  next.splice(t, 0, s);
  return next;
}
