// The Audit view: set-up on the left (collapsible, so the results get the whole projector), results on the right.
// A run is an 'audit.run' job with progress and cancel; the set-up and the last result are remembered per dataset
// for the session, so leaving the view and coming back finds them again.
import { useState } from 'react';
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
import { useAnalysis } from '../../lib/useAnalysis';
import { fromAuditSpec } from './from-spec';
import { auditForms, formProblem, toSpec, type AuditForm } from './model';
import { ResultView, type AuditTab } from './ResultView';
import { SetupPanel } from './SetupPanel';
import './audit.css';

const phaseLabel = phaseLabeller({
  load: 'Reading the columns',
  prepare: 'Preparing the groups',
  proxies: 'Reading the proxy candidates',
  segmentations: 'Joining the saved segmentations',
  analyze: 'Measuring and comparing the groups',
});

export function AuditView() {
  const client = useClient();
  const { revision } = useWorkspace();
  const segmentations = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client, revision]);
  // The saved segmentations of the audited dataset are audited as proxies unless the analyst chose: part of the spec.
  const segmentationsOf = (dataset: string) => (segmentations.data ?? []).filter((s) => s.dataset === dataset).map((s) => s.name);
  const a = useAnalysis<AuditForm, AuditSpec, AuditResult>({
    kind: 'audit',
    forms: auditForms,
    pickDataset: pickAuditDataset,
    // Until the list has been read the spec cannot say which segmentations it audits as proxies: a run then would
    // be recorded without them and shown as out of date the moment the list arrives.
    problem: (f, d) => (f.proxySegmentations === null && segmentations.data === undefined && !segmentations.error ? 'Reading the saved segmentations…' : formProblem(f, d)),
    toSpec: (f) => toSpec(f, segmentationsOf(f.dataset)),
    fromSpec: fromAuditSpec,
    resultKind: 'audit',
    invoke: (jobId, spec, save) => client.invoke('audit.run', { jobId, spec, save }),
    cancelledNote: 'The audit was cancelled; the results shown (if any) are from the previous run.',
    runPerDataset: true,
  });
  const { form, dataset, datasets, job, run, problem } = a;
  const [tab, setTab] = useState<AuditTab>('groups');
  const [setupOpen, setSetupOpen] = useState(true);
  // The profile lists a categorical column's values (favourable value, groups before the first run); cached by the services.
  const profile = useAsync<DatasetProfile | null>(() => (form.dataset ? client.invoke('dataset.profile', { dataset: form.dataset }) : Promise.resolve(null)), [client, form.dataset, revision]);

  const result = run?.result ?? null;
  const lastGroups = result ? result.groups.map((g) => ({ attribute: g.attribute, group: g.group, n: g.n })) : null;
  const audit = () => void a.analyze();

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
          onForm={a.setForm}
          onDataset={a.chooseDataset}
          profile={profile.data?.columns ?? null}
          segmentations={segmentations.data ?? []}
          lastGroups={result && result.spec.dataset === form.dataset ? lastGroups : null}
          busy={job.running}
        />
      }
      run={a.runBar('Run audit')}
      busy={job.running}
    >
      <AnalysisStatus {...a.status} jobTitle={`Auditing “${form.dataset}”`} phaseLabel={phaseLabel} errorTitle="The audit did not run">
        {result ? <ResultView result={result} tab={tab} onTab={setTab} /> : <Intro canRun={!problem && !job.running} onRun={audit} problem={problem} />}
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
