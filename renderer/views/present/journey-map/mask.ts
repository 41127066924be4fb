// What the map's editing layer shows a room: measured cards computed from fewer people than the disclosure threshold
// (or with no n) keep their place but not their words, as on the presented slide; an edit made on that masked view
// is applied to the real map without writing the mask into it.
import type { JourneyCard, JourneyMap } from '../../../../shared/journeys';

export const isWithheld = (card: JourneyCard, k: number) => card.evidence === 'measured' && (card.n === undefined || card.n < k);

/** The map as the room may see it: measured cards under k keep their place but not their words, n or curve value. */
export function maskedMap(map: JourneyMap, k: number, mask: string): JourneyMap {
  const hide = (c: JourneyCard): JourneyCard => {
    const { n: _n, value: _value, ...rest } = c;
    return { ...rest, text: mask };
  };
  return { ...map, cards: map.cards.map((c) => (isWithheld(c, k) ? hide(c) : c)) };
}

/**
 * An edit made on the masked map, applied to the real one: a withheld card that comes back with the mask as its text
 * (opened and closed unchanged) keeps its real words and evidence; moves keep its new cell.
 */
export function unmaskEdit(before: JourneyMap, after: JourneyMap, k: number, mask: string): JourneyMap {
  const real = new Map(before.cards.filter((c) => isWithheld(c, k)).map((c) => [c.id, c]));
  if (!real.size) return after;
  return { ...after, cards: after.cards.map((c) => (real.has(c.id) && c.text === mask ? { ...real.get(c.id)!, lane: c.lane, stageId: c.stageId } : c)) };
}

