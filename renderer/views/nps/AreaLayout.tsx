// The frame every analysis of the NPS view shares: the set-up pane on the left (collapsible, so the charts get the
// whole projector) with its Run bar, and the results on the right with the job's progress and cancel, the
// cancellation note and the error.
import { useEffect, useRef, type ReactNode } from 'react';
import { ActionIcon, Alert, Button, Group, Paper, ScrollArea, Text, Tooltip } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconLayoutSidebarLeftCollapse, IconPlayerPlay } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import type { Job } from '../segments/useJob';

const PHASES: Record<string, string> = {
  load: 'Reading the columns',
  'load times': 'Reading the dates',
  'load ids': 'Matching customer ids',
  analyze: 'Computing NPS and the tests',
  fit: 'Fitting the model',
  bootstrap: 'Bootstrap intervals',
};

export function phaseLabel(phase: string): string {
  return PHASES[phase] ?? (phase ? phase[0].toUpperCase() + phase.slice(1).replace(/[-_]+/g, ' ') : 'Working');
}

interface Props {
  /** Accessible name of the set-up pane and the results region, e.g. "NPS". */
  name: string;
  setupOpen: boolean;
  onSetupOpen: (open: boolean) => void;
  setup: ReactNode;
  run: RunBarProps;
  job: Job;
  jobTitle: string;
  note: string | null;
  onNoteClose: () => void;
  error: unknown;
  errorTitle: string;
  onErrorClose: () => void;
  /** Shown instead of the generic error alert (e.g. the score-scale choice). */
  errorView?: ReactNode;
  children: ReactNode;
}

export function AreaLayout(p: Props) {
  // The progress (with Cancel) and any refusal or error are shown above the results: bring them into view,
  // wherever the analyst had scrolled to.
  const main = useRef<HTMLElement>(null);
  const running = p.job.running;
  useEffect(() => {
    if (p.error || running) main.current?.scrollTo({ top: 0 });
  }, [p.error, running]);
  return (
    <div className="cxw-nps-area-grid" data-setup={p.setupOpen ? 'open' : 'closed'}>
      {p.setupOpen ? (
        <aside className="cxw-nps-side" aria-label={`${p.name} set-up`}>
          <Group justify="space-between" px="md" pt="sm" pb={6} wrap="nowrap">
            <Text fw={700} size="lg">
              Set-up
            </Text>
            <Tooltip label="Hide the set-up (more room for the charts)">
              <ActionIcon variant="subtle" color="gray" onClick={() => p.onSetupOpen(false)} aria-label="Hide the set-up">
                <IconLayoutSidebarLeftCollapse size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <ScrollArea className="cxw-nps-side-scroll" type="auto" offsetScrollbars>
            <div className="cxw-nps-side-body">{p.setup}</div>
          </ScrollArea>
          <RunBar {...p.run} />
        </aside>
      ) : (
        <aside className="cxw-nps-rail" aria-label={`${p.name} set-up (hidden)`}>
          <Tooltip label="Show the set-up" position="right">
            <ActionIcon variant="light" size="lg" onClick={() => p.onSetupOpen(true)} aria-label="Show the set-up">
              <IconAdjustmentsHorizontal size={20} />
            </ActionIcon>
          </Tooltip>
        </aside>
      )}
      <section ref={main} className="cxw-nps-main" aria-label={p.name} aria-busy={p.job.running}>
        {p.job.running && (
          <Paper withBorder radius="md" p="lg" className="cxw-nps-job" mb="lg">
            <JobProgress title={p.jobTitle} progress={p.job.progress} cancelling={p.job.cancelling} onCancel={p.job.cancel} phaseLabel={phaseLabel} />
          </Paper>
        )}
        {p.note && (
          <Alert color="gray" variant="light" withCloseButton onClose={p.onNoteClose} closeButtonLabel="Dismiss" mb="lg" className="cxw-nps-narrow">
            {p.note}
          </Alert>
        )}
        {p.error ? (p.errorView ?? <div className="cxw-nps-narrow cxw-nps-error"><ErrorAlert error={p.error} title={p.errorTitle} onClose={p.onErrorClose} /></div>) : null}
        <div className={p.job.running ? 'cxw-nps-dim' : undefined}>{p.children}</div>
      </section>
    </div>
  );
}

interface RunBarProps {
  busy: boolean;
  problem: string | null;
  stale: boolean;
  hasResult: boolean;
  onRun: () => void;
  /** "Run NPS analysis", "Check the contexts"… */
  label: string;
}

function RunBar(props: RunBarProps) {
  return (
    <div className="cxw-nps-run">
      <Text size="sm" c={props.problem ? 'red' : 'dimmed'} role={props.problem ? 'alert' : undefined} mb={8}>
        {props.problem ??
          (props.busy
            ? 'Running: the progress is on the right, with Cancel.'
            : props.hasResult
              ? props.stale
                ? 'The set-up changed: run again to update the results.'
                : 'The results match this set-up.'
              : 'Ready to run.')}
      </Text>
      <Button
        size="md"
        fullWidth
        leftSection={<IconPlayerPlay size={18} />}
        onClick={props.onRun}
        disabled={Boolean(props.problem) || props.busy}
        loading={props.busy}
        variant={props.hasResult && !props.stale ? 'light' : 'filled'}
      >
        {props.hasResult ? 'Run again' : props.label}
      </Button>
    </div>
  );
}

/** Before the first run: what the analysis shows, and Run. */
export function Intro({ title, children, label, canRun, onRun, problem }: { title: string; children: ReactNode; label: string; canRun: boolean; onRun: () => void; problem: string | null }) {
  return (
    <Paper withBorder radius="md" p="xl" maw={760} className="cxw-nps-card">
      <Text fw={700} size="xl">
        {title}
      </Text>
      <Text mt="sm" size="md">
        {children}
      </Text>
      <Group mt="lg" gap="md">
        <Button size="md" leftSection={<IconPlayerPlay size={18} />} onClick={onRun} disabled={!canRun}>
          {label}
        </Button>
        {problem && (
          <Text size="sm" c="red">
            {problem}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
