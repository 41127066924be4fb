// Dense journey-map slides are split into pages for export (main/services/decks/journey-map-export.ts). Hand-made
// map: a persona, 5 touchpoints, 6 pain points and 10 KPIs cards over two stages. A card is ceil(title / 18) + 1.5
// + ceil(text / 18) "lines" (text "kpis 1" → 1; "Order · Touchpoints" → 2, "Order · KPIs" → 1), rows of 4 are as
// tall as their tallest card, a page holds at most 8 cards and 15 lines:
//   page 1: persona (2) + touchpoints 4 + 1 (4.5 + 4.5)        = 11     with the pain points it would be 11 cards
//   page 2: pain points 4 + 2 (4.5 + 4.5), KPIs 1–2 (3.5)      = 12.5   the whole KPI lane (10 cards) fits no page
//   page 3: KPIs 3–10 (3.5 + 4.5)                              = 8
// In a deck [text, map, text], a suppression on slide 3 is on export page 1 + 3 + 1 = 5. Eight long pain points
// (190 characters: 2 + 1.5 + 11 = 14.5 lines each) go four to a page: two rows would be 29 lines.
import { describe, expect, it } from 'vitest';
import type { SafeDeck, Slide } from '../../../shared/decks';
import type { JourneyCard, JourneyLane, JourneyMap } from '../../../shared/journeys';
import { CARDS_PER_PAGE, LINES_PER_PAGE, splitMapSlidesForExport } from '../../../main/services/decks/journey-map-export';
import { buildJourneyMapSlide } from '../../../main/services/decks/journey-map-slide';

const cards = (lane: JourneyLane, n: number): JourneyCard[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${lane}${i}`, lane, stageId: i % 2 ? 's2' : 's1', text: `${lane} ${i + 1}`, evidence: 'measured', n: 100 + i }));

const MAP: JourneyMap = {
  name: 'Big map',
  stages: [
    { id: 's1', name: 'Order' },
    { id: 's2', name: 'Delivery' },
  ],
  cards: [...cards('touchpoints', 5), ...cards('painPoints', 6), ...cards('kpis', 10)],
  persona: { name: 'Busy parent', note: '' },
  emotionScale: [1, 5],
  seededFrom: null,
  version: 3,
  updatedAt: '2026-12-06T00:00:00.000Z',
};

const text = (id: string): Slide => ({ id, kind: 'text', title: id, headline: '', notes: '', source: null, body: [{ type: 'text', paragraphs: ['x'] }] });

describe('journey-map slides split for export', () => {
  it('pages of at most 8 cards, lanes whole where they fit, page titles numbered, report renumbered', () => {
    expect(CARDS_PER_PAGE).toBe(8);
    const map = buildJourneyMapSlide(MAP, 'mapslide1');
    const safe: SafeDeck = {
      deck: { name: 'D', slides: [text('intro'), map, text('outro')], version: 1, createdAt: '', updatedAt: '' },
      report: {
        settings: { minCell: 10, roundTo: 0 },
        suppressed: [{ slide: 3, slideTitle: 'outro', what: 'w', reason: 'r' }],
        removed: [{ slide: 2, slideTitle: map.title, what: 'w', reason: 'r' }],
        note: '',
      },
    };
    const out = splitMapSlidesForExport(safe);
    const pages = out.deck.slides.slice(1, -1);
    expect(pages.map((p) => p.title)).toEqual([1, 2, 3].map((i) => `Journey map: Big map (${i} of 3)`));
    expect(pages.map((p) => p.body.map((b) => (b.type === 'cards' ? b.cards.length : b.type)))).toEqual([['text', 5], [6, 2], [8]]);
    // Every card once, in order.
    const titles = (s: Slide[]) => s.flatMap((p) => p.body.flatMap((b) => (b.type === 'cards' ? b.cards.map((c) => c.title) : [])));
    expect(titles(pages)).toEqual(titles([map]));
    expect(new Set(out.deck.slides.map((s) => s.id)).size).toBe(5);
    expect(out.report.suppressed[0].slide).toBe(5);
    expect(out.report.removed[0].slide).toBe(2);
    // The input is not changed; a small map is left whole.
    expect(safe.deck.slides).toHaveLength(3);
    const small = buildJourneyMapSlide({ ...MAP, cards: cards('kpis', 8) }, 'mapslide2');
    const whole = { ...safe, deck: { ...safe.deck, slides: [small] } };
    expect(splitMapSlidesForExport(whole)).toBe(whole);
    // Long cards: four to a page.
    const long = buildJourneyMapSlide({ ...MAP, persona: null, cards: cards('painPoints', 8).map((c) => ({ ...c, text: 'x'.repeat(190) })) }, 'mapslide3');
    const byLength = splitMapSlidesForExport({ ...safe, deck: { ...safe.deck, slides: [long] } });
    expect(byLength.deck.slides.map((p) => p.body.map((b) => (b.type === 'cards' ? b.cards.length : b.type)))).toEqual([[4], [4]]);
    expect(LINES_PER_PAGE).toBe(15);
  });
});
