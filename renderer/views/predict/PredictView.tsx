// The Predict view: churn and propensity models. Set-up on the left (collapsible), results on the right. A run is a
// 'predict.train' job with progress and cancel, kept as a saved result of kind 'model'; the set-up and the last model
// are remembered per dataset for the session, like the other analyses (lib/useAnalysis). A leak refusal offers to keep
// the column when the analyst knows it is recorded before the outcome.
import { useEffect, useState } from 'react';
import { Button, List, Paper, Text, Title } from '@mantine/core';
import { IconCrystalBall } from '@tabler/icons-react';
import type { DatasetProfile, DatasetSummary } from '../../../shared/domain';
import type { PredictResult, PredictSpec } from '../../../shared/predict';
import type { SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { useAsync } from '../../state/useAsync';
import { AnalysisIntro, AnalysisLayout, AnalysisStatus } from '../../components/AnalysisLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { phaseLabeller } from '../../lib/phases';
import { useAnalysis } from '../../lib/useAnalysis';
import { applyProfile, confirmLeak, formProblem, fromSpec, leakColumn, predictForms, toSpec, type LabelContext, type PredictForm } from './model';
import { eventLogOptions, logSpan } from './event-label-form';
import { ResultView, type PredictTab } from './ResultView';
import { SetupPanel } from './SetupPanel';
import './predict.css';

const phaseLabel = phaseLabeller({ load: 'Reading the columns', train: 'Training' });

export function PredictView() {
  const client = useClient();
  const { revision, datasets: datasetsNow } = useWorkspace();
  const [datasetShown, setDatasetShown] = useState('');
  const segmentations = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client, revision]);
  // The profile gives the two values of a text target and the columns' distinct counts; cached by the services.
  const profile = useAsync<DatasetProfile | null>(() => (datasetShown ? client.invoke('dataset.profile', { dataset: datasetShown }) : Promise.resolve(null)), [client, datasetShown, revision]);
  const factsOf = (name: string) => (profile.data && profile.data.dataset === name ? profile.data.columns : null);
  // A label made from an event log: the log's profile gives its date column's span (the latest cut-off it can answer).
  const [logShown, setLogShown] = useState('');
  const logProfile = useAsync<DatasetProfile | null>(() => (logShown ? client.invoke('dataset.profile', { dataset: logShown }) : Promise.resolve(null)), [client, logShown, revision]);
  const labelContext = (f: PredictForm): LabelContext => ({
    logs: eventLogOptions(datasetsNow, f.dataset),
    span: f.label.on && logProfile.data?.dataset === f.label.events ? logSpan(logProfile.data.columns, f.label.time) : null,
  });
  const a = useAnalysis<PredictForm, PredictSpec, PredictResult>({
    kind: 'predict',
    forms: predictForms,
    pickDataset: pickPredictDataset,
    // Until the profile is read the pre-ticked features may still change: a run then would be shown as out of date at once.
    problem: (f, d) => (f.autoFill && d && !factsOf(f.dataset) && !profile.error ? 'Reading the dataset’s columns…' : formProblem(f, d, factsOf(f.dataset), labelContext(f))),
    toSpec,
    fromSpec,
    resultKind: 'model',
    invoke: (jobId, spec, save) => client.invoke('predict.train', { jobId, spec, save }),
    cancelledNote: 'Training was cancelled; the results shown (if any) are from the previous run.',
    runPerDataset: true,
  });
  const { form, dataset, datasets, job, run, problem } = a;
  const facts = factsOf(form.dataset);
  const [tab, setTab] = useState<PredictTab>('performance');
  const [setupOpen, setSetupOpen] = useState(true);

  useEffect(() => {
    setDatasetShown(form.dataset);
  }, [form.dataset]);
  useEffect(() => {
    setLogShown(form.label.on ? form.label.events : '');
  }, [form.label.on, form.label.events]);
  // The profile refines an untouched set-up once (the features without constant or identifier-like columns, a text
  // outcome as the target); a profile that cannot be read leaves the role-based pre-fill as it is.
  useEffect(() => {
    if (!form.autoFill || form.dataset !== datasetShown) return;
    if (facts) a.setForm((now) => (now.dataset === form.dataset ? applyProfile(now, dataset, facts) : now));
    else if (profile.error) a.setForm((now) => (now.dataset === form.dataset ? { ...now, autoFill: false } : now));
  }, [form.autoFill, form.dataset, datasetShown, facts, profile.error]);

  const result = run?.result ?? null;
  const train = () => void a.analyze();
  const leak = leakColumn(a.error);
  // The event-log label's guard: the table holds dates after the cut-off (not a single column that predicts too well).
  const late = leak !== null && a.error instanceof Error && a.error.message.includes('after the cut-off');
  const keepLeak = (column: string) => {
    const next = confirmLeak(form, column);
    a.setForm(next);
    void a.analyze(next);
  };

  if (datasets.length === 0) {
    return (
      <div className="cxw-page">
        <Paper withBorder radius="md" p="xl" maw={680}>
          <Title order={3}>No data to learn from yet</Title>
          <Text mt="xs" c="dimmed">
            Import a table with one row per customer on the Data view — with the outcome to predict (churned, responded…) and what was known about each
            customer before it — then come back here.
          </Text>
        </Paper>
      </div>
    );
  }

  return (
    <AnalysisLayout
      name="Predict"
      setupOpen={setupOpen}
      onSetupOpen={setSetupOpen}
      hideHint="Hide the set-up (more room for the results)"
      setup={
        <SetupPanel
          datasets={datasets}
          dataset={dataset}
          form={form}
          onForm={a.setForm}
          onDataset={a.chooseDataset}
          profile={facts}
          segmentations={segmentations.data ?? []}
          labels={labelContext(form)}
          busy={job.running}
        />
      }
      run={a.runBar('Train model')}
      busy={job.running}
    >
      <AnalysisStatus
        {...a.status}
        jobTitle={`Training a model of ${form.target || 'the target'} on “${form.dataset}”`}
        phaseLabel={phaseLabel}
        errorTitle="The model was not trained"
        errorView={
          leak ? (
            <div className="cxw-analysis-narrow cxw-analysis-error">
              <ErrorAlert error={a.error} title={late ? 'The customer table was recorded after the cut-off' : 'A column predicts the outcome almost perfectly'} onClose={a.clearError} />
              <Paper withBorder radius="md" p="md" mt="sm" className="cxw-pred-leak">
                <Text size="sm">
                  {late
                    ? `“${leak}” has dates after the cut-off, so the table's columns may already reflect what happened in the outcome window. Use columns known by the cut-off (the history features from the log are), or — only if every feature you ticked was known by then — train anyway. The model card will say so.`
                    : `Leave “${leak}” out of the features (untick it on the left), or — only if its value is recorded before the outcome happens — keep it and train again. The model card will say it was kept on purpose.`}
                </Text>
                <Button mt="sm" variant="light" color="orange" onClick={() => keepLeak(leak)} disabled={job.running}>
                  {late ? 'The features were known by the cut-off: train anyway' : `Keep “${leak}”: it is known before the outcome`}
                </Button>
              </Paper>
            </div>
          ) : undefined
        }
      >
        {result ? <ResultView result={result} tab={tab} onTab={setTab} /> : <Intro canRun={!problem && !job.running} onRun={train} problem={problem} />}
      </AnalysisStatus>
    </AnalysisLayout>
  );
}

