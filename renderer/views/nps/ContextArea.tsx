// The measurement-bias check: set-up, an 'nps.context' job with progress and cancel, the results; the same
// one-click score mappings as the NPS analysis when the score column is refused.
import type { NpsContextResult, NpsContextSpec, NpsMapping } from '../../../shared/nps';
import { useClient } from '../../state/bridge';
import { useAnalysis } from '../../lib/useAnalysis';
import { AreaLayout, Intro } from './AreaLayout';
import { ContextResults } from './ContextResults';
import { ContextSetup } from './ContextSetup';
import { fromContextSpec } from './from-spec';
import { contextForms, contextProblem, pickSurveyDataset, scaleProblem, toContextSpec, type ContextForm } from './model';
import { PreviousResult, ScaleProblem } from './parts';

export function ContextArea({ setupOpen, onSetupOpen }: { setupOpen: boolean; onSetupOpen: (open: boolean) => void }) {
  const client = useClient();
  const a = useAnalysis<ContextForm, NpsContextSpec, NpsContextResult>({
    kind: 'context',
    forms: contextForms,
    pickDataset: pickSurveyDataset,
    problem: contextProblem,
    toSpec: toContextSpec,
    fromSpec: fromContextSpec,
    resultKind: 'npsContext',
    invoke: (jobId, spec, save) => client.invoke('nps.context', { jobId, spec, save }),
    cancelledNote: 'The context check was cancelled; the results shown (if any) are from the previous run.',
  });
  const scale = scaleProblem(a.error);
  const applyMapping = (mapping: NpsMapping) => {
    const next = { ...a.form, mapping };
    a.setForm(next);
    void a.analyze(next);
  };
  const result = a.run?.result ?? null;
  return (
    <AreaLayout
      name="Collection context"
      setupOpen={setupOpen}
      onSetupOpen={onSetupOpen}
      setup={<ContextSetup datasets={a.datasets} dataset={a.dataset} form={a.form} onForm={a.setForm} onDataset={a.chooseDataset} busy={a.job.running} />}
      run={a.runBar('Check the contexts')}
      {...a.status}
      jobTitle={`Checking how “${a.form.dataset}” was collected`}
      errorTitle="The context check did not run"
      errorView={scale ? <ScaleProblem message={scale.message} options={scale.options} onChoose={applyMapping} onClose={a.clearError} /> : undefined}
    >
      {result ? (
        <PreviousResult failed={Boolean(a.error)} stale={a.stale}>
          <ContextResults result={result} />
        </PreviousResult>
      ) : (
        <Intro title="Check for measurement bias" label="Check the contexts" canRun={!a.problem && !a.job.running} onRun={() => void a.analyze()} problem={a.problem}>
          Scores collected with an employee watching, in another channel or long after the experience often differ from the rest. Pick the column
          that says how each answer was collected — or measure the days since a journey event — and each context is compared with all other
          answers pooled, with its size, interval and p-value in plain words.
        </Intro>
      )}
    </AreaLayout>
  );
}
