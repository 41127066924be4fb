// Exports never lose data (issue 12 item 1): an existing file is replaced only with force; a workspace, its
// -wal/-shm, a symlink or hard link to it, or any other workspace is never written (not even with force); a failed
// write leaves no partial file and the old file intact; no temporary file is left behind. Expected contents are
// the literal chunks written; "unchanged" is a SHA-256 of the bytes before and after.
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { openWorkspaceDb } from '../../../main/workspace/db';
import { writeExportFile, type ExportOptions } from '../../../main/workspace/export-file';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cxw-export-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function* csv(lines: string[]): Generator<string, number> {
  for (const l of lines) yield `${l}\n`;
  return lines.length;
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

/** A workspace kept open (as the CLI holds it during an export), with its -wal/-shm present. */
function openWorkspace(dir: string) {
  const path = join(dir, 'client.cxw');
  const db = openWorkspaceDb(path, { create: true });
  return { path, db };
}

describe('export files', () => {
  it('writes a new file and leaves no temporary file behind', () => {
    const dir = tempDir();
    const out = join(dir, 'a.csv');
    const r = writeExportFile(out, csv(['id,segment', '1,2']));
    expect(r).toEqual({ path: out, result: 2 });
    expect(readFileSync(out, 'utf8')).toBe('id,segment\n1,2\n');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('refuses an existing file without force (naming the flag), replaces it with force', () => {
    const dir = tempDir();
    const out = join(dir, 'a.csv');
    writeFileSync(out, 'precious\n');
    const err = errorOf(() => writeExportFile(out, csv(['new']), { forceHint: 'Pass --force to replace it.' }));
    expect(err.code).toBe('FILE_EXISTS');
    expect(err.message).toBe(`${out} already exists; nothing was written. Pass --force to replace it.`);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    writeExportFile(out, csv(['new']), { force: true });
    expect(readFileSync(out, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('never writes onto the open workspace, its -wal or -shm, or a symlink or hard link to it, even with force', () => {
    const dir = tempDir();
    const ws = openWorkspace(dir);
    ws.db.exec("INSERT INTO activity (at, action, summary, params) VALUES ('t', 'x', 'y', '{}')");
    symlinkSync(ws.path, join(dir, 'link.csv'));
    linkSync(ws.path, join(dir, 'hard.csv'));
    mkdirSync(join(dir, 'sub'));
    const opts: ExportOptions = { force: true, workspaces: [ws.path] };
    const before = { main: sha(ws.path), wal: sha(`${ws.path}-wal`) };
    for (const target of [ws.path, `${ws.path}-wal`, `${ws.path}-shm`, join(dir, 'link.csv'), join(dir, 'hard.csv'), join(dir, 'sub', '..', 'client.cxw')]) {
      const err = errorOf(() => writeExportFile(target, csv(['id,segment']), opts));
      expect(err.code).toBe('FILE_EXISTS');
      expect(err.message).toMatch(/an export never writes over a workspace \(not even with --force\)/);
    }
    expect({ main: sha(ws.path), wal: sha(`${ws.path}-wal`) }).toEqual(before);
    expect(ws.db.prepare('SELECT COUNT(*) FROM activity').pluck().get()).toBeGreaterThan(0);
    ws.db.close();
  });

  it('never writes onto another workspace (not the open one), even with force', () => {
    const dir = tempDir();
    const other = join(dir, 'other.cxw');
    openWorkspaceDb(other, { create: true }).close();
    const before = sha(other);
    const err = errorOf(() => writeExportFile(other, csv(['x']), { force: true }));
    expect(err.message).toMatch(/is a CX Workbench workspace \(or part of one\)/);
    expect(sha(other)).toBe(before);
  });

  it('a folder, or a folder that does not exist, is refused clearly', () => {
    const dir = tempDir();
    expect(errorOf(() => writeExportFile(dir, csv(['x']), { force: true })).message).toMatch(/is a folder; give a file name/);
    const err = errorOf(() => writeExportFile(join(dir, 'missing', 'a.csv'), csv(['x'])));
    expect(err.code).toBe('FILE_NOT_FOUND');
    expect(err.message).toMatch(/missing does not exist; create it first/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('a failure while writing leaves no partial file, and a file being replaced stays intact', () => {
    const dir = tempDir();
    function* failing(): Generator<string, number> {
      yield 'id,segment\n';
      throw new AppError('CANCELLED', 'stopped half way');
    }
    const fresh = join(dir, 'new.csv');
    expect(errorOf(() => writeExportFile(fresh, failing())).message).toBe('stopped half way');
    expect(existsSync(fresh)).toBe(false);
    const old = join(dir, 'old.csv');
    writeFileSync(old, 'old contents\n');
    expect(errorOf(() => writeExportFile(old, failing(), { force: true })).code).toBe('CANCELLED');
    expect(readFileSync(old, 'utf8')).toBe('old contents\n');
    expect(readdirSync(dir).sort()).toEqual(['old.csv']);
  });
});
