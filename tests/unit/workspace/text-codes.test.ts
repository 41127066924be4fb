// The block reader of text columns (text-codes.ts) gives exactly the codes and levels of the plain one-column scan
// and of a reference computed here from the raw values — across block edges, with missing values, and when a value
// holds one of the block separators or is exactly the NULL mark (then it falls back to the plain scans). The
// segmentation data path (loadColumns) reads its text columns through it.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset, quoteIdent, setDatasetRowCount, type StoredDataset } from '../../../main/workspace/datasets';
import { loadColumns } from '../../../main/workspace/segments/columns';
import { encodeLevels, readTextCodes, scanTextCodes } from '../../../main/workspace/text-codes';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
const noProgress = {};

beforeAll(async () => {
  h = await harness();
  const lines = ['id,gender,band,note,spend'];
  for (let i = 0; i < 1000; i++) {
    const gender = i % 17 === 0 ? '' : ['Female', 'Male', 'Non-binary'][i % 3];
    lines.push(`C${i},${gender},${['18-24', '25-34', '65+'][(i * 7) % 3]},"${i % 5 === 0 ? 'x, "quoted"' : `n${i % 4}`}",${i % 9 === 0 ? '' : i * 1.5}`);
  }
  await h.services.handlers['dataset.import']({ jobId: 'job_a', path: h.csv('a.csv', `${lines.join('\n')}\n`), name: 'a' });
  // A value holding U+001F (the block reader's field separator), among enough plain rows for the importer to
  // accept the file as text.
  const b = ['id,grp', '1,a\u001fb', '2,c', '3,', ...Array.from({ length: 300 }, (_, i) => `${i + 4},${i % 2 ? 'c' : 'd'}`)];
  await h.services.handlers['dataset.import']({ jobId: 'job_b', path: h.csv('b.csv', `${b.join('\n')}\n`), name: 'b' });
  // Plain values; then row 5 of grp is set to exactly the NULL mark, row 2 of other to a value holding the row
  // separator (in separate columns: either alone must keep its value).
  const c = ['id,grp,other', ...Array.from({ length: 200 }, (_, i) => `${i + 1},${['p', 'q', ''][i % 3]},${['p', 'q', ''][i % 3]}`)];
  await h.services.handlers['dataset.import']({ jobId: 'job_c', path: h.csv('c.csv', `${c.join('\n')}\n`), name: 'c' });
  withDataset('c', (db, ds) => {
    const table = quoteIdent(ds.tableName);
    const set = (column: number, offset: number, value: string) =>
      db.prepare(`UPDATE ${table} SET ${quoteIdent(ds.columns[column].sqlName)} = ? WHERE _row = (SELECT _row FROM ${table} ORDER BY _row LIMIT 1 OFFSET ?)`).run(value, offset);
    set(1, 4, '\u001d');
    set(2, 1, 'r\u001es');
  }, { writable: true });
  // A gap in _row (the block ranges assume none): row 11 deleted, the recorded row count lowered to match.
  const d = ['id,grp', ...Array.from({ length: 50 }, (_, i) => `${i + 1},${['u', 'v', 'w', ''][i % 4]}`)];
  await h.services.handlers['dataset.import']({ jobId: 'job_d', path: h.csv('d.csv', `${d.join('\n')}\n`), name: 'd' });
  withDataset('d', (db, ds) => {
    db.prepare(`DELETE FROM ${quoteIdent(ds.tableName)} WHERE _row = (SELECT _row FROM ${quoteIdent(ds.tableName)} ORDER BY _row LIMIT 1 OFFSET 10)`).run();
    setDatasetRowCount(db, ds.id, 49);
  }, { writable: true });
}, 60_000);

afterAll(() => h?.dispose());

function withDataset<T>(name: string, f: (db: Database.Database, ds: StoredDataset) => T, opts = { writable: false }): T {
  const db = new Database(`${h.dir}/ws.cxw`, { readonly: !opts.writable });
  try {
    return f(db, getDataset(db, name));
  } finally {
    db.close();
  }
}

