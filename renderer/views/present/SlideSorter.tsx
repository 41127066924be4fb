// The slide sorter: every slide as a small picture of itself (the real SlideView, scaled), in order. Click to
// select; drag to reorder; on a focused thumbnail ↑/↓ select, Home/End the first/last, Alt+↑/↓ move the slide,
// Delete removes it (Undo brings it back). The thumbnails are one Tab stop (the selected one). A live region says
// where a moved slide went and which slide was deleted.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Text, VisuallyHidden } from '@mantine/core';
import type { Slide } from '../../../shared/decks';
import { ScaledSlide } from './slides/SlideView';

interface Props {
  slides: Slide[];
  selected: number;
  onSelect: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onDelete: (index: number) => void;
  /** The last slide was deleted from the keyboard: the focus needs somewhere to go. */
  onEmptied?: () => void;
}

const THUMB_W = 176;

export function SlideSorter({ slides, selected, onSelect, onMove, onDelete, onEmptied }: Props) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusId, setFocusId] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ from: number; over: number | null } | null>(null);
  const [said, setSaid] = useState('');

  // Keep the keyboard on the slide that moved (its button re-renders in its new place).
  useEffect(() => {
    if (!focusId) return;
    buttons.current.get(focusId)?.focus();
    setFocusId(null);
  }, [focusId, slides]);

  const move = (from: number, to: number) => {
    if (to < 0 || to >= slides.length || from === to) return;
    onMove(from, to);
    onSelect(to);
    setFocusId(slides[from].id);
    setSaid(`Moved “${slides[from].title}” to position ${to + 1} of ${slides.length}.`);
  };

  const onKey = (e: KeyboardEvent, i: number) => {
    const up = e.key === 'ArrowUp' || e.key === 'ArrowLeft';
    const down = e.key === 'ArrowDown' || e.key === 'ArrowRight';
    if ((up || down) && e.altKey) {
      move(i, up ? i - 1 : i + 1);
    } else if (up || down) {
      const to = Math.max(0, Math.min(slides.length - 1, up ? i - 1 : i + 1));
      onSelect(to);
      setFocusId(slides[to].id);
    } else if (e.key === 'Home' || e.key === 'End') {
      const to = e.key === 'Home' ? 0 : slides.length - 1;
      onSelect(to);
      setFocusId(slides[to].id);
    } else if (e.key === 'Delete') {
      onDelete(i);
      const next = slides[i + 1] ?? slides[i - 1];
      if (next) setFocusId(next.id);
      else onEmptied?.();
      setSaid(`Deleted slide ${i + 1}, “${slides[i].title || 'untitled'}”. Ctrl+Z brings it back.`);
    } else return;
    e.preventDefault();
  };

  const live = (
    <VisuallyHidden role="status" aria-live="polite">
      {said}
    </VisuallyHidden>
  );
  if (slides.length === 0) {
    return (
      <>
        <Text size="sm" c="dimmed" p="sm">
          No slides yet. Add a text slide or a section below, or use “Add to deck” on a saved result.
        </Text>
        {live}
      </>
    );
  }
  return (
    <>
      <Text size="xs" c="dimmed" px={4} pb={6} id="cxp-sorter-help">
        ↑/↓ choose a slide, Alt+↑/↓ move it, Delete removes it. Or drag to reorder.
      </Text>
      <ol className="cxp-sorter" aria-label="Slides" aria-describedby="cxp-sorter-help">
        {slides.map((s, i) => (
          <li
            key={s.id}
            className="cxp-sorter-item"
            data-drop={drag && drag.over === i && drag.from !== i ? (drag.from < i ? 'after' : 'before') : undefined}
            onDragOver={(e) => {
              if (!drag) return;
              e.preventDefault();
              if (drag.over !== i) setDrag({ ...drag, over: i });
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (drag) move(drag.from, i);
              setDrag(null);
            }}
          >
            <span className="cxp-sorter-num" aria-hidden="true">
              {i + 1}
            </span>
            <button
              type="button"
              ref={(el) => {
                if (el) buttons.current.set(s.id, el);
                else buttons.current.delete(s.id);
              }}
              className="cxp-thumb"
              aria-current={i === selected ? 'true' : undefined}
              tabIndex={i === selected ? 0 : -1}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', s.id);
                setDrag({ from: i, over: null });
              }}
              onDragEnd={() => setDrag(null)}
              onClick={() => onSelect(i)}
              onKeyDown={(e) => onKey(e, i)}
            >
              {/* The name is the hidden text (WCAG 2.5.3: the picture's words are not the label). */}
              <VisuallyHidden>{`Slide ${i + 1}: ${s.title || (s.kind === 'section' ? 'Section' : 'Untitled')}`}</VisuallyHidden>
              <div aria-hidden="true">
                <ScaledSlide slide={s} number={i + 1} total={slides.length} minCell={10} width={THUMB_W} decorative />
              </div>
            </button>
          </li>
        ))}
      </ol>
      {live}
    </>
  );
}
