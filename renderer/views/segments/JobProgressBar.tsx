// Progress of a segmentation job: step i of n and phase in words, the whole job's percent and time left, and Cancel
// (the pattern of the import wizard's commit step).
import { Paper } from '@mantine/core';
import type { JobProgress } from '../../../shared/domain';
import { JobProgress as JobProgressView } from '../../components/JobProgress';

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
  rfm: 'Grouping transactions by customer',
  'rfm-scores': 'Scoring recency, frequency and spend',
};

/** The sweep's message already says which k of how many ("k = 5 (4 of 9)"); other steps count rows. */
function amount(p: JobProgress): string {
  if (p.phase === 'sweep' || !p.total) return '';
  return `${p.done.toLocaleString('en-GB')} of ${p.total.toLocaleString('en-GB')}`;
}

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
  return (
    <Paper withBorder radius="md" p="lg" className="cxw-seg-job">
      <JobProgressView title={title} progress={progress} cancelling={cancelling} onCancel={onCancel} phaseLabel={phaseLabel} amount={amount} />
    </Paper>
  );
}
