// One analysis of a view (NPS, collection context, key drivers, audit, journeys): its form, remembered per workspace
// and dataset for the session (lib/analysis-memory); the last run (what was sent and what came back), remembered
// per workspace or per workspace and dataset; a job with progress and cancel; the error or the cancellation note;
// the dataset choice, and the fall-back when the chosen dataset disappears. Stale = the form no longer matches the
// shown result.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DatasetSummary } from '../../shared/domain';
import type { ResultKind, SavedResult, SavedResultRef, SaveOption } from '../../shared/results';
import type { SavedResultBarProps } from '../components/saved/SavedResultBar';
import { onPendingResult, takePendingResult } from './open-result';
import type { RunBarProps } from '../components/AnalysisLayout';
import { useClient } from '../state/bridge';
import { useWorkspace } from '../state/workspace';
import { useJob, type Job } from './useJob';
import type { FormMemory } from './analysis-memory';

export interface Run<S, R> {
  /** Exactly what was sent (the result's spec may be normalised by the services). */
  sent: S;
  result: R;
}

// Session memory of the hook: the last run per kind and workspace (and dataset, see runPerDataset), and the
// dataset last chosen per kind and workspace.
const runs = new Map<string, unknown>();
const lastDataset = new Map<string, string>();
/** Keys whose newest saved result was already looked for this session (see the restore effect). */
const restored = new Set<string>();
const key = (...parts: (string | undefined)[]) => parts.map((p) => p ?? '').join('\u0000');

interface Options<F extends { dataset: string }, S, R, T extends Run<S, R>> {
  /** Names the job and keys the session memory. */
  kind: string;
  forms: FormMemory<F>;
  /** The likeliest dataset for this analysis, when none was chosen yet (or the chosen one is gone). */
  pickDataset: (all: DatasetSummary[]) => DatasetSummary | null;
  problem: (f: F, d: DatasetSummary | null) => string | null;
  toSpec: (f: F) => S;
  /** The set-up that asks for `spec` (the inverse of toSpec), from `base` (the dataset's pre-filled form). */
  fromSpec: (spec: S, base: F) => F;
  /** Which saved results this analysis shows and keeps. */
  resultKind: ResultKind;
  /** `save` keeps the run as a saved result (every run from the app is kept). */
  invoke: (jobId: string, spec: S, save: SaveOption) => Promise<R>;
  cancelledNote: string;
  /**
   * false (NPS): one last run per workspace, kept while the analyst switches datasets; another workspace shows its
   * own last run and drops the error and note. true (Audit, Journeys): the last run per workspace and dataset, so
   * switching dataset shows that dataset's last result; a workspace change that keeps the dataset (Save As) keeps
   * what is shown.
   */
  runPerDataset?: boolean;
  /**
   * After a successful job, before its run is kept: further work on it (Journeys re-runs without the side steps on
   * a dataset's first run). firstRun: no run of this dataset (or workspace) was kept before this one.
   */
  settle?: (run: Run<S, R>, context: { from: F; firstRun: boolean }) => Promise<T>;
}

export interface Analysis<F, T> {
  form: F;
  /** A new form, or an update of the latest one (for effects that may run after the analyst's own change). */
  setForm: (f: F | ((latest: F) => F)) => void;
  chooseDataset: (name: string) => void;
  dataset: DatasetSummary | null;
  datasets: DatasetSummary[];
  problem: string | null;
  run: T | null;
  stale: boolean;
  job: Job;
  error: unknown;
  clearError: () => void;
  analyze: (from?: F) => Promise<void>;
  /** What the results' status (AnalysisStatus, the NPS AreaLayout) takes from the analysis: job, note, error, saved result. */
  status: { job: Job; note: string | null; onNoteClose: () => void; error: unknown; onErrorClose: () => void; saved: SavedResultBarProps };
  /** Show a saved result: its set-up in the form, its result as the last run. */
  open: (saved: SavedResult) => void;
  /** The saved result shown, if the shown run was saved. */
  saved: SavedResultRef | null;
  /** The Run bar of the set-up pane; label names the first run ("Run audit"). */
  runBar: (label: string) => RunBarProps;
}

