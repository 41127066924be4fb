// Customers the segmentation is least sure about, with a way to move each one. Confidence is the distance margin
// between the nearest and the second-nearest segment centre.
import { useState } from 'react';
import { Badge, Group, NativeSelect, Paper, Progress, ScrollArea, Table, Text } from '@mantine/core';
import type { ReviewItem, SegmentationResult } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { useToasts } from '../../state/toasts';
import { segmentColor } from '../../charts/palette';
import { formatCount } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';

const LIMIT = 200;

interface Props {
  result: SegmentationResult;
  onReassigned: () => void;
}

export function ReviewQueue({ result, onReassigned }: Props) {
  const client = useClient();
  const toasts = useToasts();
  const queue = useAsync<ReviewItem[]>(() => client.invoke('segment.review', { segmentation: result.name, limit: LIMIT }), [client, result.name]);
  const [moving, setMoving] = useState<number | null>(null);
  const names = new Map(result.segments.map((s) => [s.index, s.name]));
  const items = queue.data ?? [];
  const total = result.segments.reduce((sum, s) => sum + s.lowConfidence, 0);

  const move = async (item: ReviewItem, to: number) => {
    setMoving(item.row);
    try {
      await client.invoke('segment.reassign', { segmentation: result.name, row: item.row, segment: to });
      toasts.success('Customer moved', `Customer ${item.id} is now in “${names.get(to) ?? `Segment ${to + 1}`}”. The move is recorded in the activity log.`);
      queue.reload();
      onReassigned();
    } catch (err) {
      toasts.error(err, `Customer ${item.id} was not moved`);
    } finally {
      setMoving(null);
    }
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" align="baseline" mb="xs">
        <Text fw={650} size="lg">
          Customers between two segments
        </Text>
        <Text size="sm" c="dimmed" className="cxw-tabular">
          {items.length > 0 ? `${formatCount(items.length)} shown${total > items.length ? ` of ${formatCount(total)}` : ''}, least confident first` : ''}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="md" maw={820}>
        Confidence compares each customer's distance to their own segment's centre with the distance to the next nearest one: near 0% means
        they sit on the border and could belong to either; move a customer when you know better.
      </Text>
      <ErrorAlert error={queue.error} />
      {queue.loading && !queue.data ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No low-confidence customers: every customer is clearly closer to one segment than to any other.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={640} type="auto">
          <Table className="cxw-seg-review" stickyHeader verticalSpacing="xs" highlightOnHover aria-label="Review queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>Customer</Table.Th>
                <Table.Th>Current segment</Table.Th>
                <Table.Th>Second best</Table.Th>
                <Table.Th w={170}>Confidence</Table.Th>
                <Table.Th w={220}>Move</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.row}>
                  <Table.Td className="cxw-mono-cell">
                    {String(item.id)}
                    {item.reassigned && (
                      <Badge size="xs" variant="light" color="indigo" ml={8}>
                        moved
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <SegmentTag index={item.segment} name={names.get(item.segment)} />
                  </Table.Td>
                  <Table.Td>
                    {item.reassigned && item.secondBest === item.segment ? (
                      <Text size="sm" c="dimmed">
                        moved here by an analyst
                      </Text>
                    ) : (
                      <SegmentTag index={item.secondBest} name={names.get(item.secondBest)} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={item.confidence * 100} size="md" w={90} color={item.confidence < 0.1 ? 'orange' : 'indigo'} aria-hidden="true" />
                      <Text size="sm" className="cxw-tabular">
                        {Math.round(item.confidence * 100)}%
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Move customer ${item.id} to`}
                      size="xs"
                      value=""
                      disabled={moving !== null}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        if (v !== '') void move(item, Number(v));
                      }}
                      data={[
                        { value: '', label: 'Move to…' },
                        ...result.segments
                          .filter((s) => s.index !== item.segment)
                          .sort((a, b) => (a.index === item.secondBest ? -1 : b.index === item.secondBest ? 1 : a.index - b.index))
                          .map((s) => ({ value: String(s.index), label: `${s.index + 1} · ${s.name}` })),
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}

function SegmentTag({ index, name }: { index: number; name: string | undefined }) {
  return (
    <Group gap={8} wrap="nowrap" className="cxw-min0" title={name}>
      <span className="cxw-seg-dot" style={{ background: segmentColor(index) }} aria-hidden="true" />
      <Text size="sm" truncate>
        {name ?? `Segment ${index + 1}`}
      </Text>
    </Group>
  );
}
