// The dataset CSV of `cxw export` (main/workspace/dataset-csv.ts) on hand-made datasets built with createDataset
// (tests/unit/profile/helpers.ts), so the stored values are exactly those listed here. Every expected line below is
// written by hand from the rules in dataset-csv.ts: header = the dataset's columns in order minus the personal
// ones; missing = empty; numbers as String(x) (0.1 + 0.2 → 0.30000000000000004, 1/3 → 0.3333333333333333,
// 1e-7 → 1e-7, 1.5e300 → 1.5e+300, 2^53 − 1 → 9007199254740991); yes/no as the column's labels, or true/false
// without; dates as stored (ISO); text quoted per RFC 4180 and a leading ' on = + - @ (also after spaces); CRLF.
// Withheld columns: role pii, pseudonymised, a derived column of pseudonym tokens, a copy of a clear personal
// column (matched case-insensitively and trimmed, as main/disclosure/pii.ts matches).
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { csvCell } from '../../../main/workspace/csv-cell';
import { datasetCsvChunks, numberCell } from '../../../main/workspace/dataset-csv';
import { CLEAR_PII_REASON, HOLDS_TOKENS_REASON, PSEUDONYMISED_REASON } from '../../../main/workspace/dataset-csv-withheld';
import { quoteIdent } from '../../../main/workspace/datasets';
import type { Db } from '../../../main/workspace/db';
import { makeDataset, memoryDb } from '../profile/helpers';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function collect(chunks: Generator<string, number>): { text: string; rows: number; parts: number } {
  let text = '';
  let parts = 0;
  for (;;) {
    const next = chunks.next();
    if (next.done) return { text, rows: next.value, parts };
    text += next.value;
    parts++;
  }
}

const T = ['p_0123456789abcdef', 'p_fedcba9876543210', 'p_00112233445566aa', 'p_0123456789abcdef', 'p_aabbccddeeff0011'];

/** The hand-made dataset: 5 orders, every type, a personal column kept in the clear and a pseudonymised one. */
function orders(d: Db) {
  return makeDataset(
    d,
    'orders',
    [
      { name: 'order_id', type: 'text', role: 'id' },
      { name: 'customer', type: 'text', role: 'pii' },
      { name: 'email', type: 'text', role: 'pii', piiAction: 'pseudonymize' },
      { name: 'note', type: 'text' },
      { name: 'remark, free', type: 'text' },
      { name: 'qty', type: 'integer' },
      { name: 'amount', type: 'real' },
      { name: 'member', type: 'boolean', booleanLabels: { true: 'Yes', false: 'No' } },
      { name: 'flag', type: 'boolean' },
      { name: 'signup', type: 'date' },
      { name: 'seen', type: 'datetime' },
    ],
    [
      ['12345678901234567890', 'Oliver Smith', T[0], '=1+1', ' =2', 3, 0.1 + 0.2, 1, 0, '2024-03-31', '2024-03-31T08:15:00'],
      ['A-2', 'Ann Lee', T[1], '+cmd', 'a,b', -2, 1 / 3, 0, 1, null, null],
      ['00042', 'Bo Chen', T[2], '-2', '  padded ', 0, -0.5, null, 1, '1999-12-31', '2000-01-01T00:00:00'],
      [null, 'Oliver Smith', T[3], '@x', null, null, 1e-7, 1, null, '2024-02-29', '2024-02-29T23:59:59'],
      ['99999999999999999999', 'Cy Dee', T[4], 'say "hi", then\nleave', 'plain', 9007199254740991, 1.5e300, 0, 0, '2000-01-01', '1970-01-01T00:00:00'],
    ],
  );
}

const ORDERS_CSV = [
  'order_id,note,"remark, free",qty,amount,member,flag,signup,seen',
  "12345678901234567890,'=1+1,' =2,3,0.30000000000000004,Yes,false,2024-03-31,2024-03-31T08:15:00",
  "A-2,'+cmd,\"a,b\",-2,0.3333333333333333,No,true,,",
  "00042,'-2,\"  padded \",0,-0.5,,true,1999-12-31,2000-01-01T00:00:00",
  ",'@x,,,1e-7,Yes,,2024-02-29,2024-02-29T23:59:59",
  '99999999999999999999,"say ""hi"", then\nleave",plain,9007199254740991,1.5e+300,No,false,2000-01-01,1970-01-01T00:00:00',
  '',
].join('\r\n');

