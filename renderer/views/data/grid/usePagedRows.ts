// Rows of a (possibly million-row) dataset fetched in pages as they scroll into view. Only fetched pages live
// in memory (bounded LRU); a query change (sort, filters, data revision) starts a fresh cache.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { CellValue, RowFilter, RowSort } from '../../../../shared/domain';
import { useClient } from '../../../state/bridge';

export const PAGE_SIZE = 200;
const MAX_PAGES = 40;

export interface PagedRows {
  /** Matching rows; null until the first page answers. */
  total: number | null;
  columns: string[] | null;
  error: unknown;
  getRow: (index: number) => CellValue[] | undefined;
  /** Ask for the pages covering [first, last]; cheap to call on every scroll. */
  ensure: (first: number, last: number) => void;
}

export function usePagedRows(dataset: string, sort: RowSort | null, filters: RowFilter[], revision: number): PagedRows {
  const client = useClient();
  const key = JSON.stringify([dataset, sort, filters, revision]);
  const cache = useRef(new Map<number, CellValue[][]>());
  const inflight = useRef(new Set<number>());
  const currentKey = useRef(key);
  const [total, setTotal] = useState<number | null>(null);
  const [columns, setColumns] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [, bump] = useReducer((n: number) => n + 1, 0);

  const fetchPage = useCallback(
    (page: number) => {
      if (cache.current.has(page) || inflight.current.has(page)) return;
      inflight.current.add(page);
      const forKey = currentKey.current;
      client
        .invoke('dataset.rows', {
          dataset,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          ...(sort ? { sort } : {}),
          ...(filters.length ? { filters } : {}),
        })
        .then(
          (res) => {
            if (forKey !== currentKey.current) return;
            inflight.current.delete(page);
            cache.current.set(page, res.rows);
            while (cache.current.size > MAX_PAGES) {
              const oldest = cache.current.keys().next().value as number;
              cache.current.delete(oldest);
            }
            setTotal(res.total);
            setColumns((prev) => (prev && prev.join('\u0000') === res.columns.join('\u0000') ? prev : res.columns));
            setError(null);
            bump();
          },
          (err: unknown) => {
            if (forKey !== currentKey.current) return;
            inflight.current.delete(page);
            setError(err);
          },
        );
    },
    [client, dataset, sort, filters],
  );

  // New query: drop everything and load the first page (which also tells us the total).
  useEffect(() => {
    currentKey.current = key;
    cache.current = new Map();
    inflight.current = new Set();
    setError(null);
    fetchPage(0);
    // fetchPage changes exactly when key does
  }, [key, fetchPage]);

  const getRow = useCallback((index: number) => {
    const page = Math.floor(index / PAGE_SIZE);
    const rows = cache.current.get(page);
    return rows?.[index - page * PAGE_SIZE];
  }, []);

  const ensure = useCallback(
    (first: number, last: number) => {
      if (last < first) return;
      const from = Math.floor(first / PAGE_SIZE);
      const to = Math.floor(last / PAGE_SIZE);
      for (let p = from; p <= to; p++) {
        const hit = cache.current.get(p);
        if (hit) {
          // Refresh recency so the visible pages are the last to be evicted.
          cache.current.delete(p);
          cache.current.set(p, hit);
        } else fetchPage(p);
      }
    },
    [fetchPage],
  );

  return { total, columns, error, getRow, ensure };
}
