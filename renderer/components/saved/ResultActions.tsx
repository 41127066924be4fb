// The actions on one saved result, with their dialogs: re-run (a job with progress and cancel, then what it found),
// rename, duplicate and delete (confirmed). Used by the results list of every view and the workspace-wide list.
import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { RerunOutcome as Outcome, SavedResultSummary } from '../../../shared/results';
import { RESULT_KIND_NOUNS } from '../../../shared/results';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { useJob } from '../../lib/useJob';
import { ErrorAlert } from '../ErrorAlert';
import { JobProgress } from '../JobProgress';
import { RerunOutcome } from './RerunOutcome';

export type ResultAction = 'rerun' | 'rename' | 'duplicate' | 'delete';

export interface ResultActionsApi {
  start: (action: ResultAction, r: SavedResultSummary) => void;
  dialogs: ReactElement;
}

/** onChanged: the list (and whatever shows the result) should reload; deleted/renamed carry the result's id. */
export function useResultActions(onChanged: (change: { id: number; deleted?: boolean; name?: string }) => void): ResultActionsApi {
  const client = useClient();
  const toasts = useToasts();
  const job = useJob();
  const [target, setTarget] = useState<{ action: ResultAction; r: SavedResultSummary } | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const close = () => {
    if (job.running) job.cancel();
    setTarget(null);
    setError(null);
    setOutcome(null);
  };

  const rerun = async (r: SavedResultSummary) => {
    const out = await job.start('rerun', (jobId) => client.invoke('results.rerun', { jobId, id: r.id }));
    if (out.ok) setOutcome(out.value);
    else if (!out.cancelled) setError(out.error);
  };

  const start = (action: ResultAction, r: SavedResultSummary) => {
    setTarget({ action, r });
    setError(null);
    setOutcome(null);
    setName(action === 'duplicate' ? `${r.name} (copy)` : r.name);
    if (action === 'rerun') void rerun(r);
  };

  const submit = async () => {
    if (!target) return;
    const { action, r } = target;
    setBusy(true);
    setError(null);
    try {
      if (action === 'rename') {
        const s = await client.invoke('results.rename', { id: r.id, name: name.trim() });
        onChanged({ id: r.id, name: s.name });
      } else if (action === 'duplicate') {
        const s = await client.invoke('results.duplicate', { id: r.id, name: name.trim() });
        toasts.success('Result duplicated', `“${r.name}” copied as “${s.name}”.`);
        onChanged({ id: s.id });
      } else if (action === 'delete') {
        await client.invoke('results.delete', { id: r.id });
        toasts.success('Result deleted', `“${r.name}” was removed; the activity log keeps what it was.`);
        onChanged({ id: r.id, deleted: true });
      }
      setTarget(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const noun = target ? RESULT_KIND_NOUNS[target.r.kind] : '';
  const dialogs = (
    <Modal opened={target !== null} onClose={close} centered size={target?.action === 'rerun' ? 'lg' : 'md'} title={target ? titleOf(target.action, target.r.name) : ''}>
      {target?.action === 'rerun' && (
        <Stack gap="md">
          {job.running && <JobProgress title={`Re-running the ${noun} on the data as it is now`} progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} phaseLabel={(p) => p} />}
          {outcome && <RerunOutcome outcome={outcome} />}
          {error ? <ErrorAlert error={error} title="The re-run did not finish" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {job.running ? 'Cancel' : 'Done'}
            </Button>
          </Group>
        </Stack>
      )}
      {(target?.action === 'rename' || target?.action === 'duplicate') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="md">
            <TextInput label={target.action === 'rename' ? 'New name' : 'Name of the copy'} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus maxLength={200} />
            {error ? <ErrorAlert error={error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={!name.trim()}>
                {target.action === 'rename' ? 'Rename' : 'Duplicate'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {target?.action === 'delete' && (
        <Stack gap="md">
          <Text size="sm">
            The {noun} “{target.r.name}” will be removed from this workspace{target.r.kind === 'segmentation' ? ', with its customer assignments, names and persona notes' : ''}. The
            datasets are not touched, and the activity log keeps what was asked.
          </Text>
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep it
            </Button>
            <Button color="red" onClick={() => void submit()} loading={busy}>
              Delete result
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
  return { start, dialogs };
}

function titleOf(action: ResultAction, name: string): string {
  switch (action) {
    case 'rerun':
      return `Re-run “${name}”`;
    case 'rename':
      return `Rename “${name}”`;
    case 'duplicate':
      return `Duplicate “${name}”`;
    case 'delete':
      return `Delete “${name}”?`;
  }
}
