// "RFM from transactions": a transactions table (customer, date, amount) → a new dataset with recency,
// frequency and monetary scores (5 = best) and the standard segment names, shown as counts with what each means.
import { useEffect, useMemo, useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDatabase, IconPlayerPlay } from '@tabler/icons-react';
import type { DatasetSummary } from '../../../shared/domain';
import type { Result } from '../../../shared/api';
import { useClient } from '../../state/bridge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgressBar } from './JobProgressBar';
import { RfmSegmentList } from './RfmSegmentList';
import { useJob } from '../../lib/useJob';
import { useAsync } from '../../state/useAsync';
import { amountColumns, customerColumns, dateColumns, defaultRfmColumns, distinctCounts, mayBeTransactions, RFM_NEEDS, rfmCandidates, type DistinctCounts, type RfmColumns } from './rfm-model';

type RfmResult = Result<'segment.rfm'>;

export function RfmPanel({ datasets }: { datasets: DatasetSummary[] }) {
  const client = useClient();
  const job = useJob();
  // Whether a customer id repeats needs each plausible dataset's distinct counts (its profile, cached by the services).
  const plausible = useMemo(() => datasets.filter(mayBeTransactions), [datasets]);
  const key = plausible.map((d) => `${d.name}\u0000${d.rows}\u0000${d.importedAt}`).join('\u0001');
  const counts = useAsync<Record<string, DistinctCounts>>(async () => {
    const out: Record<string, DistinctCounts> = {};
    for (const d of plausible) out[d.name] = distinctCounts(await client.invoke('dataset.profile', { dataset: d.name }));
    return out;
  }, [client, key]); // `key` names the plausible datasets and their versions
  const distinct = useMemo(() => counts.data ?? {}, [counts.data]);
  const candidates = useMemo(() => rfmCandidates(datasets, distinct), [datasets, distinct]);
  const [dataset, setDataset] = useState(candidates[0]?.name ?? '');
  const ds = candidates.find((d) => d.name === dataset) ?? null;
  const [cols, setCols] = useState<RfmColumns>(() => defaultRfmColumns(ds, distinct[dataset]));
  const [asOf, setAsOf] = useState('');
  const [name, setName] = useState('');
  const [result, setResult] = useState<RfmResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  // A dataset that disappears (or a first one that arrives later) resets the choice and its column defaults.
  useEffect(() => {
    if (candidates.some((d) => d.name === dataset)) return;
    const first = candidates[0] ?? null;
    setDataset(first?.name ?? '');
    setCols(defaultRfmColumns(first, first ? distinct[first.name] : undefined));
  }, [candidates, dataset, distinct]);

  const choose = (next: string) => {
    setDataset(next);
    setCols(defaultRfmColumns(candidates.find((d) => d.name === next) ?? null, distinct[next]));
    setResult(null);
    setError(null);
  };

  const run = async () => {
    setError(null);
    setNote(null);
    setResult(null);
    const out = await job.start('rfm', (jobId) =>
      client.invoke('segment.rfm', { jobId, dataset, ...cols, ...(asOf ? { asOf } : {}), ...(name.trim() ? { name: name.trim() } : {}) }),
    );
    if (out.ok) setResult(out.value);
    else if (out.cancelled) setNote('RFM was cancelled; nothing was created.');
    else setError(out.error);
  };

  const checking = counts.loading && plausible.length > 0 && candidates.length === 0;
  const problem = !ds ? 'Choose a dataset.' : new Set([cols.customer, cols.date, cols.amount]).size < 3 ? 'Customer, date and amount must be three different columns.' : null;
  const openDataset = (n: string) => {
    // The Data view reads ?dataset= from the address, so the jump lands on the new dataset.
    window.location.hash = `#/data?dataset=${encodeURIComponent(n)}`;
  };

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2} size="h3">
          RFM from transactions
        </Title>
        <Text c="dimmed" size="sm">
          From a table of purchases (one row per transaction), score every customer 1–5 on Recency (5 = bought most recently), Frequency (5 = most
          purchases) and Monetary value (5 = spent the most), by quintile, and name the segment. The result is a new dataset, one row per customer.
        </Text>
      </div>
      {checking ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed" role="status">
            Checking which datasets hold transactions…
          </Text>
        </Paper>
      ) : candidates.length === 0 ? (
        <Paper withBorder radius="md" p="lg" aria-label="RFM needs transactions">
          <Text fw={600}>{RFM_NEEDS}</Text>
          <Text c="dimmed" size="sm" mt={4}>
            No dataset here has one: a customer id that repeats (one row per purchase, not per customer), a date column, and an amount column (named
            like amount, revenue, total, price, value, spend or sales, or holding decimals). Import such a table on the Data view.
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <NativeSelect label="Transactions dataset" data={candidates.map((d) => d.name)} value={dataset} onChange={(e) => choose(e.currentTarget.value)} disabled={job.running} maw={420} />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <NativeSelect label="Customer column" data={customerColumns(ds)} value={cols.customer} onChange={(e) => setCols({ ...cols, customer: e.currentTarget.value })} disabled={job.running} />
              <NativeSelect label="Date column" data={dateColumns(ds)} value={cols.date} onChange={(e) => setCols({ ...cols, date: e.currentTarget.value })} disabled={job.running} />
              <NativeSelect label="Amount column" data={amountColumns(ds)} value={cols.amount} onChange={(e) => setCols({ ...cols, amount: e.currentTarget.value })} disabled={job.running} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="As of (optional)"
                description="Recency is counted back from this day; empty = the latest purchase date in the data."
                type="date"
                value={asOf}
                onChange={(e) => setAsOf(e.currentTarget.value)}
                disabled={job.running}
              />
              <TextInput
                label="New dataset name (optional)"
                description="Empty = the dataset's name followed by “RFM”."
                placeholder={dataset ? `${dataset} RFM` : ''}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                disabled={job.running}
                maxLength={200}
              />
            </SimpleGrid>
            <Group justify="space-between">
              <Text size="sm" c={problem ? 'orange' : 'dimmed'}>
                {problem ?? 'Purchases after the as-of date, and rows without a customer or a date, are left out (counted in the activity log).'}
              </Text>
              <Button leftSection={<IconPlayerPlay size={16} />} onClick={run} loading={job.running} disabled={problem !== null}>
                Run RFM
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {job.running && <JobProgressBar title="RFM" progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} />}
      {note && (
        <Text size="sm" c="dimmed" role="status">
          {note}
        </Text>
      )}
      <ErrorAlert error={error} />
      {result && (
        <Paper withBorder radius="md" p="lg" aria-label="RFM result">
          <Group justify="space-between" align="flex-start" mb="md">
            <div>
              <Text fw={650} size="lg">
                {result.dataset.rows.toLocaleString('en-US')} customers scored into “{result.dataset.name}”
              </Text>
              <Text size="sm" c="dimmed">
                Columns recency_days, frequency, monetary, r, f, m, rfm_score and rfm_segment; segment it further or profile it on the Data view.
              </Text>
            </div>
            <Button variant="light" leftSection={<IconDatabase size={16} />} onClick={() => openDataset(result.dataset.name)}>
              Open dataset
            </Button>
          </Group>
          <RfmSegmentList segments={result.segments} />
        </Paper>
      )}
    </Stack>
  );
}
