// The workspace's activity log: every import, rename and analysis with its parameters, newest first.
import { Badge, Button, Code, Drawer, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { actionLabel } from '../../shared/activity';
import { downloadText } from '../lib/download';
import { useToasts } from '../state/toasts';
import { useState } from 'react';
import type { ActivityEntry } from '../../shared/domain';
import { useClient } from '../state/bridge';
import { useWorkspace } from '../state/workspace';
import { useAsync } from '../state/useAsync';
import { formatDateTime } from '../lib/format';
import { ErrorAlert } from '../components/ErrorAlert';

export function ActivityDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size={460} title="Activity log" scrollAreaComponent={ScrollArea.Autosize}>
      {opened && <ActivityList />}
    </Drawer>
  );
}

function ActivityList() {
  const client = useClient();
  const { revision } = useWorkspace();
  const activity = useAsync<ActivityEntry[]>(() => client.invoke('workspace.activity', { limit: 500 }), [client, revision]);
  const entries = [...(activity.data ?? [])].sort((a, b) => b.id - a.id);

  if (activity.error) return <ErrorAlert error={activity.error} />;
  if (activity.loading && !activity.data) return <Text c="dimmed" size="sm">Loading…</Text>;
  if (entries.length === 0) return <Text c="dimmed" size="sm">Nothing has been done in this workspace yet.</Text>;
  return (
    <>
      <ExportButtons />
      <Stack gap={0} component="ol" className="cxw-activity" aria-label="Activity entries">
        {entries.map((e) => (
          <ActivityItem key={e.id} entry={e} />
        ))}
      </Stack>
    </>
  );
}

function ActivityItem({ entry }: { entry: ActivityEntry }) {
  const [open, setOpen] = useState(false);
  const hasParams = Object.keys(entry.params ?? {}).length > 0;
  return (
    <li className="cxw-activity-item">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Badge variant="light" color="gray" size="sm" title={entry.action}>
          {actionLabel(entry.action)}
        </Badge>
        <Text size="xs" c="dimmed" className="cxw-nowrap">
          {formatDateTime(entry.at)}
        </Text>
      </Group>
      <Text size="sm" mt={4}>
        {entry.summary}
      </Text>
      {hasParams && (
        <>
          <UnstyledButton className="cxw-link-button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? 'Hide parameters' : 'Show parameters'}
          </UnstyledButton>
          {open && (
            <Code block mt={4} className="cxw-params">
              {JSON.stringify(entry.params, null, 2)}
            </Code>
          )}
        </>
      )}
    </li>
  );
}

/** The whole log as a file: CSV for a spreadsheet, JSON for a tool. */
function ExportButtons() {
  const client = useClient();
  const toasts = useToasts();
  const save = async (format: 'csv' | 'json') => {
    try {
      const out = await client.invoke('workspace.exportActivity', { format });
      downloadText(out.text, out.fileName, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
    } catch (err) {
      toasts.error(err, 'The activity log was not exported');
    }
  };
  return (
    <Group gap="xs" mb="sm">
      <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void save('csv')}>
        Export CSV
      </Button>
      <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => void save('json')}>
        Export JSON
      </Button>
    </Group>
  );
}
