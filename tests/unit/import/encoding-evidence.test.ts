// Issue 12 item 3: the encoding is decided per file from evidence over the whole file (valid UTF-8 multi-byte
// characters against bytes that are not UTF-8), the decision and the offending lines are reported, and the
// analyst can force it (ImportOptions.encoding, `cxw import --encoding`).
//
// Fixtures are built byte by byte below: "José" in UTF-8 is 4A 6F 73 C3 A9; the stray Latin-1 "é" is the single
// byte E9; "Zoë" in UTF-8 is 5A 6F C3 AB. A genuine Latin-1 file has only single bytes ≥ 0x80 (E9, F6, FC).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../../main/workspace/import';
import { runImportTuned } from '../../../main/workspace/import/commit';
import { closeInput, openInput } from '../../../main/workspace/import/decode';
import { scanUtf8Evidence } from '../../../main/workspace/import/encoding';
import { tableRows, tempWorkspace, type TempWorkspace } from './helpers';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const latin1 = (s: string) => Buffer.from(s, 'latin1');
/** The name column is kept as written (it would be pseudonymised as personal data by default). */
const KEEP_NAME = [{ index: 1, piiAction: 'keep' as const }];

/** Header + `n` UTF-8 rows naming José, with row `strayRow` (1-based) holding a stray Latin-1 "é" (byte E9). */
function joseFile(n: number, strayRow: number): Buffer {
  const parts: Buffer[] = [utf8('id,name\n')];
  for (let i = 1; i <= n; i++) parts.push(i === strayRow ? Buffer.concat([utf8(`${i},Ren`), latin1('é'), utf8('\n')]) : utf8(`${i},José\n`));
  return Buffer.concat(parts);
}

