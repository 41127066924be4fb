// segment.* handlers end to end on a temp workspace, in-process: the true partition of well-separated groups,
// save/reload identity, review + reassign (logged, persisted, sizes recounted), cancel leaves nothing, scoring
// a second dataset, the migration matrix, and RFM on a hand-computed transaction table.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/domain';
import { adjustedRandIndex } from '../../../main/analysis/segment/index';
import { countAssignments } from '../../../main/workspace/segments/assignments';
import { groupsCsv, harness, labelsOf, savedCounts, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(() => {
  h?.dispose();
  h = null;
});

async function withGroups(perGroup = 50, onEvent?: Parameters<typeof harness>[0]): Promise<{ h: Harness; truth: Int32Array }> {
  h = await harness(onEvent);
  const { text, truth } = groupsCsv(perGroup);
  await h.services.handlers['dataset.import']({ jobId: 'job_imp_1', path: h.csv('customers.csv', text), name: 'customers' });
  await h.services.handlers['dataset.setColumn']({ dataset: 'customers', column: 'churned', role: 'outcome' });
  await h.services.handlers['dataset.setColumn']({ dataset: 'customers', column: 'nps', role: 'nps' });
  return { h, truth };
}

describe('segment.run', () => {
  it('finds the true four groups with k = auto, saves everything, and reloads identically', async () => {
    const { h, truth } = await withGroups();
    const hd = h.services.handlers;
    const r = await hd['segment.run']({ jobId: 'job_seg_1', params: { dataset: 'customers', features: ['spend', 'visits', 'plan'], k: 'auto', kRange: [2, 6] } });
    expect(r.k).toBe(4);
    expect(r.kScores?.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    expect(r.recommendation?.k).toBe(4);
    expect(adjustedRandIndex(labelsOf(join(h.dir, 'ws.cxw'), r.name), truth)).toBe(1);
    expect(r.name).toBe('customers k=4');
    expect(r.rows).toBe(200);
    expect(r.silhouetteSampleSize).toBe(200);
    expect(r.segments.map((s) => s.size)).toEqual([50, 50, 50, 50]);
    expect(r.params).toMatchObject({ seed: 42, restarts: 4, maxIterations: 300, tolerance: 1e-4, standardize: true, missing: 'impute', categoryWeight: 1 });
    expect(r.heatmapFeatures).toEqual(['spend', 'visits', 'plan = Basic', 'plan = Plus', 'plan = Premium']);
    expect(r.heatmap).toHaveLength(4);
    expect(r.projection.x).toHaveLength(200);
    expect(r.projection.sampled).toBe(false);
    expect(r.method).toMatch(/k-means \(k-means\+\+, 4 restarts.*seed 42/);
    // The high-spend, frequent, Premium group: named from its top distinguishing features, NPS all promoters.
    const premium = r.segments.find((s) => s.centroid.plan === 'Premium')!;
    expect(premium.centroid.spend as number).toBeGreaterThan(190);
    expect(premium.name).toMatch(/High|Premium/);
    expect(premium.distinguishing.length).toBeGreaterThan(0);
    expect(premium.distinguishing.every((d) => d.pValue < 0.05)).toBe(true);
    expect(premium.nps).toMatchObject({ value: 100, n: 50 });
    expect(premium.stability).toBeGreaterThan(0.9);
    const plus = r.segments.find((s) => s.centroid.plan === 'Plus')!;
    expect(plus.outcomes[0]).toMatchObject({ column: 'churned', rate: { value: 1, n: 50 } });
    expect(plus.persona).toMatch(/25% of customers \(50\)/);
    // Reload: the very same object, less the run's note of where it was listed among the saved results.
    const { saved, ...stored } = r;
    expect(saved).toMatchObject({ kind: 'segmentation', name: r.name });
    expect(await hd['segment.get']({ segmentation: r.name })).toEqual(stored);
    expect((await hd['segment.list']({})).map((s) => s.name)).toEqual([r.name]);
    const log = await hd['workspace.activity']({});
    expect(log[0]).toMatchObject({ action: 'segment.run' });
    expect(log[0].params).toMatchObject({ params: { features: ['spend', 'visits', 'plan'], k: 'auto', seed: 42 } });
    // Same seed, same answer.
    const again = await hd['segment.run']({ jobId: 'job_seg_2', params: { dataset: 'customers', features: ['spend', 'visits', 'plan'], k: 4, name: 'again' } });
    expect(labelsOf(join(h.dir, 'ws.cxw'), 'again')).toEqual(labelsOf(join(h.dir, 'ws.cxw'), r.name));
    expect(again.inertia).toBe(r.inertia);
  });

  it('refuses a taken name, unknown features and date features with clear messages', async () => {
    const { h } = await withGroups(10);
    const hd = h.services.handlers;
    await hd['segment.run']({ jobId: 'job_seg_3', params: { dataset: 'customers', features: ['spend'], k: 2, name: 'mine' } });
    await expect(hd['segment.run']({ jobId: 'job_seg_4', params: { dataset: 'customers', features: ['spend'], k: 2, name: 'mine' } })).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await expect(hd['segment.run']({ jobId: 'job_seg_5', params: { dataset: 'customers', features: ['nope'], k: 2 } })).rejects.toThrow(/no column "nope"/);
  });

  it('a cancelled run leaves nothing behind', async () => {
    const { h } = await withGroups(50, (event, payload, services) => {
      if (event === 'job.progress' && (payload as JobProgress).phase === 'cards') void services.handlers['job.cancel']({ jobId: 'job_cancel' });
    });
    const before = savedCounts(join(h.dir, 'ws.cxw'));
    await expect(h.services.handlers['segment.run']({ jobId: 'job_cancel', params: { dataset: 'customers', features: ['spend', 'visits', 'plan'], k: 4 } })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(savedCounts(join(h.dir, 'ws.cxw'))).toEqual(before);
    expect(before.segmentations).toBe(0);
    const db = new Database(join(h.dir, 'ws.cxw'), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) FROM activity WHERE action LIKE 'segment.%'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('review, reassign, score, migration', () => {
  it('reassigns a customer: persisted, logged with from/to, card sizes recounted, kept in the review queue', async () => {
    const { h } = await withGroups(20);
    const hd = h.services.handlers;
    const r = await hd['segment.run']({ jobId: 'job_seg_6', params: { dataset: 'customers', features: ['spend', 'visits'], k: 4, name: 's' } });
    expect(await hd['segment.review']({ segmentation: 's' })).toEqual([]); // well separated: nobody in between
    const from = labelsOf(join(h.dir, 'ws.cxw'), 's')[0];
    const to = (from + 1) % 4;
    const item = await hd['segment.reassign']({ segmentation: 's', row: 1, segment: to });
    expect(item).toMatchObject({ row: 1, id: 1001, segment: to, reassigned: true });
    const after = await hd['segment.get']({ segmentation: 's' });
    expect(after.segments[from].size).toBe(r.segments[from].size - 1);
    expect(after.segments[to].size).toBe(r.segments[to].size + 1);
    // 80 customers, 20 per group: the persona's size sentence follows the move (19 → 24%, 21 → 26%).
    expect(r.segments[to].persona.startsWith('25% of customers (20).')).toBe(true);
    expect(after.segments[to].persona.startsWith('26% of customers (21).')).toBe(true);
    expect(after.segments[from].persona.startsWith('24% of customers (19).')).toBe(true);
    expect(after.projection.segment[0]).toBe(to);
    expect(await hd['segment.review']({ segmentation: 's' })).toEqual([item]);
    const log = await hd['workspace.activity']({ limit: 1 });
    expect(log[0]).toMatchObject({ action: 'segment.reassign', params: { segmentation: 's', row: 1, id: 1001, from, to } });
    await expect(Promise.resolve().then(() => hd['segment.reassign']({ segmentation: 's', row: 1, segment: 9 }))).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
  });

  it('renames a segment (logged), scores a copy of the data into the same labels, and builds the migration matrix', async () => {
    const { h } = await withGroups(25);
    const hd = h.services.handlers;
    await hd['segment.run']({ jobId: 'job_seg_7', params: { dataset: 'customers', features: ['spend', 'visits', 'plan'], k: 4, name: 'base' } });
    const card = await hd['segment.update']({ segmentation: 'base', index: 2, name: 'Weekend browsers' });
    expect(card.name).toBe('Weekend browsers');
    expect(card.suggestedName).not.toBe('Weekend browsers');
    expect((await hd['workspace.activity']({ limit: 1 }))[0]).toMatchObject({ action: 'segment.update', params: { to: { name: 'Weekend browsers' } } });
    await hd['dataset.import']({ jobId: 'job_imp_2', path: join(h.dir, 'customers.csv'), name: 'customers next month' });
    const scored = await hd['segment.score']({ jobId: 'job_score', segmentation: 'base', dataset: 'customers next month', name: 'next' });
    expect(scored).toMatchObject({ name: 'next', dataset: 'customers next month', k: 4, rows: 100 });
    expect(scored.method).toMatch(/nearest of the 4 centroids of segmentation "base"/);
    const ws = join(h.dir, 'ws.cxw');
    expect(labelsOf(ws, 'next')).toEqual(labelsOf(ws, 'base'));
    const mig = await hd['segment.migration']({ from: 'base', to: 'next' });
    expect(mig.matched).toBe(100);
    expect(mig.fromSegments[2]).toBe('Weekend browsers');
    expect(mig.toSegments[2]).toBe('Weekend browsers'); // the analyst's name carries over to the scored data
    expect((await hd['segment.get']({ segmentation: 'next' })).segments.filter((c) => c.name !== c.suggestedName).map((c) => c.index)).toEqual([2]);
    expect(mig.counts).toEqual([0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 25 : 0))));
    // A scoring of the same customers: the mix did not move (25% each in both; chi-square 0, PSI 0).
    expect(mig.sizes).toMatchObject({ chiSquare: 0, df: 3, pValue: 1, psi: 0, band: 'stable' });
    expect(mig.sizes!.segments.map((x) => [x.from, x.to])).toEqual([[25, 25], [25, 25], [25, 25], [25, 25]]);
    await hd['segment.delete']({ segmentation: 'next' });
    expect((await hd['segment.list']({})).map((s) => s.name)).toEqual(['base']);
    const db = new Database(ws, { readonly: true });
    expect(countAssignments(db)).toBe(100);
    db.close();
  });
});

describe('segment.rfm', () => {
  it('builds "<name> RFM" with hand-computed recency, frequency and monetary', async () => {
    h = await harness();
    const hd = h.services.handlers;
    const tx = [
      'customer,date,amount',
      'A,2024-01-01,10',
      'A,2024-03-01,30',
      'B,2024-02-15,100',
      'C,2024-01-10,5',
      'C,2024-02-10,5',
      'C,2024-03-10,5',
      'D,2023-12-01,50',
      'E,2024-03-09,1',
      ',2024-03-01,99',
    ].join('\n');
    await hd['dataset.import']({ jobId: 'job_imp_3', path: h.csv('tx.csv', `${tx}\n`), name: 'orders' });
    const out = await hd['segment.rfm']({ jobId: 'job_rfm_1', dataset: 'orders', customer: 'customer', date: 'date', amount: 'amount' });
    expect(out.dataset.name).toBe('orders RFM');
    expect(out.dataset.rows).toBe(5);
    expect(out.dataset.columns.map((c) => c.name)).toEqual(['customer', 'recency_days', 'frequency', 'monetary', 'r', 'f', 'm', 'rfm_score', 'rfm_segment']);
    const page = await hd['dataset.rows']({ dataset: 'orders RFM', offset: 0, limit: 10 });
    // As of the latest date (2024-03-10): A last 03-01 → 9 days; B 02-15 → 24; C 03-10 → 0; D 2023-12-01 → 100; E 03-09 → 1.
    expect(page.rows.map((r) => r.slice(0, 4))).toEqual([
      ['A', 9, 2, 40],
      ['B', 24, 1, 100],
      ['C', 0, 3, 15],
      ['D', 100, 1, 50],
      ['E', 1, 1, 1],
    ]);
    // Quintiles of 5 customers: one per score; R = 5 for the most recent (C), 1 for the oldest (D).
    expect(page.rows.map((r) => r[4])).toEqual([3, 2, 5, 1, 4]);
    expect(page.rows.map((r) => r[6])).toEqual([3, 5, 2, 4, 1]);
    expect(page.rows.map((r) => r[7])).toEqual(page.rows.map((r) => `${r[4]}${r[5]}${r[6]}`));
    expect(out.segments.reduce((a, s) => a + s.customers, 0)).toBe(5);
    expect((await hd['workspace.activity']({ limit: 1 }))[0]).toMatchObject({ action: 'segment.rfm', params: { asOf: '2024-03-10', customers: 5, leftOut: 1 } });
  });
});
