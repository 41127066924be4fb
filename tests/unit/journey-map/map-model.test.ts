// The canvas's edits as pure functions, and undo/redo over them: card moves between cells and within a cell,
// the evidence rule (a person's change demotes a measured card and keeps its n), stage deletion with its
// cards, and a save in the middle of the history.
import { describe, expect, it } from 'vitest';
import type { JourneyMap } from '../../../shared/journeys';
import { validateMap } from '../../../main/workspace/journeys/maps';
import {
  addCard,
  addStage,
  cellCards,
  curvePoints,
  deleteCard,
  deleteStage,
  dropCard,
  editCard,
  emptyMap,
  evidenceText,
  moveCard,
  moveStage,
  renameStage,
  setPersona,
} from '../../../renderer/views/journeys/canvas/map-model';
import { apply, isDirty, rebase, redo, startHistory, undo } from '../../../renderer/views/journeys/canvas/map-history';
import { handMap } from './fixture';

const ids = (m: JourneyMap, lane: JourneyMap['cards'][number]['lane'], stage: string) => cellCards(m, lane, stage).map((c) => c.id);

describe('card edits', () => {
  it('adds assumed cards at the end of their cell with fresh ids', () => {
    const a = addCard(handMap(), 'touchpoints', 's1', 'Newsletter');
    const b = addCard(a.map, 'touchpoints', 's1', 'Search ad');
    expect(ids(b.map, 'touchpoints', 's1')).toEqual(['c1', a.id, b.id]);
    expect(new Set(b.map.cards.map((c) => c.id)).size).toBe(6);
    expect(b.map.cards.find((c) => c.id === a.id)).toEqual({ id: a.id, lane: 'touchpoints', stageId: 's1', text: 'Newsletter', evidence: 'assumed' });
    const e = addCard(handMap(), 'emotions', 's2', 'Anxious', 2);
    expect(e.map.cards.at(-1)).toMatchObject({ lane: 'emotions', value: 2, evidence: 'assumed' });
  });

  it('editing a measured card makes it assumed and keeps its n; no change is no edit', () => {
    const m = handMap();
    expect(editCard(m, 'c1', { text: 'Home page' })).toBe(m);
    const edited = editCard(m, 'c1', { text: 'Home page (new design)' });
    expect(edited.cards[0]).toEqual({ id: 'c1', lane: 'touchpoints', stageId: 's1', text: 'Home page (new design)', evidence: 'assumed', n: 1234 });
    expect(evidenceText(edited.cards[0]).label).toBe('assumed · edited from measured (n = 1,234)');
    expect(evidenceText(m.cards[0]).label).toBe('measured · n = 1,234');
    // A measured emotion's value changed: assumed too; removing a value drops the field.
    expect(editCard(m, 'c3', { value: 3 }).cards[2]).toMatchObject({ evidence: 'assumed', n: 300, value: 3 });
    expect(editCard(m, 'c3', { value: 2.5 })).toBe(m);
    expect('value' in editCard(m, 'c2', { value: null }).cards[1]).toBe(false);
    // Assumed cards stay assumed (and get no n).
    expect(editCard(m, 'c4', { text: 'Declined' }).cards[3]).toEqual({ ...m.cards[3], text: 'Declined' });
  });

  it('moves cards between neighbouring cells (left/right = stage, up/down = lane) and stops at the edges', () => {
    const m = handMap();
    const right = moveCard(m, 'c1', 'right');
    expect(right.cards.find((c) => c.id === 'c1')).toMatchObject({ stageId: 's2', lane: 'touchpoints', evidence: 'assumed', n: 1234 });
    expect(moveCard(right, 'c1', 'right')).toBe(right);
    expect(moveCard(m, 'c1', 'left')).toBe(m);
    expect(moveCard(m, 'c1', 'up')).toBe(m);
    const down = moveCard(m, 'c4', 'down');
    expect(down.cards.find((c) => c.id === 'c4')).toMatchObject({ lane: 'opportunities', stageId: 's2' });
    const up = moveCard(m, 'c4', 'up');
    // Up from pain points is emotions; the card lands after the cell's existing card c3.
    expect(ids(up, 'emotions', 's2')).toEqual(['c3', 'c4']);
  });

  it('drops before a card or at the end of a cell; reordering within a cell keeps measured cards measured', () => {
    let m = addCard(handMap(), 'touchpoints', 's1', 'Second').map;
    const second = m.cards.at(-1)!.id;
    m = dropCard(m, second, 'touchpoints', 's1', 'c1');
    expect(ids(m, 'touchpoints', 's1')).toEqual([second, 'c1']);
    expect(m.cards.find((c) => c.id === 'c1')!.evidence).toBe('measured');
    expect(dropCard(m, 'c1', 'touchpoints', 's1')).toBe(m);
    const across = dropCard(m, 'c3', 'emotions', 's1', 'c2');
    expect(ids(across, 'emotions', 's1')).toEqual(['c3', 'c2']);
    expect(across.cards.find((c) => c.id === 'c3')).toMatchObject({ evidence: 'assumed', n: 300, value: 2.5 });
    expect(() => validateMap(across)).not.toThrow();
  });

  it('deletes a card', () => {
    expect(deleteCard(handMap(), 'c2').cards.map((c) => c.id)).toEqual(['c1', 'c3', 'c4']);
  });
});

