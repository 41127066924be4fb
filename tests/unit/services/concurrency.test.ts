// Another connection (an import in a worker or another cxw process) may hold the workspace's write lock for
// minutes. Opening must not need that lock, and the demo workspace — which holds the analyst's own work once
// used — must never be rebuilt because it was momentarily locked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services/index';
import { BUSY_MESSAGE, serializeError } from '../../../shared/errors';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cxw-lock-'));
  dirs.push(d);
  return d;
};

describe('a workspace locked by another writer', () => {
  it('the demo opens as it is (with the analyst\'s work) instead of being rebuilt', async () => {
    const dir = tempDir();
    const first = createServices({ stateDir: dir, emit: () => undefined, useWorkers: false });
    const demo = (await first.handlers['workspace.openDemo']({})).path;
    first.dispose();
    const writer = new Database(demo);
    writer.exec('CREATE TABLE analyst_work (note TEXT); INSERT INTO analyst_work VALUES (\'my segments\')');
    writer.exec('BEGIN IMMEDIATE'); // an import elsewhere, mid-transaction
    try {
      const second = createServices({ stateDir: dir, emit: () => undefined, useWorkers: false });
      const started = Date.now();
      const info = await second.handlers['workspace.openDemo']({});
      expect(info.path).toBe(demo);
      expect(Date.now() - started).toBeLessThan(3000); // did not sit out the 5 s busy timeout
      expect((await second.handlers['dataset.list']({})).map((d) => d.name)).toEqual(['Demo customers', 'Demo journey events', 'Demo checkout experiment', 'Survey wave Q1 2025', 'Survey wave Q2 2025']);
      second.dispose();
    } finally {
      writer.exec('ROLLBACK');
    }
    expect(writer.prepare('SELECT note FROM analyst_work').pluck().all()).toEqual(['my segments']);
    writer.close();
  });

  it('a host edit that needs the lock fails with WORKSPACE_BUSY, not as corruption or an internal error', async () => {
    const dir = tempDir();
    const services = createServices({ stateDir: join(dir, 'state'), emit: () => undefined, useWorkers: false });
    const ws = join(dir, 'w.cxw');
    await services.handlers['workspace.create']({ path: ws });
    const other = createServices({ stateDir: join(dir, 'state2'), emit: () => undefined, useWorkers: false });
    await other.handlers['workspace.open']({ path: ws }); // opening needs no lock…
    const writer = new Database(ws);
    writer.pragma('busy_timeout = 0');
    writer.exec('BEGIN IMMEDIATE');
    try {
      // …but creating a workspace file elsewhere is unaffected, and a write here waits, then says why.
      const err = await Promise.resolve()
        .then(() => other.handlers['workspace.saveAs']({ path: join(dir, 'copy.cxw') }))
        .then(() => null, (e: unknown) => e);
      // What every transport sends (IPC, HTTP, CLI): a clear "busy", not INTERNAL or WORKSPACE_CORRUPT.
      expect(serializeError(err)).toEqual({ code: 'WORKSPACE_BUSY', message: BUSY_MESSAGE });
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      services.dispose();
      other.dispose();
    }
  }, 20_000);
});
