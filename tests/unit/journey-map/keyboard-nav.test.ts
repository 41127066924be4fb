// The canvas's keyboard rules as pure functions: the roving-tabindex walk through the grid (grid-nav.ts), where
// the focus lands when its item goes away, reordering a card within its cell, the cell names the announcements use,
// and telling an undo or a redo from other history changes (what the panel announces).
// Fixture: a hand-made map of three stages (Discover s1, Buy s2, Delivery s3) and six cards:
//   touchpoints: s1 [a, b], s3 [c]; actions: s1 [d]; emotions: s2 [e, f]; every other cell empty.
// Each cell's items are its cards then its Add button, so e.g. touchpoints/s1 has items a, b, add (indices 0, 1, 2).
// Every expected position below was worked out by hand from those rules.
import { describe, expect, it } from 'vitest';
import type { JourneyCard, JourneyMap } from '../../../shared/journeys';
import { addKey, clampPos, gridCounts, keyAt, navigate, navKeyOf, posOf, type GridPos, type NavKey } from '../../../renderer/views/journeys/canvas/grid-nav';
import { cellCards, cellName, deleteCard, deleteStage, reorderCard } from '../../../renderer/views/journeys/canvas/map-model';
import { apply, historyStep, redo, startHistory, undo } from '../../../renderer/views/journeys/canvas/map-history';

const card = (id: string, lane: JourneyCard['lane'], stageId: string, evidence: JourneyCard['evidence'] = 'assumed'): JourneyCard => ({ id, lane, stageId, text: id.toUpperCase(), evidence });

function map(): JourneyMap {
  return {
    name: 'Keys',
    stages: [
      { id: 's1', name: 'Discover' },
      { id: 's2', name: 'Buy' },
      { id: 's3', name: 'Delivery' },
    ],
    cards: [
      card('a', 'touchpoints', 's1', 'measured'),
      card('d', 'actions', 's1'),
      card('b', 'touchpoints', 's1'),
      card('e', 'emotions', 's2'),
      card('c', 'touchpoints', 's3'),
      card('f', 'emotions', 's2'),
    ],
    persona: null,
    emotionScale: [1, 5],
    seededFrom: null,
    version: 1,
    updatedAt: '',
  };
}

/** The key reached from `from` by pressing `keys` in turn. */
function walk(m: JourneyMap, from: string, ...keys: NavKey[]): string | null {
  const counts = gridCounts(m);
  let pos: GridPos = posOf(m, from)!;
  for (const k of keys) pos = navigate(counts, pos, k);
  return keyAt(m, pos);
}

describe('grid positions', () => {
  it('counts the cards of every cell (8 lanes × 3 stages)', () => {
    const counts = gridCounts(map());
    expect(counts).toHaveLength(8);
    expect(counts[0]).toEqual([2, 0, 1]);
    expect(counts[1]).toEqual([1, 0, 0]);
    expect(counts[2]).toEqual([0, 2, 0]);
    expect(counts.slice(3).flat()).toEqual(Array(15).fill(0));
  });

  it('names items by card id or the cell\'s Add button, and finds them again', () => {
    const m = map();
    expect(posOf(m, 'b')).toEqual({ lane: 0, stage: 0, item: 1 });
    expect(posOf(m, 'f')).toEqual({ lane: 2, stage: 1, item: 1 });
    expect(posOf(m, addKey('touchpoints', 's1'))).toEqual({ lane: 0, stage: 0, item: 2 });
    expect(posOf(m, addKey('kpis', 's3'))).toEqual({ lane: 6, stage: 2, item: 0 });
    expect(keyAt(m, { lane: 0, stage: 0, item: 2 })).toBe('add:touchpoints/s1');
    expect(keyAt(m, { lane: 0, stage: 0, item: 3 })).toBeNull();
    expect(posOf(m, 'gone')).toBeNull();
    expect(posOf(m, addKey('touchpoints', 's9'))).toBeNull();
  });
});

