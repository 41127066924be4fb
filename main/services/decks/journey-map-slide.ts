// A journey-map slide: a frozen snapshot of a journey map (its own document, not a saved result) in the neutral
// block vocabulary, so presentation mode and every export draw it with no new renderer. One `cards` block per lane
// that has cards (lanes as rows), its cards in stage order (stages as columns), each titled "<stage> · <lane>";
// the persona as a text block above. A measured card carries its n as a count figure: disclosure control judges
// it like any group and withholds a card computed from fewer than k journeys, with its lines. A typed (assumed)
// card has no figure: it is the workshop's words, guarded like running text (main/disclosure/blocks.ts).
// Titles are unique on the slide: disclosure control withholds alike the groups of one slide that share a label,
// and two touchpoints of one stage are different people.
import type { Slide, SlideBlock } from '../../../shared/decks';
import { JOURNEY_LANES, LANE_LABELS, type JourneyCard, type JourneyLane, type JourneyMap } from '../../../shared/journeys';
import { count, plural } from '../analyses/slides/figures';
import { newSlideId } from '../analyses/slides/index';

export const JOURNEY_MAP_SLIDE_KIND = 'journeyMap.map';

const TONES: Partial<Record<JourneyLane, 'positive' | 'negative'>> = { painPoints: 'negative', opportunities: 'positive' };

/** The pre-filled headline; refresh recognises it by this form (an edited headline is kept). */
export function mapHeadline(map: JourneyMap): string {
  const measured = map.cards.filter((c) => c.evidence === 'measured').length;
  const route = map.stages.length ? ` from ${map.stages[0].name} to ${map.stages.at(-1)!.name}` : '';
  return `${plural(map.stages.length, 'stage')}${route}: ${plural(measured, 'measured card')} (with the journeys behind each), ${plural(map.cards.length - measured, 'card')} from the workshop.`;
}

export function isMapHeadline(text: string): boolean {
  return /^[\d,]+ stages? (from .+ to .+)?: [\d,]+ measured cards? \(with the journeys behind each\), [\d,]+ cards? from the workshop\.$/.test(text);
}

export const mapTitle = (map: Pick<JourneyMap, 'name'>) => `Journey map: ${map.name}`;

function mapNotes(map: JourneyMap): string {
  const from = map.seededFrom ? ` Seeded from the journey analytics of “${map.seededFrom.dataset}”; cards edited since are marked assumed.` : '';
  return (
    `A snapshot of the journey map “${map.name}” (version ${map.version}).${from} ` +
    'Measured cards show the number of journeys behind them; one computed from too few journeys is withheld. ' +
    'Press E while presenting to edit the map with the room; saving updates the map and this slide.'
  );
}

/** A measured card's figure: its n as a count of journeys; a measured card without an n has no base and is withheld. */
function cardFigure(card: JourneyCard) {
  if (card.evidence !== 'measured') return undefined;
  return card.n === undefined ? { value: null, format: 'count' as const } : count(card.n);
}

function laneBlock(map: JourneyMap, lane: JourneyLane): SlideBlock | null {
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const cards = map.cards.filter((c) => c.lane === lane && stageIndex.has(c.stageId));
  if (!cards.length) return null;
  // Stage order, then the map's own order within a cell (a stable sort keeps it).
  cards.sort((a, b) => stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)!);
  const seen = new Map<string, number>();
  return {
    type: 'cards',
    cards: cards.map((card) => {
      const base = `${map.stages[stageIndex.get(card.stageId)!].name || `Stage ${stageIndex.get(card.stageId)! + 1}`} · ${LANE_LABELS[lane]}`;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      const figure = cardFigure(card);
      return {
        title: k === 1 ? base : `${base} (${k})`,
        ...(figure ? { figure } : {}),
        lines: card.text.split('\n').map((l) => l.trim()).filter(Boolean),
        ...(TONES[lane] ? { tone: TONES[lane] } : {}),
      };
    }),
  };
}

/** The snapshot of a map as a slide (the id is new unless given). */
export function buildJourneyMapSlide(map: JourneyMap, id = newSlideId()): Slide {
  const body: SlideBlock[] = [];
  const p = map.persona;
  if (p && (p.name.trim() || p.note.trim())) {
    body.push({ type: 'text', paragraphs: [[p.name.trim() && `Persona: ${p.name.trim()}`, p.note.trim()].filter(Boolean).join(' — ')] });
  }
  for (const lane of JOURNEY_LANES) {
    const block = laneBlock(map, lane);
    if (block) body.push(block);
  }
  if (!map.cards.length) body.push({ type: 'text', paragraphs: [`The map has ${plural(map.stages.length, 'stage')} and no cards yet.`] });
  return { id, kind: JOURNEY_MAP_SLIDE_KIND, title: mapTitle(map), headline: mapHeadline(map), notes: mapNotes(map), source: null, body, journeyMap: map.name };
}
