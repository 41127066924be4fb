// The Monitor view's Experiments area: set-up, an 'experiment.run' job with progress and cancel, the result (verdict,
// arms, comparison, segments, sample-ratio check) and the planning calculator, which works without any data.
import { useEffect, useRef, type ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';
import type { ExperimentResult, ExperimentSpec } from '../../../../shared/monitor-experiment';
import { AnalysisIntro, AnalysisLayout, AnalysisStatus } from '../../../components/AnalysisLayout';
import { phaseLabeller } from '../../../lib/phases';
import { useAnalysis } from '../../../lib/useAnalysis';
import { useClient } from '../../../state/bridge';
import { PreviousResult } from '../../nps/parts';
import type { MonitorAreaProps } from '../areas';
import { ExperimentResults } from './ExperimentResults';
import { ExperimentSetup } from './ExperimentSetup';
import { experimentForms, experimentProblem, fromExperimentSpec, pickExperimentDataset, toExperimentSpec, type ExperimentForm } from './model';
import { PlanCalculator } from './PlanCalculator';
import './experiments.css';

const phaseLabel = phaseLabeller({ load: 'Reading the columns', analyze: 'Comparing the arms' });

export function ExperimentsArea({ setupOpen, onSetupOpen }: MonitorAreaProps) {
  const client = useClient();
  const a = useAnalysis<ExperimentForm, ExperimentSpec, ExperimentResult>({
    kind: 'experiment',
    forms: experimentForms,
    pickDataset: pickExperimentDataset,
    problem: experimentProblem,
    toSpec: toExperimentSpec,
    fromSpec: fromExperimentSpec,
    resultKind: 'experiment',
    invoke: (jobId, spec, save) => client.invoke('experiment.run', { jobId, spec, save }),
    cancelledNote: 'The experiment analysis was cancelled; the results shown (if any) are from the previous run.',
    runPerDataset: true,
  });
  const result = a.run?.result ?? null;
  const main = useRef<HTMLElement>(null);
  // Progress, errors and a new result (the sample-ratio alert or the verdict leads it) are read from the top.
  useEffect(() => {
    if (a.error || a.job.running || result) main.current?.scrollTo({ top: 0 });
  }, [a.error, a.job.running, result]);

  const acknowledge = () => {
    const next = { ...a.form, acknowledgeSrm: true };
    a.setForm(next);
    void a.analyze(next);
  };

  let body: ReactNode;
  if (result) {
    body = (
      <PreviousResult failed={Boolean(a.error)} stale={a.stale}>
        <ExperimentResults result={result} onAcknowledge={acknowledge} busy={a.job.running} />
      </PreviousResult>
    );
  } else {
    body = (
      <AnalysisIntro
        title={
          <Text fw={700} size="xl">
            Did the experiment work?
          </Text>
        }
        label="Run experiment analysis"
        canRun={!a.problem && !a.job.running}
        onRun={() => void a.analyze()}
        problem={a.problem}
      >
        <Text mt="sm" size="md">
          Choose the arm column and its control, the outcome and how to read it on the left, and run. You get each arm’s rate, mean or NPS with its
          interval, the difference from the control with its interval and p-value, a sample-ratio check that holds the verdict back when the arms’ sizes
          do not match the plan, and, with a pre-period covariate, CUPED’s sharper estimate.
        </Text>
      </AnalysisIntro>
    );
  }

  return (
    <AnalysisLayout
      name="Experiment"
      setupOpen={setupOpen}
      onSetupOpen={onSetupOpen}
      setup={<ExperimentSetup datasets={a.datasets} dataset={a.dataset} form={a.form} onForm={a.setForm} onDataset={a.chooseDataset} busy={a.job.running} />}
      run={{ ...a.runBar('Run experiment analysis'), pointToProgress: true }}
      busy={a.job.running}
      fillParent
      mainRef={main}
    >
      <AnalysisStatus {...a.status} phaseLabel={phaseLabel} jobTitle={`Analysing the experiment in “${a.form.dataset}”`} errorTitle="The experiment analysis did not run">
        <Stack gap="lg" className="cxw-exp-results">
          {body}
          <PlanCalculator />
        </Stack>
      </AnalysisStatus>
    </AnalysisLayout>
  );
}
