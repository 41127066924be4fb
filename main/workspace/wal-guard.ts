// The write-ahead log (-wal) and its index (-shm) beside an open workspace belong to SQLite. While a connection is
// open SQLite never deletes or replaces them, so if their identity (device and inode) changes, another program
// (a cleaner, a sync tool, a user in a file manager) did. The connection then still writes into the deleted log,
// which vanishes when it closes or the process dies, and a new connection (a job) would start a second log next
// to the first, which can mix two logs into one file. So the host records both files when it opens a workspace,
// checks them before every call (WorkspaceState.current), refuses everything once they changed, and reopening
// first checkpoints the deleted log — still readable through the old connection — into the workspace file.
import { closeSync, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { Db } from './db';

type Identity = string | null;

function identity(path: string): Identity {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

export class WalGuard {
  private readonly wal: Identity;
  private readonly shm: Identity;

  constructor(readonly path: string) {
    this.wal = identity(`${path}-wal`);
    this.shm = identity(`${path}-shm`);
  }

  /** Which of the two files is not the one SQLite opened (null: both intact, or there was no log to guard). */
  changed(): string | null {
    if (this.wal === null) return null;
    if (identity(`${this.path}-wal`) !== this.wal) return `${this.path}-wal`;
    if (this.shm !== null && identity(`${this.path}-shm`) !== this.shm) return `${this.path}-shm`;
    return null;
  }

  assertIntact(): void {
    const file = this.changed();
    if (file) throw logLostError(this.path, file);
  }
}

export function logLostError(workspace: string, file: string): AppError {
  return new AppError(
    'WORKSPACE_LOG_LOST',
    `The workspace's write-ahead log ${file} was deleted or replaced by another program while the workspace was open. ` +
      'Nothing was written. Close and reopen the workspace (open it again) to continue: reopening copies every saved change into the workspace file first. ' +
      'Keep cleaners and sync tools away from the files next to a workspace (-wal, -shm) while it is open.',
    { file, workspace },
  );
}

/**
 * The committed changes of a lost log into the workspace file, through the connection that still has the deleted
 * log open; then close it. A file another program put in the log's place is moved aside (SQLite's close would
 * delete it by name). Throws, leaving the connection open, when another connection holds part of the log.
 */
export function checkpointLostLog(db: Db, path: string, now = new Date()): { movedAside: string | null; frames: number } {
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (r.busy !== 0 || r.checkpointed !== r.log) {
    throw new AppError(
      'WORKSPACE_BUSY',
      `Another program (another CX Workbench window or a cxw command) still reads ${path}, so its saved changes cannot be secured yet. Close it, then reopen the workspace here.`,
      { file: path },
    );
  }
  let movedAside: string | null = null;
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    movedAside = `${wal}.replaced-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(wal, movedAside);
  }
  db.close();
  return { movedAside, frames: r.log };
}

/**
 * Copy committed pages from the log into the workspace file (PASSIVE: never waits for readers), so the file alone
 * holds them and a log deleted afterwards — even with the process killed — loses nothing. Measured cost: see README.
 */
export function checkpointNow(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * True when the log index (-shm) lists more frames than the -wal holds: the log was deleted or replaced under a
 * connection that is still open (in this or another process). Checked by a new connection after its first read:
 * a stale index (no connection left) has been rebuilt from the log by then, so only a live mismatch remains.
 * The index header (https://sqlite.org/walformat.html §2.1) is in native byte order: page size at 14, mxFrame at 16.
 */
export function logShorterThanIndex(path: string): boolean {
  let header: Buffer;
  try {
    const fd = openSync(`${path}-shm`, 'r');
    try {
      header = Buffer.alloc(24);
      if (readSync(fd, header, 0, 24, 0) < 24) return false;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const rawPage = le ? header.readUInt16LE(14) : header.readUInt16BE(14);
  const frames = le ? header.readUInt32LE(16) : header.readUInt32BE(16);
  if (frames === 0) return false;
  const pageSize = rawPage === 1 ? 65536 : rawPage;
  let walBytes = -1;
  try {
    walBytes = statSync(`${path}-wal`).size;
  } catch {
    // missing: shorter than any frame
  }
  return walBytes < 32 + frames * (24 + pageSize);
}
