// The cxw command end to end, as the issue's "done when" describes it: import a 20,000-row customer file and an
// 80,000-row event file, profile with exact missing counts, and a ragged file that fails cleanly.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { writeCustomersCsv, writeEventsCsv, type CustomerFileFacts } from '../support/synthetic-csv';

interface ImportJson {
  dataset: string;
  rows: number;
  columns: { name: string; type: string; role: string }[];
  rejectedRows: number;
  warnings: string[];
}
interface ProfileJson {
  rows: number;
  columns: { name: string; type: string; missing: number; distinct: number; min: unknown; max: unknown; mean: number | null }[];
  issues: { kind: string; column: string | null; message: string }[];
}

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

describe.skipIf(!BUILT)('cxw import and profile', () => {
  let dir: string;
  let ws: string;
  let facts: CustomerFileFacts;
  let events: { rows: number; missingSatisfaction: number };
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-cli-'));
    ws = join(dir, 'test.cxw');
    facts = writeCustomersCsv(join(dir, 'customers.csv'), 20_000);
    events = writeEventsCsv(join(dir, 'events.csv'), 80_000, 20_000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports 20,000 customers with the right row count and column types', () => {
    const r = cxwJson<ImportJson>(['import', join(dir, 'customers.csv'), '--workspace', ws, '--name', 'customers'], env());
    expect(r.dataset).toBe('customers');
    expect(r.rows).toBe(20_000);
    expect(r.rejectedRows).toBe(0);
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.type]))).toEqual({
      customer_id: 'integer',
      age: 'integer',
      monthly_spend: 'real',
      is_member: 'boolean',
      signup_date: 'date',
      last_login: 'datetime',
      plan: 'text',
      region: 'text',
    });
    expect(r.columns.find((c) => c.name === 'customer_id')?.role).toBe('id');
  });

  it('imports 80,000 events with the right row count and types', () => {
    const r = cxwJson<ImportJson>(['import', join(dir, 'events.csv'), '--workspace', ws, '--name', 'events'], env());
    expect(r.rows).toBe(events.rows);
    expect(Object.fromEntries(r.columns.map((c) => [c.name, c.type]))).toMatchObject({
      event_id: 'integer',
      customer_id: 'integer',
      timestamp: 'datetime',
      step: 'text',
      satisfaction: 'integer',
    });
  });

  it('profile reports missing counts exactly', () => {
    const p = cxwJson<ProfileJson>(['profile', '--workspace', ws, '--dataset', 'customers'], env());
    expect(p.rows).toBe(20_000);
    expect(Object.fromEntries(p.columns.map((c) => [c.name, c.missing]))).toEqual(facts.missing);
    const age = p.columns.find((c) => c.name === 'age')!;
    expect(age.min).toBe(18);
    expect(age.max).toBe(87);
    const ev = cxwJson<ProfileJson>(['profile', '--workspace', ws, '--dataset', 'events'], env());
    expect(ev.columns.find((c) => c.name === 'satisfaction')!.missing).toBe(events.missingSatisfaction);
    expect(ev.columns.find((c) => c.name === 'step')!.distinct).toBe(7);
  });

  it('prints readable text without --json', () => {
    const r = cxw(['profile', '--workspace', ws, '--dataset', 'customers'], env());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Dataset "customers": 20,000 rows, 8 columns');
    expect(r.stdout).toMatch(/monthly_spend\s+real/);
  });

  it('a ragged file exits non-zero naming the line and leaves the workspace unchanged', () => {
    const before = snapshot(ws);
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'id,name,score\n1,Ana,7\n2,Bo,8\n3,Cy,9,extra\n4,Di,5\n');
    const r = cxw(['import', ragged, '--workspace', ws], env());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ragged.csv, line 4');
    expect(r.stderr).toMatch(/4 fields|expected 3/);
    expect(snapshot(ws)).toEqual(before);
    const json = cxw(['import', ragged, '--workspace', ws, '--json'], env());
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'RAGGED_ROW', details: { line: 4 } });
  });

  it('a missing file or dataset is a clear error, and usage errors exit 2', () => {
    const missing = cxw(['import', join(dir, 'nope.csv'), '--workspace', ws], env());
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.csv');
    const noDs = cxw(['profile', '--workspace', ws, '--dataset', 'nothing'], env());
    expect(noDs.status).toBe(1);
    expect(noDs.stderr).toContain('No dataset named "nothing"');
    expect(cxw(['profile', '--workspace', ws], env()).status).toBe(2);
    expect(cxw(['frobnicate'], env()).status).toBe(2);
  });

  it('cxw CMD --help prints that command’s usage and exits 0; an unknown command with --help is still a usage error', () => {
    const audit = cxw(['audit', '--help'], env());
    expect(audit.status).toBe(0);
    expect(audit.stdout).toContain('cxw audit --workspace W --dataset N');
    expect(audit.stdout).toContain('--protected');
    expect(audit.stdout).not.toContain('cxw nps');
    const nps = cxw(['nps', '-h'], env());
    expect(nps.status).toBe(0);
    expect(nps.stdout).toContain('--context COL');
    expect(nps.stdout).toContain('--delay-events DATASET');
    expect(nps.stdout).not.toContain('cxw audit');
    expect(cxw(['frobnicate', '--help'], env()).status).toBe(2);
  });

  it('--pii drops or pseudonymises a column, with tokens stable across datasets of one workspace', () => {
    const a = join(dir, 'people.csv');
    writeFileSync(a, 'email,spend\nana@example.com,10\nbo@example.org,20\n');
    const b = join(dir, 'people2.csv');
    writeFileSync(b, 'email,visits\nbo@example.org,3\n');
    const r1 = cxwJson<ImportJson>(['import', a, '--workspace', ws, '--name', 'people', '--pii', 'email=pseudonymize'], env());
    const r2 = cxwJson<ImportJson>(['import', b, '--workspace', ws, '--name', 'people2', '--pii', 'email=pseudonymize'], env());
    const r3 = cxwJson<ImportJson>(['import', a, '--workspace', ws, '--name', 'people3', '--pii', 'email=drop'], env());
    expect(r1.columns.map((c) => c.name)).toEqual(['email', 'spend']);
    expect(r3.columns.map((c) => c.name)).toEqual(['spend']);
    expect(r2.rows).toBe(1);
    const db = new Database(ws, { readonly: true });
    const table = (name: string) => db.prepare('SELECT table_name FROM datasets WHERE name = ?').pluck().get(name) as string;
    const t1 = db.prepare(`SELECT c0 FROM ${table('people')} ORDER BY _row`).pluck().all() as string[];
    const t2 = db.prepare(`SELECT c0 FROM ${table('people2')}`).pluck().get() as string;
    db.close();
    expect(t1[1]).toBe(t2);
    expect(t1[0]).not.toContain('ana');
    for (const file of [ws, `${ws}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from('ana@example.com'))).toBe(false);
    }
  });
});

/** Everything that must not change when an import fails: schema, dataset metadata and the activity log. */
function snapshot(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
    const datasets = db.prepare('SELECT * FROM datasets ORDER BY id').all();
    const columns = db.prepare('SELECT * FROM dataset_columns ORDER BY dataset_id, position').all();
    const activity = db.prepare('SELECT id, action, summary FROM activity ORDER BY id').all();
    return { schema: createHash('sha256').update(JSON.stringify(schema)).digest('hex'), datasets, columns, activity };
  } finally {
    db.close();
  }
}
