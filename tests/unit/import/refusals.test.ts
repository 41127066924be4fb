// Issue 12 "clear errors", the import part of the bad-input corpus: inputs and workspaces an import must refuse
// up front or fail on cleanly, each with an error that names the file or workspace, the limit, and what to do,
// and a workspace left exactly as it was.
//
// - SQLite's column limit (SQLITE_MAX_COLUMN) is 2,000 in the bundled build, measured: CREATE TABLE with 2,000
//   columns succeeds, 2,001 fails "too many columns". A dataset table also holds _row, so 1,999 columns fit.
// - Disk full is produced for real by SQLite: PRAGMA max_page_count caps the database file a few pages above
//   its current size, so the inserts fail with SQLITE_FULL ("database or disk is full") half-way through.
// - Read-only: where the test may mount (root), a read-only bind mount of the workspace folder, the real thing;
//   everywhere, PRAGMA query_only, which makes every write fail with SQLITE_READONLY as a read-only file does
//   (chmod does not stop root, so a chmod'ed copy proves nothing when the tests run as root).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../../main/workspace/import';
import { storageError } from '../../../main/workspace/import/storage-errors';
import { asyncErrorOf, errorOf, tempWorkspace, type TempWorkspace, workspaceState } from './helpers';

describe('refused inputs and failing workspaces', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  function failingImport(path: string): ReturnType<typeof errorOf> {
    const before = workspaceState(ws.db);
    const err = errorOf(() => runImport(ws.ctx, { path }));
    expect(workspaceState(ws.db)).toEqual(before);
    return err;
  }

  function wideCsv(columns: number): string {
    const header = Array.from({ length: columns }, (_, i) => `q${i + 1}`).join(',');
    const row = Array.from({ length: columns }, (_, i) => String(i % 10)).join(',');
    return `${header}\n${row}\n${row}\n`;
  }

  it('2,000+ columns are refused before anything is created, naming the limit and suggesting a split', async () => {
    const path = ws.file('wide.csv', wideCsv(2500));
    const err = failingImport(path);
    expect(err.code).toBe('TOO_MANY_COLUMNS');
    expect(err.message).toContain('wide.csv has 2,500 columns');
    expect(err.message).toContain('at most 1,999');
    expect(err.message).toMatch(/[Ss]plit the file/);
    expect(err.details).toMatchObject({ file: 'wide.csv', line: 1, columns: 2500, limit: 1999 });
    expect((await asyncErrorOf(() => previewImport(path))).code).toBe('TOO_MANY_COLUMNS');
  });

  it('1,999 columns, the most a dataset table holds, import', () => {
    const r = runImport(ws.ctx, { path: ws.file('widest.csv', wideCsv(1999)) });
    expect(r.columns).toHaveLength(1999);
    expect(r.rows).toBe(2);
  });

  it('/dev/urandom and other devices are refused as not a regular file (not "empty")', () => {
    const err = failingImport('/dev/urandom');
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.message).toContain('urandom is not a regular file');
  });

  it('a named pipe (FIFO) is refused at once instead of waiting forever for a writer', () => {
    const fifo = join(ws.dir, 'pipe.csv');
    if (spawnSync('mkfifo', [fifo]).status !== 0 || !existsSync(fifo)) {
      console.warn('mkfifo is not available here: FIFO refusal not checked');
      return;
    }
    // A writer that holds the pipe for 20 s: should the import open it after all, it would read until then and
    // fail on content, instead of hanging the test run for ever.
    const writer = spawn('sh', ['-c', `sleep 20 > '${fifo}'`], { stdio: 'ignore' });
    try {
      const t0 = Date.now();
      const err = failingImport(fifo);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(err.code).toBe('FILE_UNREADABLE');
      expect(err.message).toContain('pipe.csv is not a regular file');
      expect(err.message).toContain('named pipe');
    } finally {
      writer.kill();
    }
  });

  it('disk full during the import is DISK_FULL naming the workspace, and nothing changes', () => {
    const first = runImport(ws.ctx, { path: ws.file('small.csv', 'id,v\n1,2\n') });
    expect(first.rows).toBe(1);
    const lines = ['id,text'];
    for (let i = 1; i <= 20_000; i++) lines.push(`${i},some text that takes room ${i}`);
    const path = ws.file('big.csv', lines.join('\n') + '\n');
    const pages = ws.db.pragma('page_count', { simple: true }) as number;
    ws.db.pragma(`max_page_count = ${pages + 8}`);
    const err = failingImport(path);
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toContain(join(ws.dir, 'test.cxw'));
    expect(err.message).toContain('Nothing was imported');
    expect(err.message).toMatch(/[Ff]ree some disk space/);
  });

  it('a workspace on a read-only file system is WORKSPACE_READONLY naming it, and nothing changes', () => {
    // A read-only bind mount of the workspace's folder: the real thing (EROFS underneath), where we may mount.
    const roDir = mkdtempSync(join(tmpdir(), 'cxw-ro-'));
    const mounted =
      spawnSync('mount', ['--bind', ws.dir, roDir]).status === 0 && spawnSync('mount', ['-o', 'remount,bind,ro', roDir]).status === 0;
    try {
      if (!mounted) {
        console.warn('cannot mount here (not root, or no mount permission): the read-only file system case is covered by query_only below');
        return;
      }
      const csv = ws.file('ok.csv', 'id,v\n1,2\n');
      const roPath = join(roDir, 'test.cxw');
      const ro = new Database(roPath, { fileMustExist: true });
      try {
        const before = workspaceState(ws.db);
        const err = errorOf(() => runImport({ ...ws.ctx, db: ro }, { path: csv }));
        expect(err.code).toBe('WORKSPACE_READONLY');
        expect(err.message).toContain(roPath);
        expect(workspaceState(ws.db)).toEqual(before);
      } finally {
        ro.close();
      }
    } finally {
      // Lazy: SQLite may still map the -shm file for a moment after close.
      if (mounted) spawnSync('umount', ['-l', roDir]);
      rmSync(roDir, { recursive: true, force: true });
    }
  });

  it('a read-only workspace is WORKSPACE_READONLY naming it, and nothing changes', () => {
    ws.db.pragma('query_only = 1');
    const err = failingImport(ws.file('ok.csv', 'id,v\n1,2\n'));
    expect(err.code).toBe('WORKSPACE_READONLY');
    expect(err.message).toContain(join(ws.dir, 'test.cxw'));
    expect(err.message).toContain('cannot be written');
    ws.db.pragma('query_only = 0');
  });
});

describe('storageError maps file-system and SQLite failures to clear errors', () => {
  const ws = '/data/team.cxw';
  const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each([
    [sqlite('SQLITE_FULL', 'database or disk is full'), 'DISK_FULL'],
    [sqlite('SQLITE_IOERR_WRITE', 'disk I/O error'), null],
    [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'DISK_FULL'],
    [sqlite('SQLITE_READONLY', 'attempt to write a readonly database'), 'WORKSPACE_READONLY'],
    [sqlite('SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database'), 'WORKSPACE_READONLY'],
    [Object.assign(new Error('EROFS: read-only file system, open'), { code: 'EROFS' }), 'WORKSPACE_READONLY'],
    [Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), 'WORKSPACE_READONLY'],
    [sqlite('SQLITE_CONSTRAINT', 'UNIQUE constraint failed'), null],
    [new Error('plain'), null],
  ])('%s → %s', (err, code) => {
    const mapped = storageError(err, ws);
    if (code === null) {
      expect(mapped).toBeNull();
      return;
    }
    expect(mapped?.code).toBe(code);
    expect(mapped?.message).toContain(ws);
    expect(mapped?.details).toMatchObject({ workspace: ws });
  });
});
