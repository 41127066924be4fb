// Opening a saved result in its own view from elsewhere (the workspace-wide Results view): the result waits here
// while the app navigates, and the view takes it when it mounts (or, if already mounted, when told).
import { RESULT_KIND_VIEW, type ResultKind, type SavedResult } from '../../shared/results';

const pending = new Map<ResultKind, SavedResult>();
const listeners = new Set<(kind: ResultKind) => void>();

/** Leave the result for its view and go there ("#/nps" etc.). */
export function openInView(saved: SavedResult): void {
  pending.set(saved.kind, saved);
  const view = RESULT_KIND_VIEW[saved.kind];
  if (window.location.hash !== `#/${view}`) window.location.hash = `#/${view}`;
  for (const l of listeners) l(saved.kind);
}

/** The result waiting for this kind, removed as it is taken. */
export function takePendingResult(kind: ResultKind): SavedResult | null {
  const r = pending.get(kind) ?? null;
  pending.delete(kind);
  return r;
}

/** The kind waiting to be opened, without taking it (the NPS view picks its tab from it). */
export function pendingKinds(): ResultKind[] {
  return [...pending.keys()];
}

/** Be told when a result is left for a view that is already on screen. */
export function onPendingResult(listener: (kind: ResultKind) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
