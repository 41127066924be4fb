// Customers the segmentation is least sure about, with a way to move each one. Confidence is the distance margin
// between the nearest and the second-nearest segment centre.
// Keyboard: the rows are one Tab stop (a roving tabindex; ↑/↓, Home/End, PageUp/PageDown go from customer to
// customer), Tab goes on to that row's "Move to" list. Browsing that list with the arrow keys only chooses (on
// Windows and Linux the browser changes a closed list's value at every arrow press, which must not move anyone):
// Enter or the row's Move button moves the customer; picking with the mouse or from the opened list moves at once.
// After a move the focus stays on the customer's row and a polite live region says what happened.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, Progress, ScrollArea, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReviewItem, SegmentationResult } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { useToasts } from '../../state/toasts';
import { segmentColor } from '../../charts/palette';
import { formatCount } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';

const LIMIT = 200;
const PAGE = 10;

interface Props {
  result: SegmentationResult;
  onReassigned: () => void;
}

export function ReviewQueue({ result, onReassigned }: Props) {
  const client = useClient();
  const toasts = useToasts();
  const queue = useAsync<ReviewItem[]>(() => client.invoke('segment.review', { segmentation: result.name, limit: LIMIT }), [client, result.name]);
  const [moving, setMoving] = useState<number | null>(null);
  // A target chosen with the keyboard, waiting for Enter or the Move button: { dataset row → segment }.
  const [chosen, setChosen] = useState<{ row: number; segment: number } | null>(null);
  const [activeRow, setActiveRow] = useState<number | null>(null);
  const [said, setSaid] = useState('');
  const keyed = useRef(false);
  const rows = useRef(new Map<number, HTMLTableRowElement>());
  const helpId = useId();
  const names = new Map(result.segments.map((s) => [s.index, s.name]));
  const nameOf = (i: number) => names.get(i) ?? `Segment ${i + 1}`;
  const items = queue.data ?? [];
  const total = result.segments.reduce((sum, s) => sum + s.lowConfidence, 0);
  const active = items.some((i) => i.row === activeRow) ? activeRow : (items[0]?.row ?? null);

  // A moved customer's row re-renders (its "moved" badge, maybe another place): keep the keyboard where it was.
  const refocus = useRef<{ row: number; part: 'row' | 'select' } | null>(null);
  useEffect(() => {
    const want = refocus.current;
    if (!want || !items.length) return;
    refocus.current = null;
    const row = rows.current.get(want.row) ?? rows.current.get(items[0].row);
    const el = want.part === 'select' ? row?.querySelector('select') : row;
    if (el && document.activeElement !== el) el.focus();
  }, [items]);

  const move = async (item: ReviewItem, to: number) => {
    if (moving !== null) return;
    // The Move button goes away with the choice: the keyboard waits on the row's list meanwhile.
    const row = rows.current.get(item.row);
    const hadFocus = Boolean(row?.contains(document.activeElement));
    if (hadFocus && document.activeElement?.tagName === 'BUTTON') row?.querySelector('select')?.focus();
    setMoving(item.row);
    setChosen(null);
    try {
      await client.invoke('segment.reassign', { segmentation: result.name, row: item.row, segment: to });
      toasts.success('Customer moved', `Customer ${item.id} is now in “${nameOf(to)}”. The move is recorded in the activity log.`);
      setSaid(`Customer ${item.id} moved from “${nameOf(item.segment)}” to “${nameOf(to)}”.`);
      if (hadFocus) refocus.current = { row: item.row, part: 'select' };
      queue.reload();
      onReassigned();
    } catch (err) {
      toasts.error(err, `Customer ${item.id} was not moved`);
    } finally {
      setMoving(null);
    }
  };

  const goToRow = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))];
    if (!item) return;
    setActiveRow(item.row);
    rows.current.get(item.row)?.focus();
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1, PageDown: index + PAGE, PageUp: index - PAGE }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      goToRow(to);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      e.currentTarget.querySelector('select')?.focus();
    }
  };
  const onSelectKey = (e: KeyboardEvent<HTMLSelectElement>, item: ReviewItem) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (chosen?.row === item.row) void move(item, chosen.segment);
    } else if (e.key === 'Escape') {
      // Drop a choice not yet made, else go back to the row.
      e.preventDefault();
      if (chosen?.row === item.row) setChosen(null);
      else rows.current.get(item.row)?.focus();
    } else if (e.key !== 'Tab' && e.key !== 'Shift') {
      // The browser may change a closed list's value on this key: that change only chooses (see onChange).
      keyed.current = true;
      window.setTimeout(() => (keyed.current = false), 0);
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
      <Text size="sm" c="dimmed" mb="xs" maw={820}>
        Confidence compares each customer's distance to their own segment's centre with the distance to the next nearest one: near 0% means
        they sit on the border and could belong to either; move a customer when you know better.
      </Text>
      <Text size="sm" c="dimmed" mb="md" maw={820} id={helpId}>
        Keyboard: ↑/↓ go from customer to customer, Tab reaches the row&apos;s “Move to” list; choose a segment with the arrow keys and press Enter to move the
        customer (Escape cancels).
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
          <Table className="cxw-seg-review" stickyHeader verticalSpacing="xs" highlightOnHover aria-label="Review queue" aria-describedby={helpId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>Customer</Table.Th>
                <Table.Th>Current segment</Table.Th>
                <Table.Th>Second best</Table.Th>
                <Table.Th w={150}>Confidence</Table.Th>
                <Table.Th w={230}>Move</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item, index) => {
                const isActive = item.row === active;
                const pick = chosen?.row === item.row ? chosen.segment : null;
                return (
                  <Table.Tr
                    key={item.row}
                    ref={(el: HTMLTableRowElement | null) => {
                      if (el) rows.current.set(item.row, el);
                      else rows.current.delete(item.row);
                    }}
                    className="cxw-seg-review-row"
                    tabIndex={isActive ? 0 : -1}
                    data-customer={String(item.id)}
                    onFocus={() => setActiveRow(item.row)}
                    onKeyDown={(e) => onRowKey(e, index)}
                  >
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
                        <Progress value={item.confidence * 100} size="md" w={70} color={item.confidence < 0.1 ? 'orange' : 'indigo'} aria-hidden="true" />
                        <Text size="sm" className="cxw-tabular">
                          {Math.round(item.confidence * 100)}%
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <NativeSelect
                          aria-label={`Move customer ${item.id} to`}
                          size="xs"
                          flex={1}
                          value={pick === null ? '' : String(pick)}
                          tabIndex={isActive ? 0 : -1}
                          // Not `disabled` while a move is under way: that would drop the keyboard's focus.
                          aria-disabled={moving !== null || undefined}
                          onFocus={() => setActiveRow(item.row)}
                          onKeyDown={(e) => onSelectKey(e, item)}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            if (v === '') return setChosen(null);
                            if (keyed.current) setChosen({ row: item.row, segment: Number(v) });
                            else void move(item, Number(v));
                          }}
                          data={[
                            { value: '', label: 'Move to…' },
                            ...result.segments
                              .filter((s) => s.index !== item.segment)
                              .sort((a, b) => (a.index === item.secondBest ? -1 : b.index === item.secondBest ? 1 : a.index - b.index))
                              .map((s) => ({ value: String(s.index), label: `${s.index + 1} · ${s.name}` })),
                          ]}
                        />
                        {pick !== null && (
                          <Button size="compact-sm" onClick={() => void move(item, pick)} loading={moving === item.row} aria-label={`Move customer ${item.id} to ${nameOf(pick)}`}>
                            Move
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      <VisuallyHidden role="status" aria-live="polite">
        {said}
      </VisuallyHidden>
    </Paper>
  );
}

function SegmentTag({ index, name }: { index: number; name: string | undefined }) {
  return (
    <Group gap={8} wrap="nowrap" className="cxw-min0" title={name}>
      <span className="cxw-seg-dot" style={{ background: segmentColor(index) }} aria-hidden="true" />
      {/* Two lines before an ellipsis: long segment names stay readable at 1366 px. */}
      <Text size="sm" lineClamp={2}>
        {name ?? `Segment ${index + 1}`}
      </Text>
    </Group>
  );
}
