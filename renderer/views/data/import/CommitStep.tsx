// Step 3: the import job, with progress, percent and Cancel. Success hands the result back; failure or cancel
// leaves the workspace as it was and says so.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleX } from '@tabler/icons-react';
import type { ImportOptions, ImportPreview, ImportResult } from '../../../../shared/domain';
import type { PickedFile } from '../../../../shared/platform';
import { useClient } from '../../../state/bridge';
import { newJobId, useJobProgress } from '../../../state/jobs';
import { useWorkspace } from '../../../state/workspace';
import { isCancelled } from '../../../lib/errors';
import { formatBytes, formatCount } from '../../../lib/format';
import { JobProgress } from '../../../components/JobProgress';
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

  return (
    <Stack py="lg" maw={640} mx="auto" w="100%">
      <JobProgress
        title={`Importing “${name.trim()}”`}
        progress={progress}
        cancelling={state.kind === 'cancelling'}
        onCancel={cancel}
        cancelLabel="Cancel import"
        phaseLabel={(phase) => PHASES[phase] ?? phase}
        amount={(p) =>
          BYTE_PHASES.has(p.phase) ? `${formatBytes(p.done)}${p.total ? ` of ${formatBytes(p.total)}` : ''}` : `${formatCount(p.done)}${p.total ? ` of ${formatCount(p.total)}` : ''}`
        }
        message={friendlyMessage}
      />
    </Stack>
  );
}
