// The key-driver analysis: set-up, a 'drivers.analyze' job with progress (fit, bootstrap) and cancel, the results.
import type { DriversResult, DriversSpec } from '../../../shared/nps';
import { useClient } from '../../state/bridge';
import { useAnalysis } from '../../lib/useAnalysis';
import { PreviousResult } from './parts';
import { AreaLayout, Intro } from './AreaLayout';
import { DriversResults } from './DriversResults';
import { DriversSetup } from './DriversSetup';
import { DriversStability } from './DriversStability';
import { fromDriversSpec } from './from-spec';
import { driversForms, driversProblem, pickSurveyDataset, toDriversSpec, type DriversForm } from './model';

export function DriversArea({ setupOpen, onSetupOpen }: { setupOpen: boolean; onSetupOpen: (open: boolean) => void }) {
  const client = useClient();
  const a = useAnalysis<DriversForm, DriversSpec, DriversResult>({
    kind: 'drivers',
    forms: driversForms,
    pickDataset: pickSurveyDataset,
    problem: driversProblem,
    toSpec: toDriversSpec,
    fromSpec: fromDriversSpec,
    resultKind: 'drivers',
    invoke: (jobId, spec, save) => client.invoke('drivers.analyze', { jobId, spec, save }),
    cancelledNote: 'The key-driver analysis was cancelled; the results shown (if any) are from the previous run.',
  });
  const result = a.run?.result ?? null;
  // The shown run's own set-up, with the other wave added (or removed): the comparison is of exactly what is shown.
  const compare = (wave: string | undefined) => {
    if (!result) return;
    const next = fromDriversSpec({ ...result.spec, compareWith: wave }, a.form);
    a.setForm(next);
    void a.analyze(next);
  };
  return (
    <AreaLayout
      name="Key drivers"
      setupOpen={setupOpen}
      onSetupOpen={onSetupOpen}
      setup={<DriversSetup datasets={a.datasets} dataset={a.dataset} form={a.form} onForm={a.setForm} onDataset={a.chooseDataset} busy={a.job.running} />}
      run={a.runBar('Find key drivers')}
      {...a.status}
      jobTitle={`Weighing the drivers of ${a.form.target || 'the target'}`}
      errorTitle="The key-driver analysis did not run"
    >
      {result ? (
        <PreviousResult failed={Boolean(a.error)} stale={a.stale}>
          <DriversResults result={result} />
          <DriversStability result={result} datasets={a.datasets} busy={a.job.running} onCompare={compare} />
        </PreviousResult>
      ) : (
        <Intro title="Find what drives the score" label="Find key drivers" canRun={!a.problem && !a.job.running} onRun={() => void a.analyze()} problem={a.problem}>
          Choose the target and the candidate drivers on the left. Relative weights split what the drivers explain together (R²) fairly between
          them, even when they are correlated, with bootstrap intervals; the quadrant chart then sets each driver's importance against how well
          it performs, so you see what to improve first.
        </Intro>
      )}
    </AreaLayout>
  );
}
