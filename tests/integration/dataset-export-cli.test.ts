// `cxw export` through the BUILT command.
// 1. A hand-made orders file (below): 20-digit order ids (kept as text by the import, so exact), a personal column
//    kept in the clear (--pii name=keep) and an e-mail column the import pseudonymises by default — both left out
//    and listed —, formula-like texts (=1+1, +cmd, the text -2, @x), quotes, a comma and a line break in a text,
//    missing values, a Yes/No column and dates written DD/MM/YYYY. The expected file is written by hand from the
//    rules in main/workspace/dataset-csv.ts (dates come out ISO, texts starting with = + - @ get a leading ').
// 2. Refusals: an existing file without --force (unchanged, by SHA-256), the workspace and its -wal (even with
//    --force), an unknown dataset (the message lists the known ones), a missing --out (usage, exit 2).
// 3. Round trip: the exported file imported with `cxw import` into a new workspace holds the same stored values
//    (read with the workspace's own row reader) — the one documented change being the ' before formula-like
//    text — and exporting it again gives the same bytes.
// 4. The demo's customers (generateDemoCsvs seed 42, imported as the demo workspace imports them): the export is
//    checked cell by cell against the generated CSV (read with the tests' own RFC 4180 reader, tests/unit/demo),
//    and no personal value or pseudonym of the workspace appears in it.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../shared/domain';
import { collectPiiValues } from '../../main/disclosure';
import { getDataset } from '../../main/workspace/datasets';
import { openWorkspaceDb } from '../../main/workspace/db';
import { CUSTOMER_COLUMNS, generateDemoCsvs } from '../../main/workspace/demo-data';
import { readRows } from '../../main/workspace/rows';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { parseCsv } from '../unit/demo/csv';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

interface ExportJson {
  file: string;
  dataset: string;
  rows: number;
  columns: string[];
  withheld: { column: string; reason: string }[];
  warnings: string[];
}
interface ImportJson {
  dataset: string;
  rows: number;
  columns: { name: string; type: string; role: string }[];
}

const ORDERS = [
  'order_id,name,email,note,amount,qty,member,signed_up',
  '12345678901234567890,Oliver Smith,oliver.smith@example.com,=1+1,0.30000000000000004,3,Yes,31/03/2024',
  '12345678901234567891,Ann Lee,ann.lee@example.org,+cmd,2.5,-2,No,15/01/2023',
  '98765432109876543210,Bo Chen,bo.chen@example.com,-2,-3.75,0,Yes,28/02/2022',
  '11111111111111111111,Cy Dee,cy.dee@example.org,@x,,7,No,13/12/2021',
  '22222222222222222222,Di Eve,di.eve@example.com,"say ""hi"", then',
  'leave",1234567.891,,No,',
  '33333333333333333333,Ed Fox,ed.fox@example.org,,0.1,12,Yes,29/02/2024',
].join('\n');

const EXPECTED = [
  'order_id,note,amount,qty,member,signed_up',
  "12345678901234567890,'=1+1,0.30000000000000004,3,Yes,2024-03-31",
  "12345678901234567891,'+cmd,2.5,-2,No,2023-01-15",
  "98765432109876543210,'-2,-3.75,0,Yes,2022-02-28",
  "11111111111111111111,'@x,,7,No,2021-12-13",
  '22222222222222222222,"say ""hi"", then\nleave",1234567.891,,No,',
  '33333333333333333333,,0.1,12,Yes,2024-02-29',
  '',
].join('\r\n');

