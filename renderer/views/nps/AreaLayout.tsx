// The frame every analysis of the NPS view shares: the analysis layout (set-up pane with its Run bar, results with
// the job's progress and cancel, the cancellation note and the error) filling the panel under the view's tabs.
import { useEffect, useRef, type ReactNode } from 'react';
import { Text } from '@mantine/core';
import { AnalysisIntro, AnalysisLayout, AnalysisStatus, type AnalysisStatusProps, type RunBarProps } from '../../components/AnalysisLayout';
import { phaseLabeller } from '../../lib/phases';
import type { Job } from '../../lib/useJob';

const phaseLabel = phaseLabeller({
  load: 'Reading the columns',
  'load times': 'Reading the dates',
  'load ids': 'Matching customer ids',
  analyze: 'Computing NPS and the tests',
  fit: 'Fitting the model',
  bootstrap: 'Bootstrap intervals',
});

interface Props extends Omit<AnalysisStatusProps, 'phaseLabel'> {
  /** Accessible name of the set-up pane and the results region, e.g. "NPS". */
  name: string;
  setupOpen: boolean;
  onSetupOpen: (open: boolean) => void;
  setup: ReactNode;
  run: Omit<RunBarProps, 'pointToProgress'>;
  job: Job;
}

export function AreaLayout(p: Props) {
  // The progress (with Cancel) and any refusal or error are shown above the results: bring them into view,
  // wherever the analyst had scrolled to.
  const main = useRef<HTMLElement>(null);
  const running = p.job.running;
  useEffect(() => {
    if (p.error || running) main.current?.scrollTo({ top: 0 });
  }, [p.error, running]);
  const { name, setupOpen, onSetupOpen, setup, run, ...status } = p;
  return (
    <AnalysisLayout name={name} setupOpen={setupOpen} onSetupOpen={onSetupOpen} setup={setup} run={{ ...run, pointToProgress: true }} busy={running} fillParent mainRef={main}>
      <AnalysisStatus {...status} phaseLabel={phaseLabel} />
    </AnalysisLayout>
  );
}

/** Before the first run: what the analysis shows, and Run. */
export function Intro({ title, children, label, canRun, onRun, problem }: { title: string; children: ReactNode; label: string; canRun: boolean; onRun: () => void; problem: string | null }) {
  return (
    <AnalysisIntro
      title={
        <Text fw={700} size="xl">
          {title}
        </Text>
      }
      label={label}
      canRun={canRun}
      onRun={onRun}
      problem={problem}
    >
      <Text mt="sm" size="md">
        {children}
      </Text>
    </AnalysisIntro>
  );
}
