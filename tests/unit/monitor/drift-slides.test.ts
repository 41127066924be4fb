// Drift slides on the demo workspace's two survey waves (seed 7): the figures are the saved result's own numbers,
// every figure about a column or group carries its base (so disclosure control can withhold it), and the NPS slide
// shows the raw change beside the change at the reference mix. Expected values: the result itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure, SlideSource } from '../../../shared/decks';
import type { DriftResult } from '../../../shared/monitor-drift';
import { driftSlides } from '../../../main/services/analyses/slides/drift';
import { WAVE_NAMES } from '../../../main/workspace/monitor/drift/demo-waves';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
let r: DriftResult;
const spec = { reference: WAVE_NAMES[0], current: WAVE_NAMES[1], nps: 'nps_score', mix: 'channel' };
const source: SlideSource = { resultId: 1, resultName: 'Q1 vs Q2', resultKind: 'drift', dataset: WAVE_NAMES[1], base: 4000, snapshotAt: '2026-01-01T00:00:00Z' } as SlideSource;

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
  r = await h.services.handlers['drift.run']({ jobId: 'job_drift_slides', spec });
}, 120_000);
afterAll(() => h?.dispose());

describe('drift slides', () => {
  it('columns: the drifted columns first, with the result’s distances and a base on every figure', () => {
    const s = driftSlides.find((d) => d.kind === 'drift.columns')!.build(r, spec, source);
    expect(s.headline).toBe(`3 of ${r.total} columns drifted.`);
    const table = s.body[0];
    if (table.type !== 'table') throw new Error('expected a table');
    expect(table.rows.slice(0, 3).map((row) => row.drifted)).toEqual(['yes', 'yes', 'yes']);
    for (const row of table.rows) {
      const c = r.columns.find((x) => x.name === row.column)!;
      expect((row.distance as Figure).value).toBe(c.distance);
      expect((row.distance as Figure).base).toBeGreaterThan(0);
      expect((row.psi as Figure).value).toBe(c.psi);
    }
  });
  it('NPS: raw and mix-adjusted change; each group’s share and NPS with its n as base', () => {
    const def = driftSlides.find((d) => d.kind === 'drift.nps')!;
    expect(def.available!(r, spec)).toBe(true);
    const s = def.build(r, spec, source);
    expect(s.headline).toMatch(/mostly mix/);
    const figures = s.body[0];
    if (figures.type !== 'figures') throw new Error('expected figures');
    expect(figures.items.map((i) => i.figure.value)).toEqual([r.nps!.change, r.nps!.mixAdjustedChange]);
    const table = s.body[1];
    if (table.type !== 'table') throw new Error('expected a table');
    for (const row of table.rows) {
      const g = r.nps!.groups.find((x) => x.group === row.group)!;
      expect(row.before).toMatchObject({ value: g.referenceShare, base: g.referenceN });
      expect(row.npsNow).toMatchObject({ value: g.current, base: g.currentN });
    }
  });
});
