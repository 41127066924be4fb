// The 'drivers.analyze' handler with compareWith (services in-process): two imported survey waves
// (stability-waves.ts with ratings: 1–5 ratings and a 0–10 score, 1,500 rows each, seeds 101 and 202; the price
// rating's weight planted to fall). Expected values are the handler's own plain runs: the current wave's result is
// exactly a run without compareWith; the reference wave's weights and intervals are exactly a plain run of that
// dataset with seed + 1 (43 for the default 42); price is flagged and the others not; the saved result keeps
// compareWith, re-runs identical, and follows a renamed reference wave; bad input is refused with the wave named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriversResult, DriversSpec } from '../../../shared/nps';
import type { SlideBlock, SlideSource } from '../../../shared/decks';
import { driversSlides } from '../../../main/services/analyses/slides/drivers';
import { harness, type Harness } from '../segment-service/helpers';
import { CURRENT_COEFS, makeWave, REFERENCE_COEFS, STABILITY_DRIVERS, waveCsv } from './stability-waves';

let h: Harness;
const DRIVERS = [...STABILITY_DRIVERS];
const analyze = (spec: Partial<DriversSpec>, save?: { name?: string }) =>
  h.services.handlers['drivers.analyze']({ jobId: 'job_drv', spec: { dataset: 'Q2', target: 'nps_score', drivers: DRIVERS, bootstrap: 200, ...spec }, ...(save ? { save } : {}) });

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['dataset.import']({ jobId: 'job_q1', path: h.csv('q1.csv', waveCsv(makeWave(REFERENCE_COEFS, 1500, 101, true))), name: 'Q1' });
  await h.services.handlers['dataset.import']({ jobId: 'job_q2', path: h.csv('q2.csv', waveCsv(makeWave(CURRENT_COEFS, 1500, 202, true))), name: 'Q2' });
  const other = 'response_id,speed_rating,price_rating,staff_rating,nps_score\nR1,1,2,3,4\nR2,2,3,4,5\nR3,3,4,5,6\nR4,4,5,1,7\n';
  await h.services.handlers['dataset.import']({ jobId: 'job_q0', path: h.csv('q0.csv', other), name: 'No wifi' });
});
afterAll(() => h.dispose());

describe('drivers.analyze with compareWith', () => {
  let compared: DriversResult;
  beforeAll(async () => {
    compared = await analyze({ compareWith: 'Q1' });
  });

  it('keeps the current wave’s result as a plain run gives it', async () => {
    const plain = await analyze({});
    const { spec, stability, ...rest } = compared;
    const { spec: plainSpec, ...plainRest } = plain;
    expect(spec).toEqual({ ...plainSpec, compareWith: 'Q1' });
    expect(rest).toEqual(plainRest);
    expect(stability!.current).toBe('Q2');
    expect(stability!.currentN).toBe(1500);
  });

  it('weighs the reference wave as a plain run with seed + 1 does', async () => {
    const plainRef = await analyze({ dataset: 'Q1', seed: 43 });
    for (const d of compared.stability!.drivers) {
      const r = plainRef.drivers.find((x) => x.name === d.name)!;
      expect(d.reference).toEqual({ weight: r.weight, ci: r.ci });
      const c = compared.drivers.find((x) => x.name === d.name)!;
      expect(d.current).toEqual({ weight: c.weight, ci: c.ci });
    }
    expect(compared.stability!.referenceR2).toBe(plainRef.r2);
  });

  it('flags the planted change only', () => {
    const s = compared.stability!;
    expect(s.drivers.filter((d) => d.changed).map((d) => d.name)).toEqual(['price_rating']);
    expect(s.drivers[0].difference).toBeLessThan(-0.1);
    expect(s.rankChanged).toBe(true);
    expect(s.sentence).toMatch(/^price_rating lost weight/);
  });

  it('saves the comparison, re-runs it identically and follows a renamed wave', async () => {
    const saved = await analyze({ compareWith: 'Q1' }, { name: 'Drivers Q2 vs Q1' });
    const id = saved.saved!.id;
    const rerun = await h.services.handlers['results.rerun']({ jobId: 'job_rerun', id });
    expect(rerun.differences).toEqual([]);
    expect(rerun.identical).toBe(true);
    expect(rerun.inputs.map((i) => i.dataset)).toEqual(['Q2', 'Q1']);
    await h.services.handlers['dataset.rename']({ dataset: 'Q1', name: 'Q1 2025' });
    const got = await h.services.handlers['results.get']({ id });
    expect((got.spec as DriversSpec).compareWith).toBe('Q1 2025');
    await h.services.handlers['dataset.rename']({ dataset: 'Q1 2025', name: 'Q1' });
  });

  it('makes a stability slide only for a compared run: the sentence as headline, both waves and the difference', async () => {
    const def = driversSlides.find((d) => d.kind === 'drivers.stability')!;
    expect(def.available!(await analyze({}), compared.spec)).toBe(false);
    expect(def.available!(compared, compared.spec)).toBe(true);
    const slide = def.build(compared, compared.spec, {} as SlideSource);
    expect(slide.headline).toBe(compared.stability!.sentence);
    const table = slide.body[0] as Extract<SlideBlock, { type: 'table' }>;
    const first = compared.stability!.drivers[0];
    expect(table.rows[0]).toMatchObject({ driver: 'price_rating', changed: 'lost', difference: { value: first.difference, ci: first.differenceCi } });
    expect(table.rows.map((r) => r.changed)).toEqual(['lost', 'no', 'no', 'no']);
  });

  it('refuses a wave compared with itself or one without the drivers', async () => {
    await expect(analyze({ compareWith: 'Q2' })).rejects.toThrow('"Q2" cannot be compared with itself: choose another wave to compare with.');
    await expect(analyze({ compareWith: 'No wifi' })).rejects.toThrow(/^The wave to compare with, "No wifi", cannot be weighed with the same set-up: .*wifi_rating/);
    await expect(analyze({ compareWith: 'Nowhere' })).rejects.toThrow(/^No dataset named "Nowhere"\. Known: Q1, Q2, No wifi/);
  });
});
