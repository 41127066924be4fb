// What a re-run found: "identical" in green, or what changed (the inputs' rows, the headline numbers saved → now,
// and the first fields that differ), in plain words first.
import { Alert, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconAlertTriangle } from '@tabler/icons-react';
import type { RerunOutcome as Outcome } from '../../../shared/results';
import { formatHeadline } from './format';

const SHOWN_DIFFERENCES = 8;

export function RerunOutcome({ outcome }: { outcome: Outcome }) {
  const more = outcome.differences.length - SHOWN_DIFFERENCES + outcome.moreDifferences;
  return (
    <Stack gap="sm">
      <Alert
        color={outcome.identical ? 'teal' : 'yellow'}
        variant="light"
        icon={outcome.identical ? <IconCircleCheck size={20} /> : <IconAlertTriangle size={20} />}
        title={outcome.identical ? 'Re-ran: identical' : outcome.dataChanged ? 'Re-ran: the data changed' : 'Re-ran: the result differs'}
        role="status"
      >
        <Text size="sm">{outcome.message}</Text>
      </Alert>
      {outcome.headline.length > 0 && (
        <Table striped withTableBorder aria-label="Headline numbers, saved and re-run">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Figure</Table.Th>
              <Table.Th scope="col" ta="right">
                Saved
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Re-run
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {outcome.headline.map((h) => (
              <Table.Tr key={h.label} data-changed={h.before !== h.after || undefined}>
                <Table.Th scope="row" fw={500}>
                  {h.label}
                </Table.Th>
                <Table.Td ta="right" className="cxw-num">
                  {formatHeadline(h.before)}
                </Table.Td>
                <Table.Td ta="right" className="cxw-num" fw={h.before !== h.after ? 700 : undefined}>
                  {formatHeadline(h.after)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!outcome.identical && outcome.differences.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Fields that differ
          </Text>
          <ul className="cxw-rerun-diffs">
            {outcome.differences.slice(0, SHOWN_DIFFERENCES).map((d) => (
              <li key={d.path}>
                <code>{d.path}</code>: {JSON.stringify(d.before)} → {JSON.stringify(d.after)}
              </li>
            ))}
          </ul>
          {more > 0 && (
            <Text size="sm" c="dimmed">
              … and {more} more.
            </Text>
          )}
        </div>
      )}
    </Stack>
  );
}
