// Editing a journey map live from its slide, with the room watching: the Journeys view's own canvas (MapCanvas) and
// editing state (useMapEditor: undo, the version-guarded save, unsaved edits shared with the Journeys view) in
// projector size over the slide. Add a card with a cell's "+", edit one by double-click or Enter, move one by
// dragging it or with Alt+arrow keys. Saving stores the map (a stale save is refused and says so), then the slide is
// rebuilt from the saved map (onSaved), so the slide and the map in the Journeys view show the same change.
// Measured cards computed from fewer people than the disclosure threshold are masked here as on the slide: the
// layer edits words, not measured numbers, and never shows what presentation mode withholds.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp, IconDeviceFloppy, IconX } from '@tabler/icons-react';
import type { JourneyMap } from '../../../../shared/journeys';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useClient } from '../../../state/bridge';
import { useWorkspace } from '../../../state/workspace';
import { MapCanvas } from '../../journeys/canvas/MapCanvas';
import { forgetSession, useMapEditor } from '../../journeys/canvas/useMapEditor';
import '../../journeys/canvas/canvas.css';
import { maskedMap, unmaskEdit } from './mask';
import './map-edit-layer.css';
import './map-slide.css';

interface Props {
  mapName: string;
  /** The disclosure threshold the presented deck was judged by. */
  minCell: number;
  /** After a successful save: rebuild the slide from the saved map (resolves when the presented slide shows it). */
  onSaved: (map: JourneyMap) => Promise<void>;
  onClose: () => void;
}

export function MapEditLayer({ mapName, minCell, onSaved, onClose }: Props) {
  const client = useClient();
  const { info } = useWorkspace();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [finishing, setFinishing] = useState(false);
  const mask = `Fewer than ${minCell} people: details withheld.`;

  const save = async () => {
    setSaveError(null);
    try {
      const stored = await editor.save();
      if (!stored) return;
      setFinishing(true);
      await onSaved(stored);
      onClose();
    } catch (err) {
      setSaveError(err);
    } finally {
      setFinishing(false);
    }
  };
  const editor = useMapEditor(info?.path ?? '', () => void save());
  const { load } = editor;

  useEffect(() => {
    let live = true;
    client.invoke('journeyMap.get', { name: mapName }).then(
      // Unsaved edits of this map made in the Journeys view this session come back: it is one map.
      (m) => live && load(m, true),
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [client, mapName, load]);

  // After a refused save: start again from what is stored (this session's unsaved edits of the map are dropped).
  const openTheirs = async () => {
    try {
      const stored = await client.invoke('journeyMap.get', { name: mapName });
      forgetSession(info?.path ?? '', mapName);
      load(stored);
    } catch (err) {
      setLoadError(err);
    }
  };

  const { edit: editReal } = editor;
  const edit = useCallback((change: (m: JourneyMap) => JourneyMap) => editReal((real) => unmaskEdit(real, change(maskedMap(real, minCell, mask)), minCell, mask)), [editReal, minCell, mask]);
  const shown = useMemo(() => (editor.map ? maskedMap(editor.map, minCell, mask) : null), [editor.map, minCell, mask]);

  // Esc leaves the layer (a card being edited takes its own Esc first, an open menu or list closes first); the slide
  // keys are off meanwhile.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest('[role="menu"], [role="listbox"], .mantine-Popover-dropdown')) return;
      e.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const stale = editor.problem?.kind === 'stale' ? editor.problem : null;
  return (
    <div className="cxp-mapedit" role="dialog" aria-modal="true" aria-label={`Editing the journey map “${mapName}”`}>
      <div className="cxp-mapedit-bar">
        <div className="cxp-mapedit-title">
          Editing the map “{mapName}”
          <span className="cxp-mapedit-state" role="status">
            {editor.map ? (editor.dirty ? 'Unsaved changes' : `Saved · version ${editor.map.version}`) : 'Opening…'}
          </span>
        </div>
        <Group gap="sm" wrap="nowrap">
          <Button size="lg" variant="default" leftSection={<IconArrowBackUp />} onClick={editor.undo} disabled={!editor.history?.past.length}>
            Undo
          </Button>
          <Button size="lg" variant="default" leftSection={<IconArrowForwardUp />} onClick={editor.redo} disabled={!editor.history?.future.length}>
            Redo
          </Button>
          <Button size="lg" leftSection={<IconDeviceFloppy />} onClick={() => void save()} loading={editor.saving || finishing} disabled={!editor.map}>
            Save and show
          </Button>
          <Button size="lg" variant="default" leftSection={<IconX />} onClick={onClose}>
            Close
          </Button>
        </Group>
      </div>
      {stale && (
        <Alert color="orange" title="Someone else saved this map in between" role="alert" className="cxp-mapedit-alert">
          <Text size="lg">
            The workspace holds version {stale.storedVersion} of “{mapName}”; these edits started from version {stale.version}. Nothing was overwritten and your edits
            are still here, unsaved (the Journeys view keeps them too, to compare or save as a copy).
          </Text>
          <Button size="md" mt="sm" variant="default" onClick={() => void openTheirs()}>
            Drop these edits and open version {stale.storedVersion}
          </Button>
        </Alert>
      )}
      {editor.problem?.kind === 'gone' && (
        <Alert color="red" title="The map is gone" role="alert" className="cxp-mapedit-alert">
          <Text size="lg">“{mapName}” was renamed or deleted since the slide was made. Nothing was saved.</Text>
        </Alert>
      )}
      <ErrorAlert error={loadError ?? saveError} />
      <div className="cxp-mapedit-canvas">
        {shown ? (
          <div className="cxw-map" data-size="large">
            <MapCanvas map={shown} edit={edit} onStageDeleted={() => undefined} />
          </div>
        ) : (
          !loadError && <Loader size="lg" aria-label="Opening the map" />
        )}
      </div>
      <div className="cxp-mapedit-help">
        Arrow keys go from card to card · Enter on “Add” writes a card · Enter edits one · drag a card, or Alt + arrow keys, to move it · Ctrl+S saves · Esc
        closes without saving
      </div>
    </div>
  );
}
