// Data profile and hygiene audit: headline numbers, plain-language issues, then one card per column.
import { Group, Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import type { DatasetProfile, DatasetSummary } from '../../../../shared/domain';
import { useClient } from '../../../state/bridge';
import { useWorkspace } from '../../../state/workspace';
import { useAsync } from '../../../state/useAsync';
import { formatCount, formatPct } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { IssueList } from './IssueList';
import { ColumnCard } from './ColumnCard';

export function ProfileTab({ dataset }: { dataset: DatasetSummary }) {
  const client = useClient();
  const { revision } = useWorkspace();
  const profile = useAsync<DatasetProfile>(() => client.invoke('dataset.profile', { dataset: dataset.name }), [client, dataset.name, revision]);

  if (profile.error) return <div className="cxw-page-pad"><ErrorAlert error={profile.error} title="The profile could not be computed" /></div>;
  if (!profile.data) return <ProfileSkeleton />;
  const p = profile.data;
  const cells = p.rows * p.columns.length;
  const missing = p.columns.reduce((s, c) => s + c.missing, 0);
  const bySeverity = (s: string, one: string, many: string) => {
    const n = p.issues.filter((i) => i.severity === s).length;
    return n === 0 ? null : `${n} ${n === 1 ? one : many}`;
  };
  const issueDetail = [bySeverity('error', 'error', 'errors'), bySeverity('warning', 'warning', 'warnings'), bySeverity('info', 'note', 'notes')]
    .filter(Boolean)
    .join(' · ');
  const metaByName = new Map(dataset.columns.map((c) => [c.name, c]));

  return (
    <div className="cxw-page-pad" aria-busy={profile.loading}>
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Stat label="Rows" value={formatCount(p.rows)} />
          <Stat label="Columns" value={formatCount(p.columns.length)} />
          <Stat label="Missing cells" value={cells ? formatPct((missing / cells) * 100) : '—'} detail={`${formatCount(missing)} of ${formatCount(cells)}`} />
          <Stat
            label="Issues"
            value={formatCount(p.issues.length)}
            detail={issueDetail || 'none found'}
          />
        </SimpleGrid>
        <IssueList issues={p.issues} />
        <section aria-label="Columns">
          <Group justify="space-between" mb="xs">
            <Text fw={600} size="sm">
              Columns
            </Text>
            <Text size="xs" c="dimmed">
              Histograms for numbers and dates, most frequent values for text
            </Text>
          </Group>
          <div className="cxw-card-grid">
            {p.columns.map((c) => (
              <ColumnCard key={c.name} column={c} rows={p.rows} meta={metaByName.get(c.name)} />
            ))}
          </div>
        </section>
      </Stack>
    </div>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" className="cxw-stat">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="xl" fw={650} className="cxw-tabular" lh={1.3}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed" className="cxw-tabular">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

function ProfileSkeleton() {
  return (
    <div className="cxw-page-pad" role="status" aria-label="Computing profile">
      <SimpleGrid cols={4} spacing="sm" mb="lg">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={72} radius="md" />
        ))}
      </SimpleGrid>
      <div className="cxw-card-grid">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} h={220} radius="md" />
        ))}
      </div>
    </div>
  );
}
