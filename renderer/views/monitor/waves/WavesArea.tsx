// The Waves area of the Monitor view: set-up, a 'drift.run' job with progress and cancel, the results. Every run is
// kept as a saved result of kind 'drift'.
import type { DriftResult, DriftSpec } from '../../../../shared/monitor-drift';
import { useClient } from '../../../state/bridge';
import { useAnalysis } from '../../../lib/useAnalysis';
import { AreaLayout, Intro } from '../../nps/AreaLayout';
import { PreviousResult } from '../../nps/parts';
import type { MonitorAreaProps } from '../areas';
import { fromWavesSpec, pickWavesDataset, toWavesSpec, wavesForms, wavesProblem, type WavesForm } from './model';
import { WavesResults } from './WavesResults';
import { WavesSetup } from './WavesSetup';
import './waves.css';

export function WavesArea({ setupOpen, onSetupOpen }: MonitorAreaProps) {
  const client = useClient();
  const a = useAnalysis<WavesForm, DriftSpec, DriftResult>({
    kind: 'drift',
    forms: wavesForms,
    pickDataset: pickWavesDataset,
    problem: wavesProblem,
    toSpec: toWavesSpec,
    fromSpec: fromWavesSpec,
    resultKind: 'drift',
    invoke: (jobId, spec, save) => client.invoke('drift.run', { jobId, spec, save }),
    cancelledNote: 'The comparison was cancelled; the results shown (if any) are from the previous run.',
  });
  const result = a.run?.result ?? null;
  return (
    <AreaLayout
      name="Waves and drift"
      setupOpen={setupOpen}
      onSetupOpen={onSetupOpen}
      setup={<WavesSetup datasets={a.datasets} dataset={a.dataset} form={a.form} onForm={a.setForm} onDataset={a.chooseDataset} busy={a.job.running} />}
      run={a.runBar('Compare waves')}
      {...a.status}
      jobTitle={`Comparing “${a.form.dataset}” with ${a.form.mode === 'datasets' ? `“${a.form.current}”` : 'its second period'}`}
      errorTitle="The comparison did not run"
    >
      {result ? (
        <PreviousResult failed={Boolean(a.error)} stale={a.stale}>
          <WavesResults result={result} />
        </PreviousResult>
      ) : (
        <Intro title="What changed between two waves?" label="Compare waves" canRun={!a.problem && !a.job.running} onRun={() => void a.analyze()} problem={a.problem}>
          Choose the earlier wave and the one to compare with it (or one dataset and two date ranges). Each column gets a test and a distance
          with a verdict; with an NPS column you see the change with its interval, and with a channel or context column whether the change
          is opinion or only a shift in who answered.
        </Intro>
      )}
    </AreaLayout>
  );
}
