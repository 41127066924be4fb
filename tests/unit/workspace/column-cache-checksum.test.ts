// The typed column cache carries a CRC-32 per column (issue 12 item 7). A byte flipped inside a cached BLOB, a
// BLOB cut short, a level list edited, or an entry from before checksums (NULL) is not used: the column is decoded
// from the dataset table again (a warning says so for damage), and the fresh copy re-stamps the cache when saved.
// Expected values: the file's own numbers (spend = row × 1.25, written below), and the table decoded with the
// cache off (useCache: false), which is what the analysis must see whatever the cache holds.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { crc32 } from 'node:zlib';
import { runImport } from '../../../main/workspace/import';
import { getDataset, type StoredDataset } from '../../../main/workspace/datasets';
import { cacheChecksum, loadColumns, saveColumnCache, ROWS_POSITION } from '../../../main/workspace/segments/columns';
import { tempWorkspace, type TempWorkspace } from '../import/helpers';

let ws: TempWorkspace;
let ds: StoredDataset;
beforeEach(() => {
  ws = tempWorkspace();
  const lines = ['id,spend,plan'];
  for (let i = 1; i <= 500; i++) lines.push(`${i},${(i * 1.25).toFixed(2)},${['basic', 'plus', 'pro'][i % 3]}`);
  const r = runImport(ws.ctx, { path: ws.file('c.csv', lines.join('\n')) });
  ds = getDataset(ws.db, r.dataset);
});
afterEach(() => {
  vi.restoreAllMocks();
  ws.cleanup();
});

const spend = () => ds.columns.find((c) => c.name === 'spend')!;
const plan = () => ds.columns.find((c) => c.name === 'plan')!;
const values = (loaded: ReturnType<typeof loadColumns>, j = 0) => {
  const c = loaded.columns[j];
  return c.kind === 'numeric' ? Array.from(c.values) : { codes: Array.from(c.codes), levels: c.levels };
};
const entry = (position: number) =>
  ws.db.prepare('SELECT data, levels, checksum FROM column_cache WHERE dataset_id = ? AND position = ?').get(ds.id, position) as
    | { data: Buffer; levels: string | null; checksum: number | null }
    | undefined;

/** Flip one byte of a cached BLOB in place, through SQL, as a damaged disk sector would. */
function flipByte(position: number, at: number, mask = 0x40): void {
  const data = Buffer.from(entry(position)!.data);
  data[at] ^= mask;
  ws.db.prepare('UPDATE column_cache SET data = ? WHERE dataset_id = ? AND position = ?').run(data, ds.id, position);
}

describe('column cache checksum', () => {
  it('the import stamps every cached column with the CRC-32 of kind, levels and bytes', () => {
    const e = entry(spend().index)!;
    expect(e.checksum).toBe(crc32(e.data, crc32('f64\n')));
    expect(e.checksum).toBe(cacheChecksum('f64', null, e.data));
    expect(entry(ROWS_POSITION)!.checksum).toBe(cacheChecksum('rows', null, entry(ROWS_POSITION)!.data));
  });

  it('a flipped byte is caught: the values come from the table, with a warning, and saving re-stamps the cache', () => {
    const clean = values(loadColumns(ws.db, ds, [spend()], { useCache: false }));
    expect((clean as number[]).slice(0, 3)).toEqual([1.25, 2.5, 3.75]);
    // Byte 7 of value 3 is its sign/exponent byte: 3.75 would read back as 3.75 × 2^512, a different universe.
    flipByte(spend().index, 2 * 8 + 7);
    const damaged = Buffer.from(entry(spend().index)!.data);
    expect(damaged.readDoubleLE(16)).not.toBe(3.75);
    const loaded = loadColumns(ws.db, ds, [spend()]);
    expect(values(loaded)).toEqual(clean);
    expect(loaded.fromCache).toBe(0);
    expect(loaded.cacheRebuilt).toEqual([{ position: spend().index, column: 'spend', reason: 'checksum' }]);
    // In the loaded data (the analysis puts it in its result; the job logs it: tests/unit/segment-service/cache-damage).
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/column cache of dataset "c" failed its check for "spend"; it was rebuilt from the dataset table/);
    saveColumnCache(ws.db, ds, loaded.fresh);
    const again = loadColumns(ws.db, ds, [spend()]);
    expect(again.fromCache).toBe(1);
    expect(again.cacheRebuilt).toEqual([]);
    expect(values(again)).toEqual(clean);
  });

  it('a damaged row-number entry, a BLOB cut short, and an edited level list are all rebuilt', () => {
    const first = loadColumns(ws.db, ds, [spend(), plan()]);
    saveColumnCache(ws.db, ds, first.fresh); // caches the text column's codes and levels too
    const clean = loadColumns(ws.db, ds, [spend(), plan()], { useCache: false });
    expect(loadColumns(ws.db, ds, [spend(), plan()]).fromCache).toBe(2);

    flipByte(ROWS_POSITION, 5, 0x01);
    ws.db.prepare('UPDATE column_cache SET data = substr(data, 1, 800) WHERE dataset_id = ? AND position = ?').run(ds.id, spend().index);
    ws.db.prepare("UPDATE column_cache SET levels = '[\"basic\",\"pro\",\"plus\"]' WHERE dataset_id = ? AND position = ?").run(ds.id, plan().index);
    const loaded = loadColumns(ws.db, ds, [spend(), plan()]);
    expect(loaded.cacheRebuilt.map((r) => [r.column, r.reason])).toEqual([
      ['(row numbers)', 'checksum'],
      ['spend', 'size'],
      ['plan', 'checksum'],
    ]);
    expect(Array.from(loaded.rows)).toEqual(Array.from(clean.rows));
    expect(values(loaded, 0)).toEqual(values(clean, 0));
    expect(values(loaded, 1)).toEqual(values(clean, 1));
    expect((values(loaded, 1) as { levels: string[] }).levels).toEqual(['basic', 'plus', 'pro']);
  });

  it('an entry cached before checksums (NULL) is not trusted: rebuilt quietly, stamped when saved', () => {
    ws.db.prepare('UPDATE column_cache SET checksum = NULL WHERE dataset_id = ?').run(ds.id);
    const loaded = loadColumns(ws.db, ds, [spend()]);
    expect(loaded.fromCache).toBe(0);
    expect(loaded.cacheRebuilt.map((r) => r.reason)).toEqual(['unchecked', 'unchecked']);
    expect(loaded.warnings).toEqual([]);
    saveColumnCache(ws.db, ds, loaded.fresh);
    expect(entry(spend().index)!.checksum).toBe(cacheChecksum('f64', null, entry(spend().index)!.data));
    expect(loadColumns(ws.db, ds, [spend()]).fromCache).toBe(1);
  });
});
