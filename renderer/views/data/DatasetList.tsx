// The workspace's datasets with rename and delete; the Import button lives at the top.
import { useState } from 'react';
import { ActionIcon, Button, Group, Menu, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconDots, IconFileImport, IconPencil, IconTable, IconTrash } from '@tabler/icons-react';
import type { DatasetSummary } from '../../../shared/domain';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { useWorkspace } from '../../state/workspace';
import { formatCount, formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  datasets: DatasetSummary[];
  selected: string | null;
  onSelect: (name: string) => void;
  onRenamed: (from: string, to: string) => void;
  onImport: () => void;
}

export function DatasetList({ datasets, selected, onSelect, onRenamed, onImport }: Props) {
  const [renaming, setRenaming] = useState<DatasetSummary | null>(null);
  const [deleting, setDeleting] = useState<DatasetSummary | null>(null);

  return (
    <aside className="cxw-dataset-pane" aria-label="Datasets">
      <Group justify="space-between" px="md" pt="md" pb="xs">
        <Text fw={600} size="sm">
          Datasets <Text span c="dimmed" size="sm">{datasets.length}</Text>
        </Text>
        <Button size="compact-sm" leftSection={<IconFileImport size={15} />} onClick={onImport}>
          Import data
        </Button>
      </Group>
      <ScrollArea className="cxw-grow" type="auto">
        {/* A list only when it has items (an empty role="list" is invalid ARIA). */}
        <Stack gap={2} px="xs" pb="md" role={datasets.length > 0 ? 'list' : undefined} aria-label={datasets.length > 0 ? 'Datasets' : undefined}>
          {datasets.length === 0 && (
            <Text size="sm" c="dimmed" px="sm" py="xs">
              Imported datasets appear here.
            </Text>
          )}
          {datasets.map((d) => (
            <div key={d.id} role="listitem" className="cxw-dataset-item" data-active={d.name === selected ? 'true' : undefined}>
              <UnstyledButton
                className="cxw-dataset-button"
                onClick={() => onSelect(d.name)}
                aria-current={d.name === selected ? 'true' : undefined}
              >
                <IconTable size={16} className="cxw-muted-icon" aria-hidden="true" />
                <div className="cxw-grow cxw-min0">
                  <Text size="sm" fw={500} truncate>
                    <VisuallyHidden>Dataset </VisuallyHidden>
                    {d.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate className="cxw-tabular">
                    {formatCount(d.rows)} rows · {d.columns.length} columns
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    Imported {formatDateTime(d.importedAt)}
                  </Text>
                </div>
              </UnstyledButton>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Actions for ${d.name}`} className="cxw-item-menu">
                    <IconDots size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconPencil size={15} />} onClick={() => setRenaming(d)}>
                    Rename…
                  </Menu.Item>
                  <Menu.Item leftSection={<IconTrash size={15} />} color="red" onClick={() => setDeleting(d)}>
                    Delete…
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </div>
          ))}
        </Stack>
      </ScrollArea>
      <RenameDialog dataset={renaming} onClose={() => setRenaming(null)} onRenamed={onRenamed} />
      <DeleteDialog dataset={deleting} onClose={() => setDeleting(null)} />
    </aside>
  );
}

function RenameDialog({ dataset, onClose, onRenamed }: { dataset: DatasetSummary | null; onClose: () => void; onRenamed: Props['onRenamed'] }) {
  return (
    <Modal opened={dataset !== null} onClose={onClose} title="Rename dataset" centered>
      {dataset && <RenameForm dataset={dataset} onClose={onClose} onRenamed={onRenamed} />}
    </Modal>
  );
}

function RenameForm({ dataset, onClose, onRenamed }: { dataset: DatasetSummary; onClose: () => void; onRenamed: Props['onRenamed'] }) {
  const client = useClient();
  const { refresh } = useWorkspace();
  const toasts = useToasts();
  const [name, setName] = useState(dataset.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const trimmed = name.trim();

  const submit = async () => {
    if (!trimmed || trimmed === dataset.name) return onClose();
    setBusy(true);
    try {
      const renamed = await client.invoke('dataset.rename', { dataset: dataset.name, name: trimmed });
      onRenamed(dataset.name, renamed.name);
      await refresh();
      toasts.success('Dataset renamed', `${dataset.name} → ${renamed.name}`);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <TextInput label="Dataset name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus maxLength={200} />
        {error != null && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={!trimmed}>
            Rename
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteDialog({ dataset, onClose }: { dataset: DatasetSummary | null; onClose: () => void }) {
  const client = useClient();
  const { refresh } = useWorkspace();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirm = async () => {
    if (!dataset) return;
    setBusy(true);
    setError(null);
    try {
      await client.invoke('dataset.delete', { dataset: dataset.name });
      await refresh();
      toasts.success('Dataset deleted', dataset.name);
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={dataset !== null} onClose={onClose} title="Delete dataset?" centered>
      {dataset && (
        <Stack>
          <Text size="sm">
            <Text span fw={600}>
              {dataset.name}
            </Text>{' '}
            and its {formatCount(dataset.rows)} rows will be removed from this workspace. The activity log keeps a record of
            the deletion. This cannot be undone.
          </Text>
          {error != null && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => void confirm()}>
              Delete dataset
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
