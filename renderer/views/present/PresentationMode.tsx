// Presentation mode: the deck as it may be shown to a room — deck.present's SafeDeck (disclosure control applied),
// never the editor's raw slides — on a black full-screen stage, 16:9, scaled to fit any screen without scrolling.
// Keys in useSlideKeys; the presenter view (a second tab or window) follows and leads through sync.ts. Leaving full
// screen (Esc, the browser's own exit) leaves presentation mode. On a journey-map slide, "Edit map" (E) opens the
// map's editing layer over the slide (journey-map/MapEditLayer); saving there rebuilds the slide (onMapSaved).
import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { ActionIcon, Portal, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconDeviceDesktopAnalytics, IconPencil, IconX } from '@tabler/icons-react';
import type { SafeDeck } from '../../../shared/decks';
import { MapEditLayer } from './journey-map/MapEditLayer';
import { ScaledSlide } from './slides/SlideView';
import { usePresentSync } from './sync';
import { dimmed } from './dimmed';
import { useSlideKeys } from './useSlideKeys';

interface Props {
  safe: SafeDeck;
  startAt: number;
  onClose: (lastIndex: number) => void;
  onPresenter: () => void;
  /** A journey-map slide's map was saved from the editing layer: rebuild that slide, resolve with the deck as shown now. */
  onMapSaved?: (slideId: string) => Promise<SafeDeck>;
}

