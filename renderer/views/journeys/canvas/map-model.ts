// Edits of a journey map as pure functions (map in, new map out), so every edit is one undoable step and the
// rules are unit-tested. The evidence rule: a measured card describes a figure at one stage and lane; once a
// person changes its text or value, or moves it to another cell, it is no longer what the data said, so it
// becomes "assumed" and keeps its n as the trace of the measurement it was edited from.
import { JOURNEY_LANES, LANE_LABELS, type JourneyCard, type JourneyLane, type JourneyMap, type JourneyMapStage, type JourneyPersona } from '../../../../shared/journeys';

export type Direction = 'left' | 'right' | 'up' | 'down';

/** Ids unique within a map: a short random suffix, re-drawn on the rare clash. */
export function newId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (;;) {
    const id = `${prefix}${Math.random().toString(36).slice(2, 9)}`;
    if (!used.has(id)) return id;
  }
}

export function emptyMap(name: string, stageNames: string[], now = new Date()): JourneyMap {
  const stages = stageNames.map((n, i) => ({ id: `s${i + 1}`, name: n }));
  return { name, stages, cards: [], persona: null, emotionScale: [1, 5], seededFrom: null, version: 0, updatedAt: now.toISOString() };
}

export function cellCards(map: JourneyMap, lane: JourneyLane, stageId: string): JourneyCard[] {
  return map.cards.filter((c) => c.lane === lane && c.stageId === stageId);
}

/** A person's change to a measured card makes it assumed; n stays as "edited from measured (n = …)". */
function demoted(card: JourneyCard): JourneyCard {
  return card.evidence === 'measured' ? { ...card, evidence: 'assumed' } : card;
}

export function addCard(map: JourneyMap, lane: JourneyLane, stageId: string, text: string, value?: number): { map: JourneyMap; id: string } {
  const id = newId('c', map.cards.map((c) => c.id));
  const card: JourneyCard = { id, lane, stageId, text, evidence: 'assumed', ...(value !== undefined ? { value } : {}) };
  return { map: { ...map, cards: [...map.cards, card] }, id };
}

/** Text and/or emotion value; `value: null` removes the value. Unchanged input returns the same map (no undo step). */
export function editCard(map: JourneyMap, id: string, patch: { text?: string; value?: number | null }): JourneyMap {
  const card = map.cards.find((c) => c.id === id);
  if (!card) return map;
  const textChanged = patch.text !== undefined && patch.text !== card.text;
  const valueChanged = patch.value !== undefined && (patch.value ?? undefined) !== card.value;
  if (!textChanged && !valueChanged) return map;
  let next: JourneyCard = demoted({ ...card, ...(textChanged ? { text: patch.text! } : {}) });
  if (valueChanged) {
    const { value: _old, ...rest } = next;
    next = patch.value === null ? rest : { ...rest, value: patch.value };
  }
  return replaceCard(map, next);
}

export function deleteCard(map: JourneyMap, id: string): JourneyMap {
  return { ...map, cards: map.cards.filter((c) => c.id !== id) };
}

/** Left/right: the neighbouring stage; up/down: the neighbouring lane. The card lands at the end of that cell. */
export function moveCard(map: JourneyMap, id: string, dir: Direction): JourneyMap {
  const card = map.cards.find((c) => c.id === id);
  if (!card) return map;
  const target = neighbourCell(map, card, dir);
  return target ? dropCard(map, id, target.lane, target.stageId) : map;
}

export function neighbourCell(map: JourneyMap, card: Pick<JourneyCard, 'lane' | 'stageId'>, dir: Direction): { lane: JourneyLane; stageId: string } | null {
  if (dir === 'left' || dir === 'right') {
    const i = map.stages.findIndex((s) => s.id === card.stageId) + (dir === 'left' ? -1 : 1);
    return i >= 0 && i < map.stages.length ? { lane: card.lane, stageId: map.stages[i].id } : null;
  }
  const j = JOURNEY_LANES.indexOf(card.lane) + (dir === 'up' ? -1 : 1);
  return j >= 0 && j < JOURNEY_LANES.length ? { lane: JOURNEY_LANES[j], stageId: card.stageId } : null;
}

/**
 * Drag and drop: put the card in (lane, stage), before `beforeId` when given (a card of that cell), else last.
 * Reordering within its own cell keeps a measured card measured; another cell demotes it.
 */
