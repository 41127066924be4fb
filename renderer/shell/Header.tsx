// Top bar: product mark, the workspace menu (new/open/demo/recent/save as/activity) and the theme toggle.
import { ActionIcon, Badge, Button, Group, Menu, Text, Tooltip, useComputedColorScheme, useMantineColorScheme, VisuallyHidden } from '@mantine/core';
import {
  IconChevronDown,
  IconDatabase,
  IconDeviceFloppy,
  IconFilePlus,
  IconFolderOpen,
  IconHistory,
  IconMoon,
  IconSparkles,
  IconSun,
} from '@tabler/icons-react';
import type { RecentWorkspace } from '../../shared/domain';
import { useClient } from '../state/bridge';
import { useWorkspace } from '../state/workspace';
import { useAsync } from '../state/useAsync';
import { formatBytes } from '../lib/format';
import { Logo } from '../components/Logo';
import { useWorkspaceActions } from './useWorkspaceActions';
import type { WorkspaceDialog } from './WorkspaceDialogs';

interface Props {
  onDialog: (d: WorkspaceDialog) => void;
  onActivity: () => void;
}

export function Header({ onDialog, onActivity }: Props) {
  const { info } = useWorkspace();
  const actions = useWorkspaceActions(onDialog);

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Logo />
        <Text fw={650} size="sm" className="cxw-brand">
          CX Workbench
        </Text>
        <span className="cxw-header-sep" aria-hidden="true" />
        <WorkspaceMenu onDialog={onDialog} onActivity={onActivity} />
        {info?.isDemo && (
          <Badge variant="light" color="grape" size="sm">
            Demo
          </Badge>
        )}
        {info && (
          <Text size="xs" c="dimmed" className="cxw-hide-narrow">
            {info.datasets} {info.datasets === 1 ? 'dataset' : 'datasets'} · {formatBytes(info.sizeBytes)}
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        {info && (
          <Button variant="subtle" color="gray" size="compact-sm" className="cxw-header-btn" leftSection={<IconHistory size={16} />} onClick={onActivity}>
            Activity log
          </Button>
        )}
        {!info && (
          <Button variant="subtle" color="gray" size="compact-sm" className="cxw-header-btn" leftSection={<IconSparkles size={16} />} onClick={actions.openDemo}>
            Open demo workspace
          </Button>
        )}
        <ColorSchemeToggle />
      </Group>
    </Group>
  );
}

function WorkspaceMenu({ onDialog, onActivity }: Props) {
  const client = useClient();
  const { info } = useWorkspace();
  const actions = useWorkspaceActions(onDialog);
  const recent = useAsync<RecentWorkspace[]>(() => client.invoke('workspace.recent', {}), [client, info?.path]);
  const others = (recent.data ?? []).filter((r) => r.path !== info?.path).slice(0, 6);

  return (
    <Menu position="bottom-start" width={300} shadow="md" onOpen={recent.reload}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          rightSection={<IconChevronDown size={14} />}
          className="cxw-workspace-button cxw-header-btn"
          title={info?.path}
        >
          {/* The name says what the button does and still contains its visible text (WCAG 2.5.3 label in name). */}
          <VisuallyHidden>Workspace menu: </VisuallyHidden>
          <Text span fw={600} size="sm" truncate maw={280}>
            {info ? info.name : 'No workspace open'}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {info && (
          <>
            <Menu.Label>Current workspace</Menu.Label>
            <Text size="xs" c="dimmed" px="sm" pb={6} className="cxw-path">
              {info.path}
            </Text>
            <Menu.Divider />
          </>
        )}
        <Menu.Item leftSection={<IconFilePlus size={16} />} onClick={actions.newWorkspace}>
          New workspace…
        </Menu.Item>
        <Menu.Item leftSection={<IconFolderOpen size={16} />} onClick={actions.openWorkspace}>
          Open…
        </Menu.Item>
        <Menu.Item leftSection={<IconSparkles size={16} />} onClick={actions.openDemo}>
          Open demo workspace
        </Menu.Item>
        <Menu.Item leftSection={<IconDeviceFloppy size={16} />} onClick={actions.saveAs} disabled={!info}>
          Save as…
        </Menu.Item>
        <Menu.Item leftSection={<IconHistory size={16} />} onClick={onActivity} disabled={!info}>
          Activity log
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>Recent</Menu.Label>
        {others.length === 0 && (
          <Text size="xs" c="dimmed" px="sm" py={4}>
            No other recent workspaces
          </Text>
        )}
        {others.map((r) => (
          <Menu.Item
            key={r.path}
            leftSection={<IconDatabase size={16} />}
            disabled={!r.exists}
            onClick={() => actions.openPath(r.path)}
            title={r.exists ? r.path : `${r.path} (missing)`}
          >
            <Text size="sm" truncate>
              {r.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {r.exists ? r.path : 'File no longer exists'}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const next = computed === 'dark' ? 'light' : 'dark';
  const label = `Switch to ${next} theme`;
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="gray" size="lg" aria-label={label} onClick={() => setColorScheme(next)}>
        {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}
