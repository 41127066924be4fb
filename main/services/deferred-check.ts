// The integrity check of a workspace (PRAGMA quick_check reads every page: 0.85 s for an 840 MB workspace) run while
// an analysis starts instead of before it — for the CLI, whose every command opens the workspace afresh: the
// analysis's job threads start reading while this thread checks.
//
// Nothing may be written before the check passes. This connection takes the workspace's write lock (BEGIN
// IMMEDIATE) before the call starts and keeps it until the check has passed, so every other connection's write — a
// job keeping decoded columns in the cache, a segmentation saving its result — waits for it (their busy timeouts
// are long), and the call's own writes through this connection, if any, are committed only once the check has
// passed. When the check fails, the error is WORKSPACE_CORRUPT as before, the call's result is never used, and the
// lock is held until the services are disposed (the jobs cancelled, then the connection closed, which rolls back).
// When the lock is not free at once (another program is writing) the check runs first, as it always did.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isBusy } from '../../shared/errors';
import { checkDeferred, hasDeferredCheck } from '../workspace/db';
import type { WorkspaceState } from './workspace-state';

export async function runWithDeferredCheck<T>(state: WorkspaceState, start: () => Promise<T>): Promise<T> {
  const db = state.peek()?.db;
  if (!db || !hasDeferredCheck(db)) return start();
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  let locked = false;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    locked = true;
  } catch (err) {
    if (!isBusy(err)) throw err;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  if (!locked) {
    checkDeferred(db);
    return start();
  }
  let pending: Promise<T>;
  try {
    pending = start();
  } catch (err) {
    // A call refused at once (its arguments): a damaged workspace is still what the user hears of first.
    checkDeferred(db);
    db.exec('COMMIT');
    throw err;
  }
  // Handled here too: a call that fails while the check runs must not count as an unhandled rejection (its caller
  // still gets the failure from the returned promise).
  pending.catch(() => undefined);
  // The call queues its job in a promise continuation: one turn of the event loop lets it start the job's thread.
  await nextTurn();
  checkDeferred(db);
  if (db.inTransaction) db.exec('COMMIT');
  return pending;
}
