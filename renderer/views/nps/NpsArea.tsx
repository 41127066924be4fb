// The NPS analysis: set-up, an 'nps.analyze' job with progress and cancel, the results. When the services refuse
// the score column's scale, their message is shown with the mappings it suggests as buttons (one click maps and
// runs again).
import type { NpsMapping, NpsResult, NpsSpec } from '../../../shared/nps';
import type { SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useAnalysis } from '../../lib/useAnalysis';
import { AreaLayout, Intro } from './AreaLayout';
import { fromNpsSpec } from './from-spec';
import { npsForms, npsProblem, pickSurveyDataset, scaleProblem, toNpsSpec, type NpsForm } from './model';
import { NpsResults } from './NpsResults';
import { NpsSetup } from './NpsSetup';
import { PreviousResult, ScaleProblem } from './parts';

interface Props {
  segmentations: SegmentationSummary[];
  setupOpen: boolean;
  onSetupOpen: (open: boolean) => void;
}

export function NpsArea({ segmentations, setupOpen, onSetupOpen }: Props) {
  const client = useClient();
  const a = useAnalysis<NpsForm, NpsSpec, NpsResult>({
    kind: 'nps',
    forms: npsForms,
    pickDataset: pickSurveyDataset,
    problem: npsProblem,
    toSpec: toNpsSpec,
    fromSpec: fromNpsSpec,
    resultKind: 'nps',
    invoke: (jobId, spec, save) => client.invoke('nps.analyze', { jobId, spec, save }),
    cancelledNote: 'The NPS analysis was cancelled; the results shown (if any) are from the previous run.',
  });
  const { form } = a;
  const result = a.run?.result ?? null;
  // The reference can be chosen among the groups of the last run with the same grouping.
  const sameGrouping =
    result !== null && result.spec.dataset === form.dataset && result.spec.score === form.score && (form.groupKind === 'column' ? result.spec.by === form.by : form.groupKind === 'segmentation' && result.spec.segmentation === form.segmentation);
  const knownGroups = sameGrouping && result ? result.groups.map((g) => g.group) : [];
  const scale = scaleProblem(a.error);

  const applyMapping = (mapping: NpsMapping) => {
    const next = { ...form, mapping };
    a.setForm(next);
    void a.analyze(next);
  };

  return (
    <AreaLayout
      name="NPS"
      setupOpen={setupOpen}
      onSetupOpen={onSetupOpen}
      setup={
        <NpsSetup
          datasets={a.datasets}
          dataset={a.dataset}
          form={form}
          onForm={a.setForm}
          onDataset={a.chooseDataset}
          segmentations={segmentations}
          knownGroups={knownGroups}
          busy={a.job.running}
        />
      }
      run={a.runBar('Run NPS analysis')}
      {...a.status}
      jobTitle={`Computing NPS of “${form.dataset}”`}
      errorTitle="The NPS analysis did not run"
      errorView={scale ? <ScaleProblem message={scale.message} options={scale.options} onChoose={applyMapping} onClose={a.clearError} /> : undefined}
    >
      {result ? (
        <PreviousResult failed={Boolean(a.error)} stale={a.stale}>
          <NpsResults result={result} />
        </PreviousResult>
      ) : (
        <Intro title="Measure NPS honestly" label="Run NPS analysis" canRun={!a.problem && !a.job.running} onRun={() => void a.analyze()} problem={a.problem}>
          Check the score column on the left and run. You get the NPS with its confidence interval and n, the 0–10 distribution and the promoter,
          passive and detractor mix; group by a column or by segments to compare groups with a test, and pick a date column for the trend.
        </Intro>
      )}
    </AreaLayout>
  );
}
