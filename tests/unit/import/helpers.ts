// Shared helpers for the import tests: a throw-away workspace per test and a no-op import context.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkspaceDb, workspaceSecret, type Db } from '../../../main/workspace/db';
import type { ImportRunContext } from '../../../main/workspace/import';
import { KeyStore } from '../../../main/workspace/keys';
import { AppError } from '../../../shared/errors';

const HERE = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(HERE, '../../fixtures/import');
/** Shared real datasets (outside the repo, read in place); tests skip when absent. */
export const DATA = join(HERE, '../../../../shared/data');

export interface TempWorkspace {
  dir: string;
  db: Db;
  ctx: ImportRunContext & { secret: Buffer };
  file(name: string, content: string | Buffer): string;
  cleanup(): void;
}

export function tempWorkspace(): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'cxw-import-'));
  const db = openWorkspaceDb(join(dir, 'test.cxw'), { create: true });
  // The key lives outside the workspace (keys.ts): a key store in this test's own state folder.
  const ctx: ImportRunContext & { secret: Buffer } = { db, secret: workspaceSecret(db, new KeyStore(join(dir, 'state'))), isCancelled: () => false, onProgress: () => {} };
  return {
    dir,
    db,
    ctx,
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The AppError a call throws (fails the test when it does not throw one). */
export function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

export async function asyncErrorOf(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

/** Everything an import may touch, to prove a failed one touched nothing. */
export function workspaceState(db: Db): unknown {
  return {
    master: db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all(),
    datasets: db.prepare('SELECT * FROM datasets ORDER BY id').all(),
    columns: db.prepare('SELECT * FROM dataset_columns ORDER BY dataset_id, position').all(),
    activity: db.prepare('SELECT * FROM activity ORDER BY id').all(),
  };
}

export function tableRows(db: Db, datasetId: number): Record<string, unknown>[] {
  const t = db.prepare('SELECT table_name FROM datasets WHERE id = ?').get(datasetId) as { table_name: string };
  return db.prepare(`SELECT * FROM "${t.table_name}" ORDER BY _row`).all() as Record<string, unknown>[];
}
