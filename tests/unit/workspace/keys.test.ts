// The pseudonymisation key lives outside the workspace file (issue 12 item 9). Every check reads the real bytes:
// the .cxw (and its -wal) must not contain the key — raw, hex or base64 — after create, after a pseudonymising
// import and after migrating an old workspace that kept it in settings; the key file must be mode 0600 in a 0700
// folder; a workspace copied to another "computer" (another state folder) refuses pseudonymising imports with a
// message naming `cxw key import`, still reads, and after export/import of the key gives the very same tokens
// (the expected token is pseudonymizeReference(key, value), the HMAC-SHA256 reference implementation in pii.ts).
// The OS key store is stood in for by a test sealer (XOR with a fixed 32-byte pad plus a marker): it exercises the
// sealed-file path; Electron's safeStorage itself cannot run here (no Electron binary).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services/index';
import { openWorkspaceDb } from '../../../main/workspace/db';
import { pseudonymizeReference } from '../../../main/workspace/import/pii';
import { exportWorkspaceKey, importWorkspaceKey, KeyStore, keyCheck, openWorkspaceKey, type KeySealer, workspaceId } from '../../../main/workspace/keys';
import { AppError } from '../../../shared/errors';

const CSV = 'email,spend\nann@example.com,10\nbob@example.com,20\nann@example.com,5\n';

let dir: string;
const open: Services[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxw-keys-'));
  writeFileSync(join(dir, 'customers.csv'), CSV);
});
afterEach(() => {
  open.splice(0).forEach((s) => s.dispose());
  rmSync(dir, { recursive: true, force: true });
});

function services(stateDir: string, workspacePath?: string): Services {
  const s = createServices({ stateDir, emit: () => undefined, useWorkers: false, ...(workspacePath ? { workspacePath } : {}) });
  open.push(s);
  return s;
}
function close(s: Services): void {
  s.dispose();
  open.splice(open.indexOf(s), 1);
}

/** The files of a workspace (main file and -wal) concatenated, as bytes. */
function workspaceBytes(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}
function expectNoKeyBytes(path: string, key: Buffer): void {
  const bytes = workspaceBytes(path);
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.indexOf(key)).toBe(-1);
  for (const text of [key.toString('hex'), key.toString('hex').toUpperCase(), key.toString('base64'), key.toString('base64url')]) {
    expect(bytes.indexOf(Buffer.from(text, 'latin1'))).toBe(-1);
  }
}
function keyFileOf(stateDir: string, id: string): string {
  return join(stateDir, 'keys', `${id}.key`);
}
function storedKey(stateDir: string, id: string): Buffer {
  return Buffer.from((JSON.parse(readFileSync(keyFileOf(stateDir, id), 'utf8')) as { key: string }).key, 'base64');
}
function idOf(path: string): string {
  const db = openWorkspaceDb(path, { readonly: true });
  try {
    return workspaceId(db) as string;
  } finally {
    db.close();
  }
}
async function importCustomers(s: Services, name: string, pii: 'pseudonymize' | 'drop' = 'pseudonymize') {
  return s.handlers['dataset.import']({ jobId: `job_${name}`, path: join(dir, 'customers.csv'), name, columns: [{ index: 0, piiAction: pii }] });
}
async function emails(s: Services, dataset: string): Promise<string[]> {
  const page = await s.handlers['dataset.rows']({ dataset, offset: 0, limit: 10 });
  return page.rows.map((r) => String(r[0]));
}

