// Above an analysis's results: which saved result is shown ("Saved as “NPS by region” · 6 Dec 2026, 14:02"), re-run
// and rename it, add it to a deck, and the view's list of saved results (newest first) in a side drawer to open another.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Drawer, Group, ScrollArea, Text, Tooltip } from '@mantine/core';
import { IconHistory, IconPencil, IconPresentation, IconRefresh } from '@tabler/icons-react';
import type { ResultKind, SavedResult, SavedResultRef, SavedResultSummary } from '../../../shared/results';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { useWorkspace } from '../../state/workspace';
import { ErrorAlert } from '../ErrorAlert';
import { useAddToDeck } from './AddToDeck';
import { useResultActions } from './ResultActions';
import './saved.css';
import { ResultsTable } from './ResultsTable';

export interface SavedResultBarProps {
  /** The kinds this view shows (the NPS view's areas show one each). */
  kinds: ResultKind[];
  /** What the view shows now, when it is a saved result. */
  current: SavedResultRef | null;
  onOpen: (r: SavedResult) => void;
  /** The shown result was renamed or deleted elsewhere in this bar. */
  onCurrentChanged?: (change: { name?: string; deleted?: boolean }) => void;
  /** The view already titles the result with its name (Segments): do not repeat it. */
  nameShown?: boolean;
}

export function SavedResultBar({ kinds, current, onOpen, onCurrentChanged, nameShown }: SavedResultBarProps) {
  const client = useClient();
  const { revision } = useWorkspace();
  const [nonce, setNonce] = useState(0);
  const [listOpen, setListOpen] = useState(false);
  const list = useAsync<SavedResultSummary[]>(() => client.invoke('results.list', {}), [client, revision, nonce, current?.id, current?.name]);
  const mine = (list.data ?? []).filter((r) => kinds.includes(r.kind));
  const shown = current ? mine.find((r) => r.id === current.id) : undefined;
  // Renamed or deleted from another list meanwhile: the list (once loaded) knows its name, or that it is gone.
  const gone = Boolean(current && list.data && !shown);
  const shownName = shown?.name ?? current?.name ?? '';
  const changed = (c: { id: number; deleted?: boolean; name?: string }) => {
    setNonce((n) => n + 1);
    if (current && c.id === current.id) onCurrentChanged?.(c);
  };
  const actions = useResultActions(changed);
  const addToDeck = useAddToDeck();
  const label = 'Saved results';
  return (
    <Group justify="space-between" gap="xs" mb="md" className="cxw-saved-bar" wrap="nowrap">
      <Group gap="xs" wrap="nowrap" miw={0} style={{ flex: 1 }}>
        {gone ? (
          <Text size="sm" c="dimmed">
            This result is no longer saved (deleted from the saved results).
          </Text>
        ) : current && nameShown ? (
          <Text size="sm">Saved in this workspace</Text>
        ) : current ? (
          <Text size="sm" truncate="end" miw={0} title={shownName}>
            Saved as <b>{shownName}</b>
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Every run is saved in this workspace.
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        {shown && (
          <>
            <Tooltip label="Run it again on the data as it is now and compare with what was saved">
              <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => actions.start('rerun', shown)}>
                Re-run
              </Button>
            </Tooltip>
            <Tooltip label="Rename this result">
              <ActionIcon size="md" variant="subtle" aria-label="Rename" onClick={() => actions.start('rename', shown)}>
                <IconPencil size={15} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Put this result's charts and tables on slides, for a workshop or a report">
              <Button size="xs" variant="light" leftSection={<IconPresentation size={14} />} onClick={() => addToDeck.start(shown)}>
                Add to deck
              </Button>
            </Tooltip>
          </>
        )}
        <Button size="xs" variant="default" leftSection={<IconHistory size={14} />} onClick={() => setListOpen(true)} rightSection={<Badge size="xs" variant="light">{mine.length}</Badge>}>
          {label}
        </Button>
      </Group>
      <Drawer opened={listOpen} onClose={() => setListOpen(false)} position="right" size={640} title={label} scrollAreaComponent={ScrollArea.Autosize}>
        {list.error ? <ErrorAlert error={list.error} /> : null}
        {mine.length === 0 ? (
          <Text size="sm" c="dimmed">
            {list.loading ? 'Loading…' : 'Nothing saved yet: each run of this analysis is kept here, newest first.'}
          </Text>
        ) : (
          <ResultsTable
            label={label}
            results={mine}
            currentId={current?.id ?? null}
            onOpen={(r) => {
              setListOpen(false);
              onOpen(r);
            }}
            onChanged={changed}
          />
        )}
      </Drawer>
      {actions.dialogs}
      {addToDeck.dialog}
    </Group>
  );
}
