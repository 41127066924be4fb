// "Score another dataset": put the customers of another dataset (next month's export, a new region) into this
// segmentation's segments — same preprocessing, same centroids — and save the result as a new segmentation.
// Only datasets that have every feature column (by name) are offered; the services check the types.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import type { SegmentationResult, SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatCount } from '../../lib/format';
import { JobProgressBar } from './JobProgressBar';
import { useJob } from '../../lib/useJob';

interface Props {
  result: SegmentationResult;
  opened: boolean;
  onClose: () => void;
  onScored: (scored: SegmentationSummary) => void;
}

export function ScoreDialog({ result, opened, onClose, onScored }: Props) {
  const client = useClient();
  const { datasets } = useWorkspace();
  const job = useJob();
  const features = result.params.features;
  const fitting = useMemo(
    () => datasets.filter((d) => features.every((f) => d.columns.some((c) => c.name === f))),
    [datasets, features],
  );
  const [dataset, setDataset] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);

  // Prefer a dataset other than the one the segmentation was built on: scoring new data is the usual reason.
  useEffect(() => {
    if (!opened) return;
    setError(null);
    setNote(null);
    setName('');
    setDataset((current) => (fitting.some((d) => d.name === current) ? current : (fitting.find((d) => d.name !== result.dataset) ?? fitting[0])?.name ?? ''));
  }, [opened, fitting, result.dataset]);

  const run = async () => {
    setError(null);
    setNote(null);
    const out = await job.start('score', (jobId) =>
      client.invoke('segment.score', { jobId, segmentation: result.name, dataset, ...(name.trim() ? { name: name.trim() } : {}) }),
    );
    if (out.ok) onScored(out.value);
    else if (out.cancelled) setNote('Scoring was cancelled; nothing was saved.');
    else setError(out.error);
  };

  const close = () => {
    if (!job.running) onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Score another dataset" size="lg" centered closeOnClickOutside={!job.running}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Puts each customer of another dataset into the nearest of the {result.k} segments of “{result.name}”, with the same preprocessing, and saves
          the result as a new segmentation. Compare the two afterwards to see who moved.
        </Text>
        {fitting.length === 0 ? (
          <Alert color="orange" title="No dataset has all the feature columns">
            Scoring needs a dataset with every column this segmentation used: {features.join(', ')}.
          </Alert>
        ) : (
          <>
            <NativeSelect
              label="Dataset to score"
              description={`Datasets with all ${features.length} feature columns (${features.join(', ')})`}
              data={fitting.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
              value={dataset}
              onChange={(e) => setDataset(e.currentTarget.value)}
              disabled={job.running}
            />
            <TextInput
              label="Name of the new segmentation"
              placeholder={dataset ? `${dataset} scored by ${result.name}` : ''}
              description="Optional; the placeholder is used when left empty."
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              disabled={job.running}
              maxLength={200}
            />
          </>
        )}
        {job.running && <JobProgressBar title="Scoring" progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} />}
        {note && (
          <Text size="sm" c="dimmed" role="status">
            {note}
          </Text>
        )}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={job.running}>
            Close
          </Button>
          <Button leftSection={<IconTargetArrow size={16} />} onClick={run} loading={job.running} disabled={!dataset || fitting.length === 0}>
            Score dataset
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
