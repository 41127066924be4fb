// The Predict set-up's columns from another dataset with one row per customer (RFM scores from `RFM`, a CRM extract),
// matched through the ids: the dataset, its id column (pre-chosen: the same name as the table's id, else its id
// column) and the columns to use (numbers, yes/no and text; not ids, personal data or dates). One dataset from the
// set-up; the contract and the CLI take up to five.
import { Button, CloseButton, Group, MultiSelect, NativeSelect, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import type { JoinedFeatures } from '../../../shared/predict';

interface Props {
  joined: JoinedFeatures[];
  onChange: (joined: JoinedFeatures[]) => void;
  datasets: DatasetSummary[];
  /** The training dataset and its id column ('' when it has none). */
  current: string;
  idName: string;
  busy: boolean;
}

const usable = (c: ColumnMeta) => c.role !== 'id' && c.role !== 'pii' && c.type !== 'date' && c.type !== 'datetime';

/** The other dataset's id column: the same name as the table's id, else its column with role id, else ''. */
export function joinIdColumn(d: DatasetSummary, idName: string): string {
  return (d.columns.find((c) => c.name === idName) ?? d.columns.find((c) => c.role === 'id'))?.name ?? '';
}

export function JoinedPicker({ joined, onChange, datasets, current, idName, busy }: Props) {
  const others = datasets.filter((d) => d.name !== current);
  const j = joined[0];
  if (!j) {
    return (
      <div>
        <Text fw={650} size="sm">
          Columns from another dataset
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          One row per customer, matched by id: RFM scores, a CRM extract
        </Text>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([{ dataset: '', id: '', columns: [] }])} disabled={busy || others.length === 0 || !idName}>
          Add columns from a dataset
        </Button>
        {!idName && (
          <Text size="xs" c="dimmed" mt={4}>
            Needs the customer id column of “{current}” (role “id” on the Data view).
          </Text>
        )}
      </div>
    );
  }
  const d = others.find((x) => x.name === j.dataset);
  const set = (patch: Partial<JoinedFeatures>) => onChange([{ ...j, ...patch }, ...joined.slice(1)]);
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={650} size="sm">
          Columns from another dataset
        </Text>
        <CloseButton size="sm" aria-label="Remove the columns from another dataset" onClick={() => onChange(joined.slice(1))} disabled={busy} />
      </Group>
      <NativeSelect
        label="Dataset"
        value={j.dataset}
        onChange={(e) => {
          const next = others.find((x) => x.name === e.currentTarget.value);
          set({ dataset: next?.name ?? '', id: next ? joinIdColumn(next, idName) : '', columns: [] });
        }}
        data={[{ value: '', label: 'Choose a dataset…' }, ...others.map((x) => ({ value: x.name, label: x.name }))]}
        disabled={busy}
      />
      {d && (
        <>
          <NativeSelect
            label="Its customer id"
            description={`The same ids as “${idName}”`}
            value={j.id}
            onChange={(e) => set({ id: e.currentTarget.value })}
            data={[{ value: '', label: 'Choose a column…' }, ...d.columns.map((c) => ({ value: c.name, label: c.name }))]}
            disabled={busy}
          />
          <MultiSelect
            label="Columns to use"
            description={`As features named “${d.name}: column”`}
            data={d.columns.filter((c) => usable(c) && c.name !== j.id).map((c) => c.name)}
            value={j.columns}
            onChange={(columns) => set({ columns })}
            searchable
            clearable
            disabled={busy}
          />
        </>
      )}
    </Stack>
  );
}
