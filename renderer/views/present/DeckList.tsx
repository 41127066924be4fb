// The workspace's decks, newest first, as cards with the first slide as a picture: open one, create, rename,
// duplicate, delete (confirmed). An empty workspace says how slides get here: "Add to deck" on any saved result.
// Keyboard: when a dialog closes, the focus goes back to the deck's actions button (or, after a rename, duplicate or
// delete, to the deck that is there now); coming back from the editor, to the deck that was open.
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCopy, IconDots, IconPencil, IconPlus, IconPresentation, IconTrash } from '@tabler/icons-react';
import type { Deck, DeckSummary } from '../../../shared/decks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { useAsync } from '../../state/useAsync';
import { ScaledSlide } from './slides/SlideView';

type Action = { kind: 'create' } | { kind: 'rename' | 'duplicate' | 'delete'; deck: DeckSummary };

interface Props {
  decks: DeckSummary[];
  onOpen: (name: string) => void;
  onChanged: () => void;
  /** The deck the analyst just left in the editor: its card takes the focus. */
  focusDeck?: string | null;
}

export function DeckList({ decks, onOpen, onChanged, focusDeck = null }: Props) {
  const client = useClient();
  const toasts = useToasts();
  const [action, setAction] = useState<Action | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // The control to focus once no dialog is open and the list shows it (by its accessible name or text).
  const [focusName, setFocusName] = useState<string | null>(focusDeck ? `Open deck ${focusDeck}` : null);
  useEffect(() => {
    if (!focusName || action) return;
    const el = [...(root.current?.querySelectorAll<HTMLElement>('button') ?? [])].find((b) => (b.dataset.name ?? b.getAttribute('aria-label') ?? b.textContent?.trim()) === focusName);
    if (!el) return;
    el.focus();
    setFocusName(null);
  }, [focusName, action, decks]);
  const close = () => {
    if (action && action.kind !== 'create') setFocusName(`Actions for deck ${action.deck.name}`);
    setAction(null);
  };
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const begin = (a: Action) => {
    setAction(a);
    setError(null);
    setName(a.kind === 'create' ? 'Workshop deck' : a.kind === 'duplicate' ? `${a.deck.name} (copy)` : a.kind === 'rename' ? a.deck.name : '');
  };
  const submit = async () => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      if (action.kind === 'create') {
        const d = await client.invoke('deck.create', { name: name.trim() });
        setAction(null);
        onOpen(d.name);
        return;
      }
      if (action.kind === 'rename') {
        await client.invoke('deck.rename', { name: action.deck.name, to: name.trim() });
        setFocusName(`Actions for deck ${name.trim()}`);
      }
      if (action.kind === 'duplicate') {
        await client.invoke('deck.duplicate', { name: action.deck.name, to: name.trim() });
        setFocusName(`Open deck ${name.trim()}`);
      }
      if (action.kind === 'delete') {
        await client.invoke('deck.delete', { name: action.deck.name });
        toasts.success('Deck deleted', `“${action.deck.name}” was removed; the saved results it showed are not touched.`);
        const at = decks.findIndex((d) => d.name === action.deck.name);
        const next = decks[at + 1] ?? decks[at - 1];
        setFocusName(next && next.name !== action.deck.name ? `Open deck ${next.name}` : 'New deck');
      }
      setAction(null);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="lg" ref={root}>
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={2}>Present</Title>
          <Text c="dimmed" size="sm" mt={4} maw={760}>
            Decks of slides made from saved results, for a workshop room or a client&apos;s inbox. Groups smaller than the disclosure threshold are suppressed
            whenever a deck is presented or exported, and personal data never appears.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => begin({ kind: 'create' })}>
          New deck
        </Button>
      </Group>
      {decks.length === 0 ? (
        <Paper withBorder radius="md" p="xl" className="cxp-empty">
          <IconPresentation size={36} stroke={1.4} aria-hidden="true" />
          <Text fw={600} mt="sm">
            No decks yet
          </Text>
          <Text size="sm" c="dimmed" maw={560} ta="center">
            Use <b>Add to deck</b> on any saved result — above a segmentation, NPS, key drivers, a journey analysis or an audit, or in Saved results — or start an
            empty deck and add text slides and section dividers.
          </Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 2, lg: 3, xl: 4 }} spacing="lg" role="list" aria-label="Decks">
          {decks.map((d) => (
            <DeckCard key={d.name} deck={d} onOpen={() => onOpen(d.name)} onAction={(kind) => begin({ kind, deck: d })} />
          ))}
        </SimpleGrid>
      )}
      <Modal opened={action !== null} onClose={close} centered title={titleOf(action)}>
        {action?.kind === 'delete' ? (
          <Stack gap="md">
            <Text size="sm">
              The deck “{action.deck.name}” and its {action.deck.slides} slide{action.deck.slides === 1 ? '' : 's'} will be removed. The saved results the slides came
              from stay, and the activity log keeps what was done.
            </Text>
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Keep it
              </Button>
              <Button color="red" loading={busy} onClick={() => void submit()}>
                Delete deck
              </Button>
            </Group>
          </Stack>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Stack gap="md">
              <TextInput label={action?.kind === 'rename' ? 'New name' : action?.kind === 'duplicate' ? 'Name of the copy' : 'Deck name'} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus maxLength={200} />
              <ErrorAlert error={error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={busy} disabled={!name.trim()}>
                  {action?.kind === 'rename' ? 'Rename' : action?.kind === 'duplicate' ? 'Duplicate' : 'Create deck'}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}

function titleOf(a: Action | null): string {
  if (!a) return '';
  if (a.kind === 'create') return 'New deck';
  return { rename: `Rename “${a.deck.name}”`, duplicate: `Duplicate “${a.deck.name}”`, delete: `Delete “${a.deck.name}”?` }[a.kind];
}

function DeckCard({ deck, onOpen, onAction }: { deck: DeckSummary; onOpen: () => void; onAction: (a: 'rename' | 'duplicate' | 'delete') => void }) {
  const client = useClient();
  // The first slide as the deck's picture (the deck is small JSON; the list stays quick for a handful of decks).
  const full = useAsync<Deck | null>(() => (deck.slides > 0 ? client.invoke('deck.get', { name: deck.name }) : Promise.resolve(null)), [client, deck.name, deck.version]);
  const first = full.data?.slides[0];
  return (
    <Paper withBorder radius="md" className="cxp-deck-card" role="listitem">
      <UnstyledButton onClick={onOpen} className="cxp-deck-open" data-name={`Open deck ${deck.name}`}>
        {/* The name is the hidden text; the thumbnail is a picture of the first slide, not the button's label. */}
        <VisuallyHidden>Open deck {deck.name}</VisuallyHidden>
        <div className="cxp-deck-thumb" aria-hidden="true">{first ? <ScaledSlide slide={first} number={1} total={deck.slides} minCell={10} decorative /> : <Text size="sm" c="dimmed">Empty deck</Text>}</div>
      </UnstyledButton>
      <Group justify="space-between" wrap="nowrap" gap="xs" p="sm">
        <div style={{ minWidth: 0 }}>
          <Text fw={650} truncate="end" title={deck.name}>
            {deck.name}
          </Text>
          <Group gap={6} mt={2} wrap="nowrap">
            <Badge variant="light" size="sm">
              {deck.slides} slide{deck.slides === 1 ? '' : 's'}
            </Badge>
            <Text size="xs" c="dimmed" truncate="end">
              Changed {formatDateTime(deck.updatedAt)}
            </Text>
          </Group>
        </div>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for deck ${deck.name}`}>
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction('rename')}>
              Rename…
            </Menu.Item>
            <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => onAction('duplicate')}>
              Duplicate…
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => onAction('delete')}>
              Delete…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Paper>
  );
}
