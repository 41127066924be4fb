// Issue 12 items 1, 6, 7, 8 through the BUILT cxw command, as the adversarial run found them:
// - `assignments --out` onto an existing file, the open workspace, its -wal, or a symlink to it (it once replaced
//   the workspace with a CSV and reported success): refused, bytes unchanged; --force replaces only ordinary files.
// - `rfm --as-of 2024-13-45` (accepted, NULL recency for everyone): refused naming the flag.
// - a byte flipped in a cached column BLOB (integrity check ok, segmentation changed): the re-run's assignments
//   are identical, byte for byte, to the clean run's.
// - profile/segment/results/serve pointed at another application's SQLite file or a 0-byte file (turned into a
//   workspace): refused, SHA-256 and mtime unchanged, no -wal/-shm beside it; import onto a 0-byte "workspace"
//   does not re-create it; import into a path that does not exist creates one (application_id 0x43585742).
// The customer file is generated here: three well-separated spend/visit groups (centres 20/2, 60/8, 120/15, noise
// ±3 and ±1 by a fixed formula), so k = 3 with a fixed seed is deterministic.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const fingerprint = (p: string) => ({ sha256: sha(p), mtimeMs: statSync(p).mtimeMs, size: statSync(p).size });
const sidecars = (p: string) => readdirSync(join(p, '..')).filter((f) => f.startsWith(`${p.split('/').pop()}-`));

