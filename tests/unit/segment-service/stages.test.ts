// Whole-job progress of the segmentation jobs (main/workspace/segments/stages.ts). Expected fractions by hand from
// the stage weights: load 0.5, preprocess 0.3, sweep of k = 2..4 weighted 0.25·k (0.5, 0.75, 1.0 → 2.25), so the
// whole sweep job weighs 3.05.
import { describe, expect, it } from 'vitest';
import { PREPARE_STAGES, stagedProgress, sweepStage } from '../../../main/workspace/segments/stages';
import type { ProgressReport } from '../../../main/workspace/segments/prepare';
import { harness } from './helpers';

describe('stagedProgress', () => {
  it('tags each report with the whole job’s fraction and its stage number', () => {
    const got: ProgressReport[] = [];
    const ctx = stagedProgress({ isCancelled: () => false, onProgress: (p) => got.push(p) }, [...PREPARE_STAGES, sweepStage([2, 4])]);
    ctx.onProgress({ phase: 'load', done: 500, total: 1000 }); // 0.25 / 3.05
    ctx.onProgress({ phase: 'preprocess', done: 0, total: null }); // 0.5 / 3.05
    ctx.onProgress({ phase: 'sweep', done: 1, total: 3, message: 'k = 3 (2 of 3)' }); // (0.8 + 0.5) / 3.05
    ctx.onProgress({ phase: 'load', done: 0, total: 1000 }); // never backwards
    ctx.onProgress({ phase: 'sweep', done: 3, total: 3 }); // 1
    expect(got.map((p) => p.fraction)).toEqual([0.25 / 3.05, 0.5 / 3.05, 1.3 / 3.05, 1.3 / 3.05, 1]);
    expect(got.map((p) => p.stage)).toEqual([1, 2, 3, 1, 3]);
    expect(got[2]).toMatchObject({ phase: 'sweep', done: 1, total: 3, message: 'k = 3 (2 of 3)', stages: 3 });
  });
});

describe('the sweep job reports k i of n and a fraction that only grows to 1', () => {
  it('on a small file', async () => {
    const h = await harness();
    try {
      const lines = ['id,a,b'];
      for (let i = 0; i < 60; i++) lines.push(`${i + 1},${(i % 3) * 10 + (i % 7) / 7},${(i % 5) / 5}`);
      await h.services.handlers['dataset.import']({ jobId: 'job_imp', path: h.csv('x.csv', lines.join('\n')), name: 'x' });
      h.events.length = 0;
      await h.services.handlers['segment.sweep']({ jobId: 'job_sweep', params: { dataset: 'x', features: ['a', 'b'], k: 'auto', kRange: [2, 5] } });
      const ps = h.events.filter((e) => e.event === 'job.progress').map((e) => e.payload as ProgressReport);
      const sweep = ps.filter((p) => p.phase === 'sweep').map((p) => p.message);
      expect(sweep).toEqual(['k = 2 (1 of 4)', 'k = 3 (2 of 4)', 'k = 4 (3 of 4)', 'k = 5 (4 of 4)', 'choosing k']);
      const fr = ps.map((p) => p.fraction!);
      for (let i = 1; i < fr.length; i++) expect(fr[i]).toBeGreaterThanOrEqual(fr[i - 1]);
      expect(fr[fr.length - 1]).toBe(1);
    } finally {
      h.dispose();
    }
  });
});
