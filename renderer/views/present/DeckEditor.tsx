// One deck open for editing: the sorter on the left, the selected slide large in the middle with the disclosure
// summary under it, its words and origin on the right. Changes save themselves a moment after the last edit
// (deck.save with the version guard); Ctrl+Z / Ctrl+Shift+Z walk the view's history; "Present" shows the saved
// deck through disclosure control, full screen; "Export" makes an HTML, PDF or PowerPoint file.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Menu, Text, Title, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowLeft,
  IconChevronDown,
  IconChevronUp,
  IconCopy,
  IconDeviceDesktopAnalytics,
  IconDownload,
  IconPlayerPlay,
  IconPlus,
  IconSeparatorHorizontal,
  IconTextCaption,
  IconTrash,
} from '@tabler/icons-react';
import type { Deck, SafeDeck, Slide } from '../../../shared/decks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { DisclosurePanel } from './DisclosurePanel';
import { ExportDialog } from './ExportDialog';
import { PresentationMode } from './PresentationMode';
import { presenterHash } from './routes';
import { SlideInspector } from './SlideInspector';
import { SlideSorter } from './SlideSorter';
import { ScaledSlide } from './slides/SlideView';
import { dimmed } from './dimmed';
import { moveSlide, newSlideId, useDeckEditor } from './useDeckEditor';

const AUTOSAVE_MS = 800;

