// The pseudonymisation key (the HMAC key that turns names and e-mails into p_… tokens) lives OUTSIDE the
// workspace file, so someone given a .cxw file cannot re-identify customers by hashing candidate names. The file
// holds only a random workspace id (which key) and a check value (a one-way hash of the key, to recognise the
// right key on import); the key itself sits in the user's state folder, either sealed by the OS key store
// (Electron safeStorage, through a KeySealer) or as a key file readable only by the user (mode 0600).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { logActivity } from './activity';
import type { Db } from './db';

export const KEY_BYTES = 32;
const ID_SETTING = 'workspace_id';
const CHECK_SETTING = 'pii_key_check';
/** Where versions before the key store kept the key: inside the workspace. Moved out on first open. */
const LEGACY_SETTING = 'pii_secret';
const FORMAT = 'cx-workbench-pseudonymisation-key';
const ID_PATTERN = /^[0-9a-f]{32}$/;
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** The OS key store seam: Electron's safeStorage in the window; absent in the CLI and the browser host. */
export interface KeySealer {
  /** Shown to the user, e.g. "the OS key store (gnome_libsecret)". */
  readonly name: string;
  seal(plain: Buffer): Buffer;
  unseal(sealed: Buffer): Buffer;
}

/** What an import may pseudonymise with: the key, or why there is none on this computer (said as-is to the user). */
export type KeyAccess = { ok: true; key: Uint8Array } | { ok: false; message: string };

interface KeyFileJson {
  format: string;
  version: number;
  workspaceId: string;
  check: string;
  key?: string;
  sealed?: string;
  exportedAt?: string;
  warning?: string;
}

/** A one-way check value of a key (not the key: 128 bits of SHA-256 over a label and the key). */
export function keyCheck(key: Uint8Array): string {
  return createHash('sha256').update('cx-workbench key check\0').update(key).digest('hex').slice(0, 32);
}

/** The keys of this user's workspaces, one file per workspace id in `<state folder>/keys` (folder 0700, files 0600). */
export class KeyStore {
  readonly dir: string;

  constructor(
    stateDir: string,
    private readonly sealer: KeySealer | null = null,
    /** Other state folders whose plain key files may be read (never written): the window reads the CLI's keys. */
    private readonly alsoReadFrom: string[] = [],
  ) {
    this.dir = join(resolve(stateDir), 'keys');
  }

  /** Where the key of a workspace is (or would be) kept, in words. */
  describe(id: string): string {
    return this.sealer ? `${this.path(id, true)}, sealed by ${this.sealer.name}` : `the key file ${this.path(id, false)} (readable only by you)`;
  }

  path(id: string, sealed: boolean): string {
    if (!ID_PATTERN.test(id)) throw new AppError('WORKSPACE_CORRUPT', `The workspace id "${id.slice(0, 40)}" is not a valid id (32 hex digits).`);
    return join(this.dir, `${id}.${sealed ? 'sealed' : 'key'}`);
  }

  /** The key for `id`, or null when this computer has none (or only one sealed by an OS key store this process cannot use). */
  read(id: string): Buffer | null {
    if (this.sealer && existsSync(this.path(id, true))) {
      const f = readKeyFile(this.path(id, true));
      return this.sealer.unseal(Buffer.from(f.sealed ?? '', 'base64'));
    }
    for (const file of [this.path(id, false), ...this.alsoReadFrom.map((d) => join(resolve(d), 'keys', `${id}.key`))]) {
      if (existsSync(file)) return Buffer.from(readKeyFile(file).key ?? '', 'base64');
    }
    return null;
  }

  /** True when a key for `id` exists here but is sealed by an OS key store this process has no access to. */
  sealedElsewhere(id: string): boolean {
    return !this.sealer && existsSync(this.path(id, true));
  }