describe('arrow keys', () => {
  it('↓ walks down a stage column: the cards, the Add button, then the lane below', () => {
    const m = map();
    expect(walk(m, 'a', 'ArrowDown')).toBe('b');
    expect(walk(m, 'a', 'ArrowDown', 'ArrowDown')).toBe('add:touchpoints/s1');
    expect(walk(m, 'a', 'ArrowDown', 'ArrowDown', 'ArrowDown')).toBe('d');
    expect(walk(m, 'd', 'ArrowDown')).toBe('add:actions/s1');
    // An empty cell is one item, its Add button.
    expect(walk(m, 'd', 'ArrowDown', 'ArrowDown')).toBe('add:emotions/s1');
    expect(walk(m, 'add:backstage/s3', 'ArrowDown')).toBe('add:backstage/s3');
  });

  it('↑ walks back up, from a cell\'s first item into the cell above\'s Add button; nothing above the top lane', () => {
    const m = map();
    expect(walk(m, 'd', 'ArrowUp')).toBe('add:touchpoints/s1');
    expect(walk(m, 'b', 'ArrowUp')).toBe('a');
    expect(walk(m, 'a', 'ArrowUp')).toBe('a');
    expect(walk(m, 'add:painPoints/s2', 'ArrowUp')).toBe('add:emotions/s2');
    expect(walk(m, 'add:emotions/s2', 'ArrowUp')).toBe('f');
  });

  it('← → keep the lane and the card position, clamped; an Add button goes to the Add button', () => {
    const m = map();
    // b is card 2 of touchpoints/s1; Buy has no touchpoint, so its Add button.
    expect(walk(m, 'b', 'ArrowRight')).toBe('add:touchpoints/s2');
    expect(walk(m, 'a', 'ArrowRight')).toBe('add:touchpoints/s2');
    // From an Add button to Delivery's Add button, not to its card c.
    expect(walk(m, 'add:touchpoints/s2', 'ArrowRight')).toBe('add:touchpoints/s3');
    expect(walk(m, 'c', 'ArrowLeft')).toBe('add:touchpoints/s2');
    expect(walk(m, 'e', 'ArrowRight')).toBe('add:emotions/s3');
    expect(walk(m, 'f', 'ArrowLeft')).toBe('add:emotions/s1');
    expect(walk(m, 'c', 'ArrowRight')).toBe('c');
    expect(walk(m, 'a', 'ArrowLeft')).toBe('a');
  });

  it('Home / End: first and last stage of the lane; Ctrl+Home / Ctrl+End: the first and last item of the map', () => {
    const m = map();
    expect(walk(m, 'a', 'End')).toBe('c');
    expect(walk(m, 'c', 'Home')).toBe('a');
    expect(walk(m, 'b', 'End')).toBe('c');
    expect(walk(m, 'add:touchpoints/s2', 'End')).toBe('add:touchpoints/s3');
    expect(walk(m, 'f', 'CtrlHome')).toBe('a');
    expect(walk(m, 'a', 'CtrlEnd')).toBe('add:backstage/s3');
  });

  it('a map without stages has nowhere to go', () => {
    const m = { ...map(), stages: [], cards: [] };
    expect(navigate(gridCounts(m), { lane: 0, stage: 0, item: 0 }, 'ArrowDown')).toEqual({ lane: 0, stage: 0, item: 0 });
    expect(clampPos(gridCounts(m), { lane: 0, stage: 0, item: 0 })).toBeNull();
  });

  it('reads only unmodified arrows, Home and End, and Ctrl(or ⌘)+Home/End', () => {
    const ev = (key: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
    expect(navKeyOf(ev('ArrowDown'))).toBe('ArrowDown');
    expect(navKeyOf(ev('End'))).toBe('End');
    expect(navKeyOf(ev('Home', { ctrlKey: true }))).toBe('CtrlHome');
    expect(navKeyOf(ev('End', { metaKey: true }))).toBe('CtrlEnd');
    // Alt+arrows move cards, Shift+arrows and Ctrl+arrows are left alone, letters are not navigation.
    expect(navKeyOf(ev('ArrowDown', { altKey: true }))).toBeNull();
    expect(navKeyOf(ev('ArrowUp', { shiftKey: true }))).toBeNull();
    expect(navKeyOf(ev('ArrowLeft', { ctrlKey: true }))).toBeNull();
    expect(navKeyOf(ev('a'))).toBeNull();
  });
});

describe('where the focus goes when its item is gone', () => {
  it('a deleted card: the item now at its place in the cell (the next card, else the Add button)', () => {
    const m = map();
    const afterA = deleteCard(m, 'a');
    expect(keyAt(afterA, clampPos(gridCounts(afterA), posOf(m, 'a')!)!)).toBe('b');
    const afterB = deleteCard(m, 'b');
    expect(keyAt(afterB, clampPos(gridCounts(afterB), posOf(m, 'b')!)!)).toBe('add:touchpoints/s1');
  });

  it('a deleted last stage: the same lane in the stage now last', () => {
    const m = map();
    const out = deleteStage(m, 's3').map;
    expect(keyAt(out, clampPos(gridCounts(out), posOf(m, 'c')!)!)).toBe('add:touchpoints/s2');
  });
});

describe('reordering within a cell and naming cells', () => {
  it('moves a card one place up or down in its cell, other cells untouched; at the ends nothing changes', () => {
    const m = map();
    const up = reorderCard(m, 'b', -1);
    expect(cellCards(up, 'touchpoints', 's1').map((c) => c.id)).toEqual(['b', 'a']);
    const down = reorderCard(m, 'a', 1);
    expect(cellCards(down, 'touchpoints', 's1').map((c) => c.id)).toEqual(['b', 'a']);
    expect(cellCards(down, 'emotions', 's2').map((c) => c.id)).toEqual(['e', 'f']);
    expect(cellCards(down, 'actions', 's1').map((c) => c.id)).toEqual(['d']);
    expect(reorderCard(m, 'a', -1)).toBe(m);
    expect(reorderCard(m, 'f', 1)).toBe(m);
    expect(reorderCard(m, 'nope', 1)).toBe(m);
  });

  it('a measured card reordered in its own cell stays measured (it still says what the data said)', () => {
    const down = reorderCard(map(), 'a', 1);
    expect(down.cards.find((c) => c.id === 'a')).toMatchObject({ evidence: 'measured', lane: 'touchpoints', stageId: 's1' });
  });

  it('names a cell as its group label does', () => {
    const m = map();
    expect(cellName(m, 'painPoints', 's3')).toBe('Pain points in Delivery');
    expect(cellName(m, 'actions', 's1')).toBe('Customer actions in Discover');
    expect(cellName({ ...m, stages: [{ id: 's1', name: '' }] }, 'kpis', 's1')).toBe('KPIs in untitled stage');
  });
});

describe('history steps', () => {
  it('tells an undo and a redo from an edit and from no change', () => {
    const h0 = startHistory(map());
    const h1 = apply(h0, deleteCard(h0.present, 'a'));
    const h2 = undo(h1);
    const h3 = redo(h2);
    expect(historyStep(h0, h1)).toBe('other');
    expect(historyStep(h1, h2)).toBe('undo');
    expect(historyStep(h2, h3)).toBe('redo');
    expect(historyStep(h1, h1)).toBeNull();
    // Undo with nothing to undo returns the same history: nothing to say.
    expect(historyStep(h0, undo(h0))).toBeNull();
    expect(historyStep(null, h0)).toBe('other');
    expect(historyStep(h0, null)).toBe('other');
  });
});
