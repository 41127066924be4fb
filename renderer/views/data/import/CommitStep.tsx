// Step 3: the import job, with progress, percent and Cancel. Success hands the result back; failure or cancel
// leaves the workspace as it was and says so.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleX } from '@tabler/icons-react';
import type { ImportOptions, ImportPreview, ImportResult } from '../../../../shared/domain';
import type { PickedFile } from '../../../../shared/platform';
import { useClient } from '../../../state/bridge';
import { newJobId, useJobProgress } from '../../../state/jobs';
import { useWorkspace } from '../../../state/workspace';
import { isCancelled } from '../../../lib/errors';
import { formatBytes, formatCount } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { toColumnPlans, wireOptions, type PlanEdits } from './plan';

interface Props {
  file: PickedFile;
  preview: ImportPreview;
  options: ImportOptions;
  edits: PlanEdits;
  name: string;
  onRunning: (running: boolean) => void;
  onBack: () => void;
  onClose: () => void;
  onDone: (result: ImportResult) => void;
}

type State = { kind: 'running' } | { kind: 'cancelling' } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

// The import job's phases (main/workspace/import/commit.ts); their done/total count bytes of the file.
const PHASES: Record<string, string> = {
  sample: 'Reading a sample',
  import: 'Writing rows',
  finalize: 'Finishing',
};
const BYTE_PHASES = new Set(['sample', 'import', 'finalize']);

/** "158118 rows" from the job → "158,118 rows". */
function friendlyMessage(message: string): string {
  return message.replace(/\d{4,}/g, (n) => formatCount(Number(n)));
}

export function CommitStep({ file, preview, options, edits, name, onRunning, onBack, onClose, onDone }: Props) {
  const client = useClient();
  const { refresh } = useWorkspace();
  const [jobId] = useState(() => newJobId('import'));
  const [state, setState] = useState<State>({ kind: 'running' });
  const progress = useJobProgress(jobId);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    onRunning(true);
    const wire = wireOptions(options);
    const columns = toColumnPlans(preview.columns, edits);
    client
      .invoke('dataset.import', {
        jobId,
        path: file.path,
        fileName: file.fileName,
        name: name.trim(),
        ...(wire ? { options: wire } : {}),
        ...(columns.length ? { columns } : {}),
      })
      .then(
        async (result) => {
          onRunning(false);
          await refresh();
          onDone(result);
        },
        (err: unknown) => {
          onRunning(false);
          setState(isCancelled(err) ? { kind: 'cancelled' } : { kind: 'failed', error: err });
        },
      );
  }, [client, jobId, file, preview, options, edits, name, onRunning, onDone, refresh]);

  const cancel = () => {
    setState({ kind: 'cancelling' });
    client.invoke('job.cancel', { jobId }).catch(() => undefined);
  };

  if (state.kind === 'cancelled' || state.kind === 'failed') {
    return (
      <Stack gap="md" py="md">
        {state.kind === 'cancelled' ? (
          <Alert color="gray" variant="light" icon={<IconCircleX size={18} />} title="Import cancelled">
            Nothing was written; the workspace is exactly as it was.
          </Alert>
        ) : (
          <>
            <ErrorAlert error={state.error} title={`${file.fileName} was not imported`} />
            <Text size="sm" c="dimmed">
              Nothing was written; the workspace is exactly as it was.
            </Text>
          </>
        )}
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            Back to review
          </Button>
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }

  const total = progress?.total ?? null;
  const done = progress?.done ?? 0;
  const pct = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  const phase = progress ? (PHASES[progress.phase] ?? progress.phase) : 'Starting';
  return (
    <Stack gap="sm" py="lg" maw={640} mx="auto" w="100%">
      <Group justify="space-between" align="baseline">
        <Text fw={600}>
          Importing “{name.trim()}”
        </Text>
        <Text size="xl" fw={650} className="cxw-tabular" aria-hidden={pct === null}>
          {pct === null ? '' : `${pct}%`}
        </Text>
      </Group>
      <Progress
        value={pct ?? 100}
        striped={pct === null}
        animated={pct === null || state.kind === 'cancelling'}
        size="lg"
        aria-label="Import progress"
        aria-valuetext={pct === null ? `${formatCount(done)} rows read` : `${pct}%`}
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" className="cxw-tabular" role="status">
          {phase}
          {progress
            ? BYTE_PHASES.has(progress.phase)
              ? ` · ${formatBytes(done)}${total ? ` of ${formatBytes(total)}` : ''}`
              : ` · ${formatCount(done)}${total ? ` of ${formatCount(total)}` : ''}`
            : '…'}
          {progress?.message ? ` · ${friendlyMessage(progress.message)}` : ''}
        </Text>
        <Button color="red" variant="light" onClick={cancel} loading={state.kind === 'cancelling'}>
          Cancel import
        </Button>
      </Group>
    </Stack>
  );
}