  /** Keep `key` for `id`. Saving the same key again is a no-op; a different key under the same id is refused. */
  save(id: string, key: Uint8Array): void {
    const existing = this.read(id);
    if (existing) {
      if (existing.length === key.length && timingSafeEqual(existing, key)) return;
      throw new AppError(
        'BAD_ARGUMENTS',
        `A different pseudonymisation key for workspace id ${id} is already kept in ${this.describe(id)}. Nothing was replaced: move that file away first if you are sure it belongs to no workspace you use.`,
      );
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const body: KeyFileJson = { format: FORMAT, version: 1, workspaceId: id, check: keyCheck(key) };
    if (this.sealer) body.sealed = this.sealer.seal(Buffer.from(key)).toString('base64');
    else body.key = Buffer.from(key).toString('base64');
    writeExclusive(this.path(id, this.sealer !== null), `${JSON.stringify(body, null, 2)}\n`, true);
  }
}

/** Write a new file readable only by the user; never over an existing one (`atomic`: via a temp file + rename). */
function writeExclusive(path: string, text: string, atomic: boolean): void {
  const target = atomic ? `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp` : path;
  let fd: number;
  try {
    fd = openSync(target, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('NAME_TAKEN', `${path} already exists; it was not overwritten. Choose another file name.`, { file: path });
    throw new AppError('FILE_UNREADABLE', `Cannot write ${path}: ${(err as Error).message}`, { file: path });
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!atomic) return;
  if (existsSync(path)) {
    rmSync(target, { force: true });
    throw new AppError('NAME_TAKEN', `${path} already exists; it was not overwritten.`, { file: path });
  }
  renameSync(target, path);
}

function readKeyFile(path: string): KeyFileJson {
  let parsed: unknown;
  try {
    if (statSync(path).size > MAX_KEY_FILE_BYTES) throw new Error(`larger than ${MAX_KEY_FILE_BYTES} bytes`);
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('FILE_UNREADABLE', `${path} is not a CX Workbench key file (${(err as Error).message}).`, { file: path });
  }
  const f = parsed as Partial<KeyFileJson>;
  if (f?.format !== FORMAT || typeof f.workspaceId !== 'string' || typeof f.check !== 'string' || (typeof f.key !== 'string' && typeof f.sealed !== 'string')) {
    throw new AppError('FILE_UNREADABLE', `${path} is not a CX Workbench key file (made by \`cxw key export\`).`, { file: path });
  }
  return f as KeyFileJson;
}

function setting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: unknown } | undefined;
  return row ? String(row.value) : null;
}

function putSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The workspace's random id (which key is its key), or null for a workspace that never had a key. */
export function workspaceId(db: Db): string | null {
  return setting(db, ID_SETTING);
}

/**
 * On opening a workspace for writing: move a key kept inside the file (older versions) out to the store, make a
 * key for a workspace that has none yet, and say whether this computer has the key. Never throws for a missing
 * key: reading the data needs no key, only pseudonymising imports do (they refuse with `message`).
 */
export function openWorkspaceKey(db: Db, store: KeyStore, workspacePath: string): KeyAccess {
  const legacy = db.prepare('SELECT value FROM settings WHERE key = ?').get(LEGACY_SETTING) as { value: Buffer } | undefined;
  if (legacy) return migrateLegacyKey(db, store, workspacePath, Buffer.from(legacy.value));
  const id = workspaceId(db);
  const check = setting(db, CHECK_SETTING);
  if (!id || !check) return createKey(db, store, workspacePath);
  return lookUpKey(store, id, check, workspacePath);
}

function lookUpKey(store: KeyStore, id: string, check: string, workspacePath: string): KeyAccess {
  const key = store.read(id);
  if (key && keyCheck(key) === check) return { ok: true, key };
  return { ok: false, message: missingKeyMessage(store, id, workspacePath, key !== null) };
}

function missingKeyMessage(store: KeyStore, id: string, workspacePath: string, wrong: boolean): string {
  const what = wrong
    ? `The pseudonymisation key kept for this workspace (id ${id}) in ${store.describe(id)} does not match it`
    : store.sealedElsewhere(id)
      ? `The pseudonymisation key of this workspace (id ${id}) is sealed in the OS key store by the CX Workbench window, which this command cannot open`
      : `The pseudonymisation key of this workspace (id ${id}) is not on this computer (looked for ${store.describe(id)}; a workspace made in the CX Workbench window has its key in the window's own key store)`;
  return (
    `${what}, so personal-data columns cannot be pseudonymised the way earlier imports were and this import is refused; nothing was changed. ` +
    `Reading and analysing the data already imported works without it. To bring the key here, run \`cxw key export --workspace ${workspacePath} --out FILE\` ` +
    `on the computer that has it, then \`cxw key import --workspace ${workspacePath} FILE\` here; or import with those columns dropped (--pii COL=drop).`
  );
}

/**
 * A new key (and a new id, so an id always names exactly one key), saved to the store before the workspace
 * records it. Decided under the write lock: if another process made the key meanwhile, its key is used (or
 * reported missing here) — an existing id and check are never replaced.
 */
function createKey(db: Db, store: KeyStore, workspacePath: string): KeyAccess {
  return db.transaction((): KeyAccess => {
    const id0 = workspaceId(db);
    const check0 = setting(db, CHECK_SETTING);
    if (id0 && check0) return lookUpKey(store, id0, check0, workspacePath);
    const id = randomBytes(16).toString('hex');
    const key = randomBytes(KEY_BYTES);
    store.save(id, key);
    putSetting(db, ID_SETTING, id);
    putSetting(db, CHECK_SETTING, keyCheck(key));
    logActivity(db, 'key.create', `Created the pseudonymisation key; it is kept outside this file, in ${store.describe(id)}`, { workspaceId: id });
    return { ok: true, key };
  }).immediate();
}

