// Issue 12 item 7 follow-up: a column-cache entry that fails its CRC-32 is rebuilt from the dataset table, and the
// analyst is told — in the analysis result's warnings and in the activity log — not only on stderr, which the app's
// window never shows. Through the services, as every face calls them: a segmentation (a job that writes) and key
// drivers (a read-only job, logged by the host).
// Fixture: 60 customers, spend = i × 1.5, visits = i mod 7, nps = i mod 11 (written below). The import caches the
// numeric columns; one byte of the cached "spend" BLOB (the sign/exponent byte of row 3) is flipped through a
// second connection, as a damaged sector would. Expected: the same numbers as with an intact cache (the table is
// the truth: inertia of the damaged run equals the clean run's) plus the warning naming dataset and column.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers';

let h: Harness | undefined;
afterEach(() => h?.dispose());

function flipCachedByte(ws: string, column: string): void {
  const db = new Database(ws);
  try {
    const ds = db.prepare("SELECT id FROM datasets WHERE name = 'customers'").pluck().get() as number;
    const position = db.prepare('SELECT position FROM dataset_columns WHERE dataset_id = ? AND name = ?').pluck().get(ds, column) as number;
    const data = Buffer.from(db.prepare('SELECT data FROM column_cache WHERE dataset_id = ? AND position = ?').pluck().get(ds, position) as Buffer);
    data[2 * 8 + 7] ^= 0x40;
    db.prepare('UPDATE column_cache SET data = ? WHERE dataset_id = ? AND position = ?').run(data, ds, position);
  } finally {
    db.close();
  }
}

const WARNING = /column cache of dataset "customers" failed its check for "spend"; it was rebuilt from the dataset table/;

describe('a damaged column cache is reported in the result and the activity log', () => {
  it('segment.run (writing job) and drivers.analyze (read-only job) both say so; the numbers are the table’s', async () => {
    h = await harness();
    const hd = h.services.handlers;
    const lines = ['id,spend,visits,nps'];
    for (let i = 1; i <= 60; i++) lines.push(`${i},${(i * 1.5).toFixed(1)},${i % 7},${i % 11}`);
    await hd['dataset.import']({ jobId: 'job_imp', path: h.csv('customers.csv', lines.join('\n')), name: 'customers' });
    const params = { dataset: 'customers', features: ['spend', 'visits'], k: 3 };
    const clean = await hd['segment.run']({ jobId: 'job_seg_clean', params: { ...params, name: 'clean' } });
    expect(clean.warnings.some((w) => WARNING.test(w))).toBe(false);

    const ws = join(h.dir, 'ws.cxw');
    flipCachedByte(ws, 'spend');
    const damaged = await hd['segment.run']({ jobId: 'job_seg_damaged', params: { ...params, name: 'damaged' } });
    expect(damaged.warnings.filter((w) => WARNING.test(w))).toHaveLength(1);
    expect(damaged.inertia).toBe(clean.inertia);

    flipCachedByte(ws, 'spend'); // the damaged run re-stamped the cache from the table; damage it again
    const drivers = await hd['drivers.analyze']({ jobId: 'job_drv', spec: { dataset: 'customers', target: 'nps', drivers: ['spend', 'visits'], bootstrap: 0 }, save: { name: 'drv' } });
    expect(drivers.warnings.filter((w) => WARNING.test(w))).toHaveLength(1);
    // A read-only job cannot re-stamp the cache, so re-running the saved result meets the damage again: logged too.
    await hd['results.rerun']({ jobId: 'job_rerun', id: drivers.saved!.id });

    const log = await hd['workspace.activity']({ limit: 50 });
    const rebuilt = log.filter((e) => e.action === 'workspace.cacheRebuilt');
    expect(rebuilt).toHaveLength(3);
    for (const e of rebuilt) {
      expect(e.summary).toMatch(WARNING);
      expect(e.params).toMatchObject({ dataset: 'customers', columns: ['spend'] });
    }
    expect(rebuilt.map((e) => (e.params as { during: string }).during).sort()).toEqual(['drivers.analyze', 'results.rerun', 'segment.run']);
  });
});
