// "Add to deck" on the journey map: choose a deck (an existing one or a new name), then deck.addJourneyMap puts a
// snapshot of the saved map at the end of it. The confirmation opens the deck; in presentation mode the slide's
// "Edit map" (key E) edits this very map with the room.
import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { AddedToDeck, useDeckTarget } from '../../../components/decks/deck-target';
import { useClient } from '../../../state/bridge';

export interface AddMapToDeckApi {
  /** Open the dialog for a saved map (the caller saves unsaved edits first). */
  start: (mapName: string) => void;
  dialog: ReactElement;
}

export function useAddMapToDeck(): AddMapToDeckApi {
  const client = useClient();
  const [mapName, setMapName] = useState<string | null>(null);
  const target = useDeckTarget();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ deck: string; total: number } | null>(null);

  const start = (name: string) => {
    setMapName(name);
    target.reset();
    setError(null);
    setDone(null);
    client.invoke('deck.list', {}).then(
      (list) => target.load(list),
      (err: unknown) => setError(err),
    );
  };
  const close = () => setMapName(null);

  const add = async () => {
    if (!mapName) return;
    setBusy(true);
    setError(null);
    try {
      const out = await client.invoke('deck.addJourneyMap', { deck: target.name(), map: mapName });
      target.added(out.name);
      setDone({ deck: out.name, total: out.slides.length });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const dialog = (
    <Modal opened={mapName !== null} onClose={close} centered size="md" title={mapName ? `Add the map “${mapName}” to a deck` : ''}>
      {done ? (
        <AddedToDeck deck={done.deck} onClose={close}>
          Added the map to “{done.deck}”, which now has {done.total} slide{done.total === 1 ? '' : 's'}. The slide keeps a snapshot of the saved map; while presenting,
          “Edit map” (E) edits the map with the room and updates the slide.
        </AddedToDeck>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              One slide: the stages as columns, the lanes as rows, the persona above. Measured cards from fewer people than the disclosure threshold are withheld when
              presented or exported.
            </Text>
            {target.fields}
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={target.decks === null || !target.name()}>
                Add to deck
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
  return { start, dialog };
}
