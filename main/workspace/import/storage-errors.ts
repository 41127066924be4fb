// Writing to the workspace can fail for reasons outside the data: the disk is full, or the file, its folder or
// its file system is read-only. SQLite and Node report these as codes (SQLITE_FULL, SQLITE_READONLY_*, ENOSPC,
// EROFS, ...) that reached the analyst as INTERNAL or as an unrelated message. Here they become errors that
// name the workspace and say what to do; the caller has already rolled back, so nothing was changed.
import { AppError } from '../../../shared/errors';

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
}

/**
 * The clear error for a storage failure, or null when `err` is not one. `outcome` says what the failed
 * operation left behind (an import rolls back, so nothing).
 */
export function storageError(err: unknown, workspace: string, outcome = 'Nothing was imported: the workspace is exactly as it was.'): AppError | null {
  const code = codeOf(err);
  const said = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError(
      'DISK_FULL',
      `The disk holding the workspace ${workspace} is full (${said}). ${outcome} Free some disk space, or move the workspace to a disk with room, and try again.`,
      { workspace, cause: code },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppError(
      'WORKSPACE_READONLY',
      `The workspace ${workspace} cannot be written: the file, its folder or its file system is read-only (${said}). ${outcome} Copy the workspace to a folder you can write to (or make it writable) and open it from there.`,
      { workspace, cause: code },
    );
  }
  return null;
}