describe.skipIf(!BUILT)('workspace safety through the cxw command', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-safety-'));
    ws = join(dir, 'client.cxw');
    const centres = [
      [20, 2],
      [60, 8],
      [120, 15],
    ];
    const lines = ['customer_id,spend,visits'];
    for (let i = 1; i <= 600; i++) {
      const [s, v] = centres[i % 3];
      lines.push(`${i},${(s + ((i * 7) % 7) - 3).toFixed(1)},${v + ((i * 5) % 3) - 1}`);
    }
    writeFileSync(join(dir, 'customers.csv'), lines.join('\n'));
    writeFileSync(
      join(dir, 'tx.csv'),
      ['customer,day,amount', 'a,2024-01-05,10', 'a,2024-02-10,20', 'b,2024-01-20,5', 'b,2024-03-01,7', 'c,2024-03-02,30'].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('import into a path that does not exist creates a workspace stamped with our application_id', () => {
    expect(existsSync(ws)).toBe(false);
    cxwJson(['import', join(dir, 'customers.csv'), '--workspace', ws, '--name', 'customers'], env());
    cxwJson(['import', join(dir, 'tx.csv'), '--workspace', ws, '--name', 'tx'], env());
    expect(readFileSync(ws).readUInt32BE(68)).toBe(0x43585742);
    const seg = cxw(['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'spend,visits', '--k', '3', '--seed', '7', '--name', 'clean'], env());
    expect(seg.status).toBe(0);
  });

  it('assignments --out never overwrites an existing file without --force, and replaces it with --force', () => {
    const out = join(dir, 'clean.csv');
    expect(cxw(['assignments', '--workspace', ws, '--segmentation', 'clean', '--out', out], env()).status).toBe(0);
    const exported = readFileSync(out, 'utf8');
    expect(exported.split('\n')[0]).toBe('id,segment,confidence,segment_name');
    writeFileSync(out, 'my edited copy\n');
    const again = cxw(['assignments', '--workspace', ws, '--segmentation', 'clean', '--out', out], env());
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${out} already exists; nothing was written. Pass --force to replace it, or choose another file name.`);
    expect(readFileSync(out, 'utf8')).toBe('my edited copy\n');
    expect(cxw(['assignments', '--workspace', ws, '--segmentation', 'clean', '--out', out, '--force'], env()).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exported);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('assignments --out onto the workspace, its -wal, or a symlink to it is refused even with --force; the workspace still opens', () => {
    symlinkSync(ws, join(dir, 'innocent.csv'));
    writeFileSync(`${ws}-wal`, readFileSync(ws).subarray(0, 0)); // a -wal as a closed workspace may leave it (empty)
    const before = sha(ws);
    for (const target of [ws, `${ws}-wal`, join(dir, 'innocent.csv')]) {
      const r = cxw(['assignments', '--workspace', ws, '--segmentation', 'clean', '--out', target, '--force', '--json'], env());
      expect(r.status).toBe(1);
      expect(JSON.parse(r.stdout).error.code).toBe('FILE_EXISTS');
      expect(r.stderr).toMatch(/an export never writes over a workspace \(not even with --force\)/);
    }
    expect(sha(ws)).toBe(before);
    expect(cxwJson<{ rows: number }>(['profile', '--workspace', ws, '--dataset', 'customers'], env()).rows).toBe(600);
  });

  it('rfm --as-of 2024-13-45 is refused naming the flag; a real date works', () => {
    const bad = cxw(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer', '--date', 'day', '--amount', 'amount', '--as-of', '2024-13-45'], env());
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--as-of "2024-13-45" must be a real calendar date written YYYY-MM-DD (e.g. 2024-03-31).');
    const ok = cxwJson<{ customers: number }>(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer', '--date', 'day', '--amount', 'amount', '--as-of', '2024-03-31'], env());
    expect(ok.customers).toBe(3);
  });

  it('a byte flipped in the cached spend column does not change the segmentation', () => {
    const clean = join(dir, 'clean-before-flip.csv');
    expect(cxw(['assignments', '--workspace', ws, '--segmentation', 'clean', '--out', clean], env()).status).toBe(0);
    const db = new Database(ws);
    const spendPos = db.prepare("SELECT position FROM dataset_columns c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = 'customers' AND c.name = 'spend'").pluck().get() as number;
    const row = db.prepare("SELECT cc.dataset_id AS id, cc.data AS data FROM column_cache cc JOIN datasets d ON d.id = cc.dataset_id WHERE d.name = 'customers' AND cc.position = ?").get(spendPos) as { id: number; data: Buffer };
    const data = Buffer.from(row.data);
    data[10 * 8 + 7] ^= 0x40; // the exponent byte of the 11th customer's spend: a value off by a factor of 2^512
    db.prepare('UPDATE column_cache SET data = ? WHERE dataset_id = ? AND position = ?').run(data, row.id, spendPos);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const seg = cxw(['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'spend,visits', '--k', '3', '--seed', '7', '--name', 'after flip'], env());
    expect(seg.status).toBe(0);
    const out = join(dir, 'after.csv');
    expect(cxw(['assignments', '--workspace', ws, '--segmentation', 'after flip', '--out', out], env()).status).toBe(0);
    // Without the checksum this differs: the 11th customer becomes a segment of its own (verified by disabling it).
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(clean, 'utf8'));
    // Said in the command's own output (the result's warnings) and the activity log, not only on stderr.
    expect(seg.stdout).toMatch(/Warnings:\n {2}- The column cache of dataset "customers" failed its check for "spend"; it was rebuilt from the dataset table/);
    const log = JSON.parse(cxw(['activity', '--workspace', ws, '--format', 'json'], env()).stdout) as { entries: { action: string }[] };
    expect(log.entries.filter((e) => e.action === 'workspace.cacheRebuilt')).toHaveLength(1);
  });

  describe('files that are not workspaces', () => {
    function foreign(name: string): string {
      const p = join(dir, name);
      const db = new Database(p);
      db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');");
      db.close();
      return p;
    }
    const commands = (p: string): [string, string[]][] => [
      ['profile', ['profile', '--workspace', p, '--dataset', 'customers']],
      ['segment', ['segment', '--workspace', p, '--dataset', 'customers', '--features', 'spend', '--k', '2']],
      ['results', ['results', '--workspace', p]],
      ['serve', ['serve', '--workspace', p, '--port', '0']],
    ];

    it.each([
      ['another application’s SQLite file', (n: string) => foreign(n), /is an SQLite database of another application, not a CX Workbench workspace\. Nothing was written to it\./],
      ['a 0-byte file', (n: string) => (writeFileSync(join(dir, n), ''), join(dir, n)), /is empty \(0 bytes\), so it is not a CX Workbench workspace/],
    ])('%s is refused by profile, segment, results and serve without a single write', (_name, make, message) => {
      const p = make(`other-${Math.random().toString(36).slice(2)}.db`);
      const before = fingerprint(p);
      for (const [name, args] of commands(p)) {
        const r = cxw([...args, '--json'], env());
        expect(r.status, `${name}: ${r.stderr}`).toBe(1);
        expect(JSON.parse(r.stdout).error.code).toBe('NOT_A_WORKSPACE');
        expect(r.stderr).toMatch(message);
      }
      expect(fingerprint(p)).toEqual(before);
      expect(sidecars(p)).toEqual([]);
    });

    it('import onto a 0-byte "workspace" does not re-create it', () => {
      const p = join(dir, 'truncated.cxw');
      writeFileSync(p, '');
      const r = cxw(['import', join(dir, 'customers.csv'), '--workspace', p], env());
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/truncated\.cxw is empty \(0 bytes\).*restore it from a backup/);
      expect(statSync(p).size).toBe(0);
      expect(sidecars(p)).toEqual([]);
    });
  });
});
