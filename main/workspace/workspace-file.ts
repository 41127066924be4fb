// What is this file? Decided from its bytes alone, before SQLite opens it: opening a file with SQLite (even
// read-only) can create -wal/-shm files beside it, and a writable open switches it to WAL and migrates it, which
// turned other applications' databases (and empty files) into workspaces. A workspace carries our
// application_id in its header (set at creation, stamped on the first writable open of older workspaces);
// a file without any application_id is recognised as a workspace made before the id existed by its schema
// (tables schema_migrations and datasets), read here straight from the file's sqlite_master b-tree.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** 'CXWB' as a big-endian 32-bit number: PRAGMA application_id of every CX Workbench workspace. */
export const WORKSPACE_APPLICATION_ID = 0x43585742;

export type WorkspaceFileKind =
  | { kind: 'workspace'; stamped: boolean }
  | { kind: 'missing' }
  | { kind: 'not-a-file' }
  | { kind: 'empty' }
  | { kind: 'not-sqlite' }
  | { kind: 'foreign-sqlite'; applicationId: number };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables only a CX Workbench workspace has together (created by migration 1 and the migration runner). */
const SIGNATURE_TABLES = ['schema_migrations', 'datasets'];
/** sqlite_master of a workspace spans a few pages; anything larger is not ours (and bounds a malformed tree). */
const MAX_SCHEMA_PAGES = 256;

export function identifyWorkspaceFile(path: string): WorkspaceFileKind {
  if (!existsSync(path)) return { kind: 'missing' };
  // stat before open: opening a FIFO for reading would block until a writer appears.
  if (!statSync(path).isFile()) return { kind: 'not-a-file' };
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { kind: 'empty' };
    const header = readAt(fd, 0, 100);
    if (header.length < 100 || !header.subarray(0, 16).equals(MAGIC)) return { kind: 'not-sqlite' };
    const applicationId = header.readUInt32BE(68);
    if (applicationId === WORKSPACE_APPLICATION_ID) return { kind: 'workspace', stamped: true };
    if (applicationId !== 0) return { kind: 'foreign-sqlite', applicationId };
    const tables = schemaTableNames(fd, header) ?? new Set<string>();
    if (SIGNATURE_TABLES.every((t) => tables.has(t))) return { kind: 'workspace', stamped: false };
    // Tables created since the last checkpoint live only in the -wal: ask SQLite then (the -wal exists already,
    // so a read-only open adds at most the -shm index next to it).
    if (fileSize(`${path}-wal`) > 0 && SIGNATURE_TABLES.every((t) => walTables(path).has(t))) return { kind: 'workspace', stamped: false };
    return { kind: 'foreign-sqlite', applicationId: 0 };
  } finally {
    closeSync(fd);
  }
}

/** True when the path (or, for a -wal/-shm/-journal name, its database) is a CX Workbench workspace. */
export function isWorkspaceOrSidecar(path: string): boolean {
  const db = path.replace(/-(wal|shm|journal)$/, '');
  try {
    return identifyWorkspaceFile(db).kind === 'workspace';
  } catch {
    return false;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function walTables(path: string): Set<string> {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    } finally {
      db.close();
    }
  } catch {
    return new Set();
  }
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, offset);
  return buf.subarray(0, n);
}

/**
 * Names of the tables in sqlite_master, walking its table b-tree from page 1 (https://sqlite.org/fileformat.html
 * §1.6, §2.1). Null when the tree cannot be read (malformed, or not UTF-8): then the file is not treated as ours.
 * Only the first two record fields (type, name) are read; they always sit in a cell's local payload.
 */
function schemaTableNames(fd: number, header: Buffer): Set<string> | null {
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return null;
  if (header.readUInt32BE(56) > 1) return null; // UTF-16 text: never a workspace
  const usable = pageSize - header[20];
  const names = new Set<string>();
  const pending = [1];
  const seen = new Set<number>();
  while (pending.length > 0) {
    const pageNo = pending.pop()!;
    if (seen.has(pageNo) || seen.size >= MAX_SCHEMA_PAGES) return null;
    seen.add(pageNo);
    const page = readAt(fd, (pageNo - 1) * pageSize, pageSize);
    if (page.length < pageSize) return null;
    const at = pageNo === 1 ? 100 : 0;
    const flag = page[at];
    const cells = page.readUInt16BE(at + 3);
    if (flag === 0x05) {
      pending.push(page.readUInt32BE(at + 8));
      for (let i = 0; i < cells; i++) pending.push(page.readUInt32BE(page.readUInt16BE(at + 12 + 2 * i)));
    } else if (flag === 0x0d) {
      for (let i = 0; i < cells; i++) {
        const entry = leafTypeAndName(page, page.readUInt16BE(at + 8 + 2 * i), usable);
        if (!entry) return null;
        if (entry.type === 'table') names.add(entry.name);
      }
    } else {
      return null;
    }
  }
  return names;
}

function varint(buf: Buffer, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (at + i >= buf.length) return null;
    const b = buf[at + i];
    if (i === 8) return { value: value * 256 + b, next: at + 9 };
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
}

function leafTypeAndName(page: Buffer, cell: number, usable: number): { type: string; name: string } | null {
  const payload = varint(page, cell);
  const rowid = payload && varint(page, payload.next);
  if (!payload || !rowid) return null;
  // The local part of the payload (the rest overflows); type and name come first, well inside it.
  const maxLocal = usable - 35;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  const local = payload.value <= maxLocal ? payload.value : Math.min(maxLocal, minLocal + ((payload.value - minLocal) % (usable - 4)));
  const start = rowid.next;
  const record = page.subarray(start, Math.min(page.length, start + local));
  const headerSize = varint(record, 0);
  if (!headerSize) return null;
  const types: number[] = [];
  let p = headerSize.next;
  while (p < headerSize.value && types.length < 2) {
    const t = varint(record, p);
    if (!t) return null;
    types.push(t.value);
    p = t.next;
  }
  if (types.length < 2 || types.some((t) => t < 13 || t % 2 === 0)) return null; // both must be text
  const typeLen = (types[0] - 13) / 2;
  const nameLen = (types[1] - 13) / 2;
  const body = headerSize.value;
  if (body + typeLen + nameLen > record.length) return null;
  return {
    type: record.toString('utf8', body, body + typeLen),
    name: record.toString('utf8', body + typeLen, body + typeLen + nameLen),
  };
}
