// What every "Add to deck" dialog shares (a saved result's slides, the journey map): choosing the deck — an existing
// one, the one last added to first, or a new name — and the confirmation that links to it in the Present view.
import { useState, type ReactNode } from 'react';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPresentation } from '@tabler/icons-react';
import type { DeckSummary } from '../../../shared/decks';
import { openDeck } from '../../views/present/routes';

const NEW_DECK = '\u0000new';
/** The deck last added to in this session: the likeliest next target. */
let lastDeck: string | null = null;

export interface DeckTarget {
  decks: DeckSummary[] | null;
  /** Fill the choice from the workspace's decks (the last one added to, else the first, else a new one). */
  load: (list: DeckSummary[]) => void;
  reset: () => void;
  /** The deck name to add to, or '' when a new deck has no name yet. */
  name: () => string;
  /** Remember where slides went (the next dialog offers that deck first). */
  added: (deck: string) => void;
  fields: ReactNode;
}

export function useDeckTarget(): DeckTarget {
  const [decks, setDecks] = useState<DeckSummary[] | null>(null);
  const [deck, setDeck] = useState(NEW_DECK);
  const [newName, setNewName] = useState('Workshop deck');
  const load = (list: DeckSummary[]) => {
    setDecks(list);
    const preferred = list.find((d) => d.name === lastDeck) ?? list[0];
    setDeck(preferred ? preferred.name : NEW_DECK);
    setNewName(list.some((d) => d.name === 'Workshop deck') ? `Workshop deck ${list.length + 1}` : 'Workshop deck');
  };
  const options = [...(decks ?? []).map((d) => ({ value: d.name, label: `${d.name} (${d.slides} slide${d.slides === 1 ? '' : 's'})` })), { value: NEW_DECK, label: 'New deck…' }];
  const fields = (
    <>
      <Select label="Deck" data={options} value={deck} onChange={(v) => setDeck(v ?? NEW_DECK)} allowDeselect={false} disabled={decks === null} comboboxProps={{ withinPortal: true }} />
      {deck === NEW_DECK && <TextInput label="Name of the new deck" value={newName} onChange={(e) => setNewName(e.currentTarget.value)} maxLength={200} />}
    </>
  );
  return {
    decks,
    load,
    reset: () => setDecks(null),
    name: () => (deck === NEW_DECK ? newName.trim() : deck),
    added: (name) => {
      lastDeck = name;
    },
    fields,
  };
}

/** The confirmation after adding: what happened, Done, and "Open the deck". */
export function AddedToDeck({ deck, onClose, children }: { deck: string; onClose: () => void; children: ReactNode }) {
  return (
    <Stack gap="md">
      <Group gap="sm" wrap="nowrap" align="flex-start" role="status">
        <IconCircleCheck size={24} color="var(--mantine-color-teal-7)" aria-hidden="true" style={{ flex: 'none' }} />
        <Text size="sm">{children}</Text>
      </Group>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Done
        </Button>
        <Button
          leftSection={<IconPresentation size={16} />}
          onClick={() => {
            onClose();
            openDeck(deck);
          }}
        >
          Open the deck
        </Button>
      </Group>
    </Stack>
  );
}
