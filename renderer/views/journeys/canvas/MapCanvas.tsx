// The canvas: stages as columns, the eight lanes as rows, cards in the cells, the emotion curve above the emotion
// cards. Cells accept dropped cards; every cell has an "add card" button; stage headers rename in place and carry
// their own menu (move, add after, delete — deleting a stage deletes its cards, and Undo brings both back).
// Keyboard: the grid of cards and Add buttons is one tab stop (a roving tabindex, rules in grid-nav.ts); arrow keys
// go from item to item, the focus follows a card that moves and goes to its neighbour when it is deleted, and a
// polite live region says what happened ("Card moved to Pain points in Delivery").
import { useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent, type FocusEvent, type KeyboardEvent } from 'react';
import { Tooltip, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { JOURNEY_LANES, LANE_LABELS, type JourneyCard, type JourneyLane, type JourneyMap, type JourneyMapStage } from '../../../../shared/journeys';
import { CardEditor } from './CardEditor';
import { EmotionCurve } from './EmotionCurve';
import { addKey, clampPos, gridCounts, keyAt, navigate, navKeyOf, posOf, type GridPos } from './grid-nav';
import { CARD_MIME, MapCard } from './MapCard';
import {
  addCard,
  addStage,
  cellCards,
  cellName,
  deleteCard,
  deleteStage,
  dropCard,
  editCard,
  moveCard,
  moveStage,
  neighbourCell,
  renameStage,
  reorderCard,
  type Direction,
} from './map-model';
import { StageHeader, type StageFocus } from './StageHeader';
import { useAnnouncer } from './useAnnouncer';

const LANE_HINTS: Record<JourneyLane, string> = {
  touchpoints: 'Where the customer meets the company: pages, calls, parcels, e-mails.',
  actions: 'What the customer does or tries to do at this stage.',
  emotions: 'How it feels; values draw the curve.',
  painPoints: 'What goes wrong or costs the customer effort.',
  opportunities: 'Ideas to fix a pain point or lift the moment.',
  channels: 'Web, app, store, phone…',
  kpis: 'Numbers to watch at this stage.',
  backstage: 'Teams, systems and processes the customer does not see.',
};

const EDGE: Record<Direction, string> = {
  left: 'Already in the first stage.',
  right: 'Already in the last stage.',
  up: 'Already in the top lane.',
  down: 'Already in the bottom lane.',
};

interface Props {
  map: JourneyMap;
  edit: (change: (map: JourneyMap) => JourneyMap) => void;
  onStageDeleted: (stage: JourneyMapStage, cards: number) => void;
  /** A stage header control to focus after the next render (e.g. the name of a stage the toolbar just added). */
  focusStage?: StageFocus | null;
  onStageFocused?: () => void;
}

const preview = (card: JourneyCard) => (card.text.trim() ? card.text.trim().split('\n')[0].slice(0, 60) : 'empty card');

export function MapCanvas({ map, edit, onStageDeleted, focusStage = null, onStageFocused }: Props) {
  const [draft, setDraft] = useState<{ lane: JourneyLane; stageId: string } | null>(null);
  const [dropCell, setDropCell] = useState<string | null>(null);
  const [ownStageFocus, setOwnStageFocus] = useState<StageFocus | null>(null);
  const stageFocus = ownStageFocus ?? focusStage;
  const stageFocused = useCallback(() => {
    setOwnStageFocus(null);
    onStageFocused?.();
  }, [onStageFocused]);
  const { say, region } = useAnnouncer();
  const ids = useId();
  const help = { card: `${ids}-card`, add: `${ids}-add`, stage: `${ids}-stage` };
  const n = map.stages.length;

  // The roving tabindex: the active item's key, and its last place for when it goes away (deleted, undone).
  const grid = useRef<HTMLDivElement>(null);
  const counts = useMemo(() => gridCounts(map), [map]);
  const [active, setActive] = useState<{ key: string | null; pos: GridPos }>({ key: null, pos: { lane: 0, stage: 0, item: 0 } });
  const activePos = (active.key ? posOf(map, active.key) : null) ?? clampPos(counts, active.pos);
  const activeKey = activePos ? keyAt(map, activePos) : null;
  const focusWanted = useRef(false);
  // The focus was in the grid and nowhere else since: when its element disappears (undo, delete), it comes back here.
  const ownsFocus = useRef(false);

  const itemEl = (key: string) => grid.current?.querySelector<HTMLElement>(`[data-nav-key="${CSS.escape(key)}"]`) ?? null;
  const focusItem = (key: string | null, pos: GridPos) => {
    setActive({ key, pos });
    focusWanted.current = true;
  };
  useEffect(() => {
    const lost = ownsFocus.current && (document.activeElement === null || document.activeElement === document.body);
    if ((!focusWanted.current && !lost) || !activeKey) return;
    const el = itemEl(activeKey);
    if (!el) return;
    focusWanted.current = false;
    el.focus();
  });

  const onGridKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = (e.target as HTMLElement).dataset?.navKey;
    const nav = navKeyOf(e);
    if (e.defaultPrevented || !key || !nav) return;
    const from = posOf(map, key);
    if (!from) return;
    e.preventDefault();
    const to = navigate(counts, from, nav);
    const toKey = keyAt(map, to);
    if (!toKey) return;
    setActive({ key: toKey, pos: to });
    itemEl(toKey)?.focus();
  };
  const onGridFocus = (e: FocusEvent<HTMLDivElement>) => {
    ownsFocus.current = true;
    const key = (e.target as HTMLElement).dataset?.navKey;
    const pos = key ? posOf(map, key) : null;
    if (key && pos && key !== active.key) setActive({ key, pos });
  };
  const onGridBlur = (e: FocusEvent<HTMLDivElement>) => {
    const to = e.relatedTarget as Node | null;
    if (to && e.currentTarget.contains(to)) return;
    if (to) {
      ownsFocus.current = false;
      return;
    }
    // No new focus: either the focused element was removed (keep the claim) or the page lost it (give it up).
    const from = e.target;
    window.setTimeout(() => {
      if (from.isConnected) ownsFocus.current = false;
    }, 0);
  };

  const moveBy = (card: JourneyCard, dir: Direction) => {
    const target = neighbourCell(map, card, dir);
    if (!target) return say(EDGE[dir]);
    edit((m) => moveCard(m, card.id, dir));
    focusItem(card.id, { lane: JOURNEY_LANES.indexOf(target.lane), stage: map.stages.findIndex((s) => s.id === target.stageId), item: 0 });
    say(`Card moved to ${cellName(map, target.lane, target.stageId)}${card.evidence === 'measured' ? '; it is now assumed' : ''}.`);
  };
  const reorder = (card: JourneyCard, delta: -1 | 1) => {
    const cell = cellCards(map, card.lane, card.stageId);
    const to = cell.findIndex((c) => c.id === card.id) + delta;
    if (to < 0 || to >= cell.length) return say(delta < 0 ? 'Already the first card in this cell.' : 'Already the last card in this cell.');
    edit((m) => reorderCard(m, card.id, delta));
    focusItem(card.id, posOf(map, card.id)!);
    say(`Card moved to place ${to + 1} of ${cell.length} in ${cellName(map, card.lane, card.stageId)}.`);
  };
  const remove = (card: JourneyCard) => {
    const pos = posOf(map, card.id);
    edit((m) => deleteCard(m, card.id));
    if (pos) focusItem(null, pos);
    say(`Card deleted: ${preview(card)}. Ctrl+Z brings it back.`);
  };
  const finishDraft = (lane: JourneyLane, stageId: string, pos: GridPos, text: string, value: number | null | undefined, leftByFocus: boolean) => {
    setDraft(null);
    let added: string | null = null;
    if (text || typeof value === 'number') {
      edit((m) => {
        const out = addCard(m, lane, stageId, text, value ?? undefined);
        added = out.id;
        return out.map;
      });
      say(`Card added to ${cellName(map, lane, stageId)}.`);
    }
    // Enter or Done: on the new card (or back on Add when nothing was written); a Tab or click took the focus already.
    if (!leftByFocus) focusItem(added ?? addKey(lane, stageId), pos);
  };

  const moveStageBy = (stage: JourneyMapStage, delta: -1 | 1, from: 'name' | 'menu') => {
    const i = map.stages.indexOf(stage);
    if (i + delta < 0 || i + delta >= n) return say(delta < 0 ? 'Already the first stage.' : 'Already the last stage.');
    edit((m) => moveStage(m, stage.id, delta));
    setOwnStageFocus({ id: stage.id, part: from });
    say(`Stage “${stage.name || 'untitled'}” moved to position ${i + delta + 1} of ${n}.`);
  };
  const addStageAfter = (i: number) => {
    let id = '';
    edit((m) => {
      const out = addStage(m, `Stage ${m.stages.length + 1}`, i + 1);
      id = out.id;
      return out.map;
    });
    if (id) setOwnStageFocus({ id, part: 'name', select: true });
    say(`Stage added at position ${i + 2}; type its name.`);
  };
  const removeStage = (stage: JourneyMapStage) => {
    const i = map.stages.indexOf(stage);
    const out = deleteStage(map, stage.id);
    edit(() => out.map);
    const next = map.stages[i + 1] ?? map.stages[i - 1];
    if (next) setOwnStageFocus({ id: next.id, part: 'menu' });
    if (out.stage) onStageDeleted(out.stage, out.cards);
    say(`Stage “${stage.name || 'untitled'}”${out.cards ? ` and its ${out.cards} card${out.cards === 1 ? '' : 's'}` : ''} deleted. Ctrl+Z brings it back.`);
  };

  const cellDrop = (lane: JourneyLane, stageId: string) => ({
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(CARD_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setDropCell(`${lane}/${stageId}`);
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropCell(null);
    },
    onDrop: (e: DragEvent) => {
      setDropCell(null);
      const id = e.dataTransfer.getData(CARD_MIME);
      if (!id) return;
      e.preventDefault();
      edit((m) => dropCard(m, id, lane, stageId));
    },
  });

  return (
    <>
      <div
        ref={grid}
        className="cxw-map-grid"
        style={{ ['--map-stages' as string]: String(Math.max(1, n)) }}
        role="region"
        aria-label="Journey map canvas"
        onKeyDown={onGridKeyDown}
        onFocus={onGridFocus}
        onBlur={onGridBlur}
      >
        <div className="cxw-map-corner">Stage</div>
        {map.stages.map((s, i) => (
          <StageHeader
            key={s.id}
            stage={s}
            index={i}
            count={n}
            focus={stageFocus?.id === s.id ? stageFocus : null}
            onFocused={stageFocused}
            describedBy={help.stage}
            onRename={(name) => edit((m) => renameStage(m, s.id, name))}
            onMove={(delta, from) => moveStageBy(s, delta, from)}
            onAddAfter={() => addStageAfter(i)}
            onDelete={() => removeStage(s)}
          />
        ))}
        {n === 0 && <div className="cxw-map-nostage">No stages yet: add one to start placing cards.</div>}

        {JOURNEY_LANES.map((lane, l) => (
          <div key={lane} className="cxw-map-lane" data-lane={lane}>
            <div className="cxw-map-lane-label" style={lane === 'emotions' ? { gridRow: 'span 2' } : undefined}>
              <Tooltip label={LANE_HINTS[lane]} multiline w={260} position="right">
                <span>{LANE_LABELS[lane]}</span>
              </Tooltip>
              {lane === 'emotions' && (
                <span className="cxw-map-lane-scale">
                  curve on {map.emotionScale[0]}–{map.emotionScale[1]}
                </span>
              )}
            </div>
            {lane === 'emotions' && n > 0 && <EmotionCurve map={map} />}
            {map.stages.map((s, st) => {
              const cards = cellCards(map, lane, s.id);
              const cell = `${lane}/${s.id}`;
              const isDraft = draft?.lane === lane && draft.stageId === s.id;
              const name = cellName(map, lane, s.id);
              const add = addKey(lane, s.id);
              return (
                <div key={s.id} className="cxw-map-cell" role="group" aria-label={name} data-drop={dropCell === cell ? 'true' : undefined} {...cellDrop(lane, s.id)}>
                  {cards.map((c, k) => (
                    <MapCard
                      key={c.id}
                      card={c}
                      scale={map.emotionScale}
                      canMove={canMoves(map, c)}
                      canReorder={{ up: k > 0, down: k < cards.length - 1 }}
                      navKey={c.id}
                      navPos={{ lane: l, stage: st, item: k }}
                      tabbable={activeKey === c.id}
                      describedBy={help.card}
                      onEdit={(patch) => edit((m) => editCard(m, c.id, patch))}
                      onMove={(dir) => moveBy(c, dir)}
                      onReorder={(delta) => reorder(c, delta)}
                      onDelete={() => remove(c)}
                      onDropBefore={(id) => edit((m) => dropCard(m, id, lane, s.id, c.id))}
                    />
                  ))}
                  {isDraft ? (
                    <CardEditor
                      lane={lane}
                      scale={map.emotionScale}
                      initialText=""
                      measured={false}
                      label={`New card: ${name}`}
                      onDone={(text, value, leftByFocus) => finishDraft(lane, s.id, { lane: l, stage: st, item: cards.length }, text, value, leftByFocus)}
                      onCancel={() => {
                        setDraft(null);
                        focusItem(add, { lane: l, stage: st, item: cards.length });
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      className="cxw-map-add"
                      data-empty={cards.length === 0 ? 'true' : undefined}
                      data-nav-key={add}
                      tabIndex={activeKey === add ? 0 : -1}
                      aria-label={`Add card: ${name}`}
                      aria-describedby={help.add}
                      onClick={() => setDraft({ lane, stageId: s.id })}
                    >
                      <IconPlus size={16} aria-hidden="true" />
                      <span>Add</span>
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <VisuallyHidden id={help.card}>Arrow keys: other cards and cells. Enter: edit. Alt+arrows: move. Delete: remove. Shift+F10: more.</VisuallyHidden>
      <VisuallyHidden id={help.add}>Arrow keys: other cells and cards. Enter: write a card here.</VisuallyHidden>
      <VisuallyHidden id={help.stage}>Alt+Left or Alt+Right moves the stage.</VisuallyHidden>
      {region}
    </>
  );
}

function canMoves(map: JourneyMap, card: { lane: JourneyLane; stageId: string }): Record<Direction, boolean> {
  return {
    left: neighbourCell(map, card, 'left') !== null,
    right: neighbourCell(map, card, 'right') !== null,
    up: neighbourCell(map, card, 'up') !== null,
    down: neighbourCell(map, card, 'down') !== null,
  };
}
