// Issue 12, items 2 and 4: numbers are stored only when the stored number gives back exactly what the file
// said, and never as Infinity or NaN.
//
// How the fixtures and expected values were made (all by hand, in this file):
// - 1,000 distinct 20-digit ids come from a fixed linear congruential generator (no randomness between runs);
//   none of them is exactly a double (checked below with BigInt), so the column must stay text, byte for byte.
// - 16-digit ids 1000000000000000 + 7919·i stay below 2^53 = 9007199254740992, so they are exact as numbers.
// - 9007199254740993 = 2^53 + 1 fits SQLite's int64 but reads back (as every reader of a workspace reads it,
//   a JavaScript double) as 9007199254740992: the column keeps its text.
// - 1e309 and -1e309 overflow a double (max ≈ 1.798e308) to ±Infinity; "inf", "-Infinity", "nan" are the
//   usual spellings of non-finite numbers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../../main/workspace/import';
import { runImportTuned } from '../../../main/workspace/import/commit';
import { tableRows, tempWorkspace, type TempWorkspace } from './helpers';

/** 20-digit decimal strings from a 64-bit LCG (Knuth's MMIX constants), first digit 1-9. */
function twentyDigitIds(n: number): string[] {
  const out: string[] = [];
  let x = 0x2545f4914f6cdd1dn;
  const mask = (1n << 64n) - 1n;
  while (out.length < n) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & mask;
    const digits = (x % 10n ** 19n).toString().padStart(19, '0');
    out.push(String(1 + Number(x % 9n)) + digits);
  }
  return out;
}

describe('whole numbers that a double cannot hold exactly', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('1,000 distinct 20-digit order ids round-trip exactly as text, with a warning naming the column and line', async () => {
    const ids = twentyDigitIds(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((s) => s.length === 20 && BigInt(Number(s)) !== BigInt(s))).toBe(true);
    const text = 'order_id,amount\n' + ids.map((id, i) => `${id},${(i % 50) + 0.5}`).join('\n') + '\n';
    const path = ws.file('orders.csv', text);
    const p = await previewImport(path);
    expect(p.columns[0].type).toBe('text');
    expect(p.warnings.find((w) => w.includes('"order_id"'))).toMatch(/line 2 has "\d{20}".*cannot be stored exactly as a number.*kept as text/);
    const r = runImport(ws.ctx, { path });
    expect(r.columns[0].type).toBe('text');
    const rows = tableRows(ws.db, r.datasetId);
    expect(rows.map((x) => x.c0)).toEqual(ids);
    expect(ws.db.prepare('SELECT count(DISTINCT c0) AS n, min(typeof(c0)) AS t FROM ds_1').get()).toEqual({ n: 1000, t: 'text' });
    // The amounts are ordinary decimals and stay numbers.
    expect(r.columns[1].type).toBe('real');
  });

  it('a 16-digit id column that fits a double exactly stays integer', () => {
    const ids = Array.from({ length: 500 }, (_, i) => 1_000_000_000_000_000 + 7919 * i);
    expect(ids.every(Number.isSafeInteger)).toBe(true);
    const r = runImport(ws.ctx, { path: ws.file('ids16.csv', 'customer_id,v\n' + ids.map((id, i) => `${id},${i}`).join('\n') + '\n') });
    expect(r.columns[0].type).toBe('integer');
    const stored = ws.db.prepare('SELECT CAST(c0 AS TEXT) AS t, typeof(c0) AS ty FROM ds_1 ORDER BY _row').all() as { t: string; ty: string }[];
    expect(stored.map((x) => x.t)).toEqual(ids.map(String));
    expect(new Set(stored.map((x) => x.ty))).toEqual(new Set(['integer']));
  });

  it('an int64 beyond 2^53 (read back as a different double) keeps its text', () => {
    const r = runImport(ws.ctx, { path: ws.file('big.csv', 'n,v\n9007199254740993,1\n12,2\n') });
    expect(r.columns[0].type).toBe('text');
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c0)).toEqual(['9007199254740993', '12']);
    expect(r.warnings.some((w) => w.includes('"n"') && w.includes('line 2'))).toBe(true);
  });

  it('a 19-digit id after the sample widens the column to text, not to a rounded real', () => {
    const lines = ['order_id,v'];
    for (let i = 1; i <= 300; i++) lines.push(`${i},${i}`);
    lines.push('1234567890123456789,301');
    const r = runImportTuned(ws.ctx, { path: ws.file('late-big.csv', lines.join('\n') + '\n') }, { sampleRows: 100 });
    expect(r.columns[0].type).toBe('text');
    const expected = [...Array.from({ length: 300 }, (_, i) => String(i + 1)), '1234567890123456789'];
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c0)).toEqual(expected);
    expect(r.warnings.find((w) => w.includes('"order_id"'))).toMatch(/line 302 has "1234567890123456789"/);
  });

  it('id-like columns are numeric only when the number gives back the text ("1.10" is not "1.1")', () => {
    const r = runImport(ws.ctx, { path: ws.file('refs.csv', 'ref,weight\n1.10,1.10\n1.1,2.5\n2.5,3\n') });
    expect(r.columns.map((c) => c.type)).toEqual(['text', 'real']);
    const rows = tableRows(ws.db, r.datasetId);
    expect(rows.map((x) => x.c0)).toEqual(['1.10', '1.1', '2.5']);
    expect(rows.map((x) => x.c1)).toEqual([1.1, 2.5, 3]);
    expect(r.warnings.some((w) => w.includes('"ref"') && w.includes('line 2'))).toBe(true);
  });
});