export function DeckEditor({ initial, onBack }: { initial: Deck; onBack: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const ed = useDeckEditor(initial);
  const [selected, setSelected] = useState(0);
  const [safe, setSafe] = useState<SafeDeck | null>(null);
  const [safeError, setSafeError] = useState<unknown>(null);
  const [checkNonce, setCheckNonce] = useState(0);
  const [presenting, setPresenting] = useState<SafeDeck | null>(null);
  const [exporting, setExporting] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [fit, setFit] = useState(1);
  // Where the keyboard goes back to: the Present button after presentation mode, "Text" when the deck is emptied.
  const presentButton = useRef<HTMLButtonElement>(null);
  const addTextButton = useRef<HTMLButtonElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // Opening a deck lands on its name (read out), a Tab away from the toolbar and the slides.
  useEffect(() => title.current?.focus(), []);
  const slides = ed.slides;
  const sel = Math.min(selected, Math.max(0, slides.length - 1));
  const slide: Slide | undefined = slides[sel];

  // What disclosure control makes of the saved deck: re-checked after each save and threshold change.
  useEffect(() => {
    let live = true;
    client.invoke('deck.present', { name: ed.name }).then(
      (s) => live && (setSafe(s), setSafeError(null)),
      (e: unknown) => live && setSafeError(e),
    );
    return () => {
      live = false;
    };
  }, [client, ed.name, ed.version, checkNonce]);

  const save = useCallback(async (): Promise<boolean> => {
    try {
      setSaveError(null);
      return (await ed.save()) !== null;
    } catch (err) {
      setSaveError(err);
      return false;
    }
  }, [ed.save]);

  // Autosave a moment after the last change; paused while a refused save waits for the analyst's choice.
  useEffect(() => {
    if (!ed.dirty || ed.problem || ed.saving || saveError) return;
    const t = window.setTimeout(() => void save(), AUTOSAVE_MS);
    return () => window.clearTimeout(t);
  }, [ed.slides, ed.dirty, ed.problem, ed.saving, saveError, save]);
  // Leaving with a change not yet saved: save it on the way out.
  const flush = useRef(() => {});
  flush.current = () => {
    if (ed.dirty && !ed.problem) void ed.save().catch(() => undefined);
  };
  useEffect(() => () => flush.current(), []);

  // Undo / redo / save from the keyboard anywhere in the editor (presentation mode has its own keys).
  useEffect(() => {
    if (presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || document.querySelector('[role="dialog"]')) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) ed.undo();
      else if ((k === 'z' && e.shiftKey) || k === 'y') ed.redo();
      else if (k === 's') void save();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting, ed.undo, ed.redo, save]);

  const patch = (p: Partial<Slide>, field: string) => {
    if (!slide) return;
    const id = slide.id;
    ed.change((all) => all.map((s) => (s.id === id ? { ...s, ...p } : s)), `${field}:${id}`);
  };
  const insert = (s: Slide) => {
    const at = slides.length === 0 ? 0 : sel + 1;
    ed.change((all) => [...all.slice(0, at), s, ...all.slice(at)]);
    setSelected(at);
  };
  const addText = () => insert({ id: newSlideId(), kind: 'text', title: 'Discussion', headline: '', notes: '', source: null, body: [{ type: 'text', paragraphs: ['What surprised you?'], bullets: [] }] });
  const addSection = () => insert({ id: newSlideId(), kind: 'section', title: 'Section', headline: '', notes: '', source: null, body: [] });
  const duplicate = (i: number) => {
    const copy = { ...slides[i], id: newSlideId() };
    ed.change((all) => [...all.slice(0, i + 1), copy, ...all.slice(i + 1)]);
    setSelected(i + 1);
  };
  const remove = (i: number) => {
    ed.change((all) => all.filter((_, j) => j !== i));
    setSelected(Math.max(0, Math.min(i, slides.length - 2)));
    if (slides.length === 1) requestAnimationFrame(() => addTextButton.current?.focus());
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= slides.length) return;
    ed.change((all) => moveSlide(all, from, to));
    setSelected(to);
  };

  const present = async () => {
    setStarting(true);
    try {
      if (ed.dirty && !(await save())) return;
      const s = await client.invoke('deck.present', { name: ed.name });
      if (s.deck.slides.length === 0) {
        toasts.error(new Error('This deck has no slides that may be shown.'), 'Nothing to present');
        return;
      }
      setSafe(s);
      setPresenting(s);
    } catch (err) {
      toasts.error(err, 'The deck could not be presented');
    } finally {
      setStarting(false);
    }
  };
  // A journey map edited live from its slide was saved: rebuild the slide from the saved map into the stored deck
  // (merged into what is stored, not the editor's copy), reload the editor with it, and show it through disclosure.
  const rebuildMapSlide = async (slideId: string): Promise<SafeDeck> => {
    const fresh = await client.invoke('deck.refreshSlide', { jobId: `mapslide_${Date.now().toString(36)}`, deck: ed.name, slideId });
    const stored = await client.invoke('deck.get', { name: ed.name });
    const saved = await client.invoke('deck.save', { deck: { name: stored.name, slides: stored.slides.map((s) => (s.id === slideId ? fresh.slide : s)), version: stored.version } });
    ed.load(saved);
    const s = await client.invoke('deck.present', { name: saved.name });
    setSafe(s);
    return s;
  };
  const openPresenter = () => {
    const w = window.open(`${window.location.pathname}${window.location.search}${presenterHash(ed.name)}`, `cxw-presenter`, 'popup,width=1280,height=800');
    if (!w) toasts.error(new Error('The window was blocked. Allow pop-ups for this page, or open the presenter view from a second tab.'), 'The presenter view did not open');
  };

  const status = ed.saving ? 'Saving…' : ed.dirty ? 'Unsaved changes' : 'All changes saved';
  return (
    <div className="cxp-editor">
      <Group className="cxp-toolbar" justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Tooltip label="All decks">
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Back to all decks" onClick={onBack}>
              <IconArrowLeft size={20} />
            </ActionIcon>
          </Tooltip>
          <Title ref={title} tabIndex={-1} order={2} size="h3" className="cxp-deck-title" title={ed.name}>
            {ed.name}
          </Title>
          <Badge variant="light" color={ed.dirty ? 'yellow' : 'gray'} className="cxp-status" role="status">
            {status}
          </Badge>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Tooltip label="Undo (Ctrl+Z)">
            {/* Dimmed, not disabled, at the end of the history: a disabled button would drop the keyboard's focus. */}
            <ActionIcon variant="default" size="lg" aria-label="Undo" aria-keyshortcuts="Control+Z" onClick={ed.undo} {...dimmed(!ed.canUndo)}>
              <IconArrowBackUp size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Redo (Ctrl+Shift+Z)">
            <ActionIcon variant="default" size="lg" aria-label="Redo" aria-keyshortcuts="Control+Shift+Z" onClick={ed.redo} {...dimmed(!ed.canRedo)}>
              <IconArrowForwardUp size={18} />
            </ActionIcon>
          </Tooltip>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" leftSection={<IconPlus size={16} />}>
                Add slide
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconTextCaption size={16} />} onClick={addText}>
                Text slide
              </Menu.Item>
              <Menu.Item leftSection={<IconSeparatorHorizontal size={16} />} onClick={addSection}>
                Section divider
              </Menu.Item>
              <Menu.Label>Slides from results: “Add to deck” on a saved result</Menu.Label>
            </Menu.Dropdown>
          </Menu>
          <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => setExporting(true)} disabled={slides.length === 0}>
            Export
          </Button>
          <Tooltip label="A second window with notes, the next slide and a timer">
            <Button variant="default" leftSection={<IconDeviceDesktopAnalytics size={16} />} onClick={openPresenter} disabled={slides.length === 0}>
              Presenter view
            </Button>
          </Tooltip>
          <Button ref={presentButton} leftSection={<IconPlayerPlay size={16} />} onClick={() => void present()} loading={starting} disabled={slides.length === 0}>
            Present
          </Button>
        </Group>
      </Group>
      {ed.problem?.kind === 'stale' && (
        <Alert color="yellow" variant="light" className="cxp-banner" title="Someone else changed this deck" role="alert">
          <Text size="sm">
            The deck was changed elsewhere (another window, slides added from a saved result, the command line) since it was opened here, so your latest change was
            not saved. Reload theirs and lose your unsaved changes, or keep yours and save over theirs.
          </Text>
          <Group gap="xs" mt="xs">
            <Button size="xs" onClick={() => void ed.reload()}>
              Reload their version
            </Button>
            <Button size="xs" variant="default" onClick={() => void ed.overwrite()}>
              Keep mine
            </Button>
          </Group>
        </Alert>
      )}
      {ed.problem?.kind === 'gone' && (
        <Alert color="red" variant="light" className="cxp-banner" title="This deck no longer exists" role="alert">
          It was renamed or deleted elsewhere. Go back to the decks to open it under its new name.
        </Alert>
      )}
      {saveError ? <ErrorAlert error={saveError} title="The deck could not be saved" onClose={() => setSaveError(null)} /> : null}
      <div className="cxp-editor-body">
        <nav className="cxp-sorter-col" aria-label="Slide sorter">
          <SlideSorter slides={slides} selected={sel} onSelect={setSelected} onMove={move} onDelete={remove} onEmptied={() => requestAnimationFrame(() => addTextButton.current?.focus())} />
          <Group gap={6} pt="sm" px={6} grow wrap="wrap">
            <Button ref={addTextButton} size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={addText} aria-label="Add a text slide">
              Text
            </Button>
            <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={addSection} aria-label="Add a section divider">
              Section
            </Button>
          </Group>
        </nav>
        <section className="cxp-stage-col" aria-label="Slide preview">
          {slide ? (
            <>
              <div className="cxp-preview">
                <ScaledSlide slide={slide} number={sel + 1} total={slides.length} minCell={safe?.report.settings.minCell ?? 10} onFit={setFit} />
              </div>
              {fit < 0.85 && (
                <Alert color="yellow" variant="light" p="xs" icon={<IconAlertTriangle size={18} />}>
                  <Text size="sm">
                    A dense slide: its content is shrunk to {Math.round(fit * 100)}% to fit the screen, smaller than a room can read. Duplicate it and keep part on
                    each, or tell the story on a text slide.
                  </Text>
                </Alert>
              )}
              <Group justify="space-between" mt="xs" wrap="nowrap">
                <Text size="sm" c="dimmed">
                  Slide {sel + 1} of {slides.length}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="subtle" color="gray" leftSection={<IconChevronUp size={14} />} onClick={() => move(sel, sel - 1)} {...dimmed(sel === 0)}>
                    Earlier
                  </Button>
                  <Button size="xs" variant="subtle" color="gray" leftSection={<IconChevronDown size={14} />} onClick={() => move(sel, sel + 1)} {...dimmed(sel >= slides.length - 1)}>
                    Later
                  </Button>
                  <Button size="xs" variant="subtle" color="gray" leftSection={<IconCopy size={14} />} onClick={() => duplicate(sel)}>
                    Duplicate
                  </Button>
                  <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => remove(sel)}>
                    Delete
                  </Button>
                </Group>
              </Group>
            </>
          ) : (
            <div className="cxp-preview-empty">
              <Text c="dimmed">An empty deck. Add a text slide or a section, or use “Add to deck” on a saved result.</Text>
            </div>
          )}
          <DisclosurePanel report={safe?.report ?? null} error={safeError} stale={ed.dirty} onSettingsChanged={() => setCheckNonce((n) => n + 1)} />
        </section>
        <aside className="cxp-inspector-col" aria-label="Slide details">
          {slide && <SlideInspector key={slide.id} deck={ed.name} slide={slide} saved={!ed.dirty} onChange={patch} onReplace={(s) => ed.change((all) => all.map((x) => (x.id === s.id ? s : x)))} />}
        </aside>
      </div>
      <ExportDialog opened={exporting} deck={ed.name} report={safe?.report ?? null} beforeExport={async () => !ed.dirty || save()} onClose={() => setExporting(false)} />
      {presenting && (
        <PresentationMode
          safe={presenting}
          startAt={Math.max(0, presenting.deck.slides.findIndex((p) => (p.page?.of ?? p.id) === slides[sel]?.id))}
          onPresenter={openPresenter}
          onMapSaved={rebuildMapSlide}
          onClose={(last) => {
            setPresenting(null);
            // Back to the button that started it (the stage that had the focus is gone).
            requestAnimationFrame(() => presentButton.current?.focus());
            // A presented page belongs to its slide in the editor (a dense map is presented as several pages).
            const shown = presenting.deck.slides[last];
            const at = shown ? slides.findIndex((s) => s.id === (shown.page?.of ?? shown.id)) : -1;
            if (at >= 0) setSelected(at);
          }}
        />
      )}
    </div>
  );
}

