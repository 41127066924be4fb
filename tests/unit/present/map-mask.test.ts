// The journey-map editing layer in presentation mode masks what disclosure control would withhold: a measured card
// from fewer than k people (k = 10 here) shows the mask instead of its words, n and curve value; an edit made on
// the masked view reaches the real map without writing the mask into it. Hand-made map of three cards:
//   c1 measured n = 7 (under 10: masked), c2 measured n = 250 (shown), c3 typed (shown).
import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/journeys';
import { maskedMap, unmaskEdit } from '../../../renderer/views/present/journey-map/mask';
import { addCard, editCard, moveCard } from '../../../renderer/views/journeys/canvas/map-model';

const MASK = 'Fewer than 10 people: details withheld.';
const MAP: JourneyMap = {
  name: 'M',
  stages: [
    { id: 's1', name: 'Order' },
    { id: 's2', name: 'Returns' },
  ],
  cards: [
    { id: 'c1', lane: 'emotions', stageId: 's2', text: 'Satisfaction 1.9 on 1–5', evidence: 'measured', n: 7, value: 1.9 },
    { id: 'c2', lane: 'touchpoints', stageId: 's1', text: 'Checkout: 250 journeys', evidence: 'measured', n: 250 },
    { id: 'c3', lane: 'painPoints', stageId: 's2', text: 'Parcel left outside', evidence: 'assumed' },
  ],
  persona: null,
  emotionScale: [1, 5],
  seededFrom: null,
  version: 1,
  updatedAt: '',
};

const through = (change: (m: JourneyMap) => JourneyMap) => unmaskEdit(MAP, change(maskedMap(MAP, 10, MASK)), 10, MASK);

describe('map editing layer mask', () => {
  it('masks the card under 10 (words, n and value), leaves the others', () => {
    const shown = maskedMap(MAP, 10, MASK);
    expect(shown.cards[0]).toEqual({ id: 'c1', lane: 'emotions', stageId: 's2', text: MASK, evidence: 'measured' });
    expect(shown.cards.slice(1)).toEqual(MAP.cards.slice(1));
    // At a threshold of 5 nothing is masked.
    expect(maskedMap(MAP, 5, MASK).cards).toEqual(MAP.cards);
  });

  it('edits reach the real map: a masked card opened and closed unchanged keeps its words; moved, it keeps its n in the new cell', () => {
    expect(through((m) => editCard(m, 'c1', { text: MASK })).cards[0]).toEqual(MAP.cards[0]);
    const moved = through((m) => moveCard(m, 'c1', 'left'));
    expect(moved.cards.find((c) => c.id === 'c1')).toEqual({ ...MAP.cards[0], stageId: 's1' });
    // A new card and an edit of a shown card go through as made.
    const added = through((m) => addCard(m, 'painPoints', 's2', 'Confusing returns form').map);
    expect(added.cards.map((c) => c.text)).toEqual(['Satisfaction 1.9 on 1–5', 'Checkout: 250 journeys', 'Parcel left outside', 'Confusing returns form']);
    expect(through((m) => editCard(m, 'c3', { text: 'Parcel left in the rain' })).cards[2].text).toBe('Parcel left in the rain');
    // Typing new words over a masked card is the facilitator's own card (assumed), as on the canvas.
    expect(through((m) => editCard(m, 'c1', { text: 'Returns feel slow' })).cards[0]).toMatchObject({ text: 'Returns feel slow', evidence: 'assumed' });
  });
});
