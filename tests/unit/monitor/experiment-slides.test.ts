// Experiment slides on the demo workspace's checkout experiment (seed 42): the kinds offered, every slide valid
// against the deck schema, the per-arm figures and the comparison equal to the saved result's own numbers with each
// arm's n as base, the comparison slide not offered while the verdict is withheld for a sample-ratio mismatch, and
// disclosure control withholding an arm whose n is under k. Expected values are the results themselves.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure, Slide, SlideBlock } from '../../../shared/decks';
import { slideSchema } from '../../../shared/decks';
import type { ExperimentResult, ExperimentSpec } from '../../../shared/monitor-experiment';
import { applyDisclosure } from '../../../main/disclosure';
import { DEMO_EXPERIMENT_NAME } from '../../../main/workspace/monitor/experiment/demo-experiment';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
const SPEC: ExperimentSpec = { dataset: DEMO_EXPERIMENT_NAME, arm: 'arm', outcome: 'converted', kind: 'binary', positive: 'Yes', control: 'control' };
const blocks = <T extends SlideBlock['type']>(s: Slide, type: T) => s.body.filter((b) => b.type === type) as Extract<SlideBlock, { type: T }>[];

async function saved(spec: ExperimentSpec, job: string): Promise<{ id: number; result: ExperimentResult }> {
  const r = await h.services.handlers['experiment.run']({ jobId: job, spec, save: {} });
  return { id: r.saved!.id, result: (await h.services.handlers['results.get']({ id: r.saved!.id })).result as ExperimentResult };
}

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
}, 240_000);
afterAll(() => h?.dispose());

describe('experiment slides', () => {
  it('per arm and the comparison, with the result’s own numbers and bases', async () => {
    const { id, result } = await saved(SPEC, 'job_exp_slides_1');
    const kinds = (await h.services.handlers['deck.slideKinds']({ resultId: id })).map((k) => [k.kind, k.byDefault]);
    expect(kinds).toEqual(expect.arrayContaining([['experiment.arms', true], ['experiment.comparison', true]]));
    const deck = await h.services.handlers['deck.addSlides']({ deck: 'Experiment', resultId: id, kinds: ['experiment.arms', 'experiment.comparison'] });
    for (const s of deck.slides) expect(slideSchema.safeParse(s).success, s.kind).toBe(true);
    const [arms, cmp] = deck.slides;
    expect(arms.headline).toBe(result.verdict.sentences[0]);
    const chart = blocks(arms, 'chart')[0].chart;
    if (chart.kind !== 'bar') throw new Error('a bar chart');
    expect(chart.categories).toEqual(result.arms.map((a) => a.arm));
    expect(chart.series[0].values).toEqual(result.arms.map((a) => ({ value: a.estimate, format: 'share', base: a.n, ci: a.ci })));
    const row = blocks(cmp, 'table')[0].rows[0];
    const c = result.comparisons[0];
    const base = Math.min(...result.arms.map((a) => a.n));
    expect(row.arm).toBe(c.arm);
    expect(row.difference).toEqual({ value: c.difference, format: 'share', base, ci: c.ci });
    expect(row.p).toEqual({ value: c.pValueAdjusted, format: 'pValue', base });
  });

  it('disclosure control withholds an arm whose rate counts fewer than k customers', async () => {
    // tests/fixtures/monitor/experiment/three-arms.csv (make_experiments.py): arms A 1,014 / B 991 / C 995 customers
    // with 203 / 240 / 207 conversions (counted from the CSV). A rate of b people is a count too (rate × b), so with
    // k = 205 only A's rate (203 people) is withheld.
    await h.services.handlers['dataset.import']({ jobId: 'job_exp_slides_imp', path: join(__dirname, '../../fixtures/monitor/experiment/three-arms.csv'), name: 'three arms' });
    const { id, result } = await saved({ dataset: 'three arms', arm: 'arm', outcome: 'converted', kind: 'binary', positive: '1', control: 'A' }, 'job_exp_slides_3');
    expect(result.arms.map((a) => a.n)).toEqual([1014, 991, 995]);
    const deck = await h.services.handlers['deck.addSlides']({ deck: 'Three arms', resultId: id, kinds: ['experiment.arms'] });
    const safe = applyDisclosure({ ...deck, slides: [deck.slides[0]] }, { settings: { minCell: 205, roundTo: 0 }, piiValues: new Set() });
    const chart = blocks(safe.deck.slides[0], 'chart')[0].chart;
    if (chart.kind !== 'bar') throw new Error('a bar chart');
    expect(chart.series[0].values.map((v: Figure) => v.suppressed ?? null)).toEqual(['primary', null, null]);
  });

  it('effects by segment: each segment’s difference with the smaller arm as base', async () => {
    const { id, result } = await saved({ ...SPEC, by: 'device' }, 'job_exp_slides_4');
    const kinds = (await h.services.handlers['deck.slideKinds']({ resultId: id })).map((k) => [k.kind, k.byDefault]);
    expect(kinds).toContainEqual(['experiment.segments', false]);
    const deck = await h.services.handlers['deck.addSlides']({ deck: 'By device', resultId: id, kinds: ['experiment.segments'] });
    expect(slideSchema.safeParse(deck.slides[0]).success).toBe(true);
    const rows = blocks(deck.slides[0], 'table')[0].rows;
    expect(rows.map((x) => x.segment)).toEqual(result.segments!.rows.map((s) => s.segment));
    result.segments!.rows.forEach((s, i) => {
      const c = s.comparisons[0];
      const base = Math.min(...s.arms.map((a) => a.n));
      expect(rows[i].new_checkout).toEqual({ value: c.difference, format: 'share', base, ci: c.ci });
    });
    expect(deck.slides[0].title).toBe('Effects by device (exploratory)');
  });

  it('no comparison slide while the verdict is withheld', async () => {
    const { id, result } = await saved({ ...SPEC, expectedSplit: [40, 60] }, 'job_exp_slides_2');
    expect(result.verdict.status).toBe('withheld');
    const kinds = (await h.services.handlers['deck.slideKinds']({ resultId: id })).map((k) => k.kind);
    expect(kinds).toContain('experiment.arms');
    expect(kinds).not.toContain('experiment.comparison');
    const deck = await h.services.handlers['deck.addSlides']({ deck: 'Withheld', resultId: id, kinds: ['experiment.arms'] });
    expect(deck.slides[0].headline).toContain('sample-ratio mismatch');
  });
});
