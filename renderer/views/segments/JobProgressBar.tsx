// Progress of a segmentation job: phase in words, percent, and Cancel (the pattern of the import wizard's commit step).
import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { JobProgress } from '../../../shared/domain';
import { formatCount } from '../../lib/format';

// Phases the segment services report; anything else is shown as sent, capitalised.
const PHASES: Record<string, string> = {
  load: 'Reading features',
  prepare: 'Preparing features',
  preprocess: 'Preparing features',
  sweep: 'Trying each k',
  kmeans: 'Clustering (k-means)',
  cluster: 'Clustering (k-means)',
  restarts: 'Clustering (k-means restarts)',
  silhouette: 'Measuring silhouette',
  metrics: 'Measuring fit',
  stability: 'Checking stability (bootstrap)',
  bootstrap: 'Checking stability (bootstrap)',
  confidence: 'Scoring confidence',
  profile: 'Describing segments',
  describe: 'Describing segments',
  cards: 'Describing segments',
  projection: 'Projecting for the scatter (PCA)',
  pca: 'Projecting for the scatter (PCA)',
  save: 'Saving',
  finalize: 'Saving',
};

export function phaseLabel(phase: string): string {
  const known = PHASES[phase];
  if (known) return known;
  const words = phase.replace(/[-_]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Working';
}

interface Props {
  title: string;
  progress: JobProgress | null;
  cancelling: boolean;
  onCancel: () => void;
}

export function JobProgressBar({ title, progress, cancelling, onCancel }: Props) {
  const total = progress?.total ?? null;
  const done = progress?.done ?? 0;
  const pct = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  const phase = cancelling ? 'Cancelling' : progress ? phaseLabel(progress.phase) : 'Starting';
  return (
    <Paper withBorder radius="md" p="lg" className="cxw-seg-job">
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
            {progress && total ? ` · ${formatCount(done)} of ${formatCount(total)}` : ''}
            {progress?.message ? ` · ${progress.message}` : ''}
          </Text>
          <Button color="red" variant="light" onClick={onCancel} loading={cancelling}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
