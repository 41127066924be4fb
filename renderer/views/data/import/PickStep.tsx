// Step 1: choose the file. In the browser it is uploaded to the local host (127.0.0.1), never further.
import { useEffect, useState } from 'react';
import { Button, Group, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import type { PickedFile } from '../../../../shared/platform';
import { onUploadProgress, type UploadProgress } from '../../../platform';
import { useBridge } from '../../../state/bridge';
import { formatBytes } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';

interface Props {
  file: PickedFile | null;
  loading: boolean;
  error: unknown;
  onPicked: (file: PickedFile) => void;
  onError: (err: unknown) => void;
}

export function PickStep({ file, loading, error, onPicked, onError }: Props) {
  const bridge = useBridge();
  const [upload, setUpload] = useState<UploadProgress | null>(null);
  const [picking, setPicking] = useState(false);

  useEffect(() => onUploadProgress((p) => setUpload(p.state === 'done' ? null : p)), []);

  const pick = () => {
    setPicking(true);
    onError(null);
    bridge.dialogs.pickImportFile().then(
      (picked) => {
        setPicking(false);
        if (picked) onPicked(picked);
      },
      (err: unknown) => {
        setPicking(false);
        onError(err);
      },
    );
  };

  const pct = upload && upload.total > 0 ? Math.round((upload.loaded / upload.total) * 100) : 0;
  return (
    <Stack gap="md" py="md">
      <div className="cxw-drop">
        <ThemeIcon variant="light" size={52} radius="xl">
          <IconFileSpreadsheet size={28} stroke={1.5} />
        </ThemeIcon>
        <Text fw={600}>Choose a delimited text file</Text>
        <Text size="sm" c="dimmed" ta="center" maw={520}>
          CSV, TSV or TXT exports from a CRM, survey tool, web analytics or ticketing system. Encoding, delimiter and header
          are detected; you review every column before anything is written.
        </Text>
        <Button leftSection={<IconUpload size={17} />} onClick={pick} loading={picking || loading} mt="xs" size="md">
          Choose file…
        </Button>
        {bridge.kind === 'browser' && (
          <Text size="xs" c="dimmed">
            The file is copied to the CX Workbench process on this computer (127.0.0.1) and goes nowhere else.
          </Text>
        )}
      </div>
      {upload && (
        <Stack gap={4} aria-label="Upload progress">
          <Group justify="space-between">
            <Text size="sm">Copying {upload.fileName}…</Text>
            <Text size="sm" c="dimmed" className="cxw-tabular">
              {formatBytes(upload.loaded)} of {formatBytes(upload.total)} · {pct}%
            </Text>
          </Group>
          <Progress value={pct} aria-label={`Upload ${pct}%`} />
        </Stack>
      )}
      {loading && !upload && file && (
        <Text size="sm" c="dimmed" role="status">
          Reading {file.fileName}…
        </Text>
      )}
      {error != null && <ErrorAlert error={error} title={file ? `${file.fileName} could not be read` : undefined} />}
    </Stack>
  );
}
