// A local adapter around disclosure control for journey-map slides. main/disclosure judges a card without a figure
// by the slide's source base; a map slide has no source (a map is not a saved result), so every typed card would
// lose its words ("Fewer than 10 people: details withheld"). A typed card counts nobody: it is the workshop's
// words, like a text slide's paragraph. So, for the one call, each typed card of a map slide is lifted into a text
// block (its title and lines as bullets), where the same module applies the same rules as to any running text
// (personal values withheld, sentences citing a withheld number withheld), and is put back in its place after.
// Measured cards stay cards and are judged by their n as any group is. (The cleaner home for this rule is
// main/disclosure itself: "a figure-less card on a slide without a source is running text".)
import type { Deck, SafeDeck, SlideBlock } from '../../../shared/decks';
import { JOURNEY_MAP_SLIDE_KIND } from './journey-map-slide';

type CardsBlock = Extract<SlideBlock, { type: 'cards' }>;
type Card = CardsBlock['cards'][number];

interface Lifted {
  slide: number;
  block: number;
  index: number;
  card: Card;
}

export function disclosedWithTypedMapCards(deck: Deck, apply: (deck: Deck) => SafeDeck): SafeDeck {
  if (!deck.slides.some((s) => s.kind === JOURNEY_MAP_SLIDE_KIND)) return apply(deck);
  const copy: Deck = structuredClone(deck);
  const lifted: Lifted[][] = copy.slides.map(() => []);
  copy.slides.forEach((slide, si) => {
    if (slide.kind !== JOURNEY_MAP_SLIDE_KIND) return;
    slide.body.forEach((block, bi) => {
      if (block.type !== 'cards') return;
      block.cards.forEach((card, ci) => {
        if (!card.figure) lifted[si].push({ slide: si, block: bi, index: ci, card });
      });
      block.cards = block.cards.filter((c) => c.figure);
    });
    if (lifted[si].length) slide.body.push({ type: 'text', paragraphs: [], bullets: lifted[si].flatMap((l) => [l.card.title, ...l.card.lines]) });
  });
  const safe = apply(copy);
  safe.deck.slides.forEach((slide, si) => {
    if (!lifted[si].length) return;
    const text = slide.body.pop();
    if (!text || text.type !== 'text') throw new Error('journey-map disclosure adapter: the lifted text block is missing');
    const bullets = [...(text.bullets ?? [])];
    for (const l of lifted[si]) {
      const block = slide.body[l.block] as CardsBlock;
      const title = bullets.shift() ?? '';
      const lines = bullets.splice(0, l.card.lines.length);
      block.cards.splice(l.index, 0, { ...l.card, title, lines });
    }
  });
  return safe;
}