describe('stage edits', () => {
  it('adds, renames, reorders and deletes stages; a deleted stage takes its cards', () => {
    const m = handMap();
    const added = addStage(m, 'Wait', 1);
    expect(added.map.stages.map((s) => s.name)).toEqual(['Discover', 'Wait', 'Buy']);
    expect(renameStage(m, 's2', 'Pay').stages[1]).toEqual({ id: 's2', name: 'Pay' });
    expect(renameStage(m, 's2', 'Buy')).toBe(m);
    expect(moveStage(m, 's2', -1).stages.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(moveStage(m, 's2', 1)).toBe(m);
    const del = deleteStage(m, 's2');
    expect(del.stage).toEqual({ id: 's2', name: 'Buy' });
    expect(del.cards).toBe(2);
    expect(del.map.cards.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(() => validateMap(del.map)).not.toThrow();
  });

  it('a blank map has the named stages and no cards', () => {
    const m = emptyMap('Blank', ['A', 'B'], new Date('2025-01-01T00:00:00Z'));
    expect(m).toEqual({ name: 'Blank', stages: [{ id: 's1', name: 'A' }, { id: 's2', name: 'B' }], cards: [], persona: null, emotionScale: [1, 5], seededFrom: null, version: 0, updatedAt: '2025-01-01T00:00:00.000Z' });
  });

  it('the curve takes the mean value per stage and null where none', () => {
    const m = addCard(handMap(), 'emotions', 's2', 'x', 3.5).map;
    expect(curvePoints(m)).toEqual([4, 3]);
    expect(curvePoints(addStage(m, 'Later').map)).toEqual([4, 3, null]);
  });

  it('persona changes are edits; the same persona is none', () => {
    const m = handMap();
    expect(setPersona(m, { name: 'Busy parent', note: 'Shops on the phone at night.' })).toBe(m);
    expect(setPersona(m, null).persona).toBeNull();
  });
});

describe('undo / redo', () => {
  it('undoes and redoes every step; a new edit clears the redo branch', () => {
    const m0 = handMap();
    let h = startHistory(m0);
    const m1 = moveCard(m0, 'c1', 'right');
    h = apply(h, m1);
    const m2 = deleteStage(m1, 's1').map;
    h = apply(h, m2);
    expect(h.present.stages).toHaveLength(1);
    h = undo(h);
    expect(h.present).toBe(m1);
    h = undo(h);
    expect(h.present).toBe(m0);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe(m1);
    h = apply(h, renameStage(m1, 's1', 'Find'));
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(apply(h, h.present)).toBe(h);
  });

  it('is dirty until saved, clean again when undone back to the saved state, and a save rebases the versions', () => {
    const m0 = { ...handMap(), version: 1 };
    let h = startHistory(m0);
    expect(isDirty(h)).toBe(false);
    const m1 = renameStage(m0, 's1', 'Find');
    h = apply(h, m1);
    expect(isDirty(h)).toBe(true);
    expect(isDirty(undo(h))).toBe(false);
    // Saved as version 2: the older snapshot takes version 2, so undoing and saving again is not stale.
    const stored = { ...m1, version: 2, updatedAt: '2025-03-01T10:00:00.000Z' };
    h = rebase(h, m1, stored);
    expect(isDirty(h)).toBe(false);
    expect(h.present).toBe(stored);
    const back = undo(h);
    expect(back.present).toMatchObject({ version: 2, updatedAt: '2025-03-01T10:00:00.000Z' });
    expect(back.present.stages[0].name).toBe('Discover');
    expect(isDirty(back)).toBe(true);
  });
});
