// Cohort slides on saved results of the demo workspace (generateDemoCsvs seed 42; its journey events): the slide
// kinds offered, every slide valid against the deck schema, the retention table's shares and bases equal to the
// saved result's own retention and cohort sizes (read back with results.get), cells not yet fully observed in
// words, the curves equal to the pooled retention with its bases, and disclosure control withholding a share whose
// base is under k. Expected values are the results themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, Deck, Figure, Slide, SlideBlock } from '../../../shared/decks';
import { slideSchema } from '../../../shared/decks';
import type { CohortsResult } from '../../../shared/monitor-cohorts';
import { applyDisclosure } from '../../../main/disclosure';
import { harness, type Harness } from '../segment-service/helpers';

const EVENTS = 'Demo journey events';
let h: Harness;
let deck: Deck;
const results: Record<string, { id: number; result: CohortsResult }> = {};

const fig = (c: Cell | undefined): Figure => c as Figure;
const blocks = <T extends SlideBlock['type']>(s: Slide, type: T) => s.body.filter((b) => b.type === type) as Extract<SlideBlock, { type: T }>[];

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
  for (const [key, by] of [['all', undefined], ['channel', 'channel']] as const) {
    const r = await h.services.handlers['cohorts.run']({ jobId: `job_coh_slides_${key}`, spec: { dataset: EVENTS, customer: 'customer_id', time: 'timestamp', ...(by ? { by } : {}) }, save: {} });
    const saved = await h.services.handlers['results.get']({ id: r.saved!.id });
    results[key] = { id: r.saved!.id, result: saved.result as CohortsResult };
    const kinds = (await h.services.handlers['deck.slideKinds']({ resultId: r.saved!.id })).map((k) => k.kind);
    deck = await h.services.handlers['deck.addSlides']({ deck: 'Cohorts', resultId: r.saved!.id, kinds });
  }
}, 240_000);

afterAll(() => h?.dispose());

describe('cohort slides', () => {
  it('are offered and valid', async () => {
    expect((await h.services.handlers['deck.slideKinds']({ resultId: results.all.id })).map((k) => [k.kind, k.byDefault])).toEqual([
      ['cohorts.retention', true],
      ['cohorts.curves', true],
      ['data.quality', false],
    ]);
    expect(deck.slides.map((s) => s.kind)).toEqual(['cohorts.retention', 'cohorts.curves', 'data.quality', 'cohorts.retention', 'cohorts.curves', 'data.quality']);
    for (const s of deck.slides) expect(slideSchema.safeParse(s).success, s.kind).toBe(true);
    expect(deck.slides[0].headline).toBe(results.all.result.summary);
  });

  it('the retention table: the latest 12 cohorts, shares on the cohort size, "not yet" for periods not fully observed', () => {
    const r = results.all.result;
    const table = blocks(deck.slides[0], 'table')[0];
    const latest = r.cohorts.slice(-12);
    expect(table.rows.map((row) => row.cohort)).toEqual(latest.map((c) => c.label));
    table.rows.forEach((row, i) => {
      const c = latest[i];
      expect(fig(row.size)).toEqual({ value: c.size, format: 'count', base: c.size });
      for (let p = 0; p < 7; p++) {
        const cell = row[`p${p}`];
        if (p >= c.retention.length) expect(cell).toBeNull();
        else if (c.incomplete[p]) expect(cell).toBe('not yet');
        else expect(fig(cell)).toEqual({ value: c.retention[p], format: 'share', base: c.size });
      }
    });
    // All cohorts shown (11 months): their sizes split the customers, a partition for secondary suppression.
    expect(r.cohorts.length).toBeLessThanOrEqual(12);
    expect(table.partition).toBe(true);
  });

  it('the curves by channel: pooled retention with its bases; a share under k withheld by disclosure control', () => {
    const r = results.channel.result;
    const s = deck.slides[4];
    const chart = blocks(s, 'chart')[0].chart;
    if (chart.kind !== 'line') throw new Error('a line chart');
    expect(chart.series.map((x) => x.name)).toEqual(r.groups.map((g) => g.group));
    chart.series.forEach((series, i) => series.values.forEach((v, p) => expect(v).toEqual({ value: r.groups[i].retention[p], format: 'share', base: r.groups[i].base[p] })));
    // k = 100: a share is withheld when its base, or the people it counts (share × base), is between 1 and 99 —
    // here the store group from month 1 (~13% of ~470) and every group's longest periods.
    const small = (v: Figure) => v.value !== null && v.base !== undefined && ((v.base > 0 && v.base < 100) || (Math.round(v.value * v.base) > 0 && Math.round(v.value * v.base) < 100));
    const expected = chart.series.map((x) => x.values.map(small));
    expect(expected.flat().filter(Boolean).length).toBeGreaterThan(0);
    const safe = applyDisclosure({ ...deck, slides: [s] }, { settings: { minCell: 100, roundTo: 0 }, piiValues: new Set() });
    const safeChart = blocks(safe.deck.slides[0], 'chart')[0].chart;
    if (safeChart.kind !== 'line') throw new Error('a line chart');
    expect(safeChart.series.map((x) => x.values.map((v) => v.suppressed === 'primary'))).toEqual(expected);
  });
});
