// NPS, the context check and key drivers are read-only jobs; the host logs each finished analysis with its spec.
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness | undefined;
afterEach(() => h?.dispose());

describe('nps service activity log', () => {
  it('logs nps.analyze, nps.context and drivers.analyze with the spec and headline numbers', async () => {
    h = await harness();
    // 4 promoters, 2 passives, 2 detractors → NPS 25 (hand count); context "store" has every promoter.
    const rows = [
      [10, 'store', 5, 4], [9, 'store', 4, 5], [10, 'store', 5, 5], [9, 'store', 4, 4],
      [8, 'web', 3, 4], [7, 'web', 3, 3], [3, 'web', 1, 2], [5, 'web', 2, 1],
    ];
    const csv = ['nps,context,delivery,price', ...rows.map((r) => r.join(','))].join('\n');
    await h.services.handlers['dataset.import']({ jobId: 'job_imp_1', path: h.csv('survey.csv', csv), name: 'survey' });
    const hd = h.services.handlers;
    const nps = await hd['nps.analyze']({ jobId: 'job_nps_1', spec: { dataset: 'survey', score: 'nps' } });
    expect(nps.overall.nps).toBe(25);
    await hd['nps.context']({ jobId: 'job_ctx_1', spec: { dataset: 'survey', score: 'nps', context: 'context' } });
    const drv = await hd['drivers.analyze']({ jobId: 'job_drv_1', spec: { dataset: 'survey', target: 'nps', drivers: ['delivery', 'price'], bootstrap: 0 } });
    const log = await hd['workspace.activity']({ limit: 10 });
    const byAction = (a: string) => log.find((e) => e.action === a);
    expect(byAction('nps.analyze')?.summary).toBe('Measured the NPS of “survey” (score nps): 25.0 from 8 answers.');
    expect(byAction('nps.context')?.summary).toMatch(/^Checked the NPS of “survey” for collection-context bias \(column "context"\): 2 contexts flagged among 8 answers\.$/);
    expect(byAction('drivers.analyze')?.summary).toBe(`Found the key drivers of nps in “survey” (linear model, 8 rows): they explain ${(drv.r2 * 100).toFixed(1)}% of it, most of all ${[...drv.drivers].sort((a, b) => b.weight - a.weight)[0].name}.`);
    expect(JSON.stringify(byAction('drivers.analyze')?.params)).toContain('"delivery"');
  });
});
