// "Add to deck" on a saved result: which of its slides (the kinds its analysis offers, the usual ones ticked) go
// into which deck (an existing one or a new name), then deck.addSlides snapshots them at the end of that deck. The
// confirmation links to the deck in the Present view. Used by the bar above each analysis's results and by every
// row of the saved-results lists.
import { useState, type ReactElement } from 'react';
import { Anchor, Button, Checkbox, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import type { SlideKindInfo } from '../../../shared/decks';
import { useClient } from '../../state/bridge';
import { ErrorAlert } from '../ErrorAlert';
import { AddedToDeck, useDeckTarget } from '../decks/deck-target';

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
  const deckTarget = useDeckTarget();
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
        deckTarget.load(list);
      } catch (err) {
        setError(err);
      }
    })();
  };
  const close = () => setTarget(null);

  const add = async () => {
    if (!target) return;
    const name = deckTarget.name();
    const before = deckTarget.decks?.find((d) => d.name === name)?.slides ?? 0;
    setBusy(true);
    setError(null);
    try {
      const out = await client.invoke('deck.addSlides', { deck: name, resultId: target.id, kinds: ticked });
      deckTarget.added(out.name);
      setDone({ deck: out.name, added: out.slides.length - before, total: out.slides.length });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const dialog = (
    <Modal opened={target !== null} onClose={close} centered size="md" title={target ? `Add “${target.name}” to a deck` : ''}>
      {done ? (
        <AddedToDeck deck={done.deck} onClose={close}>
          Added {done.added} slide{done.added === 1 ? '' : 's'} to “{done.deck}”, which now has {done.total}. Each keeps a snapshot of these numbers; refresh a slide in
          the deck to bring it up to date.
        </AddedToDeck>
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
              deckTarget.fields
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
                <Button type="submit" loading={busy} disabled={!kinds || ticked.length === 0 || !deckTarget.name()}>
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
