// The journey map canvas for workshops: pick, create, seed (from the analytics on screen), rename and delete
// maps; edit stages × lanes with undo/redo; save explicitly (Ctrl/Cmd+S) with a clear message when someone else
// saved in between; link a persona to a segment; export PNG (drawn in the page) or a self-contained HTML page.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChartDots3, IconPencil, IconPlus, IconRoute, IconTrash } from '@tabler/icons-react';
import type { JourneyMap, JourneyMapStage, JourneyResult, JourneySpec } from '../../../../shared/journeys';
import { AppError } from '../../../../shared/errors';
import { useClient } from '../../../state/bridge';
import { useAsync } from '../../../state/useAsync';
import { useToasts } from '../../../state/toasts';
import { useWorkspace } from '../../../state/workspace';
import { downloadText } from '../../../lib/download';
import { formatCount } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { DeleteDialog, NameDialog, SeedDialog } from './MapDialogs';
import { MapCanvas } from './MapCanvas';
import { useAddMapToDeck } from './AddMapToDeck';
import { PersonaPanel } from './PersonaPanel';
import { MapToolbar } from './MapToolbar';
import { historyStep, type MapHistory } from './map-history';
import type { StageFocus } from './StageHeader';
import { useAnnouncer } from './useAnnouncer';
import { addStage, emptyMap, setPersona } from './map-model';
import { mapToPngBlob } from './map-png';
import { downloadBlob } from '../../../lib/download';
import { forgetSession, unsavedSession, useMapEditor } from './useMapEditor';
import './canvas.css';

export interface JourneyMapPanelProps {
  /** The analytics' spec and result currently shown (null before a run): "seed from data" uses them. */
  spec: JourneySpec | null;
  result: JourneyResult | null;
}

type Dialog = { kind: 'new' } | { kind: 'rename' } | { kind: 'copy' } | { kind: 'seed' } | { kind: 'delete'; name: string } | null;

const OPEN_KEY = 'cxw-journey-map-open';
const SIZE_KEY = 'cxw-journey-map-size';

