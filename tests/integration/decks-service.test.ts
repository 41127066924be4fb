// Decks end to end through the services (in-process): add a saved result's slides to a new deck, edit and save,
// present it with disclosure control, refresh slides after the data changed (shown, not saved; the analyst's edited
// title kept), refuse what cannot be refreshed, change the disclosure threshold, and export. Every step's activity
// sentence is checked.
// Fixture, counted by hand: a 35-answer survey in three regions —
//   A: 12 answers 10×6, 8×3, 5×3 → 6 promoters, 3 detractors → NPS +25
//   B:  8 answers 10×2, 9×2, 7×2, 2×2 → 4 promoters, 2 detractors → NPS +25 (under 10 people: suppressed)
//   C: 15 answers 9×5, 7×5, 0×5 → 5 promoters, 5 detractors → NPS 0
//   all: 15 promoters, 10 detractors of 35 → NPS 100 × 5 / 35 = +14.2857…
// Re-imported with five more C answers of 10: C 10 promoters, 5 detractors of 20 → +25; all 20 − 10 of 40 → +25.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck, Figure } from '../../shared/decks';
import { harness, type Harness } from '../unit/segment-service/helpers';

let h: Harness;
type H = Harness['services']['handlers'];
const call = async <K extends keyof H>(name: K, args: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> =>
  (await (h.services.handlers[name] as (a: typeof args) => unknown)(args)) as Awaited<ReturnType<H[K]>>;

const answers = (region: string, scores: number[]) => scores.map((s) => `${region},${s}`);
const rep = (score: number, times: number) => Array.from({ length: times }, () => score);
const BEFORE = [
  ...answers('A', [...rep(10, 6), ...rep(8, 3), ...rep(5, 3)]),
  ...answers('B', [...rep(10, 2), ...rep(9, 2), ...rep(7, 2), ...rep(2, 2)]),
  ...answers('C', [...rep(9, 5), ...rep(7, 5), ...rep(0, 5)]),
];
const AFTER = [...BEFORE, ...answers('C', rep(10, 5))];
const csv = (lines: string[]) => `id,region,score\n${lines.map((l, i) => `${i + 1},${l}`).join('\n')}\n`;

let resultId: number;
let deck: Deck;

beforeAll(async () => {
  h = await harness();
  await call('dataset.import', { jobId: 'job_imp_deck1', path: h.csv('survey.csv', csv(BEFORE)), name: 'Survey' });
  const r = await call('nps.analyze', { jobId: 'job_nps_deck1', spec: { dataset: 'Survey', score: 'score', by: 'region' }, save: { name: 'Survey NPS' } });
  resultId = r.saved!.id;
  expect(r.overall.nps).toBeCloseTo(100 * (5 / 35), 10);
  expect(r.groups.map((g) => [g.group, g.n, g.nps])).toEqual([
    ['C', 15, 0],
    ['A', 12, 25],
    ['B', 8, 25],
  ]);
}, 120_000);
afterAll(() => h?.dispose());

const barOf = (d: Deck) => {
  const b = d.slides[1].body.find((x) => x.type === 'chart');
  if (!b || b.type !== 'chart' || b.chart.kind !== 'bar') throw new Error('no bar');
  return b.chart;
};

describe('decks end to end', () => {
  it('adds the default slides of a saved result to a new deck, with a sentence in the log', async () => {
    expect((await call('deck.slideKinds', { resultId })).map((k) => `${k.kind}:${k.byDefault}`)).toEqual(['nps.headline:true', 'nps.byGroup:true', 'data.quality:false']);
    deck = await call('deck.addSlides', { deck: 'Workshop', resultId });
    expect(deck.version).toBe(1);
    expect(deck.slides.map((s) => [s.kind, s.title, s.headline])).toEqual([
      ['nps.headline', 'NPS: Survey', 'Promoters outnumber detractors: NPS +14.3 (n = 35).'],
      // B has 8 answers: a headline never names a group under the result's minimum (30), so none is named here.
      ['nps.byGroup', 'NPS by region', 'NPS by region: 3 groups, too few answers in most to compare (n = 35).'],
    ]);
    expect(deck.slides[0].source).toMatchObject({ resultId, resultName: 'Survey NPS', resultKind: 'nps', dataset: 'Survey', base: 35 });
    await expect(call('deck.addSlides', { deck: 'Workshop', resultId, kinds: ['nps.nope'] })).rejects.toMatchObject({
      code: 'BAD_ARGUMENTS',
      message: 'The saved result “Survey NPS” cannot make a “nps.nope” slide; it can make nps.headline, nps.byGroup, data.quality.',
    });
    const log = (await call('workspace.activity', { limit: 1 }))[0];
    expect(log).toMatchObject({ action: 'deck.addSlides', summary: 'Added 2 slides of the NPS “Survey NPS” to the new deck “Workshop” (NPS: Survey; NPS by region).' });
  });

  it('presents with disclosure control: B (8 people) withheld, and A with it so B is not total − the others', async () => {
    const title = { ...deck.slides[1], title: 'Regions compared' };
    deck = await call('deck.save', { deck: { ...deck, slides: [deck.slides[0], title] } });
    const safe = await call('deck.present', { name: 'Workshop' });
    const bar = barOf(safe.deck);
    const byCat = Object.fromEntries(bar.categories.map((c, i) => [c, bar.series[0].values[i]])) as Record<string, Figure>;
    expect(byCat.B).toMatchObject({ value: null, suppressed: 'primary' });
    expect(byCat.A).toMatchObject({ value: null, suppressed: 'secondary' });
    expect(byCat.C).toMatchObject({ value: 0, base: 15 });
    expect(safe.report.settings).toEqual({ minCell: 10, roundTo: 0 });
    expect(safe.report.suppressed.every((s) => s.slide === 2 && s.slideTitle === 'Regions compared')).toBe(true);
    expect(safe.report.suppressed.length).toBeGreaterThanOrEqual(2);
    // The builders' own sentences cite no withheld number: nothing is removed from the text.
    expect(safe.report.removed).toEqual([]);
    // The stored deck is untouched.
    expect(barOf(await call('deck.get', { name: 'Workshop' })).series[0].values.map((v) => v.value)).toEqual([0, 25, 25]);
  });

  it('refreshing on unchanged data says nothing changed', async () => {
    const r = await call('deck.refreshSlide', { jobId: 'job_refresh_same', deck: 'Workshop', slideId: deck.slides[0].id });
    expect(r.identical).toBe(true);
    expect(r.changes).toEqual([]);
    expect(r.message).toBe('Refreshed “NPS: Survey”: nothing changed. Re-ran the NPS “Survey NPS”: identical.');
  });

  it('after a re-import, refresh shows the headline and figures before → after, keeps the edited title, saves nothing', async () => {
    await call('dataset.delete', { dataset: 'Survey' });
    await call('dataset.import', { jobId: 'job_imp_deck2', path: h.csv('survey2.csv', csv(AFTER)), name: 'Survey' });
    const r = await call('deck.refreshSlide', { jobId: 'job_refresh_new', deck: 'Workshop', slideId: deck.slides[0].id });
    expect(r.identical).toBe(false);
    expect(r.changes[0]).toEqual({ label: 'Headline', before: 'Promoters outnumber detractors: NPS +14.3 (n = 35).', after: 'Promoters outnumber detractors: NPS +25.0 (n = 40).' });
    expect(r.changes.find((c) => c.label === 'Answers')).toEqual({ label: 'Answers', before: '35', after: '40' });
    expect(r.changes.find((c) => c.label === 'NPS')?.after).toMatch(/^\+25\.0 \(/);
    expect(r.slide.id).toBe(deck.slides[0].id);
    expect(r.slide.source?.base).toBe(40);

    const g = await call('deck.refreshSlide', { jobId: 'job_refresh_grp', deck: 'Workshop', slideId: deck.slides[1].id });
    expect(g.slide.title).toBe('Regions compared');
    expect(g.message).toContain('Your edited title is kept.');
    expect(g.changes.find((c) => c.label === 'C · NPS')).toMatchObject({ after: expect.stringMatching(/^\+25\.0/) });
    // Nothing saved: the deck still holds the first snapshot.
    const stored = await call('deck.get', { name: 'Workshop' });
    expect(stored.version).toBe(deck.version);
    expect(stored.slides[0].headline).toBe('Promoters outnumber detractors: NPS +14.3 (n = 35).');
  });

  it('a data-quality slide refreshes from the dataset as it is now; an edited headline stays', async () => {
    // The slide reads the saved result's dataset as it is now (40 rows since the re-import); importing the first
    // 35-row file again is the change the refresh must show.
    let dq = await call('deck.addSlides', { deck: 'Data', resultId, kinds: ['data.quality'] });
    expect(dq.slides[0]).toMatchObject({ kind: 'data.quality', title: 'Data quality: Survey', headline: '“Survey” is complete: no missing values in 3 columns (n = 40).' });
    await call('dataset.delete', { dataset: 'Survey' });
    await call('dataset.import', { jobId: 'job_imp_deck3', path: h.csv('survey3.csv', csv(BEFORE)), name: 'Survey' });
    const r = await call('deck.refreshSlide', { jobId: 'job_refresh_dq', deck: 'Data', slideId: dq.slides[0].id });
    expect(r.changes[0]).toEqual({ label: 'Headline', before: '“Survey” is complete: no missing values in 3 columns (n = 40).', after: '“Survey” is complete: no missing values in 3 columns (n = 35).' });
    expect(r.changes.find((c) => c.label === 'Rows')).toEqual({ label: 'Rows', before: '40', after: '35' });
    expect(r.message).toBe('Refreshed “Data quality: Survey”: 2 changes. Read the profile of “Survey” as it is now.');
    dq = await call('deck.save', { deck: { ...dq, slides: [{ ...dq.slides[0], headline: 'Clean data, no gaps.' }] } });
    const kept = await call('deck.refreshSlide', { jobId: 'job_refresh_dq2', deck: 'Data', slideId: dq.slides[0].id });
    expect(kept.slide.headline).toBe('Clean data, no gaps.');
    expect(kept.message).toContain('Your edited headline is kept.');
  });

  it('refuses to refresh a hand-written slide, an unknown slide, and a slide whose result was deleted', async () => {
    const withText = await call('deck.save', {
      deck: { ...deck, slides: [...deck.slides, { id: 'text_slide_1', kind: 'text', title: 'Welcome', headline: '', notes: '', source: null, body: [{ type: 'text', paragraphs: ['Hello'] }] }] },
    });
    deck = withText;
    await expect(call('deck.refreshSlide', { jobId: 'job_refresh_txt', deck: 'Workshop', slideId: 'text_slide_1' })).rejects.toMatchObject({
      message: '“Welcome” is a text slide: it was written by hand, so there is nothing to refresh.',
    });
    await expect(call('deck.refreshSlide', { jobId: 'job_refresh_unk', deck: 'Workshop', slideId: 'nope_0001' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await call('results.delete', { id: resultId });
    await expect(call('deck.refreshSlide', { jobId: 'job_refresh_del', deck: 'Workshop', slideId: deck.slides[0].id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'The saved result “Survey NPS” this slide came from was deleted, so the slide cannot be refreshed; it keeps its snapshot.',
    });
    // The deck keeps its snapshots and still presents.
    expect((await call('deck.present', { name: 'Workshop' })).deck.slides).toHaveLength(3);
  });

  it('a lower threshold (5) shows B; below the floor is refused; each setting is logged', async () => {
    expect(await call('disclosure.get', {})).toEqual({ minCell: 10, roundTo: 0 });
    expect(await call('disclosure.set', { settings: { minCell: 5, roundTo: 0 } })).toEqual({ minCell: 5, roundTo: 0 });
    const bar = barOf((await call('deck.present', { name: 'Workshop' })).deck);
    expect(bar.series[0].values.map((v) => v.value)).toEqual([0, 25, 25]);
    await expect(call('disclosure.set', { settings: { minCell: 4, roundTo: 0 } })).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    const log = (await call('workspace.activity', { limit: 5 })).find((e) => e.action === 'disclosure.set');
    expect(log?.summary).toBe('Set disclosure control: groups under 5 people suppressed, counts not rounded (was under 10, counts not rounded).');
    await call('disclosure.set', { settings: { minCell: 10, roundTo: 0 } });
  });

  it('exports HTML through disclosure control, with the export in the log', async () => {
    const out = await call('deck.export', { name: 'Workshop', format: 'html' });
    expect(out).toMatchObject({ fileName: 'Workshop.html', encoding: 'utf8', slides: 3 });
    expect(out.report.suppressed.length).toBe((await call('deck.present', { name: 'Workshop' })).report.suppressed.length);
    expect(out.data).not.toMatch(/<script/i);
    const log = (await call('workspace.activity', { limit: 3 })).find((e) => e.action === 'deck.export');
    expect(log?.summary).toMatch(/^Exported the deck “Workshop” as HTML \(3 slides; \d+ values suppressed(, \d+ removed)?, threshold 10\)\.$/);
  });
});
