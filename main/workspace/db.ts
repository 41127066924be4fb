// Opening a workspace file: first what the file is (workspace-file.ts: anything else is refused before SQLite
// touches it), then pragmas (WAL, foreign keys), an integrity check, then migrations. Only `create` makes a new
// workspace, and only where no file exists. One connection per thread; the import worker opens its own.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError, BUSY_MESSAGE, isBusy } from '../../shared/errors';
import { keyGetter, openWorkspaceKey, type KeyStore } from './keys';
import { migrate, MIGRATIONS } from './migrations';
import { logShorterThanIndex } from './wal-guard';
import { identifyWorkspaceFile, WORKSPACE_APPLICATION_ID, type WorkspaceFileKind } from './workspace-file';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * Create a new workspace at a path that does not exist yet (default false: only an existing workspace opens).
   * An existing file is never turned into a workspace, whatever it holds.
   */
  create?: boolean;
  /** Skip the full integrity check (worker threads reopening a file the host just checked). */
  skipIntegrityCheck?: boolean;
  /**
   * Leave the integrity check for later (checkDeferred): the CLI runs it while a read-only analysis starts, holding
   * the write lock so that nothing is written before it passes (services/deferred-check.ts). Ignored (checked now)
   * for a read-only connection and when the workspace needs a migration, which would write before the check.
   */
  deferIntegrityCheck?: boolean;
  readonly?: boolean;
  /**
   * How long to wait for another connection's write lock. The host's connection keeps the default (5 s) so a UI
   * call never hangs; job connections run off the UI thread and wait as long as an import may take.
   */
  busyTimeoutMs?: number;
}

/** Largest memory map asked for (SQLite caps it at its compile-time SQLITE_MAX_MMAP_SIZE). */
const MMAP_BYTES = 2 ** 40;

/**
 * Run `read` with the file memory-mapped: SQLite then reads pages (and assembles large BLOBs) straight from the
 * map instead of first copying each page into its page cache — for the integrity check and for reading the column
 * cache's megabyte BLOBs. Read-only use: SQLite writes never go through the map. The map is dropped afterwards so
 * the connection works as before.
 */
export function withMemoryMap<T>(db: Db, read: () => T): T {
  // Nested (a loop of reads that each map): the outer call keeps the map, so the file is not remapped per read.
  if (mapped.has(db)) return read();
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  mapped.add(db);
  try {
    return read();
  } finally {
    mapped.delete(db);
    db.pragma('mmap_size = 0');
  }
}
const mapped = new WeakSet<Db>();