function Intro({ canRun, onRun, problem }: { canRun: boolean; onRun: () => void; problem: string | null }) {
  return (
    <AnalysisIntro
      title={<Title order={3}>Predict who will churn, respond or buy</Title>}
      label="Train model"
      icon={<IconCrystalBall size={18} />}
      canRun={canRun}
      onRun={onRun}
      problem={problem}
      maw={820}
    >
      <Text mt="sm" size="md">
        Choose the outcome and the value to predict on the left, check the features, then train. You get, in plain words:
      </Text>
      <List mt="xs" size="md" spacing={4}>
        <List.Item>how well the model ranks customers on rows it never saw (AUC with its 95% interval, against guessing);</List.Item>
        <List.Item>whether its probabilities can be taken at face value (calibration) and how much better than random it finds them (lift);</List.Item>
        <List.Item>which columns matter, and why any one customer scored as they did;</List.Item>
        <List.Item>the customers a person should look at before anything is decided, and scores for a whole dataset;</List.Item>
        <List.Item>a model card: what it was trained on, how well it works, and what it must not be used for.</List.Item>
      </List>
    </AnalysisIntro>
  );
}

/** The likeliest dataset to model: one with a yes/no outcome column, else the first. */
function pickPredictDataset(datasets: DatasetSummary[]): DatasetSummary | null {
  return datasets.find((d) => d.columns.some((c) => c.role === 'outcome' && c.type === 'boolean')) ?? datasets[0] ?? null;
}
