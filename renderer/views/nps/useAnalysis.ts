// One analysis of the NPS view (NPS, collection context or key drivers): its form, remembered per workspace and
// dataset for the session; the last run (what was sent and what came back), remembered per workspace; a job with
// progress and cancel; the error or the cancellation note. Stale = the form no longer matches the shown result.
import { useCallback, useEffect, useState } from 'react';
import type { DatasetSummary } from '../../../shared/domain';
import { useWorkspace } from '../../state/workspace';
import { useJob, type Job } from '../segments/useJob';
import { recallForm, rememberForm } from './model';

type Kind = 'nps' | 'context' | 'drivers';

export interface Run<S, R> {
  sent: S;
  result: R;
}

const runs = new Map<string, Run<unknown, unknown>>();
const lastDataset = new Map<string, string>();
const key = (kind: Kind, workspace: string | undefined) => `${kind}\u0000${workspace ?? ''}`;

interface Options<F extends { dataset: string }, S, R> {
  kind: Kind;
  prefill: (d: DatasetSummary | null, all: DatasetSummary[]) => F;
  pickDataset: (all: DatasetSummary[]) => DatasetSummary | null;
  problem: (f: F, d: DatasetSummary | null) => string | null;
  toSpec: (f: F) => S;
  invoke: (jobId: string, spec: S) => Promise<R>;
  cancelledNote: string;
}

export interface Analysis<F, S, R> {
  form: F;
  setForm: (f: F) => void;
  chooseDataset: (name: string) => void;
  dataset: DatasetSummary | null;
  datasets: DatasetSummary[];
  problem: string | null;
  run: Run<S, R> | null;
  stale: boolean;
  job: Job;
  error: unknown;
  clearError: () => void;
  note: string | null;
  clearNote: () => void;
  analyze: (from?: F) => Promise<void>;
}

export function useAnalysis<F extends { dataset: string }, S, R>(o: Options<F, S, R>): Analysis<F, S, R> {
  const { info, datasets } = useWorkspace();
  const workspace = info?.path;
  const job = useJob();
  const formFor = useCallback(
    (d: DatasetSummary | null): F => (d ? (recallForm<F>(o.kind, workspace, d.name) ?? o.prefill(d, datasets)) : o.prefill(null, datasets)),
    // o.prefill is a module-level function of each area; datasets matter for the event-log guess.
    [o.kind, workspace, datasets],
  );
  const initial = () => datasets.find((d) => d.name === lastDataset.get(key(o.kind, workspace))) ?? o.pickDataset(datasets);
  const [form, setFormState] = useState<F>(() => formFor(initial()));
  const [run, setRun] = useState<Run<S, R> | null>(() => (runs.get(key(o.kind, workspace)) as Run<S, R> | undefined) ?? null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  const dataset = datasets.find((d) => d.name === form.dataset) ?? null;

  const setForm = (next: F) => {
    setFormState(next);
    rememberForm(o.kind, workspace, next);
  };

  const chooseDataset = (name: string) => {
    lastDataset.set(key(o.kind, workspace), name);
    setFormState(formFor(datasets.find((d) => d.name === name) ?? null));
    setError(null);
    setNote(null);
  };

  // Another workspace, or the chosen dataset deleted: start again from the likeliest dataset.
  useEffect(() => {
    if (form.dataset && datasets.some((d) => d.name === form.dataset)) return;
    setFormState(formFor(o.pickDataset(datasets)));
    setRun((runs.get(key(o.kind, workspace)) as Run<S, R> | undefined) ?? null);
  }, [datasets, form.dataset, workspace]);

  // Another workspace opened: its own last run (or none), never the previous workspace's.
  useEffect(() => {
    setRun((runs.get(key(o.kind, workspace)) as Run<S, R> | undefined) ?? null);
    setError(null);
    setNote(null);
  }, [o.kind, workspace]);

  const problem = o.problem(form, dataset);
  const spec = problem ? null : o.toSpec(form);
  const stale = Boolean(run && spec && JSON.stringify(spec) !== JSON.stringify(run.sent));

  const analyze = async (from: F = form) => {
    const d = datasets.find((x) => x.name === from.dataset) ?? null;
    if (o.problem(from, d)) return;
    const sent = o.toSpec(from);
    setError(null);
    setNote(null);
    const out = await job.start(o.kind, (jobId) => o.invoke(jobId, sent));
    if (out.ok) {
      const next = { sent, result: out.value };
      runs.set(key(o.kind, workspace), next);
      setRun(next);
    } else if (out.cancelled) setNote(o.cancelledNote);
    else setError(out.error);
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
    clearError: () => setError(null),
    note,
    clearNote: () => setNote(null),
    analyze,
  };
}
