// Shown when no workspace is open: the three ways in, plus recent workspaces.
import { Button, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconFilePlus, IconFolderOpen, IconSparkles, IconDatabase } from '@tabler/icons-react';
import type { RecentWorkspace } from '../../shared/domain';
import { useClient } from '../state/bridge';
import { useAsync } from '../state/useAsync';
import { formatDateTime } from '../lib/format';
import { Logo } from '../components/Logo';
import { useWorkspaceActions } from './useWorkspaceActions';
import type { WorkspaceDialog } from './WorkspaceDialogs';

export function Welcome({ onDialog }: { onDialog: (d: WorkspaceDialog) => void }) {
  const client = useClient();
  const actions = useWorkspaceActions(onDialog);
  const recent = useAsync<RecentWorkspace[]>(() => client.invoke('workspace.recent', {}), [client]);

  return (
    <div className="cxw-welcome">
      <Stack gap="lg" maw={620} w="100%">
        <Group gap="sm">
          <Logo size={36} />
          <div>
            <Title order={2}>CX Workbench</Title>
            <Text c="dimmed" size="sm">
              Segments, journeys, NPS and fairness audits on customer data that never leaves this device.
            </Text>
          </div>
        </Group>
        <Group grow>
          <Button size="md" leftSection={<IconFilePlus size={18} />} onClick={actions.newWorkspace}>
            New workspace
          </Button>
          <Button size="md" variant="default" leftSection={<IconFolderOpen size={18} />} onClick={actions.openWorkspace}>
            Open workspace
          </Button>
          <Button size="md" variant="default" leftSection={<IconSparkles size={18} />} onClick={actions.openDemo}>
            Try the demo
          </Button>
        </Group>
        <Card withBorder padding={0} radius="md">
          <Text size="xs" fw={600} tt="uppercase" c="dimmed" px="md" pt="sm" pb={6} className="cxw-eyebrow">
            Recent workspaces
          </Text>
          {(recent.data ?? []).length === 0 && (
            <Text size="sm" c="dimmed" px="md" pb="md">
              {recent.loading ? 'Loading…' : 'Workspaces you open will be listed here.'}
            </Text>
          )}
          {(recent.data ?? []).map((r) => (
            <UnstyledButton
              key={r.path}
              className="cxw-recent-row"
              disabled={!r.exists}
              onClick={() => actions.openPath(r.path)}
              aria-label={`Open recent workspace ${r.name}`}
            >
              <IconDatabase size={18} className="cxw-muted-icon" aria-hidden="true" />
              <div className="cxw-recent-text">
                <Text size="sm" fw={500} truncate>
                  {r.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {r.exists ? r.path : `${r.path} — file no longer exists`}
                </Text>
              </div>
              <Text size="xs" c="dimmed" className="cxw-nowrap">
                {formatDateTime(r.openedAt)}
              </Text>
            </UnstyledButton>
          ))}
        </Card>
      </Stack>
    </div>
  );
}
