// The bad-input corpus for workspace paths (issue 12 item 8): files that are not CX Workbench workspaces — another
// application's SQLite database (rollback and WAL journal, with and without an application_id), a 0-byte file, a
// text file, a folder, a FIFO — are refused by every kind of open (writable, read-only, create) without a single
// write: the file's SHA-256 and mtime are compared before and after, and no -wal/-shm/-journal appears beside it.
// Workspaces made before the application_id existed (id 0, recognised by their schema_migrations + datasets
// tables, also when those tables sit only in the -wal, or when sqlite_master spans several pages) still open and
// get the id stamped. Expected ids are the constant 0x43585742 ('CXWB'); the foreign id 0x5eedf00d is arbitrary.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { openWorkspaceDb } from '../../../main/workspace/db';
import { migrate } from '../../../main/workspace/migrations';
import { identifyWorkspaceFile, WORKSPACE_APPLICATION_ID } from '../../../main/workspace/workspace-file';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cxw-badws-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function fingerprint(path: string) {
  const dir = join(path, '..');
  return { sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: statSync(path).mtimeMs, files: readdirSync(dir).sort() };
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

function foreignDb(path: string, opts: { wal?: boolean; applicationId?: number } = {}): void {
  const db = new Database(path);
  if (opts.wal) db.pragma('journal_mode = WAL');
  if (opts.applicationId) db.pragma(`application_id = ${opts.applicationId}`);
  db.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Ada'), ('Grace');");
  db.close();
}

const opens: [string, (p: string) => unknown][] = [
  ['writable', (p) => openWorkspaceDb(p)],
  ['read-only', (p) => openWorkspaceDb(p, { readonly: true, skipIntegrityCheck: true })],
  ['create', (p) => openWorkspaceDb(p, { create: true })],
];

describe('files that are not workspaces are refused without a write', () => {
  const cases: [string, (p: string) => void, RegExp][] = [
    ['foreign SQLite (rollback journal)', (p) => foreignDb(p), /SQLite database of another application, not a CX Workbench workspace\. Nothing was written to it/],
    ['foreign SQLite (WAL)', (p) => foreignDb(p, { wal: true }), /SQLite database of another application/],
    ['foreign SQLite with its own application_id', (p) => foreignDb(p, { applicationId: 0x5eedf00d }), /application id 0x5eedf00d/],
    ['0-byte file', (p) => writeFileSync(p, ''), /is empty \(0 bytes\).*If it was one, it has been truncated: restore it from a backup/],
    ['text file', (p) => writeFileSync(p, 'id,name\n1,Ada\n'), /not an SQLite database at all/],
    ['SQLite header cut short', (p) => writeFileSync(p, 'SQLite format 3\0'), /not an SQLite database at all/],
  ];
  for (const [name, make, message] of cases) {
    for (const [how, open] of opens) {
      it(`${name}: ${how} open is refused and the file is byte-for-byte unchanged`, () => {
        const path = join(tempDir(), 'data.cxw');
        make(path);
        const before = fingerprint(path);
        const err = errorOf(() => open(path));
        if (how === 'create') {
          expect(err.code).toBe('NAME_TAKEN');
          expect(err.message).toContain('a new workspace is only created where no file is');
        } else {
          expect(err.code).toBe('NOT_A_WORKSPACE');
          expect(err.message).toMatch(message);
          expect(err.details?.file).toBe(path);
        }
        expect(fingerprint(path)).toEqual(before);
      });
    }
  }

  it('a folder and a FIFO are refused at once (a FIFO is never opened, so nothing hangs)', () => {
    const dir = tempDir();
    const folder = join(dir, 'folder.cxw');
    mkdirSync(folder);
    expect(errorOf(() => openWorkspaceDb(folder)).message).toMatch(/is not a regular file/);
    const fifo = join(dir, 'pipe.cxw');
    execFileSync('mkfifo', [fifo]);
    expect(errorOf(() => openWorkspaceDb(fifo)).code).toBe('NOT_A_WORKSPACE');
    expect(identifyWorkspaceFile(fifo)).toEqual({ kind: 'not-a-file' });
  });

  it('a workspace truncated to 0 bytes is refused, never re-created empty', () => {
    const path = join(tempDir(), 'client.cxw');
    openWorkspaceDb(path, { create: true }).close();
    truncateSync(path, 0);
    for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
    expect(errorOf(() => openWorkspaceDb(path)).message).toMatch(/client\.cxw is empty \(0 bytes\)/);
    expect(statSync(path).size).toBe(0);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('a missing path is not created by an open', () => {
    const path = join(tempDir(), 'nowhere.cxw');
    expect(errorOf(() => openWorkspaceDb(path)).code).toBe('FILE_NOT_FOUND');
    expect(existsSync(path)).toBe(false);
  });
});

describe('workspaces are recognised', () => {
  it('a new workspace carries application_id 0x43585742 (CXWB) and is in WAL mode', () => {
    const path = join(tempDir(), 'new.cxw');
    const db = openWorkspaceDb(path, { create: true });
    expect(db.pragma('application_id', { simple: true })).toBe(0x43585742);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(WORKSPACE_APPLICATION_ID).toBe(0x43585742);
    expect(identifyWorkspaceFile(path)).toEqual({ kind: 'workspace', stamped: true });
  });

  it('a workspace is built in a side file and linked into place: nothing half-made is ever at the path', () => {
    const dir = tempDir();
    const path = join(dir, 'made.cxw');
    const db = openWorkspaceDb(path, { create: true });
    expect(readdirSync(dir).filter((f) => !f.startsWith('made.cxw'))).toEqual([]);
    db.close();
    expect(readdirSync(dir)).toEqual(['made.cxw']);
    const nowhere = join(dir, 'no-such-folder', 'x.cxw');
    expect(errorOf(() => openWorkspaceDb(nowhere, { create: true })).message).toMatch(/^Cannot create the workspace .*x\.cxw/);
    expect(readdirSync(dir)).toEqual(['made.cxw']);
  });

  /** A workspace as the app made it before the application_id: WAL, migrated, id 0. */
  function legacyWorkspace(path: string, extraTables = 0): void {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    migrate(db);
    for (let i = 0; i < extraTables; i++) db.exec(`CREATE TABLE padding_${i} (${Array.from({ length: 20 }, (_, j) => `a_rather_long_column_name_${j} TEXT`).join(', ')})`);
    db.close();
  }

  it('an older workspace (application_id 0) opens read-only untouched, and the first writable open stamps the id', () => {
    const path = join(tempDir(), 'old.cxw');
    legacyWorkspace(path);
    expect(identifyWorkspaceFile(path)).toEqual({ kind: 'workspace', stamped: false });
    const ro = openWorkspaceDb(path, { readonly: true });
    expect(ro.pragma('application_id', { simple: true })).toBe(0);
    ro.close();
    const rw = openWorkspaceDb(path);
    expect(rw.pragma('application_id', { simple: true })).toBe(WORKSPACE_APPLICATION_ID);
    rw.close();
    expect(identifyWorkspaceFile(path)).toEqual({ kind: 'workspace', stamped: true });
  });

  it('an older workspace whose sqlite_master spans several pages (interior b-tree page) is still recognised', () => {
    const path = join(tempDir(), 'wide.cxw');
    legacyWorkspace(path, 60);
    const db = new Database(path, { readonly: true });
    const pages = db.prepare("SELECT COUNT(*) FROM dbstat WHERE name = 'sqlite_schema'").pluck().get() as number;
    db.close();
    expect(pages).toBeGreaterThan(3);
    expect(identifyWorkspaceFile(path)).toEqual({ kind: 'workspace', stamped: false });
  });

  it('an older workspace whose tables are still only in the -wal (a crash before checkpoint) is recognised', () => {
    const dir = tempDir();
    const live = join(dir, 'live.cxw');
    const db = new Database(live);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    migrate(db);
    // Copy the files while the connection is open: the copy's main file has no tables, its -wal has them all.
    const copy = join(dir, 'crashed.cxw');
    copyFileSync(live, copy);
    copyFileSync(`${live}-wal`, `${copy}-wal`);
    db.close();
    expect(identifyWorkspaceFile(copy)).toEqual({ kind: 'workspace', stamped: false });
    const reopened = openWorkspaceDb(copy);
    expect(reopened.prepare('SELECT COUNT(*) FROM datasets').pluck().get()).toBe(0);
    reopened.close();
  });
});
