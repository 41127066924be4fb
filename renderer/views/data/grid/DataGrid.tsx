// Virtualised, sortable, filterable grid over any dataset size: the scroll height is total × ROW_HEIGHT, only
// visible rows are rendered, and only their pages are fetched. Values always render as text.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, CloseButton, Group, Pill, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { CellValue, ColumnMeta, DatasetSummary, RowFilter, RowSort } from '../../../../shared/domain';
import { useWorkspace } from '../../../state/workspace';
import { formatCount } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { usePagedRows } from './usePagedRows';
import { columnWidth, formatCell } from './cellFormat';
import { describeFilter } from './filterOps';
import { FilterPopover } from './FilterPopover';

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 36;
const INDEX_WIDTH = 76;

export function DataGrid({ dataset }: { dataset: DatasetSummary }) {
  const { revision } = useWorkspace();
  const [sort, setSort] = useState<RowSort | null>(null);
  const [filters, setFilters] = useState<RowFilter[]>([]);
  const paged = usePagedRows(dataset.name, sort, filters, revision);
  const scrollRef = useRef<HTMLDivElement>(null);

  const metaByName = useMemo(() => new Map(dataset.columns.map((c) => [c.name, c])), [dataset.columns]);
  const columns: ColumnMeta[] = useMemo(() => {
    const names = paged.columns ?? dataset.columns.map((c) => c.name);
    return names.map((name, index) => metaByName.get(name) ?? { index, name, originalName: name, type: 'text', role: 'feature', piiAction: 'keep' });
  }, [paged.columns, dataset.columns, metaByName]);
  const widths = useMemo(() => columns.map(columnWidth), [columns]);
  const template = `${INDEX_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = INDEX_WIDTH + widths.reduce((a, b) => a + b, 0);

  const total = paged.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  // Fetch the visible pages once scrolling pauses briefly, so dragging the thumb across 1M rows stays cheap.
  const queryKey = JSON.stringify([sort, filters, revision]);
  useEffect(() => {
    const t = window.setTimeout(() => paged.ensure(first, last), 40);
    return () => window.clearTimeout(t);
    // paged.ensure is stable per query
  }, [first, last, queryKey, paged.ensure]);

  // A new order or filter starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [sort, filters]);

  const cycleSort = (column: string) =>
    setSort((s) => (s?.column !== column ? { column, direction: 'asc' } : s.direction === 'asc' ? { column, direction: 'desc' } : null));

  const setFilter = (column: string, filter: RowFilter | null) =>
    setFilters((fs) => [...fs.filter((f) => f.column !== column), ...(filter ? [filter] : [])]);

  const filtered = filters.length > 0;
  return (
    <div className="cxw-grid-wrap">
      <Group className="cxw-grid-toolbar" justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="nowrap" className="cxw-min0">
          <Text size="sm" fw={600} className="cxw-tabular cxw-nowrap" aria-live="polite" data-testid="grid-row-count">
            {paged.total === null ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'row' : 'rows'}`}
          </Text>
          {filtered && paged.total !== null && (
            <Text size="sm" c="dimmed" className="cxw-tabular cxw-nowrap">
              of {formatCount(dataset.rows)}
            </Text>
          )}
          {sort && (
            <Pill withRemoveButton onRemove={() => setSort(null)} removeButtonProps={{ 'aria-label': 'Clear sort' }} className="cxw-pill">
              sorted by {sort.column} {sort.direction === 'asc' ? '↑' : '↓'}
            </Pill>
          )}
          <div className="cxw-pill-row">
            {filters.map((f) => (
              <Pill
                key={f.column}
                withRemoveButton
                onRemove={() => setFilter(f.column, null)}
                removeButtonProps={{ 'aria-label': `Remove filter on ${f.column}` }}
                className="cxw-pill"
              >
                {describeFilter(f, (v) => {
                  const meta = metaByName.get(f.column);
                  const c = meta?.type === 'boolean' ? formatCell(v, meta) : null;
                  return c && c.kind === 'value' ? c.text : String(v);
                })}
              </Pill>
            ))}
          </div>
        </Group>
        {filtered && (
          <Button variant="subtle" color="gray" size="compact-sm" onClick={() => setFilters([])}>
            Clear filters
          </Button>
        )}
      </Group>
      {paged.error != null && (
        <div className="cxw-grid-error">
          <ErrorAlert error={paged.error} title="Rows could not be loaded" />
        </div>
      )}
      <div
        ref={scrollRef}
        className="cxw-grid-scroll"
        role="grid"
        aria-label={`Rows of ${dataset.name}`}
        aria-rowcount={total + 1}
        aria-colcount={columns.length + 1}
        aria-busy={paged.total === null}
        tabIndex={0}
      >
        <div style={{ width: totalWidth, minWidth: '100%' }}>
          <div className="cxw-grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}>
            <div role="columnheader" className="cxw-gh cxw-gh-index" aria-colindex={1}>
              #
            </div>
            {columns.map((c, i) => {
              const sorted = sort?.column === c.name ? sort.direction : null;
              const numeric = c.type === 'integer' || c.type === 'real';
              return (
                <div
                  key={c.name}
                  role="columnheader"
                  aria-colindex={i + 2}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className={numeric ? 'cxw-gh cxw-gh-num' : 'cxw-gh'}
                >
                  <button
                    type="button"
                    className="cxw-gh-sort"
                    onClick={() => cycleSort(c.name)}
                    aria-label={`Sort by ${c.name}`}
                    title={`${c.name} (${c.type}) — click to sort`}
                  >
                    <span className="cxw-gh-name">{c.name}</span>
                    <span className="cxw-gh-icon" data-active={sorted ? 'true' : undefined} aria-hidden="true">
                      {sorted === 'asc' ? <IconArrowUp size={13} /> : sorted === 'desc' ? <IconArrowDown size={13} /> : <IconArrowsSort size={13} />}
                    </span>
                  </button>
                  <FilterPopover column={c} active={filters.find((f) => f.column === c.name)} onApply={(f) => setFilter(c.name, f)} />
                </div>
              );
            })}
          </div>
          <div className="cxw-grid-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = paged.getRow(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="cxw-grid-row"
                  data-odd={item.index % 2 === 1 ? 'true' : undefined}
                  style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
                >
                  <div role="rowheader" className="cxw-gc cxw-gc-index" aria-colindex={1}>
                    {formatCount(item.index + 1)}
                  </div>
                  {columns.map((c, ci) =>
                    row ? (
                      <Cell key={c.name} value={row[ci]} column={c} colIndex={ci + 2} />
                    ) : (
                      <div key={c.name} role="gridcell" className="cxw-gc" aria-colindex={ci + 2}>
                        <span className="cxw-gc-loading" />
                      </div>
                    ),
                  )}
                </div>
              );
            })}
          </div>
          {paged.total === 0 && (
            <div className="cxw-grid-empty">
              <Text size="sm" c="dimmed">
                {filtered ? 'No rows match these filters.' : 'This dataset has no rows.'}
              </Text>
              {filtered && (
                <CloseButton aria-label="Clear filters" onClick={() => setFilters([])} />
              )}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function Cell({ value, column, colIndex }: { value: CellValue; column: ColumnMeta; colIndex: number }) {
  const c = formatCell(value, column);
  if (c.kind === 'missing') {
    return (
      <div role="gridcell" className="cxw-gc" aria-colindex={colIndex}>
        <span className="cxw-null" title="missing">
          —
        </span>
      </div>
    );
  }
  return (
    <div role="gridcell" className={c.numeric ? 'cxw-gc cxw-gc-num' : 'cxw-gc'} aria-colindex={colIndex} title={c.text.length > 24 ? c.text : undefined}>
      {c.text}
    </div>
  );
}