describe('non-finite numbers (1e309, inf, nan) become missing, never ±Infinity or NaN', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  const FILE = ['id,score,visits', '1,2.5,3', '2,1e309,4', '3,4.5,5', '4,-1e309,6', '5,inf,1e309', '6,-Infinity,7', '7,NaN,8', '8,nan,9', '9,6.5,10'].join('\n') + '\n';

  it('stores them as missing with one warning per column naming the first line and the count', async () => {
    const path = ws.file('overflow.csv', FILE);
    const p = await previewImport(path);
    expect(p.columns.map((c) => c.type)).toEqual(['integer', 'real', 'integer']);
    expect(p.warnings.find((w) => w.includes('"score"'))).toMatch(/line 3 has "1e309", which is not a finite number.*5 such value/);
    const r = runImport(ws.ctx, { path });
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'real', 'integer']);
    const rows = tableRows(ws.db, r.datasetId);
    // "NaN" is one of the missing-value tokens (like NA), so it is missing without a warning of its own.
    expect(rows.map((x) => x.c1)).toEqual([2.5, null, 4.5, null, null, null, null, null, 6.5]);
    expect(rows.map((x) => x.c2)).toEqual([3, 4, 5, 6, null, 7, 8, 9, 10]);
    const score = r.warnings.find((w) => w.includes('"score"'))!;
    expect(score).toContain('line 3 has "1e309"');
    expect(score).toContain('5 such value(s)');
    expect(score).toContain('stored as missing');
    expect(r.warnings.find((w) => w.includes('"visits"'))).toContain('line 6 has "1e309"');
    const inf = ws.db.prepare('SELECT count(*) AS n FROM ds_1 WHERE abs(c1) > 1.7976931348623157e308 OR abs(c2) > 1.7976931348623157e308').get();
    expect(inf).toEqual({ n: 0 });
  });

  it('after the sample too (the commit path), in integer and real columns', () => {
    const lines = ['id,amount,count'];
    for (let i = 1; i <= 200; i++) lines.push(`${i},${i}.5,${i}`);
    lines.push('201,-1e400,1e309');
    const r = runImportTuned(ws.ctx, { path: ws.file('late-overflow.csv', lines.join('\n') + '\n') }, { sampleRows: 50 });
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'real', 'integer']);
    const last = tableRows(ws.db, r.datasetId).at(-1)!;
    expect(last).toEqual({ _row: 201, c0: 201, c1: null, c2: null });
    expect(r.warnings.find((w) => w.includes('"amount"'))).toContain('line 202 has "-1e400"');
    expect(r.warnings.find((w) => w.includes('"count"'))).toContain('line 202 has "1e309"');
  });

  it('a column made mostly of such words is text, kept as written', () => {
    const r = runImport(ws.ctx, { path: ws.file('words.csv', 'id,limit\n1,inf\n2,Infinity\n3,inf\n4,5\n') });
    expect(r.columns[1].type).toBe('text');
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c1)).toEqual(['inf', 'Infinity', 'inf', '5']);
  });
});
