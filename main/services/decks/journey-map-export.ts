// Pages for journey-map slides, in front of presentation mode and the exporters (main/export/deck). A seeded map
// (40+ cards) drawn whole on one slide shrinks to unreadable text at the projector sizes, is clipped in HTML (a
// hidden card is a hidden finding) and is unreadably small in PowerPoint. So a map slide that does not fit one page
// becomes several pages that fit (by card count and length of text), "Journey map: X (2 of 5)", lanes kept whole
// where they fit, a long lane split in stage order; each page names its slide (`page.of`), so the live edit and a
// refresh go back to it. This runs on the SafeDeck: disclosure control has already judged the whole slide, so
// splitting changes nothing it decided; the report's slide numbers are moved to the first page of each split slide.
import type { SafeDeck, Slide, SlideBlock, Suppression } from '../../../shared/decks';
import { maxOf } from '../../../shared/extent';
import { JOURNEY_MAP_SLIDE_KIND } from './journey-map-slide';

/** At most two rows of four cards on an exported 16:9 page. */
export const CARDS_PER_PAGE = 8;
/**
 * And at most this much text: the height of a page's card rows in "lines" (a card is as tall as its title and its
 * words at about 18 characters a line in a quarter-width card, plus its figure; a row is as tall as its tallest
 * card). Measured on the HTML export of the demo's seeded map: two rows of KPI cards (7.5 and 8.5 lines) fit one
 * page and, worded a little differently, overflowed another; one row of pain-point cards (about 14 lines) fits.
 */
export const LINES_PER_PAGE = 15;
const COLUMNS = 4;

type CardsBlock = Extract<SlideBlock, { type: 'cards' }>;
type Card = CardsBlock['cards'][number];

const cardCount = (blocks: SlideBlock[]) => blocks.reduce((n, b) => n + (b.type === 'cards' ? b.cards.length : 0), 0);
const cardLines = (c: Card) => Math.ceil(c.title.length / 18) + 1.5 + Math.ceil(c.lines.join(' ').length / 18);

function pageLines(blocks: SlideBlock[]): number {
  let total = 0;
  for (const b of blocks) {
    if (b.type !== 'cards') {
      total += 2;
      continue;
    }
    for (let i = 0; i < b.cards.length; i += COLUMNS) total += maxOf(b.cards.slice(i, i + COLUMNS).map(cardLines));
  }
  return total;
}

const fits = (blocks: SlideBlock[]) => cardCount(blocks) <= CARDS_PER_PAGE && pageLines(blocks) <= LINES_PER_PAGE;

/** The blocks of a map slide in pages that fit (text blocks ride on the page they precede); lanes whole where they fit. */
function pagesOf(body: SlideBlock[]): SlideBlock[][] {
  const pages: SlideBlock[][] = [[]];
  const last = () => pages[pages.length - 1];
  for (const block of body) {
    if (block.type !== 'cards') {
      last().push(block);
      continue;
    }
    // A lane that fits a page of its own but not what is left of this one starts a new page.
    if (cardCount(last()) > 0 && !fits([...last(), block]) && fits([block])) pages.push([]);
    let piece: CardsBlock | null = null;
    for (const card of block.cards) {
      const grown: CardsBlock = { ...block, cards: [...(piece?.cards ?? []), card] };
      const page = piece ? [...last().slice(0, -1), grown] : [...last(), grown];
      if (!fits(page) && cardCount(last()) > 0) {
        pages.push([]);
        piece = { ...block, cards: [card] };
        last().push(piece);
      } else {
        if (piece) last()[last().length - 1] = grown;
        else last().push(grown);
        piece = grown;
      }
    }
  }
  return pages.filter((p) => p.length > 0);
}

export function splitMapSlidesForExport(safe: SafeDeck): SafeDeck {
  const split = safe.deck.slides.map((slide): Slide[] => {
    if (slide.kind !== JOURNEY_MAP_SLIDE_KIND || fits(slide.body)) return [slide];
    const pages = pagesOf(slide.body);
    return pages.map((body, i) => ({
      ...slide,
      id: i === 0 ? slide.id : `${slide.id.slice(0, 56)}-p${i + 1}`,
      title: `${slide.title} (${i + 1} of ${pages.length})`,
      notes: i === 0 ? slide.notes : `Continued: page ${i + 1} of ${pages.length} of the journey map.`,
      page: { of: slide.id, index: i + 1, count: pages.length },
      body,
    }));
  });
  if (split.every((s) => s.length === 1)) return safe;
  // Slide n of the presented deck is page firstPage[n - 1] of the export.
  const firstPage: number[] = [];
  split.reduce((next, pages, i) => ((firstPage[i] = next), next + pages.length), 1);
  const renumber = (s: Suppression): Suppression => (s.slide >= 1 && s.slide <= firstPage.length ? { ...s, slide: firstPage[s.slide - 1] } : s);
  return {
    deck: { ...safe.deck, slides: split.flat() },
    report: { ...safe.report, suppressed: safe.report.suppressed.map(renumber), removed: safe.report.removed.map(renumber) },
  };
}
