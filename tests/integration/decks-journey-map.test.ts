// Journey-map slides through the services (in-process): deck.addJourneyMap snapshots a map (stages × lanes, the
// persona), deck.present withholds a measured card computed from fewer than 10 journeys while typed cards keep
// their words (unless they cite the withheld number), refresh re-reads the map after a save and says what changed,
// and the HTML export carries the same. Fixture written by hand (no analytics run): a map of three stages
//   Order:    touchpoints  "Checkout page: 120 journeys" (measured, n 120), "Phone order line" (typed)
//   Delivery: pain points  "Parcel left outside" (typed); KPIs "95 journeys reach this stage" (measured, n 95)
//   Returns:  touchpoints  "Returns portal: 7 journeys" (measured, n 7 < 10 → withheld);
//             opportunities "Only 7 people used the portal" (typed, cites the withheld 7 → sentence withheld)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck, SlideBlock } from '../../shared/decks';
import type { JourneyMap } from '../../shared/journeys';
import { harness, type Harness } from '../unit/segment-service/helpers';

let h: Harness;
type H = Harness['services']['handlers'];
const call = async <K extends keyof H>(name: K, args: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> =>
  (await (h.services.handlers[name] as (a: typeof args) => unknown)(args)) as Awaited<ReturnType<H[K]>>;

const MAP: JourneyMap = {
  name: 'Returns workshop',
  stages: [
    { id: 's1', name: 'Order' },
    { id: 's2', name: 'Delivery' },
    { id: 's3', name: 'Returns' },
  ],
  cards: [
    { id: 'c1', lane: 'touchpoints', stageId: 's1', text: 'Checkout page: 120 journeys', evidence: 'measured', n: 120 },
    { id: 'c2', lane: 'touchpoints', stageId: 's3', text: 'Returns portal: 7 journeys', evidence: 'measured', n: 7 },
    { id: 'c3', lane: 'painPoints', stageId: 's2', text: 'Parcel left outside', evidence: 'assumed' },
    { id: 'c4', lane: 'kpis', stageId: 's2', text: '95 journeys reach this stage', evidence: 'measured', n: 95 },
    { id: 'c5', lane: 'touchpoints', stageId: 's1', text: 'Phone order line', evidence: 'assumed' },
    { id: 'c6', lane: 'opportunities', stageId: 's3', text: 'Only 7 people used the portal', evidence: 'assumed' },
  ],
  persona: { name: 'Busy parent', note: 'Orders on the phone at night' },
  emotionScale: [1, 5],
  seededFrom: null,
  version: 0,
  updatedAt: '',
};

const cardsOf = (body: SlideBlock[]) => body.flatMap((b) => (b.type === 'cards' ? b.cards : []));

let deck: Deck;

beforeAll(async () => {
  h = await harness();
  await call('journeyMap.save', { map: MAP });
}, 120_000);
afterAll(() => h?.dispose());

describe('journey-map slides', () => {
  it('deck.addJourneyMap snapshots the map: persona, then one row of cards per lane in stage order, measured cards with their n', async () => {
    deck = await call('deck.addJourneyMap', { deck: 'Workshop', map: 'Returns workshop' });
    expect(deck.version).toBe(1);
    const [slide] = deck.slides;
    expect(slide).toMatchObject({ kind: 'journeyMap.map', journeyMap: 'Returns workshop', source: null, title: 'Journey map: Returns workshop' });
    expect(slide.headline).toBe('3 stages from Order to Returns: 3 measured cards (with the journeys behind each), 3 cards from the workshop.');
    expect(slide.body[0]).toEqual({ type: 'text', paragraphs: ['Persona: Busy parent — Orders on the phone at night'] });
    // Lanes in the canvas's order (touchpoints, pain points, opportunities, KPIs); cards in stage order within a lane.
    expect(slide.body.slice(1).map((b) => (b.type === 'cards' ? b.cards.map((c) => [c.title, c.figure?.value ?? null, c.figure?.base ?? null, c.lines.join('|'), c.tone ?? '']) : b.type))).toEqual([
      [
        ['Order · Touchpoints', 120, 120, 'Checkout page: 120 journeys', ''],
        ['Order · Touchpoints (2)', null, null, 'Phone order line', ''],
        ['Returns · Touchpoints', 7, 7, 'Returns portal: 7 journeys', ''],
      ],
      [['Delivery · Pain points', null, null, 'Parcel left outside', 'negative']],
      [['Returns · Opportunities', null, null, 'Only 7 people used the portal', 'positive']],
      [['Delivery · KPIs', 95, 95, '95 journeys reach this stage', '']],
    ]);
    // Every card of the map is on the slide, once.
    expect(cardsOf(slide.body).length).toBe(MAP.cards.length);
    const log = (await call('workspace.activity', { limit: 1 }))[0];
    expect(log).toMatchObject({ action: 'deck.addJourneyMap', summary: 'Added the journey map “Returns workshop” (version 1: 3 stages, 6 cards) to the new deck “Workshop”.' });
  });

  it('deck.present withholds the measured card under 10 journeys; typed cards keep their words unless they cite the withheld number', async () => {
    const safe = await call('deck.present', { name: 'Workshop' });
    // Presented, the map may take several pages (each page names the slide it belongs to); the cards are all there.
    const mapId = deck.slides[0].id;
    const pages = safe.deck.slides.filter((s) => (s.page?.of ?? s.id) === mapId);
    expect(pages.length).toBe(safe.deck.slides.length);
    const allCards = pages.flatMap((p) => cardsOf(p.body));
    const cards = Object.fromEntries(allCards.map((c) => [c.title, c]));
    expect(cards['Returns · Touchpoints'].figure).toMatchObject({ value: null, suppressed: 'primary' });
    expect(cards['Returns · Touchpoints'].figure?.base).toBeUndefined();
    expect(cards['Returns · Touchpoints'].lines).toEqual(['Fewer than 10 people: details withheld.']);
    expect(cards['Order · Touchpoints'].figure).toMatchObject({ value: 120, base: 120 });
    expect(cards['Order · Touchpoints'].lines).toEqual(['Checkout page: 120 journeys']);
    expect(cards['Order · Touchpoints (2)']).toEqual({ title: 'Order · Touchpoints (2)', lines: ['Phone order line'] });
    expect(cards['Delivery · Pain points'].lines).toEqual(['Parcel left outside']);
    expect(cards['Returns · Opportunities'].lines).toEqual(['[withheld: it cites a suppressed figure]']);
    // Cards stay in their places (the typed ones are put back where they were).
    expect(allCards.map((c) => c.title)).toEqual(cardsOf(deck.slides[0].body).map((c) => c.title));
    expect(safe.report.suppressed.map((s) => s.what)).toEqual(['size of Returns · Touchpoints']);
    // At a threshold of 5 the 7-journey card is shown.
    await call('disclosure.set', { settings: { minCell: 5, roundTo: 0 } });
    const at5 = await call('deck.present', { name: 'Workshop' });
    const returns = at5.deck.slides.flatMap((p) => cardsOf(p.body)).find((c) => c.title === 'Returns · Touchpoints')!;
    expect(returns).toMatchObject({ figure: { value: 7, base: 7 }, lines: ['Returns portal: 7 journeys'] });
    await call('disclosure.set', { settings: { minCell: 10, roundTo: 0 } });
  });

  it('refresh re-reads the map after a save: the added card is a change; nothing changed says so; the analyst’s title is kept', async () => {
    const same = await call('deck.refreshSlide', { jobId: 'job_refresh_map1', deck: 'Workshop', slideId: deck.slides[0].id });
    expect(same.identical).toBe(true);
    expect(same.message).toBe('Refreshed “Journey map: Returns workshop”: nothing changed. Read the journey map “Returns workshop” as saved (version 1).');

    const stored = await call('journeyMap.get', { name: 'Returns workshop' });
    await call('journeyMap.save', { map: { ...stored, cards: [...stored.cards, { id: 'c7', lane: 'painPoints', stageId: 's3', text: 'Confusing returns form', evidence: 'assumed' }] } });
    deck = await call('deck.save', { deck: { ...deck, slides: [{ ...deck.slides[0], title: 'Where returns hurt' }] } });
    const r = await call('deck.refreshSlide', { jobId: 'job_refresh_map2', deck: 'Workshop', slideId: deck.slides[0].id });
    expect(r.identical).toBe(false);
    expect(r.slide.id).toBe(deck.slides[0].id);
    expect(r.slide.title).toBe('Where returns hurt');
    expect(r.changes).toEqual([
      {
        label: 'Headline',
        before: '3 stages from Order to Returns: 3 measured cards (with the journeys behind each), 3 cards from the workshop.',
        after: '3 stages from Order to Returns: 3 measured cards (with the journeys behind each), 4 cards from the workshop.',
      },
      { label: 'Returns · Pain points', before: 'absent', after: 'Confusing returns form' },
    ]);
    expect(r.message).toBe('Refreshed “Where returns hurt”: 2 changes. Your edited title is kept. Read the journey map “Returns workshop” as saved (version 2).');
    // Nothing saved by refresh: the stored deck still has the old snapshot.
    expect(cardsOf((await call('deck.get', { name: 'Workshop' })).slides[0].body).some((c) => c.lines.includes('Confusing returns form'))).toBe(false);
  });

  it('the HTML export shows the typed and large measured cards and none of the withheld card’s words', async () => {
    const out = await call('deck.export', { name: 'Workshop', format: 'html' });
    expect(out.data).toContain('Phone order line');
    expect(out.data).toContain('Checkout page: 120 journeys');
    expect(out.data).not.toContain('Returns portal');
    expect(out.data).not.toContain('Only 7 people');
  });

  it('a slide whose map was deleted cannot be refreshed and says why; an unknown map is refused when adding', async () => {
    await expect(call('deck.addJourneyMap', { deck: 'Workshop', map: 'No such map' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await call('journeyMap.delete', { name: 'Returns workshop' });
    await expect(call('deck.refreshSlide', { jobId: 'job_refresh_map3', deck: 'Workshop', slideId: deck.slides[0].id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'The journey map “Returns workshop” this slide shows was renamed or deleted, so the slide cannot be refreshed; it keeps its snapshot.',
    });
  });
});
