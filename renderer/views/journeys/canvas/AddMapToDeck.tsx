// "Add to deck" on the journey map: choose a deck (an existing one or a new name), then deck.addJourneyMap puts a
// snapshot of the saved map at the end of it. The confirmation opens the deck; in presentation mode the slide's
// "Edit map" (key E) edits this very map with the room.
import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPresentation } from '@tabler/icons-react';
import type { DeckSummary } from '../../../../shared/decks';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useClient } from '../../../state/bridge';
import { openDeck } from '../../present/routes';

const NEW_DECK = '\u0000new';

export interface AddMapToDeckApi {
  /** Open the dialog for a saved map (the caller saves unsaved edits first). */
  start: (mapName: string) => void;
  dialog: ReactElement;
}

export function useAddMapToDeck(): AddMapToDeckApi {
  const client = useClient();
  const [mapName, setMapName] = useState<string | null>(null);
  const [decks, setDecks] = useState<DeckSummary[] | null>(null);
  const [deck, setDeck] = useState(NEW_DECK);
  const [newName, setNewName] = useState('Workshop deck');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ deck: string; total: number } | null>(null);

  const start = (name: string) => {
    setMapName(name);
    setDecks(null);
    setError(null);
    setDone(null);
    client.invoke('deck.list', {}).then(
      (list) => {
        setDecks(list);
        setDeck(list[0]?.name ?? NEW_DECK);
        setNewName(list.some((d) => d.name === 'Workshop deck') ? `Workshop deck ${list.length + 1}` : 'Workshop deck');
      },
      (err: unknown) => setError(err),
    );
  };
  const close = () => setMapName(null);

  const add = async () => {
    if (!mapName) return;
    setBusy(true);
    setError(null);
    try {
      const out = await client.invoke('deck.addJourneyMap', { deck: deck === NEW_DECK ? newName.trim() : deck, map: mapName });
      setDone({ deck: out.name, total: out.slides.length });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const options = [...(decks ?? []).map((d) => ({ value: d.name, label: `${d.name} (${d.slides} slide${d.slides === 1 ? '' : 's'})` })), { value: NEW_DECK, label: 'New deck…' }];
  const dialog = (
    <Modal opened={mapName !== null} onClose={close} centered size="md" title={mapName ? `Add the map “${mapName}” to a deck` : ''}>
      {done ? (
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start" role="status">
            <IconCircleCheck size={24} color="var(--mantine-color-teal-7)" aria-hidden="true" style={{ flex: 'none' }} />
            <Text size="sm">
              Added the map to “{done.deck}”, which now has {done.total} slide{done.total === 1 ? '' : 's'}. The slide keeps a snapshot of the saved map; while presenting,
              “Edit map” (E) edits the map with the room and updates the slide.
            </Text>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Done
            </Button>
            <Button
              leftSection={<IconPresentation size={16} />}
              onClick={() => {
                close();
                openDeck(done.deck);
              }}
            >
              Open the deck
            </Button>
          </Group>
        </Stack>
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
            <Select label="Deck" data={options} value={deck} onChange={(v) => setDeck(v ?? NEW_DECK)} allowDeselect={false} disabled={decks === null} comboboxProps={{ withinPortal: true }} />
            {deck === NEW_DECK && <TextInput label="Name of the new deck" value={newName} onChange={(e) => setNewName(e.currentTarget.value)} maxLength={200} />}
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={decks === null || (deck === NEW_DECK && !newName.trim())}>
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
