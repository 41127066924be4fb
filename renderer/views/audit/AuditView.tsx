// The Audit view: set-up on the left (collapsible, so the results get the whole projector), results on the right.
// A run is an 'audit.run' job with progress and cancel; the set-up and the last result are remembered per dataset
// for the session, so leaving the view and coming back finds them again.
import { useEffect, useMemo, useState } from 'react';
import { List, Paper, Text, Title } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import type { AuditResult, AuditSpec } from '../../../shared/audit';
import type { DatasetProfile, DatasetSummary } from '../../../shared/domain';
import type { SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { useAsync } from '../../state/useAsync';
import { AnalysisIntro, AnalysisLayout, AnalysisStatus } from '../../components/AnalysisLayout';
import { phaseLabeller } from '../../lib/phases';
import { useJob } from '../segments/useJob';
import { formProblem, memoryKey, recallForm, rememberForm, toSpec, type AuditForm } from './model';
import { ResultView, type AuditTab } from './ResultView';
import { SetupPanel } from './SetupPanel';
import './audit.css';

interface Run {
  /** Exactly what was sent (the result's spec may be normalised by the services). */
  sent: AuditSpec;
  result: AuditResult;
}

// Session memory: the last run per workspace and dataset, and the dataset last audited per workspace.
const runs = new Map<string, Run>();
const lastDataset = new Map<string, string>();

const phaseLabel = phaseLabeller({
  load: 'Reading the columns',
  prepare: 'Preparing the groups',
  proxies: 'Reading the proxy candidates',
  segmentations: 'Joining the saved segmentations',
  analyze: 'Measuring and comparing the groups',
});

export function AuditView() {
  const client = useClient();
  const job = useJob();
  const { info, datasets, revision } = useWorkspace();
  const workspace = info?.path;
  const segmentations = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client, revision]);

  const initialDataset = () => datasets.find((d) => d.name === lastDataset.get(workspace ?? '')) ?? pickAuditDataset(datasets);
  const [form, setFormState] = useState<AuditForm>(() => recallForm(workspace, initialDataset()));
  const [run, setRun] = useState<Run | null>(() => (form.dataset ? (runs.get(memoryKey(workspace, form.dataset)) ?? null) : null));
  const [tab, setTab] = useState<AuditTab>('groups');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [setupOpen, setSetupOpen] = useState(true);

  const dataset = datasets.find((d) => d.name === form.dataset) ?? null;
  // The profile lists a categorical column's values (favourable value, groups before the first run); cached by the services.
  const profile = useAsync<DatasetProfile | null>(() => (form.dataset ? client.invoke('dataset.profile', { dataset: form.dataset }) : Promise.resolve(null)), [client, form.dataset, revision]);

  const setForm = (next: AuditForm) => {
    setFormState(next);
    rememberForm(workspace, next);
  };

  const chooseDataset = (name: string) => {
    const next = datasets.find((d) => d.name === name) ?? null;
    lastDataset.set(workspace ?? '', name);
    setFormState(recallForm(workspace, next));
    setRun(runs.get(memoryKey(workspace, name)) ?? null);
    setError(null);
    setNote(null);
  };

  // A dataset that disappears (deleted, another workspace opened) falls back to the likeliest one to audit.
  useEffect(() => {
    if (form.dataset && datasets.some((d) => d.name === form.dataset)) return;
    const next = pickAuditDataset(datasets);
    setFormState(recallForm(workspace, next));
    setRun(next ? (runs.get(memoryKey(workspace, next.name)) ?? null) : null);
  }, [datasets, form.dataset, workspace]);

  const ownSegmentations = useMemo(() => (segmentations.data ?? []).filter((s) => s.dataset === form.dataset).map((s) => s.name), [segmentations.data, form.dataset]);
  const result = run?.result ?? null;
  const lastGroups = result ? result.groups.map((g) => ({ attribute: g.attribute, group: g.group, n: g.n })) : null;
  const problem = formProblem(form, dataset);
  const spec = problem ? null : toSpec(form, ownSegmentations);
  const stale = Boolean(run && spec && JSON.stringify(spec) !== JSON.stringify(run.sent));

  const audit = async () => {
    if (!spec) return;
    setError(null);
    setNote(null);
    const out = await job.start('audit', (jobId) => client.invoke('audit.run', { jobId, spec }));
    if (out.ok) {
      const next = { sent: spec, result: out.value };
      runs.set(memoryKey(workspace, spec.dataset), next);
      setRun(next);
    } else if (out.cancelled) setNote('The audit was cancelled; the results shown (if any) are from the previous run.');
    else setError(out.error);
  };

  if (datasets.length === 0) {
    return (
      <div className="cxw-page">
        <Paper withBorder radius="md" p="xl" maw={680}>
          <Title order={3}>No data to audit yet</Title>
          <Text mt="xs" c="dimmed">
            Import a table with one row per person on the Data view — with the decision (or a model score), the protected attributes (gender, age band…)
            and, if you have it, what actually happened — then come back here.
          </Text>
        </Paper>
      </div>
    );
  }

  return (
    <AnalysisLayout
      name="Audit"
      setupOpen={setupOpen}
      onSetupOpen={setSetupOpen}
      hideHint="Hide the set-up (more room for the results)"
      setup={
        <SetupPanel
          datasets={datasets}
          dataset={dataset}
          form={form}
          onForm={setForm}
          onDataset={chooseDataset}
          profile={profile.data?.columns ?? null}
          segmentations={segmentations.data ?? []}
          lastGroups={result && result.spec.dataset === form.dataset ? lastGroups : null}
          busy={job.running}
        />
      }
      run={{ busy: job.running, problem, stale, hasResult: run !== null, onRun: () => void audit(), label: 'Run audit' }}
      busy={job.running}
    >
      <AnalysisStatus
        job={job}
        jobTitle={`Auditing “${form.dataset}”`}
        phaseLabel={phaseLabel}
        note={note}
        onNoteClose={() => setNote(null)}
        error={error}
        errorTitle="The audit did not run"
        onErrorClose={() => setError(null)}
      >
        {result ? <ResultView result={result} tab={tab} onTab={setTab} /> : <Intro canRun={!problem && !job.running} onRun={() => void audit()} problem={problem} />}
      </AnalysisStatus>
    </AnalysisLayout>
  );
}