export function openWorkspaceDb(path: string, opts: OpenOptions = {}): Db {
  const file = identifyWorkspaceFile(path);
  if (opts.create) {
    if (file.kind !== 'missing' && path !== ':memory:') {
      throw new AppError('NAME_TAKEN', `${path} already exists; a new workspace is only created where no file is. Open it, or choose another file name.`, { file: path });
    }
    return createWorkspaceDb(path);
  }
  refuseUnlessWorkspace(path, file);
  let db: Db;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: true });
  } catch (err) {
    throw new AppError('WORKSPACE_CORRUPT', `Cannot open workspace ${path}: ${(err as Error).message}`, { file: path });
  }
  try {
    // Another connection's log deleted under it: refuse before this connection writes into a second log.
    db.pragma('schema_version');
    if (logShorterThanIndex(path)) throw logLostOnOpen(path);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(opts.busyTimeoutMs ?? 5000))}`);
    const defer = !opts.skipIntegrityCheck && opts.deferIntegrityCheck === true && !opts.readonly && !migrationsPending(db);
    if (!opts.skipIntegrityCheck && !defer) integrityCheck(db, path);
    if (defer) deferredChecks.set(db, path);
    if (!opts.readonly) {
      migrate(db);
      // A workspace from before the application_id existed (recognised by its tables) gets it now.
      if (file.kind === 'workspace' && !file.stamped) db.pragma(`application_id = ${WORKSPACE_APPLICATION_ID}`);
    }
    return db;
  } catch (err) {
    db.close();
    throw openFailure(err, path);
  }
}

/** Connections opened with their integrity check deferred, and their workspace's path. */
const deferredChecks = new WeakMap<Db, string>();

export function hasDeferredCheck(db: Db): boolean {
  return deferredChecks.has(db);
}

/** Run a connection's deferred integrity check now (a no-op when none is pending); WORKSPACE_CORRUPT on failure. */
export function checkDeferred(db: Db): void {
  const path = deferredChecks.get(db);
  if (path === undefined) return;
  try {
    integrityCheck(db, path);
  } catch (err) {
    throw openFailure(err, path);
  }
  deferredChecks.delete(db);
}

/** Whether opening would apply migrations (which write, so the check must come first). */
function migrationsPending(db: Db): boolean {
  const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
  try {
    return (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) !== latest;
  } catch {
    return true;
  }
}

function integrityCheck(db: Db, path: string): void {
  // The check reads every page once: through a memory map (read-only; SQLite writes never go through it) it
  // skips copying each page into the page cache — 0.17 s instead of 0.3–0.4 s for a 210 MB workspace
  // (tests/bench/segment-command-bench.mjs). The map is dropped again so the connection works as before.
  let rows: { quick_check: string }[];
  try {
    rows = withMemoryMap(db, () => db.pragma('quick_check', { simple: false }) as { quick_check: string }[]);
  } catch (err) {
    // Damage bad enough that the check itself stops ("database disk image is malformed") is a failed check too.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) rows = [{ quick_check: (err as Error).message }];
    else throw err;
  }
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new AppError('WORKSPACE_CORRUPT', `Workspace ${path} failed its integrity check: ${problems.slice(0, 3).join('; ')}`, {
      file: path,
    });
  }
}

function openFailure(err: unknown, path: string): AppError {
  if (err instanceof AppError) return err;
  if (isBusy(err)) return new AppError('WORKSPACE_BUSY', BUSY_MESSAGE, { file: path });
  // The log's index (-shm) lists pages in a log that is not there: another program deleted the -wal while a
  // connection (the app's window, a browser host) still has the workspace open (wal-guard.ts).
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR') && existsSync(`${path}-shm`) && fileSize(`${path}-wal`) <= 0) return logLostOnOpen(path);
  return new AppError('WORKSPACE_CORRUPT', `Cannot open workspace ${path}: ${(err as Error).message}`, { file: path });
}

function logLostOnOpen(path: string): AppError {
  return new AppError(
    'WORKSPACE_LOG_LOST',
    `Cannot open ${path}: its write-ahead log ${path}-wal was deleted by another program while another window or cxw command has the workspace open. Nothing was written. Close and reopen the workspace in that window (that copies its saved changes into the file), then try again.`,
    { file: `${path}-wal`, workspace: path },
  );
}

/** Refuse anything that is not a workspace before SQLite opens it, so a refused file is not touched at all. */
function refuseUnlessWorkspace(path: string, file: WorkspaceFileKind): void {
  const untouched = 'Nothing was written to it.';
  switch (file.kind) {
    case 'workspace':
      return;
    case 'missing':
      throw new AppError('FILE_NOT_FOUND', `Workspace not found: ${path}. Create it first (cxw import FILE --workspace ${path} creates one) or check the path.`, { file: path });
    case 'not-a-file':
      throw new AppError('NOT_A_WORKSPACE', `${path} is not a regular file (a folder, device or pipe), so it is not a CX Workbench workspace. Give the path of a .cxw file.`, { file: path });
    case 'empty':
      throw new AppError(
        'NOT_A_WORKSPACE',
        `${path} is empty (0 bytes), so it is not a CX Workbench workspace. If it was one, it has been truncated: restore it from a backup. ${untouched} To start afresh, import into a path where no file exists.`,
        { file: path },
      );
    case 'not-sqlite':
      throw new AppError('NOT_A_WORKSPACE', `${path} is not a CX Workbench workspace (not an SQLite database at all). ${untouched} Check the path.`, { file: path });
    case 'foreign-sqlite':
      throw new AppError(
        'NOT_A_WORKSPACE',
        `${path} is an SQLite database of another application${file.applicationId ? ` (application id 0x${file.applicationId.toString(16).padStart(8, '0')})` : ''}, not a CX Workbench workspace. ${untouched} To analyse its data, export it to CSV and import that.`,
        { file: path },
      );
  }
}

/** Page size of new workspaces (existing ones keep theirs). */
export const WORKSPACE_PAGE_SIZE = 16384;

/**
 * A new workspace is built complete in a hidden side file (application_id, WAL, every migration), closed, and only
 * then linked into place — which fails if anything appeared at the path meanwhile. So a crash or error during
 * creation never leaves an empty or half-made file at the path (that file would be refused as not a workspace).
 */
function createWorkspaceDb(path: string): Db {
  if (path === ':memory:') return initialise(new Database(path)); // tests' throwaway workspaces
  const side = join(dirname(path), `.${basename(path)}.creating-${process.pid}-${randomBytes(4).toString('hex')}`);
  const removeSide = () => {
    for (const f of [side, `${side}-wal`, `${side}-shm`]) rmSync(f, { force: true });
  };
  try {
    // The side file is made here first, not by SQLite: SQLite reports every failure to create a file as
    // "unable to open database file", while the file system's code (EROFS, EACCES, ENOSPC) says what to do.
    closeSync(openSync(side, 'wx', 0o644));
    const db = initialise(new Database(side));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    placeNoClobber(side, path);
  } catch (err) {
    removeSide();
    if (err instanceof AppError) throw err;
    if (isBusy(err)) throw openFailure(err, path);
    throw creationFailure(err, path);
  }
  removeSide();
  return openWorkspaceDb(path, { skipIntegrityCheck: true });
}

/** Make the folder a new workspace (or a copy of one) goes into, with the same clear errors as creating the file. */
export function makeWorkspaceFolder(path: string): void {
  // One level at a time, not mkdirSync({recursive}): that reports a read-only file system as ENOENT.
  const missing: string[] = [];
  for (let dir = dirname(path); !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw creationFailure(err, path);
    }
  }
}

/** The nearest folder on the way to `path` that exists: the one that refused the new file or sub-folder. */
function existingFolder(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function creationFailure(err: unknown, path: string): AppError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const said = (err as Error).message;
  const folder = existingFolder(path);
  const nothing = 'Nothing was created.';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    const why = code === 'EROFS' ? 'is on a read-only file system' : 'is read-only for you (no permission to write there)';
    return new AppError(
      'WORKSPACE_READONLY',
      `Cannot create the workspace ${path}: the folder ${folder} ${why} (${code}). ${nothing} Choose a folder you can write to (for example in your home folder), or make this one writable, and try again.`,
      { file: path, folder, cause: code },
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('DISK_FULL', `Cannot create the workspace ${path}: the disk holding ${folder} is full (${code}). ${nothing} Free some disk space or choose a folder on another disk.`, {
      file: path,
      folder,
      cause: code,
    });
  }
  return new AppError('FILE_UNREADABLE', `Cannot create the workspace ${path} in ${folder}: ${said}. ${nothing}`, { file: path, folder, cause: code || undefined });
}

function initialise(db: Db): Db {
  try {
    // 16 KiB pages, set before the first write makes the file (a workspace keeps the page size it was made
    // with). A workspace is mostly whole-table scans and bulk inserts of datasets: on the import benchmark
    // (1M rows × 17, the stored rows re-inserted) 16 KiB pages took 0.82× the time of SQLite's default 4 KiB
    // (fewer pages to split, fewer log frames; farm-bench medians), 8 KiB and 32 KiB within 5% of 16 KiB.
    db.pragma(`page_size = ${WORKSPACE_PAGE_SIZE}`);
    db.pragma(`application_id = ${WORKSPACE_APPLICATION_ID}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Link the finished file into place (atomic, never over an existing file); rename where links are unsupported. */
function placeNoClobber(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('NAME_TAKEN', `${to} already exists; a new workspace is only created where no file is.`, { file: to });
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    if (existsSync(to)) throw new AppError('NAME_TAKEN', `${to} already exists; a new workspace is only created where no file is.`, { file: to });
    renameSync(from, to);
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

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}
