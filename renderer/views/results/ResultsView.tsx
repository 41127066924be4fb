// Every saved result of the workspace, newest first, whatever its kind: open one in its own view, re-run it to check
// it still holds, rename, duplicate or delete it. Filters by kind and by a word in the name or dataset.
import { useState } from 'react';
import { Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { RESULT_KIND_LABELS, RESULT_KINDS, type ResultKind, type SavedResultSummary } from '../../../shared/results';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ResultsTable } from '../../components/saved/ResultsTable';
import { openInView } from '../../lib/open-result';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { useWorkspace } from '../../state/workspace';

type Filter = ResultKind | 'all';

export function ResultsView() {
  const client = useClient();
  const { revision } = useWorkspace();
  const [nonce, setNonce] = useState(0);
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const list = useAsync<SavedResultSummary[]>(() => client.invoke('results.list', {}), [client, revision, nonce]);
  const all = list.data ?? [];
  const present = RESULT_KINDS.filter((k) => all.some((r) => r.kind === k));
  const q = query.trim().toLowerCase();
  const shown = all.filter((r) => (filter === 'all' || r.kind === filter) && (!q || r.name.toLowerCase().includes(q) || r.dataset.toLowerCase().includes(q)));

  return (
    <div className="cxw-page">
      <Stack gap="md" maw={1200}>
        <div>
          <Title order={2}>Saved results</Title>
          <Text c="dimmed" size="sm" mt={4}>
            Every analysis run in this workspace is kept with exactly what was asked and the data it ran on. Open one to see it again, or re-run it: on
            unchanged data it must give an identical result, and on changed data it says what changed.
          </Text>
        </div>
        {list.error ? <ErrorAlert error={list.error} /> : null}
        <Group gap="md" wrap="wrap">
          <SegmentedControl
            aria-label="Kind of result"
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            data={[{ value: 'all', label: `All (${all.length})` }, ...present.map((k) => ({ value: k, label: `${RESULT_KIND_LABELS[k]} (${all.filter((r) => r.kind === k).length})` }))]}
          />
          <TextInput aria-label="Find a result" placeholder="Find by name or dataset" leftSection={<IconSearch size={16} />} value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={260} />
        </Group>
        <Paper withBorder radius="md" p="xs">
          {shown.length === 0 ? (
            <Text c="dimmed" size="sm" p="md">
              {list.loading ? 'Loading…' : all.length === 0 ? 'Nothing saved yet. Run a segmentation, a journey analysis, NPS, key drivers or an audit: each run is kept here.' : 'No saved result matches.'}
            </Text>
          ) : (
            <ResultsTable label="Saved results" results={shown} showKind onOpen={openInView} onChanged={() => setNonce((n) => n + 1)} />
          )}
        </Paper>
      </Stack>
    </div>
  );
}
