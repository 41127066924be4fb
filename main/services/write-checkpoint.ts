// After every call that wrote to the open workspace — through the host's connection (edits, the activity log) or
// a job's (imports, segmentations) — the host checkpoints, so the workspace file alone holds all committed work.
// Until then it sits only in the write-ahead log (-wal), and a log deleted by another program is lost for good
// once this process ends (wal-guard.ts). SQLite alone checkpoints only when the log passes ~4 MB.
import type { Handlers } from '../../shared/api';
import type { Db } from '../workspace/db';
import { checkpointNow } from '../workspace/wal-guard';
import type { WorkspaceState } from './workspace-state';

interface Mark {
  db: Db;
  changes: number;
  version: number;
}

/** Own writes (total_changes) and other connections' commits (data_version), as seen by the host's connection. */
function mark(state: WorkspaceState): Mark | null {
  const db = state.peek()?.db;
  if (!db?.open) return null;
  try {
    return { db, changes: db.prepare('SELECT total_changes()').pluck().get() as number, version: db.pragma('data_version', { simple: true }) as number };
  } catch {
    return null;
  }
}

function afterCall(state: WorkspaceState, before: Mark | null): void {
  const now = mark(state);
  if (!before || !now || now.db !== before.db) return; // switched workspace: a new or just opened one needs none
  if (now.changes === before.changes && now.version === before.version) return;
  try {
    checkpointNow(now.db);
  } catch {
    // Best effort: the commit itself succeeded; SQLite checkpoints again on the next write or on close.
  }
}

export function checkpointAfterWrites(state: WorkspaceState, handlers: Handlers): Handlers {
  const wrapped: Record<string, (args: unknown) => unknown> = {};
  for (const [name, fn] of Object.entries(handlers) as [string, (args: unknown) => unknown][]) {
    wrapped[name] = (args) => {
      const before = mark(state);
      let out: unknown;
      try {
        out = fn(args);
      } catch (err) {
        afterCall(state, before);
        throw err;
      }
      if (out instanceof Promise) return out.finally(() => afterCall(state, before));
      afterCall(state, before);
      return out;
    };
  }
  return wrapped as unknown as Handlers;
}