/**
 * An older workspace kept its key in settings: write it to the store first, then delete it from the file and
 * record the id and check in one transaction (with secure_delete, and a checkpoint that empties the -wal, so
 * the key bytes do not linger in free space). If saving fails, the workspace is left exactly as it was.
 */
function migrateLegacyKey(db: Db, store: KeyStore, workspacePath: string, key: Buffer): KeyAccess {
  const id = workspaceId(db) ?? randomBytes(16).toString('hex');
  store.save(id, key);
  const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    const migrated = db.transaction((): boolean => {
      // Another process may have moved it out while we waited for the write lock: then its id stands.
      if (!db.prepare('SELECT 1 FROM settings WHERE key = ?').get(LEGACY_SETTING)) return false;
      db.prepare('DELETE FROM settings WHERE key = ?').run(LEGACY_SETTING);
      putSetting(db, ID_SETTING, id);
      putSetting(db, CHECK_SETTING, keyCheck(key));
      logActivity(db, 'key.migrate', `Moved the pseudonymisation key out of this workspace file into ${store.describe(id)}`, { workspaceId: id, workspace: workspacePath });
      return true;
    }).immediate();
    if (!migrated) return openWorkspaceKey(db, store, workspacePath);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.pragma(`secure_delete = ${secureDelete}`);
  }
  return { ok: true, key };
}

/** `cxw key export`: the key in a file of its own (0600), never over an existing file; logged in the workspace. */
export function exportWorkspaceKey(db: Db, access: KeyAccess, outFile: string): { file: string; workspaceId: string } {
  if (!access.ok) throw new AppError('KEY_MISSING', access.message);
  const id = workspaceId(db);
  if (!id) throw new AppError('WORKSPACE_CORRUPT', 'This workspace has no id; open it once with this version to give it one.');
  const file = resolve(outFile);
  const body: KeyFileJson = {
    format: FORMAT,
    version: 1,
    workspaceId: id,
    check: keyCheck(access.key),
    key: Buffer.from(access.key).toString('base64'),
    exportedAt: new Date().toISOString(),
    warning: 'Keep this file secret and delete it once imported: with it, anyone holding the workspace can re-identify its pseudonymised customers.',
  };
  writeExclusive(file, `${JSON.stringify(body, null, 2)}\n`, false);
  logActivity(db, 'key.export', `Exported the pseudonymisation key to ${file}`, { file, workspaceId: id });
  return { file, workspaceId: id };
}

/** `cxw key import`: take a key made by `cxw key export` for THIS workspace (id and check must match); logged. */
export function importWorkspaceKey(db: Db, store: KeyStore, keyFile: string): { workspaceId: string; keptIn: string; key: Buffer } {
  const file = resolve(keyFile);
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', `Key file not found: ${file}.`, { file });
  const f = readKeyFile(file);
  if (typeof f.key !== 'string') throw new AppError('FILE_UNREADABLE', `${file} holds a sealed key, which only the computer that sealed it can read. Export it with \`cxw key export\` there.`, { file });
  const key = Buffer.from(f.key, 'base64');
  const id = workspaceId(db);
  const check = setting(db, CHECK_SETTING);
  if (!id || !check) throw new AppError('WORKSPACE_CORRUPT', 'This workspace has no key id; open it once with this version first.');
  if (f.workspaceId !== id) {
    throw new AppError('BAD_ARGUMENTS', `${file} is the key of another workspace (id ${f.workspaceId}); this workspace's id is ${id}. Nothing was imported.`, { file });
  }
  if (key.length !== KEY_BYTES || keyCheck(key) !== check || f.check !== check) {
    throw new AppError('BAD_ARGUMENTS', `${file} does not hold this workspace's key (its check value does not match; the file may be damaged). Nothing was imported.`, { file });
  }
  store.save(id, key);
  logActivity(db, 'key.import', `Imported the pseudonymisation key from ${file} into ${store.describe(id)}`, { file, workspaceId: id });
  return { workspaceId: id, keptIn: store.describe(id), key };
}

/** The key for an import's pseudonymised columns; throws the "key missing" refusal when this computer has none. */
export function keyGetter(access: KeyAccess): () => Buffer {
  return () => {
    if (!access.ok) throw new AppError('KEY_MISSING', access.message);
    return Buffer.from(access.key);
  };
}

/** An import context's key: a Buffer as such, or the getter that refuses when the key is missing. */
export function resolveImportKey(secret: Buffer | (() => Buffer)): Buffer {
  return typeof secret === 'function' ? secret() : secret;
}
