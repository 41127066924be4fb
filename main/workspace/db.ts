// Opening a workspace file: pragmas (WAL, foreign keys), an integrity check, then migrations. One connection
// per thread; the import worker opens its own.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError, BUSY_MESSAGE, isBusy } from '../../shared/errors';
import { keyGetter, openWorkspaceKey, type KeyStore } from './keys';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Create the file when missing (default false: a missing file is an error). */
  create?: boolean;
  /** Skip the full integrity check (worker threads reopening a file the host just checked). */
  skipIntegrityCheck?: boolean;
  readonly?: boolean;
  /**
   * How long to wait for another connection's write lock. The host's connection keeps the default (5 s) so a UI
   * call never hangs; job connections run off the UI thread and wait as long as an import may take.
   */
  busyTimeoutMs?: number;
}

export function openWorkspaceDb(path: string, opts: OpenOptions = {}): Db {
  if (!opts.create && !existsSync(path)) {
    throw new AppError('FILE_NOT_FOUND', `Workspace not found: ${path}. Create it first or check the path.`, { file: path });
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  } catch (err) {
    throw new AppError('WORKSPACE_CORRUPT', `Cannot open workspace ${path}: ${(err as Error).message}`, { file: path });
  }
  try {
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 5000))}`);
    if (!opts.skipIntegrityCheck) {
      const rows = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (problems.length > 0) {
        throw new AppError('WORKSPACE_CORRUPT', `Workspace ${path} failed its integrity check: ${problems.slice(0, 3).join('; ')}`, {
          file: path,
        });
      }
    }
    if (!opts.readonly) {
      migrate(db);
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    if (isBusy(err)) throw new AppError('WORKSPACE_BUSY', BUSY_MESSAGE, { file: path });
    throw new AppError('WORKSPACE_CORRUPT', `Cannot open workspace ${path}: ${(err as Error).message}`, { file: path });
  }
}

/**
 * The pseudonymisation key of a workspace. It is not in the workspace file: keys.ts keeps it in the user's key
 * store (OS key store or a 0600 key file in the state folder) under the workspace's id, moves an older
 * workspace's key out of its settings, and throws KEY_MISSING when this computer does not have it.
 */
export function workspaceSecret(db: Db, store: KeyStore): Buffer {
  return keyGetter(openWorkspaceKey(db, store, db.name))();
}

export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? String(row.value) : null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
