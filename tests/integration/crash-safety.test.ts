// Killing the importing process mid-way (SIGKILL: no cleanup code runs) must never corrupt the workspace or
// leave part of a dataset behind. We wait until the import is demonstrably writing (the WAL file grows), kill
// it, reopen, and check integrity, the earlier dataset and the absence of any partial table. Several times, at
// different points of the import (by its own progress lines).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, cxwAsync, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { writeCustomersCsv } from '../support/synthetic-csv';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

function state(ws: string) {
  const db = new Database(ws);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      datasets: db.prepare('SELECT name, rows, table_name FROM datasets ORDER BY id').all(),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ds_%' ORDER BY name").pluck().all(),
      keepRows: db.prepare('SELECT COUNT(*) FROM ds_1').pluck().get(),
      activity: db.prepare('SELECT COUNT(*) FROM activity').pluck().get(),
    };
  } finally {
    db.close();
  }
}

describe.skipIf(!BUILT)('crash safety', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-crash-'));
    ws = join(dir, 'crash.cxw');
    writeCustomersCsv(join(dir, 'small.csv'), 1_000);
    writeCustomersCsv(join(dir, 'big.csv'), 600_000);
    cxwJson(['import', join(dir, 'small.csv'), '--workspace', ws, '--name', 'keep'], env());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SIGKILL during import, three times: integrity ok, earlier dataset intact, no partial table', async () => {
    const expected = state(ws);
    expect(expected.integrity).toBe('ok');
    expect(expected.keepRows).toBe(1_000);
    for (const killAt of [10, 45, 80]) {
      const child = cxwAsync(['import', join(dir, 'big.csv'), '--workspace', ws, '--name', 'big'], { ...env(), CXW_PROGRESS: 'lines' });
      const exited = new Promise<{ signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (_code, signal) => resolve({ signal })));
      let seen = 0;
      await new Promise<void>((resolve) => {
        let buf = '';
        child.stderr.on('data', (chunk: Buffer) => {
          buf += chunk.toString();
          for (const m of buf.matchAll(/progress \w+ (\d+)%/g)) seen = Math.max(seen, Number(m[1]));
          if (seen >= killAt) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', () => resolve());
      });
      const { signal } = await exited;
      expect(signal, `the import must still be running at ${killAt}% when killed (saw ${seen}%)`).toBe('SIGKILL');
      expect(state(ws)).toEqual(expected);
    }
    // The workspace still works: the same import now completes.
    const done = cxwJson<{ rows: number }>(['import', join(dir, 'big.csv'), '--workspace', ws, '--name', 'big'], env());
    expect(done.rows).toBe(600_000);
    expect(state(ws).integrity).toBe('ok');
  }, 240_000);
});
