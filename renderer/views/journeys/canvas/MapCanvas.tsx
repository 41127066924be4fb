// The canvas: stages as columns, the eight lanes as rows, cards in the cells, the emotion curve above the emotion
// cards. Cells accept dropped cards; every cell has an "add card" button; stage headers rename in place and carry
// their own menu (move, add after, delete — deleting a stage deletes its cards, and Undo brings both back).
import { useCallback, useState, type DragEvent } from 'react';
import { ActionIcon, Menu, Textarea, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconDots, IconPlus, IconTrash } from '@tabler/icons-react';
import { JOURNEY_LANES, LANE_LABELS, type JourneyLane, type JourneyMap, type JourneyMapStage } from '../../../../shared/journeys';
import { CardEditor } from './CardEditor';
import { EmotionCurve } from './EmotionCurve';
import { CARD_MIME, MapCard } from './MapCard';
import { addCard, addStage, cellCards, deleteCard, deleteStage, dropCard, editCard, moveCard, moveStage, neighbourCell, renameStage, type Direction } from './map-model';
import { fullscreenPortal } from './fullscreen-portal';

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

interface Props {
  map: JourneyMap;
  edit: (change: (map: JourneyMap) => JourneyMap) => void;
  onStageDeleted: (stage: JourneyMapStage, cards: number) => void;
}

export function MapCanvas({ map, edit, onStageDeleted }: Props) {
  const [draft, setDraft] = useState<{ lane: JourneyLane; stageId: string } | null>(null);
  const [dropCell, setDropCell] = useState<string | null>(null);
  const [focusCard, setFocusCard] = useState<string | null>(null);
  const clearFocus = useCallback(() => setFocusCard(null), []);
  const n = map.stages.length;

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
    <div className="cxw-map-grid" style={{ ['--map-stages' as string]: String(Math.max(1, n)) }} aria-label="Journey map canvas">
      <div className="cxw-map-corner">Stage</div>
      {map.stages.map((s, i) => (
        <StageHeader
          key={s.id}
          stage={s}
          index={i}
          count={n}
          onRename={(name) => edit((m) => renameStage(m, s.id, name))}
          onMove={(delta) => edit((m) => moveStage(m, s.id, delta))}
          onAddAfter={() => edit((m) => addStage(m, `Stage ${m.stages.length + 1}`, i + 1).map)}
          onDelete={() => {
            const out = deleteStage(map, s.id);
            edit(() => out.map);
            if (out.stage) onStageDeleted(out.stage, out.cards);
          }}
        />
      ))}
      {n === 0 && <div className="cxw-map-nostage">No stages yet: add one to start placing cards.</div>}

      {JOURNEY_LANES.map((lane) => (
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
          {map.stages.map((s) => {
            const cards = cellCards(map, lane, s.id);
            const cell = `${lane}/${s.id}`;
            const isDraft = draft?.lane === lane && draft.stageId === s.id;
            return (
              <div key={s.id} className="cxw-map-cell" role="group" aria-label={`${LANE_LABELS[lane]} in ${s.name || 'untitled stage'}`} data-drop={dropCell === cell ? 'true' : undefined} {...cellDrop(lane, s.id)}>
                {cards.map((c) => (
                  <MapCard
                    key={c.id}
                    card={c}
                    scale={map.emotionScale}
                    canMove={canMoves(map, c)}
                    focus={focusCard === c.id}
                    onFocused={clearFocus}
                    onEdit={(patch) => edit((m) => editCard(m, c.id, patch))}
                    onMove={(dir) => {
                      edit((m) => moveCard(m, c.id, dir));
                      setFocusCard(c.id);
                    }}
                    onDelete={() => edit((m) => deleteCard(m, c.id))}
                    onDropBefore={(id) => edit((m) => dropCard(m, id, lane, s.id, c.id))}
                  />
                ))}
                {isDraft ? (
                  <CardEditor
                    lane={lane}
                    scale={map.emotionScale}
                    initialText=""
                    measured={false}
                    label={`New card: ${LANE_LABELS[lane]} in ${s.name || 'untitled stage'}`}
                    onDone={(text, value) => {
                      setDraft(null);
                      if (text || typeof value === 'number') edit((m) => addCard(m, lane, s.id, text, value ?? undefined).map);
                    }}
                    onCancel={() => setDraft(null)}
                  />
                ) : (
                  <button type="button" className="cxw-map-add" data-empty={cards.length === 0 ? 'true' : undefined} aria-label={`Add card: ${LANE_LABELS[lane]} in ${s.name || 'untitled stage'}`} onClick={() => setDraft({ lane, stageId: s.id })}>
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

interface StageProps {
  stage: JourneyMapStage;
  index: number;
  count: number;
  onRename: (name: string) => void;
  onMove: (delta: -1 | 1) => void;
  onAddAfter: () => void;
  onDelete: () => void;
}

function StageHeader({ stage, index, count, onRename, onMove, onAddAfter, onDelete }: StageProps) {
  const [name, setName] = useState(stage.name);
  const [editing, setEditing] = useState(false);
  const shown = editing ? name : stage.name;
  const commit = () => {
    setEditing(false);
    const trimmed = name.trim();
    if (trimmed && trimmed !== stage.name) onRename(trimmed);
    else setName(stage.name);
  };
  return (
    <div className="cxw-map-stage">
      <span className="cxw-map-stage-num" aria-hidden="true">
        {index + 1}
      </span>
      <Textarea
        variant="unstyled"
        // Step codes such as "order_purchased" are one long word: a smaller size keeps them whole in the header.
        className={`cxw-map-stage-name${longestWord(shown) > 15 ? ' is-longer' : longestWord(shown) > 12 ? ' is-long' : ''}`}
        aria-label={`Name of stage ${index + 1}`}
        value={shown}
        placeholder="Untitled stage"
        maxLength={200}
        autosize
        minRows={1}
        maxRows={3}
        onFocus={() => {
          setName(stage.name);
          setEditing(true);
        }}
        onChange={(e) => setName(e.currentTarget.value.replace(/\n/g, ' '))}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            e.currentTarget.blur();
          }
          if (e.key === 'Escape') {
            setName(stage.name);
            setEditing(false);
            requestAnimationFrame(() => (e.target as HTMLTextAreaElement).blur());
          }
        }}
      />
      <Menu position="bottom-end" withinPortal portalProps={fullscreenPortal()} shadow="md">
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Stage actions: ${stage.name || `stage ${index + 1}`}`}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconArrowLeft size={16} />} disabled={index === 0} onClick={() => onMove(-1)}>
            Move stage left
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowRight size={16} />} disabled={index === count - 1} onClick={() => onMove(1)}>
            Move stage right
          </Menu.Item>
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={onAddAfter}>
            Add stage after
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
            Delete stage and its cards
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}

function longestWord(text: string): number {
  let longest = 0;
  for (const word of text.split(/\s+/)) longest = Math.max(longest, word.length);
  return longest;
}
