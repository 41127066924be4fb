// The frame the analysis views (Journeys, NPS, Audit) share: the set-up pane on the left — collapsible to a rail, so
// the results get the whole projector — with its Run bar at the foot, and the results region on the right. Inside
// the results, AnalysisStatus shows the job's progress (with Cancel), the cancellation note and the error above the
// view's own content, which is dimmed while a job runs.
import { useRef, type ReactNode, type Ref } from 'react';
import { useMergedRef } from '@mantine/hooks';
import { ActionIcon, Alert, Button, Group, Paper, ScrollArea, Text, Tooltip } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconLayoutSidebarLeftCollapse, IconPlayerPlay } from '@tabler/icons-react';
import type { JobProgress as Progressed } from '../../shared/domain';
import { ErrorAlert } from './ErrorAlert';
import { JobProgress } from './JobProgress';
import { SavedResultBar, type SavedResultBarProps } from './saved/SavedResultBar';
import { RUN_SHORTCUT_ARIA, RUN_SHORTCUT_LABEL, useFocusResultAfterRun, useRunShortcut } from './a11y/run-shortcut';
import './analysis-layout.css';

interface LayoutProps {
  /** Accessible name of the results region, e.g. "Audit". */
  name: string;
  /** Accessible name of the set-up pane; "<name> set-up" unless told. */
  setupName?: string;
  setupOpen: boolean;
  onSetupOpen: (open: boolean) => void;
  /** The tooltip of the hide button: what the room is for. */
  hideHint?: string;
  setup: ReactNode;
  run: RunBarProps;
  busy: boolean;
  /** Fill the parent (under the NPS view's own tabs) rather than the window below the header. */
  fillParent?: boolean;
  mainRef?: Ref<HTMLElement>;
  children: ReactNode;
}

export function AnalysisLayout(p: LayoutProps) {
  const setupName = p.setupName ?? `${p.name} set-up`;
  const root = useRef<HTMLDivElement>(null);
  const results = useRef<HTMLElement>(null);
  const mainRef = useMergedRef(results, p.mainRef);
  // "Run NPS analysis" → "NPS analysis"; a label that is not "Run …" ("Find key drivers") speaks as the view's name.
  const what = /^Run /.test(p.run.label) ? p.run.label.slice(4) : p.name;
  useRunShortcut(root, !p.run.problem && !p.run.busy, p.run.onRun, what);
  useFocusResultAfterRun(results, p.busy, what);
  return (
    <div ref={root} className="cxw-analysis" data-run-shortcut data-setup={p.setupOpen ? 'open' : 'closed'} data-fill={p.fillParent ? 'parent' : undefined}>
      {p.setupOpen ? (
        <aside className="cxw-analysis-side" aria-label={setupName}>
          <Group justify="space-between" px="md" pt="sm" pb={6} wrap="nowrap">
            <Text fw={700} size="lg">
              Set-up
            </Text>
            <Tooltip label={p.hideHint ?? 'Hide the set-up (more room for the charts)'}>
              <ActionIcon variant="subtle" color="gray" onClick={() => p.onSetupOpen(false)} aria-label="Hide the set-up">
                <IconLayoutSidebarLeftCollapse size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <ScrollArea className="cxw-analysis-side-scroll" type="auto" offsetScrollbars>
            <div className="cxw-analysis-side-body">{p.setup}</div>
          </ScrollArea>
          <RunBar {...p.run} />
        </aside>
      ) : (
        <aside className="cxw-analysis-rail" aria-label={`${setupName} (hidden)`}>
          <Tooltip label="Show the set-up" position="right">
            <ActionIcon variant="light" size="lg" onClick={() => p.onSetupOpen(true)} aria-label="Show the set-up">
              <IconAdjustmentsHorizontal size={20} />
            </ActionIcon>
          </Tooltip>
        </aside>
      )}
      <section ref={mainRef} className="cxw-analysis-main" aria-label={p.name} aria-busy={p.busy}>
        {p.children}
      </section>
    </div>
  );
}

export interface RunBarProps {
  busy: boolean;
  problem: string | null;
  /** The set-up differs from what the shown result was computed with. */
  stale: boolean;
  hasResult: boolean;
  onRun: () => void;
  /** Before the first run: "Run audit", "Run NPS analysis"… (then "Run again"). */
  label: string;
  /** While running, say where the progress is (instead of whether the results match the set-up). */
  pointToProgress?: boolean;
}