export function useAnalysis<F extends { dataset: string }, S, R, T extends Run<S, R> = Run<S, R>>(o: Options<F, S, R, T>): Analysis<F, T> {
  const { info, datasets } = useWorkspace();
  const workspace = info?.path;
  const job = useJob();
  const formFor = useCallback(
    (d: DatasetSummary | null): F => o.forms.recall(workspace, d, datasets),
    // o.forms is module-level in each view; datasets matter for pre-fills that guess from the other datasets.
    [o.forms, workspace, datasets],
  );
  const runKey = (dataset: string) => (o.runPerDataset ? key(o.kind, workspace, dataset) : key(o.kind, workspace));
  const recallRun = (dataset: string) => (runs.get(runKey(dataset)) as T | undefined) ?? null;

  const initial = () => datasets.find((d) => d.name === lastDataset.get(key(o.kind, workspace))) ?? o.pickDataset(datasets);
  const [form, setFormState] = useState<F>(() => formFor(initial()));
  const [run, setRun] = useState<T | null>(() => recallRun(form.dataset));
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  const dataset = datasets.find((d) => d.name === form.dataset) ?? null;

  const setForm = (next: F | ((latest: F) => F)) => {
    setFormState((prev) => {
      const value = typeof next === 'function' ? (next as (latest: F) => F)(prev) : next;
      o.forms.remember(workspace, value);
      return value;
    });
  };

  const chooseDataset = (name: string) => {
    lastDataset.set(key(o.kind, workspace), name);
    setFormState(formFor(datasets.find((d) => d.name === name) ?? null));
    if (o.runPerDataset) setRun(recallRun(name));
    setError(null);
    setNote(null);
  };

  // Another workspace, or the chosen dataset deleted: start again from the likeliest dataset.
  useEffect(() => {
    if (form.dataset && datasets.some((d) => d.name === form.dataset)) return;
    const next = o.pickDataset(datasets);
    setFormState(formFor(next));
    setRun(recallRun(next?.name ?? ''));
  }, [datasets, form.dataset, workspace]);

  // Another workspace opened: its own last run (or none), never the previous workspace's (see runPerDataset).
  useEffect(() => {
    if (o.runPerDataset) return;
    setRun(recallRun(form.dataset));
    setError(null);
    setNote(null);
  }, [o.kind, workspace]);

  const problem = o.problem(form, dataset);
  const spec = problem ? null : o.toSpec(form);
  const stale = Boolean(run && spec && canonical(spec) !== canonical(run.sent));
  const saved = savedOf(run);

  const analyze = async (from: F = form) => {
    const d = datasets.find((x) => x.name === from.dataset) ?? null;
    if (o.problem(from, d)) return;
    const sent = o.toSpec(from);
    setError(null);
    setNote(null);
    const firstRun = !runs.has(runKey(from.dataset));
    const out = await job.start(o.kind, (jobId) => o.invoke(jobId, sent, {}));
    if (out.ok) {
      const first = { sent, result: out.value };
      const next = o.settle ? await o.settle(first, { from, firstRun }) : (first as T);
      runs.set(runKey(from.dataset), next);
      setRun(next);
    } else if (out.cancelled) setNote(o.cancelledNote);
    else setError(out.error);
  };

  const clearError = () => setError(null);

  const open = (s: SavedResult) => {
    const spec = s.spec as S;
    const base = formFor(datasets.find((d) => d.name === s.dataset) ?? null);
    const next = o.fromSpec(spec, base);
    lastDataset.set(key(o.kind, workspace), next.dataset);
    setForm(next);
    // What this set-up sends: the same analysis as the saved spec, written the way the form writes it (a spec saved
    // by the CLI may leave defaults out), so the result does not show as stale at once.
    const d = datasets.find((x) => x.name === next.dataset) ?? null;
    const sent = o.problem(next, d) ? spec : o.toSpec(next);
    const shown = { sent, result: { ...(s.result as object), saved: { id: s.id, name: s.name, kind: s.kind } } as R } as T;
    runs.set(runKey(next.dataset), shown);
    setRun(shown);
    setError(null);
    setNote(null);
  };

  // A saved result left for this view (the workspace-wide Results list): open it on arrival, or at once if shown.
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const take = () => {
      const pending = takePendingResult(o.resultKind);
      if (pending) openRef.current(pending);
    };
    take();
    return onPendingResult((kind) => kind === o.resultKind && take());
  }, [o.resultKind]);

  const formNow = useRef(form);
  formNow.current = form;
  const jobRunning = useRef(job.running);
  jobRunning.current = job.running;
  const untouched = useRef<() => boolean>(() => true);
  untouched.current = () => canonical(formNow.current) === canonical(formFor(datasets.find((d) => d.name === formNow.current.dataset) ?? null));

  // Nothing run this session (a reload, a restart): show the newest saved result of this kind, for this dataset when
  // results are kept per dataset. Tried once per key, so closing or deleting it does not bring it back.
  const client = useClient();
  const restoreKey = runKey(form.dataset);
  useEffect(() => {
    if (run || job.running || restored.has(restoreKey) || !workspace) return;
    restored.add(restoreKey);
    let live = true;
    void (async () => {
      try {
        const all = await client.invoke('results.list', { kind: o.resultKind });
        const newest = all.find((r) => !o.runPerDataset || r.dataset === form.dataset);
        if (!newest || !live || runs.has(restoreKey)) return;
        const saved = await client.invoke('results.get', { id: newest.id });
        // Not over a set-up the analyst has started to edit meanwhile, nor under a run that has started.
        if (!live || runs.has(restoreKey) || jobRunning.current || !untouched.current()) return;
        openRef.current(saved);
      } catch {
        // Restoring is a convenience: the Saved results list still has everything.
      }
    })();
    return () => {
      live = false;
    };
  }, [restoreKey, run, workspace]);

  // The shown result renamed or deleted from the bar: say so on the run kept for this view.
  const onCurrentChanged = (c: { name?: string; deleted?: boolean }) => {
    if (!run || !saved) return;
    const result = { ...(run.result as object), saved: c.deleted ? undefined : { ...saved, name: c.name ?? saved.name } } as R;
    const next = { ...run, result } as T;
    runs.set(runKey(form.dataset), next);
    setRun(next);
  };

  return {
    form,
    setForm,
    chooseDataset,
    dataset,
    datasets,
    problem,
    run,
    stale,
    job,
    error,
    clearError,
    analyze,
    status: { job, note, onNoteClose: () => setNote(null), error, onErrorClose: clearError, saved: { kinds: [o.resultKind], current: saved, onOpen: open, onCurrentChanged } },
    open,
    saved,
    runBar: (label) => ({ busy: job.running, problem, stale, hasResult: run !== null, onRun: () => void analyze(), label }),
  };
}

/** JSON with keys sorted, so a spec saved by the CLI (another key order) still matches the same set-up. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

export function savedOf(run: { result: unknown } | null): SavedResultRef | null {
  return (run?.result as { saved?: SavedResultRef } | undefined)?.saved ?? null;
}
