// Step 2: how the file will be read. Detected settings can be overridden (re-reading the preview); each
// column's type, role and personal-data treatment can be changed before anything is written.
import { Alert, Badge, Button, Group, List, LoadingOverlay, NativeSelect, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconShieldLock } from '@tabler/icons-react';
import type { FileEncoding, ImportOptions, ImportPreview } from '../../../../shared/domain';
import { delimiterLabel, encodingLabel, formatBytes, formatCount } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PreviewTable } from './PreviewTable';
import { useWorkspace } from '../../../state/workspace';
import { effectiveColumn, type PlanEdits } from './plan';

interface Props {
  preview: ImportPreview;
  options: ImportOptions;
  edits: PlanEdits;
  name: string;
  loading: boolean;
  error: unknown;
  onName: (name: string) => void;
  onEdits: (edits: PlanEdits) => void;
  onOptions: (options: ImportOptions, rerun: boolean) => void;
  onBack: () => void;
  onCommit: () => void;
}

const ENCODINGS: FileEncoding[] = ['utf-8', 'utf-8-bom', 'windows-1252'];
const DELIMITERS = [',', ';', '\t', '|'];

export function ReviewStep(props: Props) {
  const { preview, options, edits, name, loading, error, onName, onEdits, onOptions, onBack, onCommit } = props;
  const columns = preview.columns.map((c) => effectiveColumn(c, edits));
  const pii = columns.filter((c) => c.piiKind !== null);
  const kept = columns.filter((c) => c.piiAction !== 'drop').length;
  const fixes = preview.headerFixes;
  const { datasets } = useWorkspace();
  const taken = datasets.some((d) => d.name.toLowerCase() === name.trim().toLowerCase());
  const nameError =
    name.trim().length === 0 || name.trim().length > 200
      ? 'Give the dataset a name (up to 200 characters)'
      : taken
        ? 'A dataset with this name already exists'
        : undefined;
  const nameOk = nameError === undefined;
  const detected = (overridden: boolean) =>
    overridden ? (
      <Badge size="xs" variant="light" color="indigo">
        set by you
      </Badge>
    ) : (
      <Badge size="xs" variant="light" color="gray">
        detected
      </Badge>
    );

  return (
    <Stack gap="sm" pos="relative" pt="xs">
      <LoadingOverlay visible={loading} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
      <Group align="flex-end" gap="sm" wrap="wrap" className="cxw-review-toolbar">
        <TextInput
          label="Dataset name"
          value={name}
          onChange={(e) => onName(e.currentTarget.value)}
          error={nameError}
          w={260}
          maxLength={200}
        />
        <NativeSelect
          label={<Group gap={4}>Encoding {detected(options.encoding !== undefined)}</Group>}
          aria-label="Encoding"
          data={ENCODINGS.map((e) => ({ value: e, label: encodingLabel(e) }))}
          value={preview.encoding}
          onChange={(e) => onOptions({ ...options, encoding: e.currentTarget.value as FileEncoding }, true)}
          w={220}
        />
        <NativeSelect
          label={<Group gap={4}>Delimiter {detected(options.delimiter !== undefined)}</Group>}
          aria-label="Delimiter"
          data={DELIMITERS.map((d) => ({ value: d, label: delimiterLabel(d) }))}
          value={preview.delimiter}
          onChange={(e) => onOptions({ ...options, delimiter: e.currentTarget.value }, true)}
          w={170}
        />
        <NativeSelect
          label="Malformed rows"
          data={[
            { value: 'fail', label: 'Stop the import' },
            { value: 'skip', label: 'Skip and list them' },
          ]}
          value={options.onBadRow ?? 'fail'}
          onChange={(e) => onOptions({ ...options, onBadRow: e.currentTarget.value as 'fail' | 'skip' }, false)}
          w={180}
        />
        <Switch
          label="First row is a header"
          checked={preview.hasHeader}
          onChange={(e) => onOptions({ ...options, hasHeader: e.currentTarget.checked }, true)}
          mb={8}
        />
      </Group>
      <Text size="xs" c="dimmed" className="cxw-tabular">
        {preview.fileName} · {formatBytes(preview.sizeBytes)} · {formatCount(preview.columns.length)} columns · showing the first{' '}
        {formatCount(preview.rows.length)} of {formatCount(preview.sampledRows)} sampled rows
      </Text>
      {error != null && <ErrorAlert error={error} title="The file could not be read with these settings" />}
      {(fixes.length > 0 || preview.warnings.length > 0) && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Check before importing" p="sm">
          <List size="sm" spacing={2}>
            {fixes.map((f) => (
              <List.Item key={`fix-${f.index}`}>
                Column {f.index + 1}{' '}
                {f.reason === 'blank' ? 'has no header' : `repeats the header “${f.original}”`}; it will be called “{f.name}”.
              </List.Item>
            ))}
            {preview.warnings.map((w, i) => (
              <List.Item key={`w-${i}`}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {pii.length > 0 && (
        <Alert color="violet" variant="light" icon={<IconShieldLock size={18} />} p="sm" title="Personal data detected">
          <Text size="sm">
            {pii.map((c) => c.name).join(', ')} {pii.length === 1 ? 'looks' : 'look'} like personal data. Choose per column:
            pseudonymise (a keyed hash, so joins across datasets still work), drop, or keep as is.
          </Text>
          {/* Why each was flagged: the detection rule that fired (a header word, or the shape of the values). */}
          {pii.slice(0, 6).map((c) => (
            <Text key={c.index} size="xs" c="dimmed" data-testid="pii-reason">
              {c.name}: {c.piiReason ?? 'detected personal data'}
            </Text>
          ))}
          {pii.length > 6 && (
            <Text size="xs" c="dimmed">
              …and {pii.length - 6} more (each column's badge says why).
            </Text>
          )}
        </Alert>
      )}
      <PreviewTable preview={preview} columns={columns} edits={edits} onEdits={onEdits} />
      <Group justify="space-between" mt="xs">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          Choose another file
        </Button>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {kept} of {columns.length} columns will be imported
          </Text>
          <Button onClick={onCommit} disabled={!nameOk || loading || kept === 0}>
            Commit import
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
