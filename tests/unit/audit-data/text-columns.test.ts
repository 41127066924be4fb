// The block reader of text columns gives exactly the codes and levels of the plain one-column scans
// (nps-columns.ts readCoded) — across block edges, with missing values, and when a value holds one of the
// block separators (then it falls back to the plain scans).
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../../main/workspace/datasets';
import { readCoded } from '../../../main/workspace/nps/nps-columns';
import { readTextColumns } from '../../../main/workspace/audit/text-columns';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
const ctx = { isCancelled: () => false, onProgress: () => undefined };

beforeAll(async () => {
  h = await harness();
  const lines = ['id,gender,band,note'];
  for (let i = 0; i < 1000; i++) {
    const gender = i % 17 === 0 ? '' : ['Female', 'Male', 'Non-binary'][i % 3];
    lines.push(`C${i},${gender},${['18-24', '25-34', '65+'][(i * 7) % 3]},"${i % 5 === 0 ? 'x, "quoted"' : `n${i % 4}`}"`);
  }
  await h.services.handlers['dataset.import']({ jobId: 'job_a', path: h.csv('a.csv', `${lines.join('\n')}\n`), name: 'a' });
  // A value holding U+001F (the block reader's field separator), among enough plain rows for the importer to
  // accept the file as text.
  const b = ['id,grp', '1,a\u001fb', '2,c', '3,', ...Array.from({ length: 300 }, (_, i) => `${i + 4},${i % 2 ? 'c' : 'd'}`)];
  await h.services.handlers['dataset.import']({ jobId: 'job_b', path: h.csv('b.csv', `${b.join('\n')}\n`), name: 'b' });
}, 60_000);

afterAll(() => h?.dispose());

function both(name: string, columns: string[], blockRows: number) {
  const db = new Database(`${h.dir}/ws.cxw`, { readonly: true });
  try {
    const ds = getDataset(db, name);
    const cols = columns.map((c) => ds.columns.find((x) => x.name === c)!);
    return { block: readTextColumns(db, ds, cols, ctx, blockRows), plain: cols.map((c) => readCoded(db, ds, c, ctx)) };
  } finally {
    db.close();
  }
}

describe('readTextColumns', () => {
  it('equals the one-column scans, across block edges and with missing values', () => {
    for (const blockRows of [7, 64, 1000, 65_536]) {
      const { block, plain } = both('a', ['gender', 'band', 'note', 'id'], blockRows);
      expect(block).toEqual(plain);
    }
    const { block } = both('a', ['gender'], 100);
    expect(block[0].levels).toEqual(['Female', 'Male', 'Non-binary']);
    expect(block[0].codes[0]).toBe(-1);
    expect(block[0].codes[1]).toBe(1);
  });

  it('falls back to the plain scans when a value holds a separator', () => {
    const { block, plain } = both('b', ['grp', 'id'], 2);
    expect(block).toEqual(plain);
    expect(block[0].levels).toEqual(['a\u001fb', 'c', 'd']);
    expect([...block[0].codes.subarray(0, 5)]).toEqual([0, 1, -1, 2, 1]);
  });
});
