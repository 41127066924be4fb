// One sticky note on the canvas: its text in large type, the emotion value when it has one, and its evidence
// ("measured · n = 1,234" or "assumed"). Double-click, Enter or the menu edits it in place; drag it to another
// cell, or move it with Alt+arrow keys or the menu; Delete removes it. Every change is one undo step.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowLeft, IconArrowRight, IconArrowUp, IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import type { JourneyCard } from '../../../../shared/journeys';
import { CardEditor } from './CardEditor';
import { emotionColor, evidenceText, type Direction } from './map-model';
import { fullscreenPortal } from './fullscreen-portal';

export const CARD_MIME = 'application/x-cxw-map-card';

interface Props {
  card: JourneyCard;
  scale: [number, number];
  /** Which moves have a cell to go to (none beyond the first/last stage or lane). */
  canMove: Record<Direction, boolean>;
  focus: boolean;
  onFocused: () => void;
  onEdit: (patch: { text?: string; value?: number | null }) => void;
  onMove: (dir: Direction) => void;
  onDelete: () => void;
  onDropBefore: (cardId: string) => void;
}

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export function MapCard({ card, scale, canMove, focus, onFocused, onEdit, onMove, onDelete, onDropBefore }: Props) {
  const [editing, setEditing] = useState(false);
  const [dropHere, setDropHere] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const ev = evidenceText(card);
  const isEmotion = card.lane === 'emotions';
  const preview = card.text.trim() ? card.text.trim().split('\n')[0].slice(0, 60) : 'empty card';

  // After a keyboard move the card re-renders in its new cell; it takes the focus back so the next move works.
  useEffect(() => {
    if (focus && !editing) {
      ref.current?.focus();
      onFocused();
    }
  }, [focus, editing, onFocused]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    const dir = ARROWS[e.key];
    if (e.altKey && dir) {
      e.preventDefault();
      if (canMove[dir]) onMove(dir);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      setEditing(true);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onDelete();
    }
  };

  if (editing) {
    return (
      <CardEditor
        lane={card.lane}
        scale={scale}
        initialText={card.text}
        initialValue={card.value}
        measured={card.evidence === 'measured'}
        label={`Edit card: ${preview}`}
        onDone={(text, value) => {
          setEditing(false);
          onEdit({ text, value });
          requestAnimationFrame(() => ref.current?.focus());
        }}
        onCancel={() => {
          setEditing(false);
          requestAnimationFrame(() => ref.current?.focus());
        }}
      />
    );
  }

  const t = card.value !== undefined ? (card.value - scale[0]) / (scale[1] - scale[0]) : 0;
  return (
    <article
      ref={ref}
      className="cxw-map-card"
      data-evidence={card.evidence}
      data-edited={card.evidence === 'assumed' && card.n !== undefined ? 'true' : undefined}
      data-drop={dropHere ? 'true' : undefined}
      data-card-id={card.id}
      tabIndex={0}
      aria-label={`Card: ${preview}`}
      draggable
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData(CARD_MIME, card.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e: DragEvent) => {
        if (!e.dataTransfer.types.includes(CARD_MIME)) return;
        e.preventDefault();
        e.stopPropagation();
        setDropHere(true);
      }}
      onDragLeave={() => setDropHere(false)}
      onDrop={(e: DragEvent) => {
        const id = e.dataTransfer.getData(CARD_MIME);
        setDropHere(false);
        if (!id) return;
        e.preventDefault();
        e.stopPropagation();
        onDropBefore(id);
      }}
      onDoubleClick={() => setEditing(true)}
      onKeyDown={onKeyDown}
    >
      {isEmotion && card.value !== undefined && (
        <span className="cxw-map-card-value" style={{ background: emotionColor(t) }} aria-label={`Emotion value ${round2(card.value)}`}>
          {round2(card.value)}
        </span>
      )}
      <p className="cxw-map-card-text">{card.text || <span className="cxw-map-card-empty">(empty)</span>}</p>
      <div className="cxw-map-card-foot">
        <Tooltip label={ev.tip} multiline w={300} openDelay={200}>
          <span className="cxw-map-ev" data-evidence={card.evidence} tabIndex={-1}>
            {ev.label}
          </span>
        </Tooltip>
        <Menu position="bottom-end" withinPortal portalProps={fullscreenPortal()} shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" className="cxw-map-card-menu" aria-label={`Card actions: ${preview}`}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} rightSection={<kbd>Enter</kbd>} onClick={() => setEditing(true)}>
              Edit
            </Menu.Item>
            <Menu.Item leftSection={<IconArrowLeft size={16} />} rightSection={<kbd>Alt ←</kbd>} disabled={!canMove.left} onClick={() => onMove('left')}>
              Move to previous stage
            </Menu.Item>
            <Menu.Item leftSection={<IconArrowRight size={16} />} rightSection={<kbd>Alt →</kbd>} disabled={!canMove.right} onClick={() => onMove('right')}>
              Move to next stage
            </Menu.Item>
            <Menu.Item leftSection={<IconArrowUp size={16} />} rightSection={<kbd>Alt ↑</kbd>} disabled={!canMove.up} onClick={() => onMove('up')}>
              Move to lane above
            </Menu.Item>
            <Menu.Item leftSection={<IconArrowDown size={16} />} rightSection={<kbd>Alt ↓</kbd>} disabled={!canMove.down} onClick={() => onMove('down')}>
              Move to lane below
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} rightSection={<kbd>Del</kbd>} onClick={onDelete}>
              Delete card
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </div>
    </article>
  );
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