export function PresentationMode({ safe: initial, startAt, onClose, onPresenter, onMapSaved }: Props) {
  // The deck as shown: replaced when a journey map edited live rebuilds its slide.
  const [safe, setSafe] = useState(initial);
  const [editingMap, setEditingMap] = useState(false);
  const deck = safe.deck;
  const count = deck.slides.length;
  const [index, setIndex] = useState(Math.min(startAt, count - 1));
  // The controls stay out of the picture until the pointer moves (every one of them has a key).
  const [controls, setControls] = useState(false);
  const root = useRef<HTMLDivElement | null>(null);
  // The stage is drawn in a Portal, which renders its children only after it has mounted: the start-up below waits
  // for the element itself (with a plain ref it ran while the ref was still empty: no focus, no full screen).
  const [stageEl, setStageEl] = useState<HTMLDivElement | null>(null);
  const startedAt = useRef(Date.now());
  const entered = useRef(false);
  const indexRef = useRef(index);
  indexRef.current = index;

  const send = usePresentSync(deck.name, (m) => {
    if (m.type === 'goto') setIndex(Math.max(0, Math.min(count - 1, m.index)));
    if (m.type === 'hello') send({ type: 'state', deck: deck.name, index: indexRef.current, startedAt: startedAt.current });
  });
  const go = (i: number) => {
    setIndex(i);
    send({ type: 'goto', deck: deck.name, index: i });
  };
  const close = () => {
    // Said here, not on unmount: the channel closes before later cleanups run.
    send({ type: 'ended', deck: deck.name });
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    onClose(indexRef.current);
  };
  const closeRef = useRef(close);
  closeRef.current = close;
  const typed = useSlideKeys({
    count,
    index,
    go: (i) => {
      // Keys hide the controls, and take the focus back from a clicked control (which would keep them shown).
      setControls(false);
      if (root.current && document.activeElement !== root.current && root.current.contains(document.activeElement)) root.current.focus();
      go(i);
    },
    leave: close,
    enabled: !editingMap,
  });
  const mapSlide = deck.slides[index]?.kind === 'journeyMap.map' && deck.slides[index]?.journeyMap && onMapSaved ? deck.slides[index] : null;
  const mapSlideRef = useRef(mapSlide);
  mapSlideRef.current = mapSlide;
  const presenterRef = useRef(onPresenter);
  presenterRef.current = onPresenter;
  useEffect(() => {
    if (editingMap) return;
    // E edits the map of a journey-map slide; P opens the presenter view (a key press may open a window).
    const onKey = (e: KeyboardEvent) => {
      const key = e.key.toLowerCase();
      if ((key !== 'e' && key !== 'p') || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (key === 'p') {
        e.preventDefault();
        presenterRef.current();
        return;
      }
      if (!mapSlideRef.current) return;
      e.preventDefault();
      setEditingMap(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editingMap]);
  const closeMapEditor = useCallback(() => {
    setEditingMap(false);
    root.current?.focus();
  }, []);

  useEffect(() => {
    const el = stageEl;
    if (!el) return;
    el.focus();
    // Full screen where the platform allows it (a user gesture started presentation mode); a stage that fills the
    // window otherwise.
    if (el.requestFullscreen && !document.fullscreenElement) {
      el.requestFullscreen({ navigationUI: 'hide' }).then(
        () => (entered.current = true),
        () => undefined,
      );
    }
    const onChange = () => {
      if (entered.current && !document.fullscreenElement) closeRef.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    send({ type: 'state', deck: deck.name, index: indexRef.current, startedAt: startedAt.current });
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [stageEl]);

  // The controls show while the pointer moves and fade after a while; every one of them has a key too.
  useEffect(() => {
    if (!controls) return;
    const t = window.setTimeout(() => setControls(false), 2500);
    return () => window.clearTimeout(t);
  }, [controls, index]);

  const slide = deck.slides[index];
  const isLast = index === count - 1;
  // A modal stage: Tab and Shift+Tab go round its own controls (and the map layer's), never to the page behind.
  const keepTabInside = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab' || e.defaultPrevented) return;
    const inside = [...e.currentTarget.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter(
      (el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0,
    );
    if (!inside.length) return;
    const [first, last] = [inside[0], inside[inside.length - 1]];
    const at = document.activeElement;
    if (e.shiftKey && (at === first || at === e.currentTarget)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && at === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <Portal>
      <div
        ref={(el) => {
          root.current = el;
          if (el !== stageEl) setStageEl(el);
        }}
        className="cxp-stage"
        role="dialog"
        aria-modal="true"
        aria-label={`Presenting “${deck.name}”`}
        tabIndex={-1}
        onKeyDown={keepTabInside}
        onMouseMove={() => setControls(true)}
        data-index={index}
      >
        <div className="cxp-stage-fit">
          {slide && <ScaledSlide fit slide={slide} number={index + 1} total={count} minCell={safe.report.settings.minCell} note={isLast ? safe.report.note : undefined} />}
        </div>
        <div className="cxp-live" aria-live="polite">
          Slide {index + 1} of {count}: {slide?.title}
        </div>
        {typed && (
          <div className="cxp-typed" role="status">
            Go to slide {typed} — press Enter
          </div>
        )}
        {editingMap && mapSlide?.journeyMap && onMapSaved && (
          <MapEditLayer
            mapName={mapSlide.journeyMap}
            minCell={safe.report.settings.minCell}
            onSaved={async () => setSafe(await onMapSaved(mapSlide.page?.of ?? mapSlide.id))}
            onClose={closeMapEditor}
          />
        )}
        <div className={controls && !editingMap ? 'cxp-controls is-shown' : 'cxp-controls'}>
          <Tooltip label="Previous (←)">
            <ActionIcon size="xl" variant="filled" color="dark" aria-label="Previous slide" onClick={() => go(Math.max(0, index - 1))} {...dimmed(index === 0)}>
              <IconChevronLeft />
            </ActionIcon>
          </Tooltip>
          <span className="cxp-count">
            {index + 1} / {count}
          </span>
          <Tooltip label="Next (→ or space)">
            <ActionIcon size="xl" variant="filled" color="dark" aria-label="Next slide" onClick={() => go(Math.min(count - 1, index + 1))} {...dimmed(isLast)}>
              <IconChevronRight />
            </ActionIcon>
          </Tooltip>
          {mapSlide && (
            <Tooltip label="Edit the journey map with the room (E)">
              <ActionIcon size="xl" variant="filled" color="dark" aria-label="Edit map" aria-keyshortcuts="E" onClick={() => setEditingMap(true)}>
                <IconPencil />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label="Open the presenter view: notes, next slide, timer (P)">
            <ActionIcon size="xl" variant="filled" color="dark" aria-label="Presenter view" aria-keyshortcuts="P" onClick={onPresenter}>
              <IconDeviceDesktopAnalytics />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Leave (Esc)">
            <ActionIcon size="xl" variant="filled" color="dark" aria-label="Leave presentation" aria-keyshortcuts="Escape" onClick={close}>
              <IconX />
            </ActionIcon>
          </Tooltip>
        </div>
      </div>
    </Portal>
  );
}
