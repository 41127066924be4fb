// A chart's numbers as a real table: a caption naming the chart, column headers that sort (a button in each header,
// so Enter and Space work and aria-sort says the order), numbers right-aligned in tabular figures, and "Copy table"
// (tab-separated with a header row, for a spreadsheet) whose outcome is said in a status line.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconCopy } from '@tabler/icons-react';
import { displayCell, isNumeric, nextSort, sortRows, toTsv, type ChartTableData, type SortState } from '../../charts/chart-table';
import { copyText } from './clipboard';
import './chart-table.css';

interface Props {
  table: ChartTableData;
  /** The table's caption, e.g. "Answers by score: the numbers". */
  caption: string;
  id?: string;
  /** Rows shown before the table scrolls (the header stays in view). */
  maxHeight?: number;
  /** A smaller table (a data-profile card). */
  compact?: boolean;
}

export function ChartDataTable({ table, caption, id, maxHeight = 420, compact = false }: Props) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [status, setStatus] = useState('');
  const clear = useRef<ReturnType<typeof setTimeout> | null>(null);
  const rows = useMemo(() => sortRows(table.rows, sort), [table.rows, sort]);
  useEffect(() => () => void (clear.current && clearTimeout(clear.current)), []);

  const onCopy = async () => {
    const ok = await copyText(toTsv(table, rows));
    setStatus(ok ? `Copied ${rows.length === 1 ? '1 row' : `${rows.length.toLocaleString('en-US')} rows`} as tab-separated text` : 'Could not copy: this window does not allow it');
    if (clear.current) clearTimeout(clear.current);
    clear.current = setTimeout(() => setStatus(''), 6000);
  };

  // The first text column names the row (a row header for screen readers).
  const rowHeader = table.columns[0]?.kind === 'text' ? 0 : -1;
  return (
    <div className={`cxw-chart-table${compact ? ' cxw-chart-table-compact' : ''}`} id={id}>
      <Group justify="space-between" align="center" gap="xs" wrap="wrap" className="cxw-chart-table-bar">
        <Text size="sm" className="cxw-chart-table-note">
          {table.note ?? `${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'row' : 'rows'}. Sort by a column with its header.`}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" role="status" className="cxw-chart-table-status">
            {status}
          </Text>
          <Button variant="default" size={compact ? 'compact-xs' : 'compact-sm'} leftSection={<IconCopy size={14} />} onClick={() => void onCopy()} aria-label={`Copy table: ${caption}`}>
            Copy table
          </Button>
        </Group>
      </Group>
      <div className="cxw-chart-table-scroll" style={{ maxHeight }} tabIndex={0} role="region" aria-label={`${caption} (scrolls)`}>
        <Table striped highlightOnHover withTableBorder stickyHeader verticalSpacing={compact ? 2 : 6} horizontalSpacing={compact ? 'xs' : 'sm'} fz={compact ? 'xs' : 'sm'}>
          <Table.Caption className="cxw-chart-table-caption">{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((c, i) => {
                const active = sort?.column === i ? sort.direction : undefined;
                const Icon = active === 'ascending' ? IconArrowUp : active === 'descending' ? IconArrowDown : IconArrowsSort;
                return (
                  <Table.Th key={i} scope="col" aria-sort={active ?? 'none'} className={isNumeric(c) ? 'cxw-num' : undefined}>
                    <UnstyledButton className="cxw-chart-table-sort" onClick={() => setSort((s) => nextSort(s, i))}>
                      <span>{c.label}</span>
                      <Icon size={13} aria-hidden="true" className="cxw-chart-table-sort-icon" data-active={active ? 'true' : undefined} />
                    </UnstyledButton>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, ri) => (
              <Table.Tr key={ri}>
                {table.columns.map((c, ci) => {
                  const text = displayCell(r[ci] ?? null, c);
                  const cls = isNumeric(c) ? 'cxw-num' : undefined;
                  return ci === rowHeader ? (
                    <Table.Th key={ci} scope="row" className="cxw-chart-table-rowhead">
                      {text}
                    </Table.Th>
                  ) : (
                    <Table.Td key={ci} className={cls}>
                      {text}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </div>
  );
}