function readStore(key: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
function writeStore(key: string, workspace: string, value: string | null): void {
  try {
    const all = readStore(key);
    if (value) all[workspace] = value;
    else delete all[workspace];
    localStorage.setItem(key, JSON.stringify(all));
  } catch {
    // Storage may be unavailable; remembering is a convenience.
  }
}

export function JourneyMapPanel({ spec, result }: JourneyMapPanelProps) {
  const client = useClient();
  const toasts = useToasts();
  const { info } = useWorkspace();
  const workspace = info?.path ?? '';
  const editor = useMapEditor(workspace, () => void save());
  const { map, dirty } = editor;
  const loadedName = useRef<string | null>(null);
  loadedName.current = map?.name ?? null;
  const [listNonce, setListNonce] = useState(0);
  const maps = useAsync(() => client.invoke('journeyMap.list', {}), [client, workspace, listNonce]);
  // The open map is remembered per workspace; switching workspace opens that workspace's last map.
  const [opened, setOpened] = useState<{ workspace: string; name: string | null }>(() => ({ workspace, name: readStore(OPEN_KEY)[workspace] ?? null }));
  const openName = opened.workspace === workspace ? opened.name : (readStore(OPEN_KEY)[workspace] ?? null);
  const setOpenName = useCallback((name: string | null) => setOpened({ workspace, name }), [workspace]);
  const loadedIn = useRef(workspace);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [deletedStage, setDeletedStage] = useState<{ stage: JourneyMapStage; cards: number } | null>(null);
  const [size, setSize] = useState<string>(() => readStore(SIZE_KEY).all ?? 'normal');
  const [exporting, setExporting] = useState<'png' | 'html' | null>(null);
  const names = (maps.data ?? []).map((m) => m.name);
  const [focusStage, setFocusStage] = useState<StageFocus | null>(null);
  const clearFocusStage = useCallback(() => setFocusStage(null), []);
  const undoNotice = useRef<HTMLButtonElement>(null);
  const { say, region } = useAnnouncer();
  // Undo and redo change the canvas wherever the focus is: say which one happened.
  const lastHistory = useRef<MapHistory | null>(null);
  useEffect(() => {
    const step = historyStep(lastHistory.current, editor.history);
    lastHistory.current = editor.history;
    if (step === 'undo') say('Undone.');
    else if (step === 'redo') say('Redone.');
  }, [editor.history, say]);
  const refreshList = useCallback(() => setListNonce((n) => n + 1), []);

  // Open the chosen map: this session's unsaved edits of it when there are some, else the stored copy.
  const { load, close } = editor;
  useEffect(() => {
    writeStore(OPEN_KEY, workspace, openName);
    setLoadError(null);
    setDeletedStage(null);
    if (!openName) {
      close();
      return;
    }
    // Already on screen (just created, seeded or renamed here): keep its undo history.
    if (loadedName.current === openName && loadedIn.current === workspace) return;
    loadedIn.current = workspace;
    let live = true;
    client.invoke('journeyMap.get', { name: openName }).then(
      (m) => live && load(m, true),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof AppError && err.code === 'NOT_FOUND') setOpenName(null);
        else setLoadError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [client, workspace, openName, load, close, setOpenName]);

  useEffect(() => {
    if (!deletedStage) return;
    const t = window.setTimeout(() => setDeletedStage(null), 15_000);
    return () => window.clearTimeout(t);
  }, [deletedStage]);

  async function save(): Promise<JourneyMap | null> {
    try {
      const stored = await editor.save();
      if (stored) {
        refreshList();
        toasts.success('Map saved', `“${stored.name}”, version ${stored.version}.`);
      }
      return stored;
    } catch (err) {
      toasts.error(err, 'The map was not saved');
      return null;
    }
  }

  const createMap = async (name: string, stages: string[]) => {
    const stored = await client.invoke('journeyMap.save', { map: emptyMap(name, stages) });
    editor.load(stored);
    setOpenName(stored.name);
    refreshList();
    setDialog(null);
  };

  // Rename and "save mine as a copy" both store the present under a new name (version 0); rename then removes the old one.
  const storeAs = async (name: string, removeOld: boolean) => {
    if (!map) return;
    const old = map.name;
    const stored = await client.invoke('journeyMap.save', { map: { ...map, name, version: 0 } });
    if (removeOld) {
      try {
        await client.invoke('journeyMap.delete', { name: old });
      } catch (err) {
        toasts.error(err, `Saved as “${name}”, but “${old}” could not be removed`);
      }
    }
    editor.adopt(stored, removeOld ? old : null);
    setOpenName(stored.name);
    refreshList();
    setDialog(null);
    toasts.success(removeOld ? 'Map renamed' : 'Saved as a copy', `“${stored.name}”, version ${stored.version}.`);
  };

  const reloadStored = async () => {
    if (!map) return;
    try {
      editor.load(await client.invoke('journeyMap.get', { name: map.name }));
      toasts.success('Map reloaded', 'Showing the version saved in the workspace.');
    } catch (err) {
      toasts.error(err, 'The map could not be reloaded');
    }
  };

  const deleteMap = async () => {
    if (dialog?.kind !== 'delete') return;
    await client.invoke('journeyMap.delete', { name: dialog.name });
    forgetSession(workspace, dialog.name);
    if (openName === dialog.name) setOpenName(null);
    refreshList();
    toasts.success('Map deleted', `“${dialog.name}” was removed.`);
    setDialog(null);
  };

  const exportPng = async () => {
    if (!map) return;
    setExporting('png');
    try {
      downloadBlob(await mapToPngBlob(map), `${fileSafe(map.name)} journey map.png`);
      toasts.success('PNG exported', dirty ? 'The picture shows the map as on screen, including unsaved changes.' : `“${map.name}” as a picture.`);
    } catch (err) {
      toasts.error(err, 'The PNG was not exported');
    } finally {
      setExporting(null);
    }
  };

  // The HTML is made from the saved map, so unsaved changes are saved first.
  const exportHtml = async () => {
    if (!map) return;
    setExporting('html');
    try {
      if (dirty && !(await save())) return;
      const out = await client.invoke('journeyMap.exportHtml', { name: map.name });
      downloadText(out.html, out.fileName, 'text/html;charset=utf-8');
      toasts.success('HTML exported', `“${out.fileName}”: one file with no scripts and no links, safe to share.`);
    } catch (err) {
      toasts.error(err, 'The HTML was not exported');
    } finally {
      setExporting(null);
    }
  };

  // The slide is a snapshot of the saved map, so unsaved changes are saved first.
  const addToDeck = useAddMapToDeck();
  const startAddToDeck = async () => {
    if (!map) return;
    if (dirty && !(await save())) return;
    addToDeck.start(map.name);
  };

  // A new stage at the end, its name field focused with the placeholder name selected: type to name it.
  const addStageAtEnd = () => {
    let id = '';
    editor.edit((m) => {
      const out = addStage(m, `Stage ${m.stages.length + 1}`);
      id = out.id;
      return out.map;
    });
    if (id) setFocusStage({ id, part: 'name', select: true });
    say('Stage added at the end; type its name.');
  };

  const mapOptions = (maps.data ?? []).map((m) => ({
    value: m.name,
    label: `${m.name}${workspace && unsavedSession(workspace, m.name) ? ' • unsaved' : ''}`,
  }));
  const seedHint = spec ? `Analyse “${spec.dataset}” with the set-up above and lay the results out as a new map.` : 'Run the journey analytics first: seeding uses its columns and stages.';

  return (
    <div className="cxw-map" data-size={size}>
      <Group className="cxw-map-picker" gap="sm" wrap="wrap" align="flex-end">
        <Select
          label="Journey map"
          placeholder={maps.loading ? 'Loading…' : names.length ? 'Choose a map' : 'No maps yet'}
          data={mapOptions}
          value={openName}
          onChange={(v) => v && setOpenName(v)}
          disabled={names.length === 0}
          w={340}
          searchable
          comboboxProps={{ withinPortal: true }}
          nothingFoundMessage="No map with that name"
        />
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'new' })}>
          New map
        </Button>
        <Tooltip label={seedHint} multiline w={300}>
          <Button variant="light" leftSection={<IconChartDots3 size={16} />} onClick={() => setDialog({ kind: 'seed' })} disabled={!spec}>
            Seed from data
          </Button>
        </Tooltip>
        {map && (
          <Group gap={4} ml="auto">
            <Button variant="subtle" color="gray" leftSection={<IconPencil size={16} />} onClick={() => setDialog({ kind: 'rename' })}>
              Rename
            </Button>
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDialog({ kind: 'delete', name: map.name })}>
              Delete
            </Button>
          </Group>
        )}
      </Group>

      <ErrorAlert error={maps.error} title="The maps could not be listed" />
      <ErrorAlert error={loadError} title={`“${openName}” could not be opened`} />

      {!map && !loadError && (
        <Paper withBorder radius="md" p="xl" className="cxw-map-empty">
          <Stack gap="sm" align="flex-start">
            <Group gap="sm">
              <IconRoute size={28} aria-hidden="true" />
              <Title order={3}>Journey map canvas</Title>
            </Group>
            <Text maw={720}>
              Stages as columns, eight lanes as rows — touchpoints, customer actions, emotions, pain points, opportunities, channels, KPIs and backstage. Seed
              one from the analytics to start from measured cards (each with its n), or start from a blank map. Cards people write are marked “assumed”.
            </Text>
            {result && (
              <Text size="sm" c="dimmed">
                The analytics on screen cover {formatCount(result.customers)} journeys in {result.stages.length} stages.
              </Text>
            )}
          </Stack>
        </Paper>
      )}

      {map && (
        <>
          {/* The toolbar and what it has to say (a refused save, an undoable stage deletion) stay in view while scrolling. */}
          <div className="cxw-map-sticky">
            <MapToolbar
              map={map}
              dirty={dirty}
              canUndo={Boolean(editor.history?.past.length)}
              canRedo={Boolean(editor.history?.future.length)}
              saving={editor.saving}
              exporting={exporting}
              size={size}
              onUndo={editor.undo}
              onRedo={editor.redo}
              onSave={() => void save()}
              onAddStage={addStageAtEnd}
              onSize={(v) => {
                setSize(v);
                writeStore(SIZE_KEY, 'all', v);
              }}
              onExportPng={exportPng}
              onExportHtml={exportHtml}
              onAddToDeck={() => void startAddToDeck()}
            />

            {editor.problem?.kind === 'stale' && (
              <Alert color="orange" variant="light" title="Someone else saved this map in between" role="alert" withCloseButton onClose={editor.clearProblem} closeButtonLabel="Dismiss">
                <Text size="sm">
                  The workspace now holds version {editor.problem.storedVersion} of “{map.name}”; your edits started from version {editor.problem.version}. Nothing of
                  yours was lost and nothing of theirs was overwritten: your edits are still on screen, unsaved.
                </Text>
                <Group gap="xs" mt="sm">
                  <Button size="xs" onClick={() => setDialog({ kind: 'copy' })}>
                    Save mine as a copy…
                  </Button>
                  <Button size="xs" variant="default" onClick={reloadStored}>
                    Load their version (drops my edits)
                  </Button>
                </Group>
              </Alert>
            )}
            {editor.problem?.kind === 'gone' && (
              <Alert color="orange" variant="light" title="This map was deleted or renamed elsewhere" role="alert" withCloseButton onClose={editor.clearProblem} closeButtonLabel="Dismiss">
                <Text size="sm">Your edits are still on screen. Save them under a name to keep them.</Text>
                <Button size="xs" mt="sm" onClick={() => setDialog({ kind: 'copy' })}>
                  Save as a new map…
                </Button>
              </Alert>
            )}
            {deletedStage && (
              <Alert color="gray" variant="light" role="status" withCloseButton onClose={() => setDeletedStage(null)} closeButtonLabel="Dismiss">
                <Group gap="sm">
                  <Text size="sm">
                    Deleted stage “{deletedStage.stage.name || 'untitled'}”{deletedStage.cards ? ` and its ${deletedStage.cards} card${deletedStage.cards === 1 ? '' : 's'}` : ''}.
                  </Text>
                  <Button
                    ref={undoNotice}
                    size="compact-sm"
                    variant="light"
                    onClick={() => {
                      editor.undo();
                      setDeletedStage(null);
                    }}
                  >
                    Undo
                  </Button>
                </Group>
              </Alert>
            )}
          </div>

          <PersonaPanel persona={map.persona} onChange={(p) => editor.edit((m) => setPersona(m, p))} />

          <div className="cxw-map-scroll">
            <MapCanvas
              map={map}
              edit={editor.edit}
              onStageDeleted={(stage, cards) => {
                setDeletedStage({ stage, cards });
                // The last stage gone: its notice's Undo is the one place left for the keyboard.
                if (map.stages.length === 1) requestAnimationFrame(() => undoNotice.current?.focus());
              }}
              focusStage={focusStage}
              onStageFocused={clearFocusStage}
            />
          </div>
          <Text size="sm" c="dimmed" className="cxw-map-help">
            Double-click a card or press Enter to edit it; drag it to another cell or use Alt+arrow keys; Delete removes it. The cards are one Tab stop: arrow
            keys go from card to card (all keys under the keyboard button in the toolbar). Ctrl+Z undoes, Ctrl+Shift+Z redoes, Ctrl+S saves. {map.seededFrom ? `Measured cards were computed from “${map.seededFrom.dataset}” when the map was seeded.` : ''}
          </Text>
        </>
      )}

      <NameDialog
        opened={dialog?.kind === 'new'}
        title="New journey map"
        submitLabel="Create map"
        initialName={nextFreeName('Journey map', names)}
        taken={names}
        withStages
        onClose={() => setDialog(null)}
        onSubmit={createMap}
      />
      <NameDialog
        opened={dialog?.kind === 'rename'}
        title="Rename journey map"
        submitLabel="Rename"
        initialName={map?.name ?? ''}
        taken={names}
        description={dirty ? 'Renaming saves the map under the new name, including your unsaved changes.' : undefined}
        onClose={() => setDialog(null)}
        onSubmit={(name) => storeAs(name, true)}
      />
      <NameDialog
        opened={dialog?.kind === 'copy'}
        title="Save as a new map"
        submitLabel="Save copy"
        initialName={map ? nextFreeName(`${map.name} (my edits)`, names) : ''}
        taken={names}
        description="Your edits are saved as a separate map; the other version stays as it is."
        onClose={() => setDialog(null)}
        onSubmit={(name) => storeAs(name, false)}
      />
      {spec && (
        <SeedDialog
          opened={dialog?.kind === 'seed'}
          spec={spec}
          taken={names}
          onClose={() => setDialog(null)}
          onSeeded={(seeded) => {
            editor.load(seeded);
            setOpenName(seeded.name);
            refreshList();
            setDialog(null);
            const measured = seeded.cards.filter((c) => c.evidence === 'measured').length;
            toasts.success('Map seeded from data', `“${seeded.name}”: ${seeded.stages.length} stages, ${measured} measured cards.`);
          }}
        />
      )}
      <DeleteDialog name={dialog?.kind === 'delete' ? dialog.name : null} onClose={() => setDialog(null)} onDelete={deleteMap} />
      {addToDeck.dialog}
      {region}
    </div>
  );
}


function nextFreeName(base: string, taken: string[]): string {
  let candidate = base;
  for (let i = 2; taken.includes(candidate); i++) candidate = `${base} ${i}`;
  return candidate;
}

function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '') || 'journey map';
}