describe('the pseudonymisation key is kept outside the workspace', () => {
  it('create and a pseudonymising import leave no key bytes in the .cxw; the key file is 0600 in a 0700 folder', async () => {
    const state = join(dir, 'state-a');
    const ws = join(dir, 'a.cxw');
    const s = services(state);
    await s.handlers['workspace.create']({ path: ws });
    const id = idOf(ws);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const key = storedKey(state, id);
    expect(key.length).toBe(32);
    expect(statSync(keyFileOf(state, id)).mode & 0o777).toBe(0o600);
    expect(statSync(join(state, 'keys')).mode & 0o777).toBe(0o700);
    expectNoKeyBytes(ws, key);

    await importCustomers(s, 'customers');
    expect(await emails(s, 'customers')).toEqual(['ann@example.com', 'bob@example.com', 'ann@example.com'].map((v) => pseudonymizeReference(key, v)));
    close(s);
    expectNoKeyBytes(ws, key);
    const db = openWorkspaceDb(ws, { readonly: true });
    expect(db.prepare("SELECT key FROM settings WHERE key = 'pii_secret'").get()).toBeUndefined();
    expect((db.prepare("SELECT value FROM settings WHERE key = 'pii_key_check'").get() as { value: string }).value).toBe(keyCheck(key));
    db.close();
  });

  it('an old workspace with pii_secret in settings moves it out on first open (logged), keeping every token', async () => {
    const ws = join(dir, 'old.cxw');
    const oldKey = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    // An old workspace: the key in settings, as versions before the key store wrote it, and data made with it.
    const db = openWorkspaceDb(ws, { create: true });
    db.prepare("DELETE FROM settings WHERE key IN ('workspace_id', 'pii_key_check')").run();
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('pii_secret', ?)").run(oldKey);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(workspaceBytes(ws).indexOf(oldKey)).toBeGreaterThan(-1); // the test would pass vacuously otherwise

    const state = join(dir, 'state-old');
    const s = services(state, ws);
    await importCustomers(s, 'after');
    expect((await emails(s, 'after'))[0]).toBe(pseudonymizeReference(oldKey, 'ann@example.com'));
    const activity = await s.handlers['workspace.activity']({});
    expect(activity.some((a) => a.action === 'key.migrate' && a.summary.includes(join(state, 'keys')))).toBe(true);
    close(s);
    const id = idOf(ws);
    expect(storedKey(state, id).equals(oldKey)).toBe(true);
    expect(statSync(keyFileOf(state, id)).mode & 0o777).toBe(0o600);
    expectNoKeyBytes(ws, oldKey);
  });

  it('a copied workspace without its key refuses pseudonymising imports, still reads, and joins again after key import', async () => {
    const stateA = join(dir, 'state-a');
    const stateB = join(dir, 'state-b');
    const wsA = join(dir, 'a.cxw');
    const a = services(stateA);
    await a.handlers['workspace.create']({ path: wsA });
    await importCustomers(a, 'first');
    const firstTokens = await emails(a, 'first');
    close(a);
    const wsB = join(dir, 'copied.cxw');
    copyFileSync(wsA, wsB);

    // "Another computer": its own state folder, no key for this workspace.
    const b = services(stateB, wsB);
    expect(await emails(b, 'first')).toEqual(firstTokens); // reading needs no key
    const err = await importCustomers(b, 'second').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('KEY_MISSING');
    expect((err as AppError).message).toContain(`cxw key import --workspace ${wsB}`);
    expect((err as AppError).message).toContain('not on this computer');
    expect((await b.handlers['dataset.list']({})).map((d) => d.name)).toEqual(['first']); // nothing was added
    await importCustomers(b, 'dropped', 'drop'); // no key needed to drop
    close(b);

    // Export on A (refusing to overwrite), import on B: the same tokens again.
    const exported = join(dir, 'moved.cxwkey');
    writeFileSync(exported, 'keep me');
    const dbA = openWorkspaceDb(wsA);
    const storeA = new KeyStore(stateA);
    const accessA = openWorkspaceKey(dbA, storeA, wsA);
    expect(() => exportWorkspaceKey(dbA, accessA, exported)).toThrowError(expect.objectContaining({ code: 'NAME_TAKEN' }));
    expect(readFileSync(exported, 'utf8')).toBe('keep me');
    rmSync(exported);
    exportWorkspaceKey(dbA, accessA, exported);
    expect(statSync(exported).mode & 0o777).toBe(0o600);
    expect((dbA.prepare("SELECT summary FROM activity WHERE action = 'key.export'").get() as { summary: string }).summary).toContain(exported);
    dbA.close();

    const dbB = openWorkspaceDb(wsB);
    importWorkspaceKey(dbB, new KeyStore(stateB), exported);
    dbB.close();
    const b2 = services(stateB, wsB);
    await importCustomers(b2, 'second');
    expect(await emails(b2, 'second')).toEqual(firstTokens);
    const actions = (await b2.handlers['workspace.activity']({})).map((x) => x.action);
    expect(actions).toContain('key.import');
    close(b2);
    expectNoKeyBytes(wsB, storedKey(stateB, idOf(wsB)));
  });

  it('key import refuses a key of another workspace, and export refuses when the key is missing', () => {
    const stateA = join(dir, 'sa');
    const one = join(dir, 'one.cxw');
    const two = join(dir, 'two.cxw');
    for (const p of [one, two]) openWorkspaceDb(p, { create: true }).close();
    const db1 = openWorkspaceDb(one);
    const db2 = openWorkspaceDb(two);
    const store = new KeyStore(stateA);
    const a1 = openWorkspaceKey(db1, store, one);
    openWorkspaceKey(db2, store, two);
    const file = join(dir, 'one.key');
    exportWorkspaceKey(db1, a1, file);
    expect(() => importWorkspaceKey(db2, new KeyStore(join(dir, 'sb')), file)).toThrowError(/key of another workspace/);
    const elsewhere = openWorkspaceKey(db2, new KeyStore(join(dir, 'sc')), two);
    expect(elsewhere.ok).toBe(false);
    expect(() => exportWorkspaceKey(db2, elsewhere, join(dir, 'x.key'))).toThrowError(expect.objectContaining({ code: 'KEY_MISSING' }));
    expect(existsSync(join(dir, 'x.key'))).toBe(false);
    db1.close();
    db2.close();
  });

  it('the window also reads (never writes) the key files cxw made in its own state folder', () => {
    const ws = join(dir, 'cli-made.cxw');
    const db = openWorkspaceDb(ws, { create: true });
    const cli = openWorkspaceKey(db, new KeyStore(join(dir, 'cli-state')), ws);
    const window = openWorkspaceKey(db, new KeyStore(join(dir, 'window-state'), null, [join(dir, 'cli-state')]), ws);
    expect(cli.ok && window.ok && Buffer.from(cli.key).equals(Buffer.from(window.key))).toBe(true);
    expect(existsSync(join(dir, 'window-state', 'keys'))).toBe(false);
    db.close();
  });

  it('with an OS key store the key file holds only the sealed key; a process without it says the key is sealed', () => {
    const pad = Buffer.alloc(32, 0x5a);
    const sealer: KeySealer = {
      name: 'the test key store',
      seal: (plain) => Buffer.concat([Buffer.from('SEALED:'), Buffer.from(plain.map((b, i) => b ^ pad[i % 32]))]),
      unseal: (sealed) => Buffer.from(sealed.subarray(7).map((b, i) => b ^ pad[i % 32])),
    };
    const state = join(dir, 'state-sealed');
    const ws = join(dir, 's.cxw');
    const db = openWorkspaceDb(ws, { create: true });
    const access = openWorkspaceKey(db, new KeyStore(state, sealer), ws);
    if (!access.ok) throw new Error(access.message);
    const key = Buffer.from(access.key);
    const id = workspaceId(db) as string;
    const sealedFile = join(state, 'keys', `${id}.sealed`);
    expect(existsSync(sealedFile)).toBe(true);
    expect(existsSync(keyFileOf(state, id))).toBe(false);
    expect(statSync(sealedFile).mode & 0o777).toBe(0o600);
    const text = readFileSync(sealedFile);
    expect(text.indexOf(Buffer.from(key.toString('base64')))).toBe(-1);
    expect(text.indexOf(Buffer.from(key.toString('hex')))).toBe(-1);
    // Reopened with the same sealer: the same key.
    const again = openWorkspaceKey(db, new KeyStore(state, sealer), ws);
    expect(again.ok && Buffer.from(again.key).equals(key)).toBe(true);
    // The CLI (no OS key store) on the same state folder cannot unseal it and says so.
    const cli = openWorkspaceKey(db, new KeyStore(state), ws);
    expect(cli.ok).toBe(false);
    expect(!cli.ok && cli.message).toContain('sealed in the OS key store');
    db.close();
  });
});
