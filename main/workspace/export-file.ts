// Writing an export (a CSV of assignments, …) to a path the user named. An export never replaces an existing file
// unless asked (`force`), never writes onto a workspace or its -wal/-shm/-journal (not even with force: that
// destroyed the open workspace once, while the command reported success), and goes through a temporary file in
// the target's folder that is renamed into place, so a failure (disk full, cancelled) leaves no partial file and
// an existing file intact.
import { closeSync, fsyncSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { isWorkspaceOrSidecar } from './workspace-file';

export interface ExportOptions {
  /** Replace an existing file (never a workspace). */
  force?: boolean;
  /** Workspaces in use: the export may not land on them or their -wal/-shm/-journal, under any name. */
  workspaces?: string[];
  /** How to ask for replacing, in the caller's words (the CLI says "pass --force"). */
  forceHint?: string;
}

const SIDECARS = ['', '-wal', '-shm', '-journal'];

/** The file behind a path: its real path (symlinks resolved) and, when it exists, its device + inode. */
function identity(path: string): { real: string; inode: string | null } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    // Not there yet: its folder's real path + its name is where it would be created.
    try {
      real = join(realpathSync(dirname(path)), basename(path));
    } catch {
      real = resolve(path);
    }
  }
  try {
    const s = statSync(path);
    return { real, inode: `${s.dev}:${s.ino}` };
  } catch {
    return { real, inode: null };
  }
}

/** Refuse targets that must never be written; check before any work so a refused export costs nothing. */
export function checkExportTarget(out: string, opts: ExportOptions = {}): string {
  const target = resolve(out);
  const mine = identity(target);
  for (const ws of opts.workspaces ?? []) {
    for (const suffix of SIDECARS) {
      const other = identity(`${resolve(ws)}${suffix}`);
      if (other.real === mine.real || (mine.inode !== null && other.inode === mine.inode)) {
        throw new AppError(
          'FILE_EXISTS',
          `${target} is ${suffix ? `the ${suffix.slice(1)} file of ` : ''}the workspace ${resolve(ws)}; an export never writes over a workspace (not even with --force). Choose another file name.`,
          { file: target },
        );
      }
    }
  }
  let stat: ReturnType<typeof statSync> | null = null;
  try {
    stat = statSync(target);
  } catch {
    stat = null;
  }
  if (stat?.isDirectory()) throw new AppError('FILE_EXISTS', `${target} is a folder; give a file name for the export, e.g. ${join(target, 'export.csv')}.`, { file: target });
  if (stat && isWorkspaceOrSidecar(target)) {
    throw new AppError('FILE_EXISTS', `${target} is a CX Workbench workspace (or part of one); an export never writes over a workspace (not even with --force). Choose another file name.`, { file: target });
  }
  if (stat && !opts.force) {
    throw new AppError('FILE_EXISTS', `${target} already exists; nothing was written. ${opts.forceHint ?? 'Choose another file name.'}`, { file: target });
  }
  try {
    if (!statSync(dirname(target)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new AppError('FILE_NOT_FOUND', `The folder ${dirname(target)} does not exist; create it first or choose another place for ${basename(target)}.`, { file: target });
  }
  return target;
}

/**
 * Write the chunks to `out` (after checkExportTarget's checks) through a temporary file in the same folder. Without
 * force the temporary file is hard-linked into place, which fails atomically if a file appeared meanwhile.
 */
export function writeExportFile<R>(out: string, chunks: Iterator<string | Buffer, R>, opts: ExportOptions = {}): { path: string; result: R } {
  const target = checkExportTarget(out, opts);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    let result: R;
    for (;;) {
      const next = chunks.next();
      if (next.done) {
        result = next.value;
        break;
      }
      writeAll(fd, typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    placeFile(tmp, target, opts);
    return { path: target, result };
  } catch (err) {
    throw exportFailure(err, target);
  } finally {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
  }
}

/** writeSync may write less than asked (signals, some file systems): loop until every byte is out. */
function writeAll(fd: number, buf: Buffer): void {
  for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at, buf.length - at);
}

function placeFile(tmp: string, target: string, opts: ExportOptions): void {
  if (opts.force) {
    renameSync(tmp, target);
    return;
  }
  try {
    linkSync(tmp, target); // no-clobber: EEXIST if the target appeared since the check
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new AppError('FILE_EXISTS', `${target} already exists; nothing was written. ${opts.forceHint ?? 'Choose another file name.'}`, { file: target });
    // File systems without hard links (FAT, some network shares): the check above is all we can do.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') renameSync(tmp, target);
    else throw err;
  }
}

function exportFailure(err: unknown, target: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why = (err as Error).message;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('DISK_FULL', `The disk is full while writing ${target}; nothing was written (the partial file was removed). Free some space and run the export again.`, { file: target });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('FILE_UNREADABLE', `Cannot write ${target} (${code}: the folder is read-only or not yours); nothing was written. Choose a folder you can write to.`, { file: target });
  }
  return new AppError('INTERNAL', `Writing ${target} failed: ${why}. Nothing was written.`, { file: target });
}
