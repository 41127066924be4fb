// A stage's column header: its number, its name edited in place, and its menu (rename, move, add after, delete).
// Keyboard: Enter keeps a new name and stays in the field, Escape puts the old one back; Alt+←/→ (in the name or on
// the menu button) moves the stage, and the focus moves with it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ActionIcon, Menu, Textarea } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCursorText, IconDots, IconPlus, IconTrash } from '@tabler/icons-react';
import type { JourneyMapStage } from '../../../../shared/journeys';
import { fullscreenPortal } from './fullscreen-portal';

/** Which control of a header should take the focus after the next render (a move re-renders it elsewhere). */
export type StageFocus = { id: string; part: 'name' | 'menu'; select?: boolean };

interface Props {
  stage: JourneyMapStage;
  index: number;
  count: number;
  focus: StageFocus | null;
  onFocused: () => void;
  /** Id of the visible keyboard help (what Alt+arrows do here). */
  describedBy?: string;
  onRename: (name: string) => void;
  onMove: (delta: -1 | 1, from: 'name' | 'menu') => void;
  onAddAfter: () => void;
  onDelete: () => void;
}

export function StageHeader({ stage, index, count, focus, onFocused, describedBy, onRename, onMove, onAddAfter, onDelete }: Props) {
  const [name, setName] = useState(stage.name);
  const [editing, setEditing] = useState(false);
  const nameRef = useRef<HTMLTextAreaElement>(null);
  const menuRef = useRef<HTMLButtonElement>(null);
  // "Rename stage" in the menu: the name field, its text selected, once the menu has closed.
  const [renaming, setRenaming] = useState(0);
  const shown = editing ? name : stage.name;

  useEffect(() => {
    if (!focus) return;
    const el = focus.part === 'name' ? nameRef.current : menuRef.current;
    el?.focus();
    if (focus.select && el instanceof HTMLTextAreaElement) el.select();
    onFocused();
  }, [focus, onFocused]);
  useEffect(() => {
    if (!renaming) return;
    nameRef.current?.focus();
    nameRef.current?.select();
  }, [renaming]);

  const commit = () => {
    const trimmed = name.trim();
    if (trimmed && trimmed !== stage.name) onRename(trimmed);
    else setName(stage.name);
  };
  const moveKey = (e: KeyboardEvent, from: 'name' | 'menu') => {
    if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return false;
    // Also keeps Alt+← from going back in the browser's history.
    e.preventDefault();
    if (from === 'name' && editing) commit();
    onMove(e.key === 'ArrowLeft' ? -1 : 1, from);
    return true;
  };
  const label = stage.name || `stage ${index + 1}`;

  return (
    <div className="cxw-map-stage">
      <span className="cxw-map-stage-num" aria-hidden="true">
        {index + 1}
      </span>
      <Textarea
        ref={nameRef}
        variant="unstyled"
        // Step codes such as "order_purchased" are one long word: a smaller size keeps them whole in the header.
        className={`cxw-map-stage-name${longestWord(shown) > 15 ? ' is-longer' : longestWord(shown) > 12 ? ' is-long' : ''}`}
        aria-label={`Name of stage ${index + 1}`}
        aria-describedby={describedBy}
        aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
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
        onChange={(e) => {
          setEditing(true);
          setName(e.currentTarget.value.replace(/\n/g, ' '));
        }}
        onBlur={() => {
          setEditing(false);
          commit();
        }}
        onKeyDown={(e) => {
          if (moveKey(e, 'name')) return;
          if (e.key === 'Enter') {
            // Keep the name and stay here: leaving the field would drop the focus on the page.
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape' && name !== stage.name) {
            // Only an unsaved change is undone here; with nothing to undo, Escape goes on (it closes the map layer).
            e.preventDefault();
            e.stopPropagation();
            setName(stage.name);
          }
        }}
      />
      <Menu position="bottom-end" withinPortal portalProps={fullscreenPortal()} shadow="md">
        <Menu.Target>
          <ActionIcon
            ref={menuRef}
            variant="subtle"
            color="gray"
            className="cxw-map-stage-menu"
            aria-label={`Stage actions: ${label}`}
            aria-describedby={describedBy}
            aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
            onKeyDown={(e) => void moveKey(e, 'menu')}
          >
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconCursorText size={16} />} onClick={() => setRenaming((n) => n + 1)}>
            Rename stage
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowLeft size={16} />} rightSection={<kbd>Alt ←</kbd>} disabled={index === 0} onClick={() => onMove(-1, 'menu')}>
            Move stage left
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowRight size={16} />} rightSection={<kbd>Alt →</kbd>} disabled={index === count - 1} onClick={() => onMove(1, 'menu')}>
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