const PERSONAL = ['Oliver Smith', 'Ann Lee', 'Bo Chen', 'Cy Dee', 'Di Eve', 'Ed Fox', 'example.com', 'example.org'];

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** Every stored value of a dataset, by column name (the workspace's own reader, as the data grid reads them). */
function storedValues(ws: string, dataset: string): { types: Record<string, string>; values: Record<string, CellValue[]> } {
  const db = openWorkspaceDb(ws);
  try {
    const ds = getDataset(db, dataset);
    const page = readRows(db, ds, { offset: 0, limit: 1_000_000 });
    const types = Object.fromEntries(ds.columns.map((c) => [c.name, c.type]));
    const values = Object.fromEntries(ds.columns.map((c, j) => [c.name, page.rows.map((r) => r[j])]));
    return { types, values };
  } finally {
    db.close();
  }
}

describe.skipIf(!BUILT)('cxw export', () => {
  let dir: string;
  let ws: string;
  let out: string;
  let first: ExportJson;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-dataset-export-'));
    ws = join(dir, 'orders.cxw');
    out = join(dir, 'orders-export.csv');
    writeFileSync(join(dir, 'orders.csv'), `${ORDERS}\n`);
    cxwJson(['import', join(dir, 'orders.csv'), '--workspace', ws, '--name', 'orders', '--pii', 'name=keep'], env());
    first = cxwJson<ExportJson>(['export', '--workspace', ws, '--dataset', 'orders', '--out', out], env());
  }, 120_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('writes the hand-made dataset exactly, personal columns left out and listed', () => {
    expect(first).toEqual({
      file: out,
      dataset: 'orders',
      rows: 6,
      columns: ['order_id', 'note', 'amount', 'qty', 'member', 'signed_up'],
      withheld: [
        { column: 'name', reason: 'personal data (role pii, kept on import): personal values never leave the app' },
        { column: 'email', reason: 'pseudonymised on import: pseudonyms are personal data and never leave the app (the same rule as every deck and report)' },
      ],
      warnings: [],
    });
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(EXPECTED);
    for (const v of PERSONAL) expect(text).not.toContain(v);
    expect(text).not.toMatch(/p_[0-9a-f]{16}/i);
  });

  it('refuses an existing file without --force and leaves it unchanged; replaces it with --force', () => {
    const before = sha(out);
    const run = cxw(['export', '--workspace', ws, '--dataset', 'orders', '--out', out], env());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${out} already exists; nothing was written. Pass --force to replace it`);
    expect(sha(out)).toBe(before);
    writeFileSync(out, 'old content\n');
    const forced = cxw(['export', '--workspace', ws, '--dataset', 'orders', '--out', out, '--force'], env());
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(EXPECTED);
  });

  it('never writes onto the workspace or its -wal, not even with --force', () => {
    const before = sha(ws);
    for (const target of [ws, `${ws}-wal`]) {
      const run = cxw(['export', '--workspace', ws, '--dataset', 'orders', '--out', target, '--force', '--json'], env());
      expect(run.status).toBe(1);
      const err = JSON.parse(run.stdout) as { error: { code: string; message: string } };
      expect(err.error.code).toBe('FILE_EXISTS');
      expect(err.error.message).toContain('an export never writes over a workspace (not even with --force)');
    }
    expect(sha(ws)).toBe(before);
    expect(cxwJson<{ rows: number }>(['profile', '--workspace', ws, '--dataset', 'orders'], env()).rows).toBe(6);
  });

  it('names the known datasets for an unknown one, and asks for --out', () => {
    const run = cxw(['export', '--workspace', ws, '--dataset', 'nope', '--out', join(dir, 'nope.csv')], env());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('No dataset named "nope". Known: orders.');
    expect(existsSync(join(dir, 'nope.csv'))).toBe(false);
    const usage = cxw(['export', '--workspace', ws, '--dataset', 'orders'], env());
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--out FILE.csv is required.');
    const help = cxw(['export', '--help'], env());
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('cxw export --workspace W --dataset N --out FILE.csv [--force]');
  });

  it('round trip: cxw import of the export gives the same values (formula-like text keeps its \'), and the same file again', () => {
    const ws2 = join(dir, 'back.cxw');
    const imported = cxwJson<ImportJson>(['import', out, '--workspace', ws2, '--name', 'back'], env());
    expect(imported.rows).toBe(6);
    const a = storedValues(ws, 'orders');
    const b = storedValues(ws2, 'back');
    expect(Object.keys(b.values)).toEqual(first.columns);
    for (const col of first.columns) {
      expect(b.types[col], col).toBe(a.types[col]);
      const want = a.values[col].map((v) => (typeof v === 'string' && /^\s*[=+\-@]/.test(v) ? `'${v}` : v));
      expect(b.values[col], col).toEqual(want);
    }
    // The values the round trip must keep, spelled out: the 20-digit ids, the precise real, the missing amount.
    expect(b.values.order_id[0]).toBe('12345678901234567890');
    expect(b.values.amount[0]).toBe(0.30000000000000004);
    expect(b.values.amount[3]).toBeNull();
    expect(b.values.note.slice(0, 4)).toEqual(["'=1+1", "'+cmd", "'-2", "'@x"]);
    expect(b.values.note[4]).toBe('say "hi", then\nleave');
    const again = join(dir, 'back-export.csv');
    cxwJson<ExportJson>(['export', '--workspace', ws2, '--dataset', 'back', '--out', again], env());
    expect(readFileSync(again, 'utf8')).toBe(EXPECTED);
  });

  it('exports the demo customers cell for cell, with no personal value or pseudonym in the file', () => {
    const demo = generateDemoCsvs(42);
    const demoWs = join(dir, 'demo.cxw');
    writeFileSync(join(dir, 'demo_customers.csv'), demo.customers);
    const imported = cxwJson<ImportJson>(['import', join(dir, 'demo_customers.csv'), '--workspace', demoWs, '--name', 'Demo customers'], env());
    const file = join(dir, 'demo-export.csv');
    const run = cxw(['export', '--workspace', demoWs, '--dataset', 'Demo customers', '--out', file], env());
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Wrote 3,000 rows × 26 columns of "Demo customers" to ${file}.`);
    expect(run.stdout).toContain('Left out (3): personal data never leaves the app.');
    const text = readFileSync(file, 'utf8');
    const [header, ...rows] = parseCsv(text);
    const withheld = ['name', 'email', 'phone'];
    expect(header).toEqual(CUSTOMER_COLUMNS.filter((c) => !withheld.includes(c)));
    expect(rows).toHaveLength(3000);
    const [srcHeader, ...src] = parseCsv(demo.customers);
    const types = Object.fromEntries(imported.columns.map((c) => [c.name, c.type]));
    let compared = 0;
    header.forEach((col, j) => {
      const k = srcHeader.indexOf(col);
      rows.forEach((row, i) => {
        const s = src[i][k];
        const got = row[j];
        if (s === '') expect(got, `${col} row ${i + 1}`).toBe('');
        else if (types[col] === 'integer' || types[col] === 'real') expect(Number(got), `${col} row ${i + 1}`).toBe(Number(s));
        else expect(got, `${col} row ${i + 1}`).toBe(/^\s*[=+\-@]/.test(s) ? `'${s}` : s);
        compared++;
      });
    });
    expect(compared).toBe(3000 * 26);
    const db = openWorkspaceDb(demoWs);
    const pii = [...collectPiiValues(db)];
    db.close();
    expect(pii.length).toBeGreaterThan(3000); // the tokens of name, email and phone
    const lower = text.toLowerCase();
    expect(pii.filter((v) => lower.includes(v.toLowerCase()))).toEqual([]);
    expect(text).not.toMatch(/p_[0-9a-f]{16}/i);
  });
});
