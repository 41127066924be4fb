// Progress of any long job (import, segmentation, RFM…): phase in words, percent when the total is known, and a
// Cancel button. Each caller supplies its own phase names and how to show done/total (rows, bytes…).
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { JobProgress as Progressed } from '../../shared/domain';
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

const countAmount = (p: Progressed): string => `${formatCount(p.done)}${p.total ? ` of ${formatCount(p.total)}` : ''}`;

export function JobProgress({ title, progress, cancelling, onCancel, cancelLabel = 'Cancel', phaseLabel, amount = countAmount, message }: Props) {
  const total = progress?.total ?? null;
  const done = progress?.done ?? 0;
  const pct = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  const phase = cancelling ? 'Cancelling' : progress ? phaseLabel(progress.phase) : 'Starting';
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
          {phase}
          {progress ? ` · ${amount(progress)}` : ''}
          {progress?.message ? ` · ${message ? message(progress.message) : progress.message}` : ''}
        </Text>
        <Button color="red" variant="light" onClick={onCancel} loading={cancelling}>
          {cancelLabel}
        </Button>
      </Group>
    </Stack>
  );
}
