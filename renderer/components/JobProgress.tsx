// Progress of any long job (import, segmentation, RFM…): phase in words, percent when the total is known, the
// time left once it can be estimated (lib/eta.ts), and a Cancel button. Each caller supplies its own phase names
// and how to show done/total (rows, bytes…). A job that sends its whole-job `fraction` gets one percentage and
// one estimate for the whole job; otherwise both are for the current step and say so.
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { JobProgress as Progressed } from '../../shared/domain';
import { estimateRemainingMs, formatRemaining, fractionDone } from '../lib/eta';
import { formatCount } from '../lib/format';

interface Props {
  title: string;
  progress: Progressed | null;
  cancelling: boolean;
  onCancel: () => void;
  cancelLabel?: string;
  /** Phase id → words; unknown phases are shown as sent. */
  phaseLabel: (phase: string) => string;
  /** "12 MB of 110 MB" for byte phases, counts otherwise. */
  amount?: (p: Progressed) => string;
  /** Rewrites the job's free-text message (e.g. thousands separators). */
  message?: (m: string) => string;
}

/** "1,200 of 5,000"; a bare count when the total is unknown; nothing for a step that has not counted anything. */
const countAmount = (p: Progressed): string => (p.total ? `${formatCount(p.done)} of ${formatCount(p.total)}` : p.done ? formatCount(p.done) : '');

/** When this job and its current phase started (reset when a new job id or phase arrives), and a 1 s clock. */
function useJobClock(progress: Progressed | null): { jobStart: number; phaseStart: number; now: number } {
  const started = useRef({ jobId: progress?.jobId ?? null, jobStart: Date.now(), phase: progress?.phase ?? null, phaseStart: Date.now() });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const s = started.current;
  if (progress && s.jobId !== null && progress.jobId !== s.jobId) s.jobStart = Date.now();
  if (progress) s.jobId = progress.jobId;
  if (progress && progress.phase !== s.phase) {
    s.phase = progress.phase;
    s.phaseStart = Date.now();
  }
  return { jobStart: s.jobStart, phaseStart: s.phaseStart, now: Math.max(now, s.phaseStart) };
}

export function JobProgress({ title, progress, cancelling, onCancel, cancelLabel = 'Cancel', phaseLabel, amount = countAmount, message }: Props) {
  const clock = useJobClock(progress);
  const fraction = progress ? fractionDone(progress) : null;
  const whole = progress?.fraction !== undefined;
  const pct = fraction === null ? null : Math.min(100, Math.round(fraction * 100));
  const phase = cancelling ? 'Cancelling' : progress ? phaseLabel(progress.phase) : 'Starting';
  const left = fraction === null || cancelling ? null : estimateRemainingMs(clock.now - (whole ? clock.jobStart : clock.phaseStart), fraction);
  const step = progress?.stage && progress.stages ? `Step ${progress.stage} of ${progress.stages}: ` : '';
  const shown = progress ? amount(progress) : '';
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Text fw={650} size="lg">
          {title}
        </Text>
        <Text size="xl" fw={700} className="cxw-tabular" aria-hidden={pct === null}>
          {pct === null ? '' : `${pct}%`}
        </Text>
      </Group>
      <Progress
        value={pct ?? 100}
        striped={pct === null}
        animated={pct === null || cancelling}
        size="lg"
        aria-label={`${title} progress`}
        aria-valuetext={pct === null ? phase : `${pct}%`}
      />
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" className="cxw-tabular" role="status">
          {cancelling ? '' : step}
          {phase}
          {shown ? ` · ${shown}` : ''}
          {progress?.message ? ` · ${message ? message(progress.message) : progress.message}` : ''}
          {left !== null ? ` · ${formatRemaining(left)}${whole ? '' : ' in this step'}` : ''}
        </Text>
        <Button color="red" variant="light" onClick={onCancel} loading={cancelling}>
          {cancelLabel}
        </Button>
      </Group>
    </Stack>
  );
}
