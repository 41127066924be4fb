// Keyboard navigation inside the map's grid, as pure functions so the rules are unit-tested. The grid is one tab stop
// (a roving tabindex): its items are, cell by cell, the cards in order and then the cell's "Add" button (so an empty
// cell is an item too). Arrow keys walk the items in reading order down a stage column and across the lanes.
import { JOURNEY_LANES, type JourneyLane, type JourneyMap } from '../../../../shared/journeys';

/** An item of the grid: lane row, stage column, position in its cell (the cell's card count = its Add button). */
export interface GridPos {
  lane: number;
  stage: number;
  item: number;
}

/** How many cards each cell holds: counts[lane][stage]. */
export type GridCounts = number[][];

export function gridCounts(map: JourneyMap): GridCounts {
  const at = new Map(map.stages.map((s, i) => [s.id, i]));
  const counts = JOURNEY_LANES.map(() => map.stages.map(() => 0));
  for (const c of map.cards) {
    const stage = at.get(c.stageId);
    const lane = JOURNEY_LANES.indexOf(c.lane);
    if (stage !== undefined && lane >= 0) counts[lane][stage]++;
  }
  return counts;
}

/** The key of the item at `pos`: its card's id, or "add:<lane>/<stageId>" for the cell's Add button. */
export function keyAt(map: JourneyMap, pos: GridPos): string | null {
  const stage = map.stages[pos.stage];
  const lane = JOURNEY_LANES[pos.lane];
  if (!stage || !lane) return null;
  const cards = map.cards.filter((c) => c.lane === lane && c.stageId === stage.id);
  if (pos.item < cards.length) return cards[pos.item].id;
  return pos.item === cards.length ? addKey(lane, stage.id) : null;
}

export const addKey = (lane: JourneyLane, stageId: string) => `add:${lane}/${stageId}`;

/** Where the item with `key` is now, or null when it is gone. */
export function posOf(map: JourneyMap, key: string): GridPos | null {
  if (key.startsWith('add:')) {
    const [lane, stageId] = key.slice(4).split('/');
    const l = JOURNEY_LANES.indexOf(lane as JourneyLane);
    const s = map.stages.findIndex((x) => x.id === stageId);
    if (l < 0 || s < 0) return null;
    return { lane: l, stage: s, item: map.cards.filter((c) => c.lane === lane && c.stageId === stageId).length };
  }
  const card = map.cards.find((c) => c.id === key);
  if (!card) return null;
  const l = JOURNEY_LANES.indexOf(card.lane);
  const s = map.stages.findIndex((x) => x.id === card.stageId);
  if (l < 0 || s < 0) return null;
  return { lane: l, stage: s, item: map.cards.filter((c) => c.lane === card.lane && c.stageId === card.stageId).findIndex((c) => c.id === key) };
}

/** The nearest existing item to a remembered position (after the item there went away): same cell first. */
export function clampPos(counts: GridCounts, pos: GridPos): GridPos | null {
  const stages = counts[0]?.length ?? 0;
  if (stages === 0) return null;
  const lane = Math.min(Math.max(0, pos.lane), counts.length - 1);
  const stage = Math.min(Math.max(0, pos.stage), stages - 1);
  return { lane, stage, item: Math.min(Math.max(0, pos.item), counts[lane][stage]) };
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'CtrlHome' | 'CtrlEnd';

/**
 * The item a key leads to from `pos` (the same position when there is nowhere to go).
 * ↓/↑: the next/previous item down the stage column (past a cell's Add button into the first card of the lane below;
 * up from a cell's first card to the Add button of the cell above). ←/→: the same lane in the neighbouring stage,
 * at the same card position or its last card (from an Add button to the Add button). Home/End: the first/last
 * stage of the lane; Ctrl+Home/End: the first item of the grid / the last cell's Add button.
 */
export function navigate(counts: GridCounts, pos: GridPos, key: NavKey): GridPos {
  const lanes = counts.length;
  const stages = counts[0]?.length ?? 0;
  if (stages === 0) return pos;
  const last = (lane: number, stage: number) => counts[lane][stage];
  const sideways = (stage: number): GridPos => {
    const onAdd = pos.item >= last(pos.lane, pos.stage);
    const target = last(pos.lane, stage);
    // A card goes to the card at its position, or the last card there (the Add button when the cell is empty).
    return { lane: pos.lane, stage, item: onAdd ? target : Math.min(pos.item, Math.max(0, target - 1)) };
  };
  switch (key) {
    case 'ArrowDown':
      if (pos.item < last(pos.lane, pos.stage)) return { ...pos, item: pos.item + 1 };
      return pos.lane < lanes - 1 ? { lane: pos.lane + 1, stage: pos.stage, item: 0 } : pos;
    case 'ArrowUp':
      if (pos.item > 0) return { ...pos, item: pos.item - 1 };
      return pos.lane > 0 ? { lane: pos.lane - 1, stage: pos.stage, item: last(pos.lane - 1, pos.stage) } : pos;
    case 'ArrowLeft':
      return pos.stage > 0 ? sideways(pos.stage - 1) : pos;
    case 'ArrowRight':
      return pos.stage < stages - 1 ? sideways(pos.stage + 1) : pos;
    case 'Home':
      return sideways(0);
    case 'End':
      return sideways(stages - 1);
    case 'CtrlHome':
      return { lane: 0, stage: 0, item: 0 };
    case 'CtrlEnd':
      return { lane: lanes - 1, stage: stages - 1, item: last(lanes - 1, stages - 1) };
  }
}

/** The navigation key of a keyboard event, or null for any other key (modifiers other than Ctrl+Home/End refuse). */
export function navKeyOf(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): NavKey | null {
  if (e.altKey || e.shiftKey) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl) return e.key === 'Home' ? 'CtrlHome' : e.key === 'End' ? 'CtrlEnd' : null;
  return ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) ? (e.key as NavKey) : null;
}
