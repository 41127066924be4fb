// The two-step save (bulk rows first, metrics and cards at commit, one transaction): a run cancelled after the
// bulk rows are written leaves nothing behind, and a later run on the same workspace still saves.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/domain';
import { countAssignments } from '../../../main/workspace/segments/assignments';
import { groupsCsv, harness, savedCounts, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(() => {
  h?.dispose();
  h = null;
});

describe('two-step save', () => {
  it('a run cancelled between the bulk write and the commit leaves nothing behind; the next run saves', async () => {
    let cancel = true;
    h = await harness((event, payload, services) => {
      // 'stability' is reported after beginSave has written the segmentation row and the assignments.
      if (cancel && event === 'job.progress' && (payload as JobProgress).phase === 'stability') void services.handlers['job.cancel']({ jobId: (payload as JobProgress).jobId });
    });
    await h.services.handlers['dataset.import']({ jobId: 'job_imp', path: h.csv('customers.csv', groupsCsv(50).text), name: 'customers' });
    // 'plan' is text: the import cached its codes; with that entry gone (as in a workspace imported before the import
    // cached text), this run would add them to the column cache: the cancelled one must not.
    const params = { dataset: 'customers', features: ['spend', 'visits', 'plan'], k: 4 as const };
    const w = new Database(join(h.dir, 'ws.cxw'));
    w.prepare("DELETE FROM column_cache WHERE kind = 'codes'").run();
    w.close();
    const before = savedCounts(join(h.dir, 'ws.cxw'));
    expect(before).toEqual({ segmentations: 0, segment_cards: 0, segment_assignments_packed: 0, segment_reassignments: 0, column_cache: 6 });
    await expect(h.services.handlers['segment.run']({ jobId: 'job_cancel', params })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(savedCounts(join(h.dir, 'ws.cxw'))).toEqual(before);
    const db = new Database(join(h.dir, 'ws.cxw'), { readonly: true });
    cancel = false;
    const r = await h.services.handlers['segment.run']({ jobId: 'job_ok', params });
    expect(r.segments).toHaveLength(4);
    expect(countAssignments(db)).toBe(200);
    expect(JSON.parse(db.prepare('SELECT metrics FROM segmentations').pluck().get() as string)).toMatchObject({ k: 4, rows: 200 });
    db.close();
  });
});