function Intro({ canRun, onRun, problem }: { canRun: boolean; onRun: () => void; problem: string | null }) {
  return (
    <AnalysisIntro title={<Title order={3}>Audit a decision for fairness</Title>} label="Run audit" icon={<IconScale size={18} />} canRun={canRun} onRun={onRun} problem={problem} maw={820}>
      <Text mt="sm" size="md">
        Check the decision, the protected attributes and the direction on the left, then run. You get, in plain words:
      </Text>
      <List mt="xs" size="md" spacing={4}>
        <List.Item>each group’s selection rate — and with a label, its error rates — with counts and 95% intervals;</List.Item>
        <List.Item>every group against its reference group, with significance tests adjusted for the number of comparisons;</List.Item>
        <List.Item>Fairlearn’s summary numbers and the four-fifths rule;</List.Item>
        <List.Item>which features or segments stand in for a protected attribute (proxies), and calibration of a score by group;</List.Item>
        <List.Item>a verdict per metric and a summary an executive can read.</List.Item>
      </List>
    </AnalysisIntro>
  );
}

/** The likeliest dataset to audit: one with a decision or score and a protected attribute, else the first. */
function pickAuditDataset(datasets: DatasetSummary[]): DatasetSummary | null {
  const fits = (d: DatasetSummary) => d.columns.some((c) => c.role === 'decision' || c.role === 'score') && d.columns.some((c) => c.role === 'protected');
  return datasets.find(fits) ?? datasets[0] ?? null;
}
