// Undo/redo over whole map snapshots (edits are pure, so a snapshot is cheap: unchanged cards are shared).
// `saved` is the snapshot last written to the workspace; the map is dirty whenever the present is another one,
// so undoing back to the saved state is clean again.
import type { JourneyMap } from '../../../../shared/journeys';

export interface MapHistory {
  past: JourneyMap[];
  present: JourneyMap;
  future: JourneyMap[];
  saved: JourneyMap;
}

/** Enough for a long workshop; the oldest steps fall off. */
export const HISTORY_LIMIT = 300;

export function startHistory(map: JourneyMap): MapHistory {
  return { past: [], present: map, future: [], saved: map };
}

export function apply(h: MapHistory, next: JourneyMap): MapHistory {
  if (next === h.present) return h;
  return { ...h, past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: [] };
}

export function undo(h: MapHistory): MapHistory {
  if (h.past.length === 0) return h;
  return { ...h, past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo(h: MapHistory): MapHistory {
  if (h.future.length === 0) return h;
  return { ...h, past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

export function isDirty(h: MapHistory): boolean {
  return h.present !== h.saved;
}

/**
 * After a save (or a rename) the workspace holds `stored`, written from the snapshot `sent`. Every snapshot takes its
 * name, version and time, so undoing past the save and saving again is not refused as stale; `sent` itself becomes
 * the stored copy, which is the clean state (edits made while the save was on its way stay dirty).
 */
export function rebase(h: MapHistory, sent: JourneyMap, stored: JourneyMap): MapHistory {
  const stamp = (m: JourneyMap): JourneyMap => (m === sent ? stored : { ...m, name: stored.name, version: stored.version, updatedAt: stored.updatedAt });
  return { past: h.past.map(stamp), present: stamp(h.present), future: h.future.map(stamp), saved: stored };
}

/** What took `prev` to `next`: an undo, a redo, another change (an edit, a load), or nothing — for announcing it. */
export function historyStep(prev: MapHistory | null, next: MapHistory | null): 'undo' | 'redo' | 'other' | null {
  if (prev === next || !prev || !next) return prev === next ? null : 'other';
  if (prev.present === next.present) return null;
  if (next.future[0] === prev.present && prev.past[prev.past.length - 1] === next.present) return 'undo';
  if (next.past[next.past.length - 1] === prev.present && prev.future[0] === next.present) return 'redo';
  return 'other';
}
