// The picker's dialogs: name a new map (with its first stages), rename or copy one, seed one from the journey
// analytics (a cancellable job with progress), and confirm a delete.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconChartDots3 } from '@tabler/icons-react';
import type { JourneyMap, JourneySpec } from '../../../../shared/journeys';
import { useClient } from '../../../state/bridge';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { JobProgress } from '../../../components/JobProgress';
import { useJob } from '../../../lib/useJob';

export const DEFAULT_STAGES = ['Discover', 'Choose', 'Buy', 'Receive', 'Get help'];

interface NameProps {
  opened: boolean;
  title: string;
  submitLabel: string;
  initialName: string;
  taken: string[];
  description?: ReactNode;
  withStages?: boolean;
  onClose: () => void;
  /** Resolves when done; a thrown error is shown in the dialog. */
  onSubmit: (name: string, stages: string[]) => Promise<void>;
}

export function NameDialog({ opened, title, submitLabel, initialName, taken, description, withStages, onClose, onSubmit }: NameProps) {
  const [name, setName] = useState(initialName);
  const [stages, setStages] = useState(DEFAULT_STAGES.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Reset when the dialog opens, not when the map list refreshes underneath what the analyst is typing.
  const initial = useRef(initialName);
  initial.current = initialName;
  useEffect(() => {
    if (!opened) return;
    setName(initial.current);
    setStages(DEFAULT_STAGES.join('\n'));
    setError(null);
  }, [opened]);

  const trimmed = name.trim();
  const clash = taken.includes(trimmed);
  const stageList = stages
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const submit = async () => {
    if (!trimmed || clash) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(trimmed, stageList);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title={title} centered size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          <TextInput label="Map name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} data-autofocus error={clash ? 'A map with this name already exists.' : null} />
          {withStages && (
            <Textarea label="Stages, one per line" description="Rename, reorder or add stages later on the canvas." value={stages} onChange={(e) => setStages(e.currentTarget.value)} autosize minRows={4} maxRows={10} />
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!trimmed || clash || (withStages && stageList.length === 0)}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const SEED_PHASES: Record<string, string> = { load: 'Reading events', read: 'Reading events', sort: 'Ordering events', walk: 'Following journeys', analyze: 'Measuring journeys', save: 'Saving' };
const seedPhase = (p: string) => SEED_PHASES[p] ?? (p ? p[0].toUpperCase() + p.slice(1).replace(/[-_]+/g, ' ') : 'Working');

interface SeedProps {
  opened: boolean;
  spec: JourneySpec;
  taken: string[];
  onClose: () => void;
  onSeeded: (map: JourneyMap) => void;
}

export function SeedDialog({ opened, spec, taken, onClose, onSeeded }: SeedProps) {
  const client = useClient();
  const job = useJob();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!opened) return;
    const base = `${spec.dataset} journey map`;
    let candidate = base;
    for (let i = 2; taken.includes(candidate); i++) candidate = `${base} ${i}`;
    setName(candidate);
    setError(null);
    setNote(null);
    // Only when the dialog opens: the list refreshing underneath must not rewrite what the analyst typed.
  }, [opened]);

  const trimmed = name.trim();
  const clash = taken.includes(trimmed);
  const run = async () => {
    setError(null);
    setNote(null);
    const out = await job.start('seedmap', (jobId) => client.invoke('journeyMap.seed', { jobId, name: trimmed, spec }));
    if (out.ok) onSeeded(out.value);
    else if (out.cancelled) setNote('Seeding was cancelled; no map was saved.');
    else setError(out.error);
  };

  return (
    <Modal opened={opened} onClose={() => !job.running && onClose()} title="Seed a journey map from data" centered size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Computes the journey analytics of “{spec.dataset}” with the current set-up (columns, stages{spec.segmentation ? ', segment filter' : ''}) and lays
          them out as a map: stages in funnel order, and measured cards — touchpoints, satisfaction and NPS, pain points, channel mix, reach, drop-off and
          time to the next stage — each with the n it rests on. Customer actions, opportunities and backstage are left for the workshop.
        </Text>
        <TextInput label="Map name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} disabled={job.running} error={clash ? 'A map with this name already exists.' : null} data-autofocus />
        {job.running && <JobProgress title="Seeding the map" progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} phaseLabel={seedPhase} />}
        <ErrorAlert error={error} title="The map was not seeded" />
        {note && (
          <Alert color="gray" variant="light">
            {note}
          </Alert>
        )}
        <Group justify="flex-end" mt="xs">
          {/* "Cancel", not a second "Close": the dialog's × is already named Close. */}
          <Button variant="default" onClick={onClose} disabled={job.running}>
            Cancel
          </Button>
          <Button leftSection={<IconChartDots3 size={16} />} onClick={run} loading={job.running} disabled={!trimmed || clash}>
            Seed map
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface DeleteProps {
  name: string | null;
  onClose: () => void;
  onDelete: () => Promise<void>;
}

export function DeleteDialog({ name, onClose, onDelete }: DeleteProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setError(null), [name]);
  return (
    <Modal opened={name !== null} onClose={() => !busy && onClose()} title="Delete journey map?" centered>
      <Text size="sm">“{name}”, its cards and persona will be removed from this workspace. Datasets, analytics and segmentations are not touched.</Text>
      <ErrorAlert error={error} />
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} disabled={busy}>
          Keep it
        </Button>
        <Button
          color="red"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onDelete();
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          Delete map
        </Button>
      </Group>
    </Modal>
  );
}
