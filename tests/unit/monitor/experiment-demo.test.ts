// The demo workspace's checkout experiment (main/workspace/monitor/experiment/demo-experiment.ts, seed 42), imported
// through the real demo build: the analysis finds what the generator planted (conversion up, mostly on the app; no
// sample-ratio mismatch; CUPED narrows the order-value interval) and its counts equal a recount of the generated CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EXPERIMENT_NAME, demoExperimentCsv } from '../../../main/workspace/monitor/experiment/demo-experiment';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
const rows = demoExperimentCsv(42).trim().split('\r\n').slice(1).map((l) => l.split(','));
const spec = { dataset: DEMO_EXPERIMENT_NAME, arm: 'arm', outcome: 'converted', kind: 'binary' as const, positive: 'Yes' };

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
}, 120_000);
afterAll(() => h?.dispose());

describe('the demo experiment', () => {
  it('is deterministic and one row per demo customer', () => {
    expect(demoExperimentCsv(42)).toBe(demoExperimentCsv(42));
    expect(rows).toHaveLength(3000);
    expect(rows[0][0]).toBe('C00001');
  });

  it('calls the planted conversion lift with counts equal to a recount, and no sample-ratio mismatch', async () => {
    const r = await h.services.handlers['experiment.run']({ jobId: 'job_exp_demo_1', spec: { ...spec, by: 'device' } });
    for (const a of r.arms) {
      const mine = rows.filter((x) => x[1] === a.arm);
      expect([a.n, a.successes]).toEqual([mine.length, mine.filter((x) => x[5] === 'Yes').length]);
    }
    expect(r.control).toBe('control');
    expect(r.srm.flagged).toBe(false);
    expect(r.verdict.status).toBe('better');
    expect(r.comparisons[0].difference).toBeGreaterThan(0.02);
    const byDevice = Object.fromEntries(r.segments!.rows.map((s) => [s.segment, s.comparisons[0].difference!]));
    expect(byDevice.app).toBeGreaterThan(byDevice.web);
  });

  it('CUPED on the pre-period spend narrows the order-value interval', async () => {
    const base = { ...spec, outcome: 'order_value', kind: 'mean' as const, positive: undefined };
    const plain = await h.services.handlers['experiment.run']({ jobId: 'job_exp_demo_2', spec: base });
    const cuped = await h.services.handlers['experiment.run']({ jobId: 'job_exp_demo_3', spec: { ...base, covariate: 'pre_period_spend' } });
    const width = (c: { ci: [number, number] }) => c.ci[1] - c.ci[0];
    expect(cuped.cuped!.varianceReduction).toBeGreaterThan(0.3);
    expect(width(cuped.comparisons[0])).toBeLessThan(width(plain.comparisons[0]));
    expect(cuped.verdict.status).toBe('better');
  });
});