describe('dataset CSV', () => {
  it('writes every type exactly, defuses formulas, quotes per RFC 4180 and leaves personal columns out', () => {
    db = memoryDb();
    orders(db);
    const plan = datasetCsvChunks(db, 'orders');
    expect(plan.dataset).toBe('orders');
    expect(plan.columns).toEqual(['order_id', 'note', 'remark, free', 'qty', 'amount', 'member', 'flag', 'signup', 'seen']);
    expect(plan.withheld).toEqual([
      { column: 'customer', reason: CLEAR_PII_REASON },
      { column: 'email', reason: PSEUDONYMISED_REASON },
    ]);
    const out = collect(plan.chunks);
    expect(out.rows).toBe(5);
    expect(out.text).toBe(ORDERS_CSV);
    for (const v of ['Oliver Smith', 'Ann Lee', 'Bo Chen', 'Cy Dee', ...T]) expect(out.text).not.toContain(v);
  });

  it('gives the same file when read in blocks of 2 rows and yielded in many small chunks, across gaps in _row', () => {
    db = memoryDb();
    const ds = orders(db);
    const whole = collect(datasetCsvChunks(db, 'orders').chunks).text;
    const small = collect(datasetCsvChunks(db, 'orders', { blockRows: 2, chunkChars: 10 }).chunks);
    expect(small.text).toBe(whole);
    expect(small.parts).toBeGreaterThanOrEqual(6); // the header chunk, then about one per row, then the tail
    // Delete rows 2 and 3 (a block boundary with blockRows 2): the keyset paging skips nothing else.
    db.prepare(`DELETE FROM ${quoteIdent(ds.tableName)} WHERE _row IN (2, 3)`).run();
    const gaps = collect(datasetCsvChunks(db, 'orders', { blockRows: 2 }).chunks);
    const lines = ORDERS_CSV.split('\r\n');
    expect(gaps.rows).toBe(3);
    expect(gaps.text).toBe([lines[0], lines[1], lines[4], lines[5], ''].join('\r\n'));
  });

  it('writes a header only for an empty dataset, and a block of exactly blockRows rows once', () => {
    db = memoryDb();
    makeDataset(db, 'empty', [{ name: 'a', type: 'integer' }], []);
    expect(collect(datasetCsvChunks(db, 'empty').chunks)).toMatchObject({ text: 'a\r\n', rows: 0 });
    makeDataset(db, 'four', [{ name: 'a', type: 'integer' }], [[1], [2], [3], [4]]);
    expect(collect(datasetCsvChunks(db, 'four', { blockRows: 2 }).chunks)).toMatchObject({ text: 'a\r\n1\r\n2\r\n3\r\n4\r\n', rows: 4 });
  });

  it('leaves out derived columns holding pseudonyms or copies of clear personal values, not mere neighbours', () => {
    db = memoryDb();
    orders(db);
    // Like `cxw rfm`: the customer column copied with role id and no PII flag, here holding tokens.
    makeDataset(
      db,
      'orders RFM',
      [
        { name: 'customer', type: 'text', role: 'id' },
        { name: 'r', type: 'integer', role: 'score' },
        { name: 'comment', type: 'text' },
      ],
      [
        [T[0], 5, 'fine'],
        [T[1], 3, 'see P_FEDCBA9876543210 above'],
      ],
    );
    // A copy of the clear personal column, in other case and with spaces, and a column of places.
    makeDataset(
      db,
      'contacts',
      [
        { name: 'contact', type: 'text' },
        { name: 'city', type: 'text' },
        { name: 'code', type: 'text' },
      ],
      [
        [' oliver SMITH ', 'Leeds', 'Ol'],
        ['someone else', 'York', 'Bo'],
      ],
    );
    const rfm = datasetCsvChunks(db, 'orders RFM');
    expect(rfm.withheld).toEqual([
      { column: 'customer', reason: HOLDS_TOKENS_REASON },
      { column: 'comment', reason: HOLDS_TOKENS_REASON }, // a token inside text, upper case
    ]);
    expect(collect(rfm.chunks).text).toBe('r\r\n5\r\n3\r\n');
    const contacts = datasetCsvChunks(db, 'contacts');
    expect(contacts.withheld).toEqual([
      { column: 'contact', reason: 'holds values of the personal column "customer" of "orders" (1 row): personal values never leave the app' },
    ]);
    // "Bo" is the start of "Bo Chen" but a different, 2-character value: values under 3 characters never count.
    expect(collect(contacts.chunks).text).toBe('city,code\r\nLeeds,Ol\r\nYork,Bo\r\n');
  });

  it('refuses a dataset whose every column is personal, and names the known datasets for an unknown one', () => {
    db = memoryDb();
    orders(db);
    makeDataset(db, 'people', [{ name: 'name', type: 'text', role: 'pii' }, { name: 'mail', type: 'text', piiAction: 'pseudonymize' }], [['Ann Lee', T[1]]]);
    expect(() => datasetCsvChunks(db!, 'people')).toThrow(/Every column of "people" holds personal data \(name, mail\).*nothing to export/);
    try {
      datasetCsvChunks(db, 'nope');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('NOT_FOUND');
      expect((err as AppError).message).toBe('No dataset named "nope". Known: orders, people.');
    }
  });

  it('numberCell: exact, integers without exponent, non-finite as missing; csvCell defuses formulas after spaces', () => {
    expect(numberCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(Number(numberCell(0.1 + 0.2))).toBe(0.1 + 0.2);
    expect(numberCell(1e21, true)).toBe('1000000000000000000000'); // an integer column: digits, not 1e+21
    expect(numberCell(-2e22, true)).toBe('-20000000000000000000000');
    expect(numberCell(1e21)).toBe('1e+21'); // a real: String's form, which reads back as the same double
    expect(numberCell(123456789012345680000, true)).toBe('123456789012345680000'); // < 1e21: String writes digits
    expect(numberCell(Infinity)).toBe('');
    expect(numberCell(Number.NaN)).toBe('');
    expect(csvCell('  +SUM(A1)')).toBe("'  +SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1"); // defused; after the ' nothing needs quotes
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell('a-b')).toBe('a-b');
    expect(csvCell(-2)).toBe('-2');
  });
});