/** Codes into levels sorted by code unit, computed from the raw stored values without the module. */
function reference(db: Database.Database, ds: StoredDataset, name: string): { codes: Int32Array; levels: string[] } {
  const col = ds.columns.find((c) => c.name === name)!;
  const stored = db.prepare(`SELECT ${quoteIdent(col.sqlName)} FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).pluck().all() as (string | number | null)[];
  const raw = stored.map((v) => (v === null ? null : String(v)));
  const levels = [...new Set(raw.filter((v): v is string => v !== null))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { codes: Int32Array.from(raw, (v) => (v === null ? -1 : levels.indexOf(v))), levels };
}

function compare(name: string, columns: string[], blockRows: number) {
  return withDataset(name, (db, ds) => {
    const cols = columns.map((c) => ds.columns.find((x) => x.name === c)!);
    return {
      block: readTextCodes(db, ds, cols, noProgress, blockRows),
      plain: cols.map((c) => scanTextCodes(db, ds, c, noProgress)),
      ref: columns.map((c) => reference(db, ds, c)),
    };
  });
}

describe('readTextCodes', () => {
  it('equals the one-column scans and the reference, across block edges and with missing values', () => {
    for (const blockRows of [7, 64, 1000, 65_536]) {
      const { block, plain, ref } = compare('a', ['gender', 'band', 'note', 'id'], blockRows);
      expect(block).toEqual(plain);
      expect(block).toEqual(ref);
    }
    const { block } = compare('a', ['gender'], 100);
    expect(block[0].levels).toEqual(['Female', 'Male', 'Non-binary']);
    expect(block[0].codes[0]).toBe(-1);
    expect(block[0].codes[1]).toBe(1);
    expect(block[0].codes[2]).toBe(2);
  });

  it('falls back to the plain scans when a value holds a separator', () => {
    const { block, plain, ref } = compare('b', ['grp', 'id'], 2);
    expect(block).toEqual(plain);
    expect(block).toEqual(ref);
    expect(block[0].levels).toEqual(['a\u001fb', 'c', 'd']);
    expect([...block[0].codes.subarray(0, 5)]).toEqual([0, 1, -1, 2, 1]);
  });

  it('keeps a value that is exactly the NULL mark, or holds the row separator, as a value', () => {
    for (const blockRows of [3, 65_536]) {
      const mark = compare('c', ['grp'], blockRows);
      expect(mark.block).toEqual(mark.ref);
      expect(mark.block[0].levels).toEqual(['\u001d', 'p', 'q']);
      // Rows: p, q, missing, p, ␝ (was q), missing.
      expect([...mark.block[0].codes.subarray(0, 6)]).toEqual([1, 2, -1, 1, 0, -1]);
      const row = compare('c', ['other'], blockRows);
      expect(row.block).toEqual(row.ref);
      expect(row.block[0].levels).toEqual(['p', 'q', 'r\u001es']);
      expect([...row.block[0].codes.subarray(0, 3)]).toEqual([0, 2, -1]);
    }
  });

  it('reads a table with a gap in _row like the plain scan', () => {
    for (const blockRows of [7, 65_536]) {
      const { block, plain, ref } = compare('d', ['grp', 'id'], blockRows);
      expect(block).toEqual(plain);
      expect(block).toEqual(ref);
      expect(block[0].codes.length).toBe(49);
      // Rows i = 8..11 held u, v, w, missing; the "w" row is gone.
      expect([...block[0].codes.subarray(8, 11)]).toEqual([0, 1, -1]);
    }
  });

  it('reports rows done per block, and stops when cancelled', () => {
    withDataset('a', (db, ds) => {
      const cols = ds.columns.filter((c) => c.name === 'gender' || c.name === 'band');
      const seen: number[] = [];
      readTextCodes(db, ds, cols, { onProgress: (done, total) => seen.push(done, total) }, 400);
      expect(seen).toEqual([400, 1000, 800, 1000, 1000, 1000]);
      expect(() => readTextCodes(db, ds, cols, { isCancelled: () => true }, 400)).toThrow(/Cancelled/);
    });
  });

  it('encodeLevels gives the same convention for values in memory', () => {
    expect(encodeLevels(['b', null, 'a', 'b', 'B'])).toEqual({ codes: Int32Array.from([2, -1, 1, 2, 0]), levels: ['B', 'a', 'b'] });
  });
});

describe('loadColumns through the block reader', () => {
  it('gives the reference codes for text columns next to numbers, with and without the cache', () => {
    withDataset('a', (db, ds) => {
      const cols = ['spend', 'gender', 'note'].map((name) => ds.columns.find((c) => c.name === name)!);
      for (const useCache of [true, false]) {
        const progress: number[] = [];
        const loaded = loadColumns(db, ds, cols, { useCache, onProgress: (done) => progress.push(done) });
        expect(loaded.columns.map((c) => c.kind)).toEqual(['numeric', 'categorical', 'categorical']);
        for (const c of loaded.columns) {
          if (c.kind === 'categorical') expect({ codes: c.codes, levels: c.levels }).toEqual(reference(db, ds, c.column.name));
        }
        const spend = loaded.columns[0];
        expect(spend.kind === 'numeric' && [spend.values[0], spend.values[1], spend.values[2]]).toEqual([Number.NaN, 1.5, 3]);
        expect(Array.from(loaded.rows)).toEqual(db.prepare(`SELECT _row FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).pluck().all());
        // Text codes decoded from the table are handed back for the caller to cache; with the cache, the import's
        // entries (the same codes, checked above) are read instead, and nothing is decoded.
        expect(loaded.fresh.filter((f) => f.kind === 'codes').map((f) => f.position)).toEqual(useCache ? [] : cols.slice(1).map((c) => c.index));
        // Without the cache a row scan and the text blocks both run; progress still only moves forward, to the end.
        expect(progress.every((d, i) => i === 0 || d >= progress[i - 1])).toBe(true);
        expect(progress.at(-1)).toBe(1000);
      }
    });
  });
});
