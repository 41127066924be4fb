// `cxw key` end to end, in-process (runCli, output captured): a workspace made on computer A (state folder A) is
// copied to computer B (state folder B). On B, reading works, a pseudonymising import exits 1 naming
// `cxw key import`; `cxw key export` on A refuses to overwrite a file; after `cxw key import` on B the same e-mail
// gets the same token as on A (the join works again). The tokens are compared with each other, and with
// pseudonymizeReference(key, value) where the key is read from A's key file.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../main/cli/run';
import { openWorkspaceDb } from '../../../main/workspace/db';
import { pseudonymizeReference } from '../../../main/workspace/import/pii';

let dir: string;
const saved = process.env.CXW_STATE_DIR;

async function cxw(state: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  process.env.CXW_STATE_DIR = state;
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    return { code: await runCli(args), out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxw-keycmd-'));
  writeFileSync(join(dir, 'a.csv'), 'email,spend\nann@example.com,10\nbob@example.com,20\n');
  writeFileSync(join(dir, 'b.csv'), 'email,visits\nann@example.com,3\n');
});
afterAll(() => {
  if (saved === undefined) delete process.env.CXW_STATE_DIR;
  else process.env.CXW_STATE_DIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('cxw key', () => {
  it('moves a workspace between computers: refused without the key, joins again after key import', async () => {
    const stateA = join(dir, 'state-a');
    const stateB = join(dir, 'state-b');
    const wsA = join(dir, 'a.cxw');
    const first = await cxw(stateA, ['import', join(dir, 'a.csv'), '--workspace', wsA, '--name', 'orders', '--pii', 'email=pseudonymise', '--json']);
    expect(first.code, first.err).toBe(0);
    const status = JSON.parse((await cxw(stateA, ['key', 'status', '--workspace', wsA, '--json'])).out) as { workspaceId: string; available: boolean; keptIn: string };
    expect(status.available).toBe(true);
    expect(status.keptIn).toContain(join(stateA, 'keys', `${status.workspaceId}.key`));
    const keyA = Buffer.from((JSON.parse(readFileSync(join(stateA, 'keys', `${status.workspaceId}.key`), 'utf8')) as { key: string }).key, 'base64');

    const wsB = join(dir, 'b.cxw');
    copyFileSync(wsA, wsB);
    const readB = await cxw(stateB, ['profile', '--workspace', wsB, '--dataset', 'orders', '--json']);
    expect(readB.code, readB.err).toBe(0); // reading needs no key
    const refused = await cxw(stateB, ['import', join(dir, 'b.csv'), '--workspace', wsB, '--name', 'visits', '--pii', 'email=pseudonymise']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not on this computer');
    expect(refused.err).toContain(`cxw key import --workspace ${wsB} FILE`);
    const statusB = await cxw(stateB, ['key', 'status', '--workspace', wsB, '--json']);
    expect(JSON.parse(statusB.out)).toMatchObject({ available: false, workspaceId: status.workspaceId });

    const file = join(dir, 'moved.key');
    writeFileSync(file, 'precious');
    const clobber = await cxw(stateA, ['key', 'export', '--workspace', wsA, '--out', file]);
    expect(clobber.code).toBe(1);
    expect(clobber.err).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe('precious');
    rmSync(file);
    const exported = await cxw(stateA, ['key', 'export', '--workspace', wsA, '--out', file]);
    expect(exported.code, exported.err).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const imported = await cxw(stateB, ['key', 'import', '--workspace', wsB, file]);
    expect(imported.code, imported.err).toBe(0);
    const second = await cxw(stateB, ['import', join(dir, 'b.csv'), '--workspace', wsB, '--name', 'visits', '--pii', 'email=pseudonymise', '--json']);
    expect(second.code, second.err).toBe(0);

    // The join key: ann's token in B's new dataset equals ann's token in A's dataset, and the reference HMAC.
    const annToken = pseudonymizeReference(keyA, 'ann@example.com');
    const db = openWorkspaceDb(wsB, { readonly: true });
    const tables = db.prepare('SELECT name, table_name AS t FROM datasets ORDER BY id').all() as { name: string; t: string }[];
    const tokens = tables.map((x) => db.prepare(`SELECT c0 FROM "${x.t}" ORDER BY rowid`).pluck().all() as string[]);
    db.close();
    expect(tokens[0]).toEqual([annToken, pseudonymizeReference(keyA, 'bob@example.com')]);
    expect(tokens[1]).toEqual([annToken]);

    const log = await cxw(stateB, ['activity', '--workspace', wsB, '--format', 'json']);
    const actions = (JSON.parse(log.out) as { entries: { action: string }[] }).entries.map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['key.create', 'key.import']));
  });

  it('usage errors exit 2 and name the form', async () => {
    const r = await cxw(join(dir, 's'), ['key', 'export', '--workspace', join(dir, 'a.cxw')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cxw key export --workspace W --out FILE');
  });
});
