// One sticky note on the canvas: its text in large type, the emotion value when it has one, and its evidence
// ("measured · n = 1,234" or "assumed"). Double-click, Enter/F2 or the menu edits it in place; drag it to another
// cell, or move it with Alt+arrow keys (Alt+Shift+↑/↓ within its cell) or the menu; Delete removes it; Shift+F10
// or the context-menu key opens its menu. Every change is one undo step. Plain arrow keys are the grid's
// (MapCanvas): the card is one item of its roving tabindex, so only the active card (and its menu button) is tabbable.
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { IconArrowBarDown, IconArrowBarUp, IconArrowDown, IconArrowLeft, IconArrowRight, IconArrowUp, IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import type { JourneyCard } from '../../../../shared/journeys';
import { CardEditor } from './CardEditor';
import type { GridPos } from './grid-nav';
import { emotionColor, evidenceText, type Direction } from './map-model';
import { fullscreenPortal } from './fullscreen-portal';

export const CARD_MIME = 'application/x-cxw-map-card';

interface Props {
  card: JourneyCard;
  scale: [number, number];
  /** Which moves have a cell to go to (none beyond the first/last stage or lane). */
  canMove: Record<Direction, boolean>;
  /** Whether there is a card before / after it in its cell. */
  canReorder: { up: boolean; down: boolean };
  /** Its place in the grid's keyboard navigation, and whether it is the grid's one tab stop. */
  navKey: string;
  navPos: GridPos;
  tabbable: boolean;
  /** Id of the short description of the keys (read after the card's name). */
  describedBy?: string;
  onEdit: (patch: { text?: string; value?: number | null }) => void;
  /** Keyboard and menu moves; the canvas says where it went (or why it could not) and keeps the focus on it. */
  onMove: (dir: Direction) => void;
  onReorder: (delta: -1 | 1) => void;
  onDelete: () => void;
  onDropBefore: (cardId: string) => void;
}

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export function MapCard({ card, scale, canMove, canReorder, navKey, navPos, tabbable, describedBy, onEdit, onMove, onReorder, onDelete, onDropBefore }: Props) {
  const [editing, setEditing] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const [dropHere, setDropHere] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const ev = evidenceText(card);
  const isEmotion = card.lane === 'emotions';
  const preview = card.text.trim() ? card.text.trim().split('\n')[0].slice(0, 60) : 'empty card';

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey) return;
    const dir = ARROWS[e.key];
    if (e.altKey && e.shiftKey && (dir === 'up' || dir === 'down')) {
      e.preventDefault();
      onReorder(dir === 'up' ? -1 : 1);
    } else if (e.altKey && dir) {
      e.preventDefault();
      onMove(dir);
    } else if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
      e.preventDefault();
      setMenuOpen(true);
    } else if (e.altKey || e.shiftKey) {
      return;
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
        onDone={(text, value, leftByFocus) => {
          setEditing(false);
          onEdit({ text, value });
          // Back to the card, unless the focus already went elsewhere (Tab or a click out of the editor).
          if (!leftByFocus) requestAnimationFrame(() => ref.current?.focus());
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
      data-nav-key={navKey}
      data-nav-lane={navPos.lane}
      data-nav-stage={navPos.stage}
      data-nav-item={navPos.item}
      tabIndex={tabbable ? 0 : -1}
      aria-label={`Card: ${preview}`}
      aria-describedby={describedBy}
      aria-keyshortcuts="Enter F2 Delete Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown Shift+F10"
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
        <Menu opened={menuOpen} onChange={setMenuOpen} position="bottom-end" withinPortal portalProps={fullscreenPortal()} shadow="md">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" className="cxw-map-card-menu" aria-label={`Card actions: ${preview}`} tabIndex={tabbable ? 0 : -1}>
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
            <Menu.Item leftSection={<IconArrowBarUp size={16} />} rightSection={<kbd>Alt Shift ↑</kbd>} disabled={!canReorder.up} onClick={() => onReorder(-1)}>
              Move up in this cell
            </Menu.Item>
            <Menu.Item leftSection={<IconArrowBarDown size={16} />} rightSection={<kbd>Alt Shift ↓</kbd>} disabled={!canReorder.down} onClick={() => onReorder(1)}>
              Move down in this cell
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
