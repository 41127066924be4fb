// The bad-input corpus: every malformed file gets a clear error naming file, line and column (or a documented
// result), and a failed import leaves the workspace exactly as it was.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../../main/workspace/import';
import { asyncErrorOf, errorOf, FIXTURES, tableRows, tempWorkspace, type TempWorkspace, workspaceState } from './helpers';
import { keyGetter } from '../../../main/workspace/keys';

const fx = (name: string) => join(FIXTURES, name);

describe('bad input corpus', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  /** Run an import expected to fail; assert it changed nothing and return the error. */
  function failingImport(path: string, extra: Parameters<typeof runImport>[1] extends infer A ? Partial<A> : never = {}) {
    const before = workspaceState(ws.db);
    const err = errorOf(() => runImport(ws.ctx, { path, ...extra }));
    expect(workspaceState(ws.db)).toEqual(before);
    return err;
  }

  it.each([
    ['ragged-too-many.csv', 4, 4, 3, 4, 'quote that value'],
    ['ragged-too-few.csv', 3, 3, 3, 2, 'value may be missing'],
    ['ragged-after-multiline.csv', 5, 4, 3, 4, 'quote that value'],
  ])('%s fails with RAGGED_ROW at the physical line, expected vs found, and what to do', (file, line, column, expected, found, hint) => {
    const err = failingImport(fx(file));
    expect(err.code).toBe('RAGGED_ROW');
    expect(err.details).toMatchObject({ file, line, column, expected, found });
    expect(err.message).toContain(`line ${line}`);
    expect(err.message).toContain(`expected ${expected} fields`);
    expect(err.message).toContain(hint);
    expect(err.message).toContain('skip bad rows');
  });

  it('skips ragged rows with onBadRow=skip, counting them and listing their lines', () => {
    const r = runImport(ws.ctx, { path: fx('ragged-too-many.csv'), options: { onBadRow: 'skip' } });
    expect(r.rows).toBe(3);
    expect(r.rejectedRows).toBe(1);
    expect(r.warnings.some((w) => w.includes('1 malformed row(s) were skipped (line 4)'))).toBe(true);
    const activity = ws.db.prepare("SELECT params FROM activity WHERE action = 'dataset.import'").get() as { params: string };
    expect(JSON.parse(activity.params)).toMatchObject({ rows: 3, rejectedRows: 1, rejectedLines: [4] });
  });

  it('unterminated quote reports the line where the quote opened', () => {
    const err = failingImport(fx('unterminated-quote.csv'));
    expect(err.code).toBe('UNTERMINATED_QUOTE');
    expect(err.details).toMatchObject({ file: 'unterminated-quote.csv', line: 3, column: 2 });
  });

  it('empty file and blank-lines-only file are EMPTY_FILE', async () => {
    expect(failingImport(fx('empty.csv')).code).toBe('EMPTY_FILE');
    expect(failingImport(fx('blank-lines-only.csv')).code).toBe('EMPTY_FILE');
    expect((await asyncErrorOf(() => previewImport(fx('empty.csv')))).code).toBe('EMPTY_FILE');
  });

  it('header without rows is NO_DATA_ROWS', async () => {
    const err = failingImport(fx('header-only.csv'));
    expect(err.code).toBe('NO_DATA_ROWS');
    expect(err.details).toMatchObject({ file: 'header-only.csv', line: 2 });
    expect((await asyncErrorOf(() => previewImport(fx('header-only.csv')))).code).toBe('NO_DATA_ROWS');
  });

  it('missing file is FILE_NOT_FOUND', () => {
    expect(failingImport(join(ws.dir, 'nope.csv')).code).toBe('FILE_NOT_FOUND');
  });

  it('duplicate and blank headers are renamed and reported', async () => {
    const p = await previewImport(fx('duplicate-and-blank-headers.csv'));
    expect(p.columns.map((c) => c.name)).toEqual(['name', 'column_2', 'name_2', 'score', 'column_5']);
    expect(p.headerFixes).toEqual([
      { index: 1, original: '', name: 'column_2', reason: 'blank' },
      { index: 2, original: 'name', name: 'name_2', reason: 'duplicate' },
      { index: 4, original: '', name: 'column_5', reason: 'blank' },
    ]);
    expect(p.warnings.filter((w) => w.includes('no header') || w.includes('more than once'))).toHaveLength(3);
    const r = runImport(ws.ctx, { path: fx('duplicate-and-blank-headers.csv') });
    expect(r.columns.map((c) => c.name)).toEqual(['name', 'column_2', 'name_2', 'score', 'column_5']);
  });

  it('headers with quotes and SQL are only names; SQL identifiers stay generated', () => {
    const r = runImport(ws.ctx, { path: fx('header-quotes-sql.csv') });
    expect(r.columns.map((c) => c.name)).toEqual(['a"b', 'x); DROP TABLE datasets;--', 'plain']);
    expect(ws.db.prepare('SELECT count(*) AS n FROM datasets').get()).toEqual({ n: 1 });
    const cols = ws.db.prepare('SELECT sql_name, name FROM dataset_columns ORDER BY position').all();
    expect(cols).toEqual([
      { sql_name: 'c0', name: 'a"b' },
      { sql_name: 'c1', name: 'x); DROP TABLE datasets;--' },
      { sql_name: 'c2', name: 'plain' },
    ]);
    expect(tableRows(ws.db, r.datasetId)).toEqual([
      { _row: 1, c0: 1, c1: 2, c2: 3 },
      { _row: 2, c0: 4, c1: 5, c2: 6 },
    ]);
  });

  it('a 1 MB field imports intact; a 17 MB field is FIELD_TOO_LARGE at its line', () => {
    const big = 'x'.repeat(1024 * 1024);
    const ok = runImport(ws.ctx, { path: ws.file('big-field.csv', `id,blob\n1,"${big}"\n2,small\n`) });
    expect(ok.rows).toBe(2);
    expect((tableRows(ws.db, ok.datasetId)[0].c1 as string).length).toBe(big.length);
    const huge = 'y'.repeat(17 * 1024 * 1024);
    const err = failingImport(ws.file('huge-field.csv', `id,blob\n1,ok\n2,${huge}\n`));
    expect(err.code).toBe('FIELD_TOO_LARGE');
    expect(err.details).toMatchObject({ file: 'huge-field.csv', line: 3, column: 2 });
  });

  it('binary garbage (a PNG, NUL bytes, control noise) is BINARY_FILE', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    const e1 = failingImport(ws.file('image.csv', png));
    expect(e1.code).toBe('BINARY_FILE');
    expect(e1.message).toContain('PNG');
    expect(failingImport(ws.file('nul.csv', Buffer.from('a,b\n1,2\n3,\u0000\n', 'latin1'))).code).toBe('BINARY_FILE');
    const noise = Buffer.alloc(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 31 + 1;
    expect(failingImport(ws.file('noise.csv', noise)).code).toBe('BINARY_FILE');
    expect((await asyncErrorOf(() => previewImport(join(ws.dir, 'image.csv')))).code).toBe('BINARY_FILE');
  });

  it('a NUL byte deep in a large file names its line', () => {
    const lines = ['id,v'];
    for (let i = 1; i <= 50_000; i++) lines.push(`${i},value${i}`);
    lines[40_000] = '40000,bad\u0000value';
    const err = failingImport(ws.file('late-nul.csv', Buffer.from(lines.join('\n') + '\n', 'latin1')));
    expect(err.code).toBe('BINARY_FILE');
    expect(err.details?.line).toBe(40_001);
  });

  it('UTF-16 files are refused with advice to save as UTF-8', () => {
    const err = failingImport(ws.file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')])));
    expect(err.code).toBe('BAD_ENCODING');
    expect(err.message).toContain('UTF-8');
  });

  it('Latin-1 text is detected and café decoded right', async () => {
    const p = await previewImport(fx('latin1.csv'));
    expect(p.encoding).toBe('windows-1252');
    expect(p.rows).toEqual([
      ['Paris', 'café'],
      ['Köln', 'Kölsch'],
    ]);
    const r = runImport(ws.ctx, { path: fx('latin1.csv') });
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c1)).toEqual(['café', 'Kölsch']);
  });

  it('a Latin-1 byte after an all-ASCII start switches to Windows-1252 instead of failing', () => {
    const lines = ['id,city'];
    for (let i = 1; i <= 30_000; i++) lines.push(`${i},Paris`);
    lines.push('30001,Münster');
    const r = runImport(ws.ctx, { path: ws.file('late-latin1.csv', Buffer.from(lines.join('\n'), 'latin1')) });
    expect(r.encoding).toBe('windows-1252');
    expect(r.rows).toBe(30_001);
    expect(tableRows(ws.db, r.datasetId).at(-1)!.c1).toBe('Münster');
  });

  // A stray non-UTF-8 byte in a UTF-8 file is no longer refused (issue 12): the whole file is weighed, decoded
  // as UTF-8 with a replacement and a warning naming the line. See encoding-evidence.test.ts.

  // Issue 12 corpus files (the full behaviour is tested in encoding-evidence, exact-numbers and refusals tests).
  it('utf8-stray-byte.csv: UTF-8 kept, the stray byte replaced and its line named', () => {
    const r = runImport(ws.ctx, { path: fx('utf8-stray-byte.csv'), columns: [{ index: 2, piiAction: 'keep' }] });
    expect(r.encoding).toBe('utf-8');
    expect(tableRows(ws.db, r.datasetId).map((x) => [x.c1, x.c2])).toEqual([
      ['São Paulo', 'José'],
      ['Köln', 'Ren\uFFFD'],
      ['Málaga', 'Zoë'],
    ]);
    expect(r.warnings[0]).toContain('line 3 has a byte that is not UTF-8');
  });

  it('overflow-numbers.csv: 1e309, -1e309 and inf are missing, with a warning per column', () => {
    const r = runImport(ws.ctx, { path: fx('overflow-numbers.csv') });
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'real', 'integer']);
    expect(tableRows(ws.db, r.datasetId).map((x) => [x.c1, x.c2])).toEqual([
      [120.5, 3],
      [null, 4],
      [80, null],
      [null, 5],
      [99.5, 6],
    ]);
    expect(r.warnings.filter((w) => w.includes('not a finite number'))).toHaveLength(2);
  });

  it('long-order-ids.csv: 20-digit ids stay text byte for byte; 16-digit customer ids stay integers', () => {
    const r = runImport(ws.ctx, { path: fx('long-order-ids.csv') });
    expect(r.columns.map((c) => c.type)).toEqual(['text', 'integer', 'real']);
    expect(tableRows(ws.db, r.datasetId).map((x) => [x.c0, x.c1])).toEqual([
      ['18446744073709551616', 1234567890123456],
      ['18446744073709551617', 1234567890123457],
      ['98765432109876543210', 1234567890123458],
    ]);
  });

  it('mixed date formats are kept as text with a warning naming the formats', async () => {
    const p = await previewImport(fx('mixed-dates.csv'));
    const col = p.columns.find((c) => c.name === 'signup')!;
    expect(col.type).toBe('text');
    const w = p.warnings.find((x) => x.includes('signup'))!;
    expect(w).toContain('mixed formats');
    expect(w).toContain('YYYY-MM-DD');
    expect(w).toContain('DD/MM/YYYY');
    const r = runImport(ws.ctx, { path: fx('mixed-dates.csv') });
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c1)).toEqual(['2021-03-04', '04/03/2021', '2021-05-06', '17/08/2021']);
  });

  it('UTF-8 BOM is detected and not part of the first header', async () => {
    const p = await previewImport(fx('bom.csv'));
    expect(p.encoding).toBe('utf-8-bom');
    expect(p.columns[0].name).toBe('id');
    const r = runImport(ws.ctx, { path: fx('bom.csv') });
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c1)).toEqual(['Zoë', 'Renée']);
  });

  it('CRLF line ends (also inside quotes) and no trailing newline', () => {
    const r = runImport(ws.ctx, { path: fx('crlf.csv') });
    expect(r.rows).toBe(3);
    expect(r.columns[2].type).toBe('date');
    expect(tableRows(ws.db, r.datasetId)).toEqual([
      { _row: 1, c0: 1, c1: 'Ann', c2: '2020-01-02' },
      { _row: 2, c0: 2, c1: 'Bob\r\nJr', c2: '2020-02-03' },
      { _row: 3, c0: 3, c1: 'Cy', c2: '2020-03-04' },
    ]);
  });

  it('semicolon and pipe delimiters with quoted delimiters and "" escapes', () => {
    const r = runImport(ws.ctx, { path: fx('semicolon-quoted.csv') });
    expect(r.delimiter).toBe(';');
    expect(tableRows(ws.db, r.datasetId).map((x) => [x.c1, x.c2])).toEqual([
      ['a, b; c', 12.5],
      ['say "hi"', 7],
    ]);
    expect(runImport(ws.ctx, { path: fx('pipe.csv') }).delimiter).toBe('|');
  });

  it('terminal escape codes in values are stored exactly (escaped only when the CLI prints them)', () => {
    const r = runImport(ws.ctx, { path: fx('terminal-escapes.csv') });
    const regions = new Set(tableRows(ws.db, r.datasetId).map((x) => x.c0 as string));
    expect([...regions].sort()).toEqual(['East', 'North', 'Rechts\u202etxt.exe', 'South', 'West', '\x1b[2J', '\x1b]0;pwned\x07'].sort());
  });

  it('without the pseudonymisation key a pseudonymising import is KEY_MISSING and changes nothing; other imports work', () => {
    const noKey = { ...ws.ctx, secret: keyGetter({ ok: false, message: 'The pseudonymisation key of this workspace is not on this computer; run cxw key import.' }) };
    const before = workspaceState(ws.db);
    const err = errorOf(() => runImport(noKey, { path: ws.file('people.csv', 'email,spend\nann@example.com,3\n') }));
    expect(err.code).toBe('KEY_MISSING');
    expect(err.message).toContain('cxw key import');
    expect(workspaceState(ws.db)).toEqual(before);
    const dropped = runImport(noKey, { path: ws.file('people2.csv', 'email,spend\nann@example.com,3\n'), columns: [{ index: 0, piiAction: 'drop' }] });
    expect(dropped.rows).toBe(1);
  });

  it('a file that shrinks while being read is FILE_UNREADABLE and leaves nothing behind', async () => {
    const { truncateSync } = await import('node:fs');
    const { runImportTuned } = await import('../../../main/workspace/import/commit');
    const lines = ['id,v'];
    for (let i = 1; i <= 20_000; i++) lines.push(`${i},${i * 2}`);
    const path = ws.file('shrinking.csv', lines.join('\n') + '\n');
    const before = workspaceState(ws.db);
    let truncated = false;
    const ctx = {
      ...ws.ctx,
      onProgress: (p: { phase: string; done: number }) => {
        if (p.phase === 'import' && !truncated) {
          truncated = true;
          truncateSync(path, 1000);
        }
      },
    };
    const err = errorOf(() => runImportTuned(ctx, { path }, { chunkBytes: 16 * 1024, sampleRows: 100 }));
    expect(truncated).toBe(true);
    expect(err.code).toBe('FILE_UNREADABLE');
    expect(err.message).toContain('changed while it was being read');
    expect(workspaceState(ws.db)).toEqual(before);
  });
});
