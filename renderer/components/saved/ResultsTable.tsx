// The saved results of the workspace (or of some kinds), newest first: name (opens it), kind, dataset, when, headline
// numbers, and the actions (open, re-run, add to deck, rename, duplicate, delete).
import { ActionIcon, Badge, Group, Menu, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCopy, IconDots, IconExternalLink, IconPencil, IconPresentation, IconRefresh, IconTrash } from '@tabler/icons-react';
import { RESULT_KIND_LABELS, type ResultKind, type SavedResult, type SavedResultSummary } from '../../../shared/results';
import { formatDateTime } from '../../lib/format';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { useAddToDeck } from './AddToDeck';
import { headlineLine } from './format';
import { useResultActions } from './ResultActions';

interface Props {
  results: SavedResultSummary[];
  /** Show the kind column (the workspace-wide list). */
  showKind?: boolean;
  currentId?: number | null;
  onOpen: (r: SavedResult) => void;
  onChanged: (change: { id: number; deleted?: boolean; name?: string }) => void;
  /** Accessible name of the table. */
  label: string;
}

export function ResultsTable({ results, showKind, currentId, onOpen, onChanged, label }: Props) {
  const client = useClient();
  const toasts = useToasts();
  const actions = useResultActions(onChanged);
  const addToDeck = useAddToDeck();
  const open = async (r: SavedResultSummary) => {
    try {
      onOpen(await client.invoke('results.get', { id: r.id }));
    } catch (err) {
      toasts.error(err, `“${r.name}” could not be opened`);
    }
  };
  return (
    <>
      <Table.ScrollContainer minWidth={showKind ? 760 : 520}>
        <Table verticalSpacing="xs" highlightOnHover aria-label={label} className="cxw-results-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              {showKind && <Table.Th scope="col">Kind</Table.Th>}
              <Table.Th scope="col">Dataset</Table.Th>
              <Table.Th scope="col">Ran</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.map((r) => (
              <Table.Tr key={r.id} aria-current={r.id === currentId ? 'true' : undefined} data-current={r.id === currentId || undefined}>
                <Table.Td>
                  <UnstyledButton onClick={() => void open(r)} className="cxw-results-open" aria-label={`Open ${r.name}`}>
                    <Text size="sm" fw={600} className="cxw-results-name">
                      {r.name}
                    </Text>
                  </UnstyledButton>
                  <Text size="xs" c="dimmed" className="cxw-results-headline">
                    {headlineLine(r.headline)}
                  </Text>
                </Table.Td>
                {showKind && (
                  <Table.Td>
                    <Badge variant="light" color={kindColor(r.kind)} size="sm">
                      {RESULT_KIND_LABELS[r.kind]}
                    </Badge>
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm">{r.dataset}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="cxw-nowrap">
                    {formatDateTime(r.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Group gap={2} justify="flex-end" wrap="nowrap">
                    <Tooltip label="Add to deck: this result's charts and tables as slides">
                      <ActionIcon variant="subtle" color="grape" aria-label={`Add ${r.name} to a deck`} onClick={() => addToDeck.start(r)}>
                        <IconPresentation size={18} />
                      </ActionIcon>
                    </Tooltip>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${r.name}`}>
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconExternalLink size={16} />} onClick={() => void open(r)}>
                          Open
                        </Menu.Item>
                        <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => actions.start('rerun', r)}>
                          Re-run and compare
                        </Menu.Item>
                        <Menu.Item leftSection={<IconPresentation size={16} />} onClick={() => addToDeck.start(r)}>
                          Add to deck…
                        </Menu.Item>
                        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.start('rename', r)}>
                          Rename…
                        </Menu.Item>
                        <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => actions.start('duplicate', r)}>
                          Duplicate…
                        </Menu.Item>
                        <Menu.Divider />
                        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => actions.start('delete', r)}>
                          Delete…
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {actions.dialogs}
      {addToDeck.dialog}
    </>
  );
}

function kindColor(kind: ResultKind): string {
  return { segmentation: 'indigo', journey: 'grape', nps: 'teal', npsContext: 'cyan', drivers: 'orange', audit: 'red', model: 'violet', experiment: 'pink', drift: 'blue', cohorts: 'lime' }[kind];
}
