// The integrity check run beside a call (main/services/deferred-check.ts): while the call starts, and until the check
// has passed, no other connection can write to the workspace (a job's write meets SQLITE_BUSY here, where the test
// gives it a 50 ms timeout; real jobs wait); after a passing check writes go through and the call's result is
// returned; a failing check refuses with WORKSPACE_CORRUPT and the lock stays until the workspace is closed. The
// damage: a leaf page of a table (from dbstat) with an invalid page type.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWithDeferredCheck } from '../../../main/services/deferred-check';
import { WorkspaceState } from '../../../main/services/workspace-state';
import { hasDeferredCheck, openWorkspaceDb } from '../../../main/workspace/db';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxw-deferred-'));
  path = join(dir, 'w.cxw');
  const db = openWorkspaceDb(path, { create: true });
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) insert.run(`row ${i} `.repeat(8));
  })();
  db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A write by another connection (as a job's): null when it went through, else the error code. */
function otherWrite(key: string): string | null {
  const other = new Database(path);
  other.pragma('busy_timeout = 50');
  try {
    other.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, '1');
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  } finally {
    other.close();
  }
}

function damage(): void {
  const probe = new Database(path, { readonly: true });
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const leaves = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  probe.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from([0x07]), 0, 1, (leaves[Math.floor(leaves.length / 2)] - 1) * pageSize);
  closeSync(fd);
}

describe('integrity check beside a call', () => {
  it('holds every other write until the check has passed, then returns the call’s result', async () => {
    const state = new WorkspaceState(join(dir, 'state'), () => undefined, null, []);
    state.openPath(path, { deferIntegrityCheck: true });
    expect(hasDeferredCheck(state.current().db)).toBe(true);
    let during: string | null = 'not called';
    const result = await runWithDeferredCheck(state, async () => {
      during = otherWrite('during');
      return 42;
    });
    expect(during).toBe('SQLITE_BUSY');
    expect(result).toBe(42);
    expect(hasDeferredCheck(state.current().db)).toBe(false);
    expect(otherWrite('after')).toBeNull();
    state.close();
  });

  it('a damaged workspace: WORKSPACE_CORRUPT, and nothing can be written until it is closed', async () => {
    damage();
    const state = new WorkspaceState(join(dir, 'state'), () => undefined, null, []);
    state.openPath(path, { deferIntegrityCheck: true });
    let called = false;
    await expect(
      runWithDeferredCheck(state, async () => {
        called = true;
        return 1;
      }),
    ).rejects.toMatchObject({ code: 'WORKSPACE_CORRUPT', message: expect.stringContaining('failed its integrity check') });
    expect(called).toBe(true);
    expect(otherWrite('after a failed check')).toBe('SQLITE_BUSY');
    state.close();
  });

  it('a call that fails while the check runs: its own error, after the check, and the lock released', async () => {
    const state = new WorkspaceState(join(dir, 'state'), () => undefined, null, []);
    state.openPath(path, { deferIntegrityCheck: true });
    await expect(
      runWithDeferredCheck(state, async () => {
        await Promise.resolve();
        throw new Error('the call failed');
      }),
    ).rejects.toThrow('the call failed');
    expect(otherWrite('after')).toBeNull();
    state.close();
  });

  it('a call refused at once: the damage is reported first; on an intact workspace its own error, lock released', async () => {
    const state = new WorkspaceState(join(dir, 'state'), () => undefined, null, []);
    state.openPath(path, { deferIntegrityCheck: true });
    const refuse = (): Promise<number> => {
      throw new Error('bad arguments');
    };
    await expect(runWithDeferredCheck(state, refuse)).rejects.toThrow('bad arguments');
    expect(otherWrite('after')).toBeNull();
    state.close();
    damage();
    state.openPath(path, { deferIntegrityCheck: true });
    await expect(runWithDeferredCheck(state, refuse)).rejects.toMatchObject({ code: 'WORKSPACE_CORRUPT' });
    state.close();
  });

  it('without a deferred check (the app, other commands): the check ran at open, the call runs as is', async () => {
    const state = new WorkspaceState(join(dir, 'state'), () => undefined, null, []);
    state.openPath(path);
    expect(hasDeferredCheck(state.current().db)).toBe(false);
    expect(await runWithDeferredCheck(state, async () => otherWrite('plain'))).toBeNull();
    state.close();
    damage();
    expect(() => state.openPath(path)).toThrow(/failed its integrity check/);
  });
});
