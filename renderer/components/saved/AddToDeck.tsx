// "Add to deck" on a saved result: which of its slides (the kinds its analysis offers, the usual ones ticked) go
// into which deck (an existing one or a new name), then deck.addSlides snapshots them at the end of that deck. The
// confirmation links to the deck in the Present view. Used by the bar above each analysis's results and by every
// row of the saved-results lists.
import { useState, type ReactElement } from 'react';
import { Anchor, Button, Checkbox, Group, Loader, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPresentation } from '@tabler/icons-react';
import type { DeckSummary, SlideKindInfo } from '../../../shared/decks';
import { useClient } from '../../state/bridge';
import { openDeck } from '../../views/present/routes';
import { ErrorAlert } from '../ErrorAlert';

const NEW_DECK = '\u0000new';
/** The deck last added to in this session: the likeliest next target. */
let lastDeck: string | null = null;

interface Target {
  id: number;
  name: string;
}

export interface AddToDeckApi {
  start: (r: Target) => void;
  dialog: ReactElement;
}

export function useAddToDeck(): AddToDeckApi {
  const client = useClient();
  const [target, setTarget] = useState<Target | null>(null);
  const [kinds, setKinds] = useState<SlideKindInfo[] | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [decks, setDecks] = useState<DeckSummary[]>([]);
  const [deck, setDeck] = useState<string>(NEW_DECK);
  const [newName, setNewName] = useState('Workshop deck');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ deck: string; added: number; total: number } | null>(null);

  const start = (r: Target) => {
    setTarget(r);
    setKinds(null);
    setError(null);
    setDone(null);
    void (async () => {
      try {
        const [k, list] = await Promise.all([client.invoke('deck.slideKinds', { resultId: r.id }), client.invoke('deck.list', {})]);
        setKinds(k);
        setTicked(k.filter((x) => x.byDefault).map((x) => x.kind));
        setDecks(list);
        const preferred = list.find((d) => d.name === lastDeck) ?? list[0];
        setDeck(preferred ? preferred.name : NEW_DECK);
        setNewName(list.some((d) => d.name === 'Workshop deck') ? `Workshop deck ${list.length + 1}` : 'Workshop deck');
      } catch (err) {
        setError(err);
      }
    })();
  };
  const close = () => setTarget(null);

  const add = async () => {
    if (!target) return;
    const name = deck === NEW_DECK ? newName.trim() : deck;
    const before = decks.find((d) => d.name === name)?.slides ?? 0;
    setBusy(true);
    setError(null);
    try {
      const out = await client.invoke('deck.addSlides', { deck: name, resultId: target.id, kinds: ticked });
      lastDeck = out.name;
      setDone({ deck: out.name, added: out.slides.length - before, total: out.slides.length });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const options = [...decks.map((d) => ({ value: d.name, label: `${d.name} (${d.slides} slide${d.slides === 1 ? '' : 's'})` })), { value: NEW_DECK, label: 'New deck…' }];
  const dialog = (
    <Modal opened={target !== null} onClose={close} centered size="md" title={target ? `Add “${target.name}” to a deck` : ''}>
      {done ? (
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap" align="flex-start" role="status">
            <IconCircleCheck size={24} color="var(--mantine-color-teal-7)" aria-hidden="true" style={{ flex: 'none' }} />
            <Text size="sm">
              Added {done.added} slide{done.added === 1 ? '' : 's'} to “{done.deck}”, which now has {done.total}. Each keeps a snapshot of these numbers; refresh a slide
              in the deck to bring it up to date.
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
            {kinds === null && !error ? (
              <Group gap="xs">
                <Loader size="sm" />
                <Text size="sm" c="dimmed">
                  Finding the slides this result can make…
                </Text>
              </Group>
            ) : kinds && kinds.length > 0 ? (
              <Checkbox.Group label="Slides" description="Each is a snapshot of the result as saved." value={ticked} onChange={setTicked}>
                <Stack gap={6} mt={6}>
                  {kinds.map((k) => (
                    <Checkbox key={k.kind} value={k.kind} label={k.label} />
                  ))}
                </Stack>
              </Checkbox.Group>
            ) : kinds ? (
              <Text size="sm" c="dimmed">
                This result makes no slides yet.
              </Text>
            ) : null}
            {kinds && kinds.length > 0 && (
              <>
                <Select label="Deck" data={options} value={deck} onChange={(v) => setDeck(v ?? NEW_DECK)} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
                {deck === NEW_DECK && <TextInput label="Name of the new deck" value={newName} onChange={(e) => setNewName(e.currentTarget.value)} maxLength={200} />}
              </>
            )}
            <ErrorAlert error={error} />
            <Group justify="space-between">
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  close();
                  window.location.hash = '#/present';
                }}
              >
                All decks
              </Anchor>
              <Group gap="xs">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy} disabled={!kinds || ticked.length === 0 || (deck === NEW_DECK && !newName.trim())}>
                  Add {ticked.length || ''} slide{ticked.length === 1 ? '' : 's'}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
  return { start, dialog };
}
