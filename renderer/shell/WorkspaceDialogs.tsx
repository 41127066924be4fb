// The browser host's own workspace picker (Electron uses native dialogs): browse folders with `files.list`,
// or type a path. One component serves Open, New and Save as.
import { useEffect, useState } from 'react';
import { Button, Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconArrowUp, IconDatabase, IconFolder } from '@tabler/icons-react';
import { useClient } from '../state/bridge';
import { useToasts } from '../state/toasts';
import { useWorkspace } from '../state/workspace';
import { useAsync } from '../state/useAsync';
import { formatBytes } from '../lib/format';
import { ErrorAlert } from '../components/ErrorAlert';

export type WorkspaceDialog = { kind: 'open' } | { kind: 'create' } | { kind: 'saveAs'; suggested: string };

const TITLES = { open: 'Open workspace', create: 'New workspace', saveAs: 'Save workspace as' } as const;
const ACTIONS = { open: 'Open', create: 'Create workspace', saveAs: 'Save copy' } as const;

export function WorkspaceDialogs({ dialog, onClose }: { dialog: WorkspaceDialog | null; onClose: () => void }) {
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={dialog ? TITLES[dialog.kind] : ''} size="lg" centered>
      {dialog && <WorkspacePicker dialog={dialog} onDone={onClose} />}
    </Modal>
  );
}

/** Joins a folder and a file name with the separator the folder already uses (the host may be Windows). */
function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function withExtension(name: string): string {
  return /\.cxw$/i.test(name) ? name : `${name}.cxw`;
}

function WorkspacePicker({ dialog, onDone }: { dialog: WorkspaceDialog; onDone: () => void }) {
  const client = useClient();
  const workspace = useWorkspace();
  const toasts = useToasts();
  const [dir, setDir] = useState<string | undefined>(undefined);
  const [fileName, setFileName] = useState(dialog.kind === 'saveAs' ? dialog.suggested : dialog.kind === 'create' ? 'Untitled.cxw' : '');
  const [pathText, setPathText] = useState('');
  // Once the user types a path of their own, folder listings and file-name edits no longer overwrite it.
  const [pathTyped, setPathTyped] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const listing = useAsync(() => client.invoke('files.list', { dir, extensions: ['.cxw'] }), [client, dir]);
  const opening = dialog.kind === 'open';

  // Keep the path field in step with the folder and file name until the user types a path of their own.
  useEffect(() => {
    if (!listing.data || pathTyped) return;
    setPathText(fileName ? joinPath(listing.data.dir, opening ? fileName : withExtension(fileName)) : '');
  }, [listing.data, fileName, opening, pathTyped]);

  const submit = async () => {
    const path = pathText.trim();
    if (!path) return;
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === 'open') await workspace.open(path);
      else if (dialog.kind === 'create') await workspace.create(path);
      else {
        await workspace.saveAs(path);
        toasts.success('Workspace saved', path);
      }
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const entries = listing.data?.entries ?? [];
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="nowrap">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconArrowUp size={14} />}
          disabled={!listing.data?.parent}
          onClick={() => listing.data?.parent && setDir(listing.data.parent)}
          aria-label="Up to the parent folder"
        >
          Up
        </Button>
        <Text size="sm" c="dimmed" truncate className="cxw-path" title={listing.data?.dir}>
          {listing.data?.dir ?? '…'}
        </Text>
      </Group>
      <ScrollArea h={280} className="cxw-file-list" type="auto">
        {/* A listbox only when it has options (an empty listbox, or one holding the alert, is invalid ARIA). */}
        <div role={entries.length > 0 ? 'listbox' : undefined} aria-label={entries.length > 0 ? 'Folder contents' : undefined}>
          {listing.error != null && <ErrorAlert error={listing.error} />}
          {listing.data && entries.length === 0 && (
            <Text size="sm" c="dimmed" p="md">
              {opening ? 'No folders or .cxw workspaces here.' : 'Empty folder.'}
            </Text>
          )}
          {entries.map((e) => (
            <UnstyledButton
              key={e.path}
              role="option"
              aria-selected={e.kind === 'file' && e.name === fileName}
              className="cxw-file-row"
              data-selected={e.kind === 'file' && e.name === fileName ? 'true' : undefined}
              onClick={() => {
                setPathTyped(false);
                if (e.kind === 'dir') setDir(e.path);
                else setFileName(e.name);
              }}
              onDoubleClick={() => {
                if (e.kind === 'file' && opening) {
                  setPathText(e.path);
                  void workspace.open(e.path).then(onDone, setError);
                }
              }}
            >
              {e.kind === 'dir' ? (
                <IconFolder size={16} className="cxw-folder-icon" aria-hidden="true" />
              ) : (
                <IconDatabase size={16} className="cxw-muted-icon" aria-hidden="true" />
              )}
              <Text size="sm" truncate className="cxw-grow">
                {e.name}
              </Text>
              {e.sizeBytes !== null && (
                <Text size="xs" c="dimmed">
                  {formatBytes(e.sizeBytes)}
                </Text>
              )}
            </UnstyledButton>
          ))}
        </div>
      </ScrollArea>
      {!opening && (
        <TextInput label="File name" value={fileName} onChange={(e) => {
            setPathTyped(false);
            setFileName(e.currentTarget.value);
          }}
        />
      )}
      <TextInput
        label="Workspace path"
        description={opening ? 'Pick a .cxw file above or type its full path.' : 'Where the workspace file will be written.'}
        value={pathText}
        onChange={(e) => {
          setPathTyped(true);
          setPathText(e.currentTarget.value);
        }}
        onKeyDown={(e) => e.key === 'Enter' && void submit()}
        className="cxw-mono-input"
      />
      {error != null && <ErrorAlert error={error} onClose={() => setError(null)} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={() => void submit()} loading={busy} disabled={!pathText.trim()}>
          {ACTIONS[dialog.kind]}
        </Button>
      </Group>
    </Stack>
  );
}
