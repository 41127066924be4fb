// How customers moved between two saved segmentations (matched by id): a table of counts and a Sankey; when one is the
// other scored on a new wave, each segment's size in both and whether the mix shifted.
import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import type { MigrationMatrix, SegmentationSummary, SegmentSizeShift } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { formatCount, formatPct } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { segmentColor } from '../../charts/palette';
import { MigrationSankey } from './charts';
import { maxOf } from '../../../shared/extent';

/** initial: a pair to propose (the last scoring); otherwise the two newest, older → newer (saved is oldest first). */
export function MigrationPanel({ saved, initial }: { saved: SegmentationSummary[]; initial?: { from: string; to: string } | null }) {
  const client = useClient();
  const has = (n: string | undefined) => n !== undefined && saved.some((s) => s.name === n);
  const pair = initial && has(initial.from) && has(initial.to) ? initial : null;
  const [from, setFrom] = useState(pair?.from ?? saved[saved.length - 2]?.name ?? saved[0]?.name ?? '');
  const [to, setTo] = useState(pair?.to ?? saved[saved.length - 1]?.name ?? '');
  const [matrix, setMatrix] = useState<MigrationMatrix | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const compare = async () => {
    setLoading(true);
    setError(null);
    try {
      setMatrix(await client.invoke('segment.migration', { from, to }));
    } catch (err) {
      setMatrix(null);
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  const options = saved.map((s) => ({ value: s.name, label: `${s.name} (${s.dataset}, k = ${s.k})` }));
  return (
    <Stack gap="lg">
      <div>
        <Title order={2} size="h3">
          Compare two segmentations
        </Title>
        <Text c="dimmed" size="sm">
          See where customers of one segmentation ended up in another, for example last quarter’s data scored into the same segments.
          Customers are matched by their identifier.
        </Text>
      </div>
      {saved.length < 2 ? (
        <Paper withBorder radius="md" p="lg">
          <Text c="dimmed">Save at least two segmentations to compare them.</Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Group align="flex-end" gap="md">
            <NativeSelect label="From segmentation" data={options} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={320} />
            <NativeSelect label="To segmentation" data={options} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={320} />
            <Button leftSection={<IconArrowsExchange size={16} />} onClick={compare} loading={loading} disabled={!from || !to}>
              Compare
            </Button>
          </Group>
        </Paper>
      )}
      <ErrorAlert error={error} />
      {matrix && (
        <>
          <Paper withBorder radius="md" p="lg">
            <Text fw={650} size="lg" mb="xs">
              Customers by segment: rows {matrix.from}, columns {matrix.to}
            </Text>
            <Text size="sm" c="dimmed" mb="md">
              {formatCount(matrix.matched)} customers matched. Each cell: customers, and their share of the row.
            </Text>
            <ScrollArea type="auto">
              <Table className="cxw-seg-migration" withTableBorder withColumnBorders aria-label="Migration matrix">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>From \ To</Table.Th>
                    {matrix.toSegments.map((s, j) => (
                      <Table.Th key={j}>
                        <Dot index={j} />
                        {s}
                      </Table.Th>
                    ))}
                    <Table.Th ta="right">Total</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {matrix.counts.map((row, i) => {
                    const total = row.reduce((a, b) => a + b, 0);
                    const best = maxOf(row);
                    return (
                      <Table.Tr key={i}>
                        <Table.Th scope="row">
                          <Dot index={i} />
                          {matrix.fromSegments[i]}
                        </Table.Th>
                        {row.map((c, j) => (
                          <Table.Td key={j} ta="right" className="cxw-tabular" data-strong={c > 0 && c === best ? 'true' : undefined}>
                            {formatCount(c)}{' '}
                            {/* The space keeps "1,076 100%" two words for screen readers and copied text. */}
                            <Text span size="xs" c="dimmed" ml={6}>
                              {total ? formatPct((c / total) * 100) : ''}
                            </Text>
                          </Table.Td>
                        ))}
                        <Table.Td ta="right" className="cxw-tabular" fw={600}>
                          {formatCount(total)}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <MigrationSankey matrix={matrix} />
          </Paper>
          {matrix.sizes && <SizeShift sizes={matrix.sizes} from={matrix.from} to={matrix.to} />}
        </>
      )}
    </Stack>
  );
}

function Dot({ index }: { index: number }) {
  return <span className="cxw-seg-dot cxw-seg-dot-inline" style={{ background: segmentColor(index) }} aria-hidden="true" />;
}

/** One segmentation scored on a new wave: each segment's share in both, and whether the mix shifted. */
function SizeShift({ sizes, from, to }: { sizes: SegmentSizeShift; from: string; to: string }) {
  return (
    <Paper withBorder radius="md" p="lg" role="group" aria-label="Segment sizes in both">
      <Text fw={650} size="lg" mb="xs">
        Segment sizes: {from} and {to}
      </Text>
      <Text size="md" mb="md" role="status">
        {sizes.sentence}
      </Text>
      <Table withTableBorder className="cxw-seg-sizes" aria-label="Segment sizes in both">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Segment</Table.Th>
            <Table.Th ta="right">{from}</Table.Th>
            <Table.Th ta="right">{to}</Table.Th>
            <Table.Th ta="right">Change</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sizes.segments.map((s, i) => (
            <Table.Tr key={s.name}>
              <Table.Th scope="row">
                <Dot index={i} />
                {s.name}
              </Table.Th>
              <Table.Td ta="right" className="cxw-tabular">
                {formatPct(s.fromShare * 100)} ({formatCount(s.from)})
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                {formatPct(s.toShare * 100)} ({formatCount(s.to)})
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                {s.toShare >= s.fromShare ? '+' : '−'}
                {Math.abs((s.toShare - s.fromShare) * 100).toFixed(1)} points
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
