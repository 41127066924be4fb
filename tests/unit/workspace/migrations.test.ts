import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, workspaceSecret } from '../../../main/workspace/db';
import { KeyStore } from '../../../main/workspace/keys';
import { MIGRATIONS, migrate, migrationHash, type Migration } from '../../../main/workspace/migrations';

const dirs: string[] = [];
function tempFile(name = 'ws.cxw'): string {
  const dir = mkdtempSync(join(tmpdir(), 'cxw-mig-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('workspace migrations', () => {
  it('a new workspace is created in WAL mode at the latest schema version, with no key inside it', () => {
    const path = tempFile();
    const db = openWorkspaceDb(path, { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT version, sha256 FROM schema_migrations').all() as { version: number; sha256: string }[];
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, sha256: migrationHash(m) })));
    expect(db.prepare("SELECT key FROM settings WHERE key = 'pii_secret'").get()).toBeUndefined(); // keys.test.ts: kept outside
    db.close();
  });

  it('reopening keeps the same key and applies nothing twice', () => {
    const path = tempFile();
    const first = openWorkspaceDb(path, { create: true });
    const store = new KeyStore(join(path, '..', 'state'));
    const key = workspaceSecret(first, store).toString('hex');
    expect(key).toHaveLength(64);
    first.close();
    const again = openWorkspaceDb(path);
    expect(workspaceSecret(again, store).toString('hex')).toBe(key);
    expect((again.prepare('SELECT COUNT(*) n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.close();
  });

  it('applies only the pending migrations, in order', () => {
    const db = new Database(':memory:');
    const extra: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'test: add notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY)' }];
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(migrate(db, extra)).toBe(MIGRATIONS.length + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'notes'").get()).toEqual({ name: 'notes' });
  });

  it('refuses a workspace whose applied history was edited', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => migrate(db, edited)).toThrowError(expect.objectContaining({ code: 'WORKSPACE_MIGRATION_MISMATCH' }));
  });

  it('refuses a workspace written by a newer app', () => {
    const db = new Database(':memory:');
    const newer: Migration[] = [...MIGRATIONS, { version: 99, name: 'future', sql: 'CREATE TABLE future (x)' }];
    migrate(db, newer);
    expect(() => migrate(db, MIGRATIONS)).toThrowError(expect.objectContaining({ code: 'WORKSPACE_TOO_NEW' }));
  });

  it('a file that is not SQLite is refused as not a workspace, not overwritten', async () => {
    const path = tempFile('garbage.cxw');
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(path, 'this is not a database, just text that someone renamed'.repeat(100));
    expect(() => openWorkspaceDb(path)).toThrowError(expect.objectContaining({ code: 'NOT_A_WORKSPACE' }));
    expect(readFileSync(path, 'utf8').startsWith('this is not a database')).toBe(true);
  });

  it('a missing workspace is FILE_NOT_FOUND unless creation is asked for', () => {
    expect(() => openWorkspaceDb(tempFile('nope.cxw'))).toThrowError(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
  });
});
