// The demo workspace's two survey waves (main/workspace/monitor/drift/demo-waves.ts, seed 7), imported through the
// real demo build: the Waves area's default comparison finds exactly the planted drifts and calls the NPS change
// mix. Expected values from the generator's quotas (see its header): channel shares 45/25/20/10 → 20/25/45/10,
// within-channel NPS 30/25/5/40 in both waves, so Q1 = 24.75 and Q2 = 18.5; a recount of the CSVs checks the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWaveCsvs, PLANTED_DRIFT, WAVE_NAMES, WAVE_ROWS } from '../../../main/workspace/monitor/drift/demo-waves';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
}, 120_000);
afterAll(() => h?.dispose());

describe('the demo survey waves', () => {
  it('are deterministic, 4,000 answers each, and their channel shares are the planted ones', () => {
    const [q1, q2] = generateWaveCsvs();
    expect(generateWaveCsvs()[1]).toBe(q2);
    const channelShare = (csv: string, c: string) => csv.trim().split('\n').slice(1).filter((l) => l.split(',')[3] === c).length / WAVE_ROWS;
    expect(csv(q1)).toHaveLength(WAVE_ROWS);
    expect([channelShare(q1, 'web'), channelShare(q1, 'phone'), channelShare(q2, 'web'), channelShare(q2, 'phone')]).toEqual([0.45, 0.2, 0.2, 0.45]);
  });

  it('drift.run flags exactly the planted columns; the NPS change is all mix', async () => {
    const r = await h.services.handlers['drift.run']({ jobId: 'job_drift_demo_1', spec: { reference: WAVE_NAMES[0], current: WAVE_NAMES[1], nps: 'nps_score', mix: 'channel' } });
    expect(r.columns.filter((c) => c.drifted).map((c) => c.name).sort()).toEqual([...PLANTED_DRIFT].sort());
    expect(r.nps!.reference).toBeCloseTo(24.75, 1);
    expect(r.nps!.current).toBeCloseTo(18.5, 1);
    expect(r.nps!.mixShare!).toBeGreaterThan(0.9);
    const web = r.nps!.groups.find((g) => g.group === 'web')!;
    expect([web.referenceN, web.currentN]).toEqual([1800, 800]);
    expect(web.reference).toBeCloseTo(30, 10);
    expect(web.current).toBeCloseTo(30, 10);
  });
});

function csv(text: string): string[] {
  return text.trim().split('\n').slice(1);
}
