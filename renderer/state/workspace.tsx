// The open workspace and its datasets, kept fresh from `workspace.changed` events. Marks the DOM ready for e2e.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DatasetSummary, WorkspaceInfo } from '../../shared/domain';
import { useClient } from './bridge';

export interface WorkspaceState {
  /** undefined while the first load runs; null when no workspace is open. */
  info: WorkspaceInfo | null | undefined;
  datasets: DatasetSummary[];
  error: unknown;
  /** Bumped on every change so dependent views (profile, grid) re-fetch. */
  revision: number;
  refresh: () => Promise<void>;
  create: (path: string) => Promise<void>;
  open: (path: string) => Promise<void>;
  openDemo: () => Promise<void>;
  saveAs: (path: string) => Promise<void>;
}

const WorkspaceContext = createContext<WorkspaceState | null>(null);

export function useWorkspace(): WorkspaceState {
  const state = useContext(WorkspaceContext);
  if (!state) throw new Error('useWorkspace outside WorkspaceProvider');
  return state;
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const [info, setInfo] = useState<WorkspaceInfo | null | undefined>(undefined);
  const [datasets, setDatasets] = useState<DatasetSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [revision, setRevision] = useState(0);
  const seq = useRef(0);
  /** The newest refresh to have set the state (by its number), and the newest started. */
  const applied = useRef(0);
  const latest = useRef<Promise<void>>(Promise.resolve());

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    const own = (async () => {
      try {
        const next = await client.invoke('workspace.info', {});
        const list = next ? await client.invoke('dataset.list', {}) : [];
        if (mine !== seq.current) return;
        setInfo(next);
        setDatasets(list);
        setError(null);
      } catch (err) {
        if (mine !== seq.current) return;
        setError(err);
        setInfo((prev) => (prev === undefined ? null : prev));
      } finally {
        if (mine === seq.current) {
          applied.current = mine;
          setRevision((r) => r + 1);
          document.body.dataset.ready = 'true';
        }
      }
    })();
    latest.current = own;
    await own;
    // Superseded by a newer refresh (a workspace.changed event while this one ran): its answer is the one that
    // counts, so wait for it. A caller that awaits refresh() — the import wizard, before selecting the new dataset —
    // then sees the datasets as new as its call, not an older list that drops its selection.
    while (applied.current < mine) await latest.current;
  }, [client]);

  useEffect(() => {
    void refresh();
    return client.on('workspace.changed', () => void refresh());
  }, [client, refresh]);

  const value = useMemo<WorkspaceState>(() => {
    const after = async (work: Promise<unknown>) => {
      await work;
      await refresh();
    };
    return {
      info,
      datasets,
      error,
      revision,
      refresh,
      create: (path) => after(client.invoke('workspace.create', { path })),
      open: (path) => after(client.invoke('workspace.open', { path })),
      openDemo: () => after(client.invoke('workspace.openDemo', {})),
      saveAs: (path) => after(client.invoke('workspace.saveAs', { path })),
    };
  }, [client, info, datasets, error, revision, refresh]);

  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}