/** The foot of the set-up pane: what stops a run (or whether the results match the set-up) and Run. */
function RunBar(props: RunBarProps) {
  const status = props.hasResult ? (props.stale ? 'The set-up changed: run again to update the results.' : 'The results match this set-up.') : 'Ready to run.';
  return (
    <div className="cxw-analysis-run">
      <Text size="sm" c={props.problem ? 'red' : 'dimmed'} role={props.problem ? 'alert' : undefined} mb={8}>
        {props.problem ?? (props.busy && props.pointToProgress ? 'Running: the progress is on the right, with Cancel.' : status)}
      </Text>
      <Button
        size="md"
        fullWidth
        leftSection={<IconPlayerPlay size={18} />}
        onClick={props.onRun}
        disabled={Boolean(props.problem) || props.busy}
        loading={props.busy}
        variant={props.hasResult && !props.stale ? 'light' : 'filled'}
        aria-keyshortcuts={RUN_SHORTCUT_ARIA}
      >
        {props.hasResult ? 'Run again' : props.label}
      </Button>
      <Text size="xs" c="dimmed" ta="center" mt={4} aria-hidden="true">
        or press {RUN_SHORTCUT_LABEL}
      </Text>
    </div>
  );
}

/** What AnalysisStatus needs of a running job (see lib/useJob). */
export interface RunningJob {
  running: boolean;
  cancelling: boolean;
  progress: Progressed | null;
  cancel: () => void;
}

export interface AnalysisStatusProps {
  job: RunningJob;
  jobTitle: string;
  phaseLabel: (phase: string) => string;
  note: string | null;
  onNoteClose: () => void;
  error: unknown;
  errorTitle: string;
  onErrorClose: () => void;
  /** Shown instead of the generic error alert (e.g. NPS's score-scale choice). */
  errorView?: ReactNode;
  /** The saved result shown and the view's list of saved results (see lib/useAnalysis). */
  saved?: SavedResultBarProps;
  children: ReactNode;
}

/** Progress, cancellation note and error above the results, which are dimmed while the job runs. */
export function AnalysisStatus(p: AnalysisStatusProps) {
  return (
    <>
      {p.saved && <SavedResultBar {...p.saved} />}
      {p.job.running && (
        <Paper withBorder radius="md" p="lg" className="cxw-analysis-job" mb="lg">
          <JobProgress title={p.jobTitle} progress={p.job.progress} cancelling={p.job.cancelling} onCancel={p.job.cancel} phaseLabel={p.phaseLabel} />
        </Paper>
      )}
      {p.note && (
        <Alert color="gray" variant="light" withCloseButton onClose={p.onNoteClose} closeButtonLabel="Dismiss" mb="lg" className="cxw-analysis-narrow cxw-analysis-note">
          {p.note}
        </Alert>
      )}
      {p.error
        ? (p.errorView ?? (
            <div className="cxw-analysis-narrow cxw-analysis-error">
              <ErrorAlert error={p.error} title={p.errorTitle} onClose={p.onErrorClose} />
            </div>
          ))
        : null}
      <div className={p.job.running ? 'cxw-analysis-dim' : undefined}>{p.children}</div>
    </>
  );
}

interface IntroProps {
  /** The heading, as the view sets it (a Title or a bold Text). */
  title: ReactNode;
  children: ReactNode;
  label: string;
  icon?: ReactNode;
  canRun: boolean;
  onRun: () => void;
  problem: string | null;
  maw?: number;
  className?: string;
}

/** Before the first run: what the analysis shows, and Run. */
export function AnalysisIntro(p: IntroProps) {
  return (
    <Paper withBorder radius="md" p="xl" maw={p.maw ?? 760} className={p.className ?? 'cxw-analysis-card'}>
      {p.title}
      {p.children}
      <Group mt="lg" gap="md">
        <Button size="md" leftSection={p.icon ?? <IconPlayerPlay size={18} />} onClick={p.onRun} disabled={!p.canRun} aria-keyshortcuts={RUN_SHORTCUT_ARIA}>
          {p.label}
        </Button>
        {p.problem && (
          <Text size="sm" c="red">
            {p.problem}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
