// The Monitor view's Cohorts area: set-up, a 'cohorts.run' job with progress and cancel (every run kept as a saved
// result), and the result — does a gain persist, cohort by cohort and group by group.
import type { CohortsResult, CohortsSpec } from '../../../../shared/monitor-cohorts';
import type { SegmentationSummary } from '../../../../shared/segments';
import { useAnalysis } from '../../../lib/useAnalysis';
import { useClient } from '../../../state/bridge';
import { useAsync } from '../../../state/useAsync';
import { useWorkspace } from '../../../state/workspace';
import { AreaLayout, Intro } from '../../nps/AreaLayout';
import { PreviousResult } from '../../nps/parts';
import type { MonitorAreaProps } from '../areas';
import { CohortsResults } from './CohortsResults';
import { CohortsSetup } from './CohortsSetup';
import { cohortsForms, cohortsProblem, fromCohortsSpec, pickEventDataset, toCohortsSpec, type CohortsForm } from './model';

export function CohortsArea({ setupOpen, onSetupOpen }: MonitorAreaProps) {
  const client = useClient();
  const { revision } = useWorkspace();
  const segmentations = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client, revision]);
  const a = useAnalysis<CohortsForm, CohortsSpec, CohortsResult>({
    kind: 'cohorts',
    forms: cohortsForms,
    pickDataset: pickEventDataset,
    problem: cohortsProblem,
    toSpec: toCohortsSpec,
    fromSpec: fromCohortsSpec,
    resultKind: 'cohorts',
    invoke: (jobId, spec, save) => client.invoke('cohorts.run', { jobId, spec, save }),
    cancelledNote: 'The cohort analysis was cancelled; the results shown (if any) are from the previous run.',
    runPerDataset: true,
  });
  const result = a.run?.result ?? null;
  return (
    <AreaLayout
      name="Cohorts"
      setupOpen={setupOpen}
      onSetupOpen={onSetupOpen}
      setup={<CohortsSetup datasets={a.datasets} dataset={a.dataset} form={a.form} onForm={a.setForm} onDataset={a.chooseDataset} segmentations={segmentations.data ?? []} busy={a.job.running} />}
      run={a.runBar('Build cohorts')}
      {...a.status}
      jobTitle={`Building cohorts of “${a.form.dataset}”`}
      errorTitle="The cohort analysis did not run"
    >
      {result ? (
        <PreviousResult failed={Boolean(a.error)} stale={a.stale}>
          <CohortsResults result={result} />
        </PreviousResult>
      ) : (
        <Intro title="Do customers come back — and does a gain last?" label="Build cohorts" canRun={!a.problem && !a.job.running} onRun={() => void a.analyze()} problem={a.problem}>
          Check the customer and time columns on the left and build. Customers are grouped by the month or week of their first event; you get how many
          came back in each period since (retention), repeat purchase, revenue per customer and NPS where the log has them, as a heatmap and as curves.
          Split by an experiment arm or a segment to see whether a difference persists.
        </Intro>
      )}
    </AreaLayout>
  );
}