describe('encoding decided from evidence', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('a UTF-8 file with one stray Latin-1 byte stays UTF-8, keeps "José", and names the line', async () => {
    const path = ws.file('stray.csv', joseFile(2000, 1203));
    const p = await previewImport(path);
    expect(p.encoding).toBe('utf-8');
    expect(p.rows[0]).toEqual(['1', 'José']);
    const w = p.warnings.find((x) => x.includes('not UTF-8'))!;
    expect(w).toContain('line 1,204 has a byte that is not UTF-8');
    expect(w).toContain('decoded as UTF-8 with 1 replacement');
    expect(w).toContain('--encoding windows-1252');
    const r = runImport(ws.ctx, { path, columns: KEEP_NAME });
    expect(r.encoding).toBe('utf-8');
    expect(r.warnings).toContain(w);
    const names = tableRows(ws.db, r.datasetId).map((x) => x.c1);
    expect(names.filter((x) => x === 'José')).toHaveLength(1999);
    expect(names[1202]).toBe('Ren\uFFFD');
  });

  it('a genuine Latin-1 file is still read as Windows-1252, and says so', async () => {
    const path = ws.file('latin.csv', latin1('id,city,drink\n1,Köln,Kölsch\n2,Paris,café\n3,München,Weißbier\n'));
    const p = await previewImport(path);
    expect(p.encoding).toBe('windows-1252');
    expect(p.rows).toEqual([
      ['1', 'Köln', 'Kölsch'],
      ['2', 'Paris', 'café'],
      ['3', 'München', 'Weißbier'],
    ]);
    expect(p.warnings.find((x) => x.includes('Windows-1252'))).toMatch(/read as Windows-1252.*first on line 2.*--encoding utf-8/);
  });

  it('a stray byte far past the head of a UTF-8 file is a warning naming its line, not a lost import', () => {
    const head = utf8('id,name\n1,Zoë\n');
    const filler = utf8(Array.from({ length: 60_000 }, (_, i) => `${i + 2},x\n`).join(''));
    const bad = Buffer.from([0x36, 0x30, 0x30, 0x30, 0x32, 0x2c, 0xff, 0x0a]);
    const r = runImport(ws.ctx, { path: ws.file('late-stray.csv', Buffer.concat([head, filler, bad])), columns: KEEP_NAME });
    expect(r.encoding).toBe('utf-8');
    expect(r.rows).toBe(60_002);
    expect(r.warnings.find((x) => x.includes('not UTF-8'))).toContain('line 60,003 has a byte that is not UTF-8');
    const rows = tableRows(ws.db, r.datasetId);
    expect(rows[0].c1).toBe('Zoë');
    expect(rows.at(-1)!.c1).toBe('\uFFFD');
  });

  it('an all-ASCII head followed by UTF-8 text and one stray byte is decided on the whole file (UTF-8)', () => {
    const parts: Buffer[] = [utf8('id,name\n')];
    for (let i = 1; i <= 30_000; i++) parts.push(utf8(`${i},Paris\n`));
    for (let i = 30_001; i <= 30_010; i++) parts.push(utf8(`${i},Zoë\n`));
    parts.push(Buffer.concat([utf8('30011,Ren'), latin1('é'), utf8('\n')]));
    const r = runImportTuned(ws.ctx, { path: ws.file('late-mixed.csv', Buffer.concat(parts)), columns: KEEP_NAME }, { chunkBytes: 64 * 1024 });
    expect(r.encoding).toBe('utf-8');
    const rows = tableRows(ws.db, r.datasetId);
    expect(rows.at(-2)!.c1).toBe('Zoë');
    expect(rows.at(-1)!.c1).toBe('Ren\uFFFD');
    expect(r.warnings.some((x) => x.includes('line 30,012 has a byte that is not UTF-8'))).toBe(true);
  });

  it('the analyst can force the encoding either way', async () => {
    const path = ws.file('stray2.csv', joseFile(3, 2));
    const forced = runImport(ws.ctx, { path, options: { encoding: 'windows-1252' }, name: 'as latin', columns: KEEP_NAME });
    expect(forced.encoding).toBe('windows-1252');
    expect(tableRows(ws.db, forced.datasetId).map((x) => x.c1)).toEqual(['JosÃ©', 'René', 'JosÃ©']);
    const latinPath = ws.file('latin2.csv', latin1('id,city\n1,Köln\n'));
    const p = await previewImport(latinPath, { options: { encoding: 'utf-8' } });
    expect(p.encoding).toBe('utf-8');
    expect(p.rows).toEqual([['1', 'K\uFFFDln']]);
    expect(p.warnings.some((x) => x.includes('line 2 has a byte that is not UTF-8'))).toBe(true);
  });
});

describe('scanUtf8Evidence', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('counts characters, replacements and lines the same whatever the chunk size (characters and CRLF cut in two)', () => {
    const bytes = Buffer.concat([
      utf8('a,é\r\n'), // line 1: 1 valid
      utf8('b,€'), Buffer.from([0xe9]), utf8('\n'), // line 2: 1 valid, 1 replacement
      utf8('c,x\r'), // line 3 ends with a lone CR
      Buffer.from([0xe2, 0x82]), utf8(',😀\n'), // line 4: truncated € (1 replacement for both bytes), 1 valid 4-byte
      Buffer.from([0xc3]), // line 5: a lead byte cut by the end of the file (1 replacement)
    ]);
    const path = ws.file('evidence.csv', bytes);
    const f = openInput(path);
    try {
      const expected = { validMultiByte: 3, replacements: 3, badLines: [2, 4, 5], badLineCount: 3 };
      expect(scanUtf8Evidence(f)).toEqual(expected);
      for (const chunk of [1, 2, 3, 5, 7]) expect(scanUtf8Evidence(f, chunk)).toEqual(expected);
      // The WHATWG decoder agrees on the number of replacements.
      expect([...new TextDecoder('utf-8').decode(bytes)].filter((c) => c === '\uFFFD')).toHaveLength(3);
    } finally {
      closeInput(f);
    }
  });
});
