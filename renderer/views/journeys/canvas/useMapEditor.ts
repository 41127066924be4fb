// The open map's editing state: undo/redo history, explicit saves with the version check, and the keyboard
// shortcuts (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z or Ctrl+Y, Ctrl/Cmd+S). Saves are explicit, not automatic: a workshop
// decides when the wall is worth keeping, and every save is one entry in the activity log. Unsaved edits survive
// switching views (kept per workspace and map for the session) but not a reload of the app.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JourneyMap } from '../../../../shared/journeys';
import { AppError } from '../../../../shared/errors';
import { useClient } from '../../../state/bridge';
import { apply, isDirty, rebase, redo, startHistory, undo, type MapHistory } from './map-history';

/** Unsaved work per workspace + map name, kept while the app runs (the panel unmounts when the view changes). */
const sessions = new Map<string, MapHistory>();
const key = (workspace: string, name: string) => `${workspace}\u0000${name}`;

export type SaveProblem = { kind: 'stale'; storedVersion: number; version: number } | { kind: 'gone' };

export interface MapEditor {
  history: MapHistory | null;
  map: JourneyMap | null;
  dirty: boolean;
  saving: boolean;
  problem: SaveProblem | null;
  /** Apply one edit (a pure function of the present map) as one undo step. */
  edit: (change: (map: JourneyMap) => JourneyMap) => void;
  undo: () => void;
  redo: () => void;
  /** Save the present; resolves with the stored map, or null when refused (problem set, or thrown for others). */
  save: () => Promise<JourneyMap | null>;
  /** Open a stored map: with `resume`, this session's unsaved edits of it come back; without, they are dropped. */
  load: (map: JourneyMap, resume?: boolean) => void;
  /** After the present was stored under another name (rename, save as a copy; no edit can happen meanwhile). */
  adopt: (stored: JourneyMap, previousName: string | null) => void;
  close: () => void;
  clearProblem: () => void;
}

/** `onSaveKey` runs on Ctrl/Cmd+S (the panel's save, which also reports the outcome). */
export function useMapEditor(workspace: string, onSaveKey: () => void): MapEditor {
  const client = useClient();
  const saveKey = useRef(onSaveKey);
  saveKey.current = onSaveKey;
  const [history, setHistory] = useState<MapHistory | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const current = useRef<MapHistory | null>(null);
  current.current = history;

  const set = useCallback(
    (h: MapHistory | null) => {
      current.current = h;
      setHistory(h);
      if (h) sessions.set(key(workspace, h.present.name), h);
    },
    [workspace],
  );

  const edit = useCallback(
    (change: (map: JourneyMap) => JourneyMap) => {
      const h = current.current;
      if (!h) return;
      const next = apply(h, change(h.present));
      if (next !== h) set(next);
    },
    [set],
  );
  const doUndo = useCallback(() => current.current && set(undo(current.current)), [set]);
  const doRedo = useCallback(() => current.current && set(redo(current.current)), [set]);

  const save = useCallback(async (): Promise<JourneyMap | null> => {
    const h = current.current;
    if (!h) return null;
    const sent = h.present;
    setSaving(true);
    try {
      const stored = await client.invoke('journeyMap.save', { map: sent });
      setProblem(null);
      const latest = current.current;
      if (latest && latest.present.name === sent.name) set(rebase(latest, sent, stored));
      return stored;
    } catch (err) {
      if (err instanceof AppError && err.details?.reason === 'STALE_VERSION') {
        setProblem({ kind: 'stale', storedVersion: Number(err.details.storedVersion), version: Number(err.details.version) });
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
  }, [client, set]);

  const load = useCallback(
    (map: JourneyMap, resume = false) => {
      setProblem(null);
      set(resume ? resumeOrStart(workspace, map) : startHistory(map));
    },
    [set, workspace],
  );

  const adopt = useCallback(
    (stored: JourneyMap, previousName: string | null) => {
      if (previousName) sessions.delete(key(workspace, previousName));
      setProblem(null);
      const h = current.current;
      set(h ? rebase(h, h.present, stored) : startHistory(stored));
    },
    [set, workspace],
  );

  const close = useCallback(() => {
    setProblem(null);
    current.current = null;
    setHistory(null);
  }, []);

  // Shortcuts while the panel is shown. Text fields keep their own undo; Ctrl+S works everywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || !current.current) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        saveKey.current();
        return;
      }
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        doUndo();
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        doRedo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doUndo, doRedo]);

  return {
    history,
    map: history?.present ?? null,
    dirty: history ? isDirty(history) : false,
    saving,
    problem,
    edit,
    undo: doUndo,
    redo: doRedo,
    save,
    load,
    adopt,
    close,
    clearProblem: () => setProblem(null),
  };
}

/** The unsaved session of a map, if this app run has one with changes. */
export function unsavedSession(workspace: string, name: string): MapHistory | null {
  const h = sessions.get(key(workspace, name));
  return h && isDirty(h) ? h : null;
}

export function forgetSession(workspace: string, name: string): void {
  sessions.delete(key(workspace, name));
}

/** Resume a map: its unsaved session when there is one, else the stored copy. */
export function resumeOrStart(workspace: string, stored: JourneyMap): MapHistory {
  return unsavedSession(workspace, stored.name) ?? startHistory(stored);
}