export function dropCard(map: JourneyMap, id: string, lane: JourneyLane, stageId: string, beforeId?: string): JourneyMap {
  const card = map.cards.find((c) => c.id === id);
  if (!card || beforeId === id) return map;
  const sameCell = card.lane === lane && card.stageId === stageId;
  const moved: JourneyCard = sameCell ? card : demoted({ ...card, lane, stageId });
  const rest = map.cards.filter((c) => c.id !== id);
  let at = beforeId ? rest.findIndex((c) => c.id === beforeId) : -1;
  if (at < 0) {
    // After the last card of the target cell (or at the end), so cells keep their order.
    const last = rest.map((c, i) => (c.lane === lane && c.stageId === stageId ? i : -1)).filter((i) => i >= 0).pop();
    at = last === undefined ? rest.length : last + 1;
  }
  const cards = [...rest.slice(0, at), moved, ...rest.slice(at)];
  if (sameCell && cards.every((c, i) => c === map.cards[i])) return map;
  return { ...map, cards };
}

/** Earlier (-1) or later (+1) within the card's own cell: the card swaps places with its neighbour there. */
export function reorderCard(map: JourneyMap, id: string, delta: -1 | 1): JourneyMap {
  const card = map.cards.find((c) => c.id === id);
  if (!card) return map;
  const cell = cellCards(map, card.lane, card.stageId);
  const other = cell[cell.indexOf(card) + delta];
  if (!other) return map;
  // dropCard before the neighbour moves up; moving down is the neighbour moving up past this card.
  return delta < 0 ? dropCard(map, id, card.lane, card.stageId, other.id) : dropCard(map, other.id, card.lane, card.stageId, id);
}

/** "Pain points in Delivery": a cell as the canvas names it (its group label, the announcements after a move). */
export function cellName(map: JourneyMap, lane: JourneyLane, stageId: string): string {
  const stage = map.stages.find((s) => s.id === stageId);
  return `${LANE_LABELS[lane]} in ${stage?.name || 'untitled stage'}`;
}

export function addStage(map: JourneyMap, name: string, at = map.stages.length): { map: JourneyMap; id: string } {
  const id = newId('s', map.stages.map((s) => s.id));
  const stages = [...map.stages.slice(0, at), { id, name }, ...map.stages.slice(at)];
  return { map: { ...map, stages }, id };
}

export function renameStage(map: JourneyMap, id: string, name: string): JourneyMap {
  const stage = map.stages.find((s) => s.id === id);
  if (!stage || stage.name === name) return map;
  return { ...map, stages: map.stages.map((s) => (s.id === id ? { ...s, name } : s)) };
}

export function moveStage(map: JourneyMap, id: string, delta: -1 | 1): JourneyMap {
  const i = map.stages.findIndex((s) => s.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= map.stages.length) return map;
  const stages = [...map.stages];
  [stages[i], stages[j]] = [stages[j], stages[i]];
  return { ...map, stages };
}

/** The stage and every card on it (one undo step brings both back). */
export function deleteStage(map: JourneyMap, id: string): { map: JourneyMap; stage: JourneyMapStage | null; cards: number } {
  const stage = map.stages.find((s) => s.id === id) ?? null;
  if (!stage) return { map, stage: null, cards: 0 };
  const cards = map.cards.filter((c) => c.stageId !== id);
  return { map: { ...map, stages: map.stages.filter((s) => s.id !== id), cards }, stage, cards: map.cards.length - cards.length };
}

export function setPersona(map: JourneyMap, persona: JourneyPersona | null): JourneyMap {
  if (JSON.stringify(persona) === JSON.stringify(map.persona)) return map;
  return { ...map, persona };
}

/** The curve's value per stage: the mean of that stage's emotion cards' values (null where none has one). */
export function curvePoints(map: JourneyMap): (number | null)[] {
  return map.stages.map((s) => {
    const values = map.cards.filter((c) => c.lane === 'emotions' && c.stageId === s.id && c.value !== undefined).map((c) => c.value!);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  });
}

/** Red (low) through amber to green (high) for a 0–1 position on the scale; the HTML export uses the same hues. */
export function emotionColor(t: number): string {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  return `hsl(${Math.round(c * 130)} 70% 42%)`;
}

function replaceCard(map: JourneyMap, card: JourneyCard): JourneyMap {
  return { ...map, cards: map.cards.map((c) => (c.id === card.id ? card : c)) };
}

/** Words for the evidence chip and its tooltip. */
export function evidenceText(card: Pick<JourneyCard, 'evidence' | 'n'>): { label: string; tip: string } {
  const n = card.n === undefined ? '' : card.n.toLocaleString('en-US');
  if (card.evidence === 'measured') {
    return {
      label: `measured · n = ${n || '?'}`,
      tip: `Computed from the data: rests on ${n || 'an unknown number of'} journeys (events for a channel mix). Editing its text or value, or moving it to another cell, makes it assumed.`,
    };
  }
  if (card.n !== undefined) {
    return {
      label: `assumed · edited from measured (n = ${n})`,
      tip: `Was measured on ${n} journeys, then changed by a person, so it no longer says only what the data said. Undo (Ctrl+Z) brings the measured card back.`,
    };
  }
  return { label: 'assumed', tip: 'Written by people in the workshop, not computed from data.' };
}
