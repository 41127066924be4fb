// Set-up of the Cohorts area: the event or purchase log, its customer and time columns, week or month, optional
// revenue and 0–10 score columns (never guessed), and a split by a column (the customer's first event) or a saved
// segmentation.
import { Divider, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import type { ColumnMeta, DatasetSummary } from '../../../../shared/domain';
import type { SegmentationSummary } from '../../../../shared/segments';
import { formatCount } from '../../../lib/format';
import { TYPE_LABELS } from '../../../lib/labels';
import { customerColumns, numberColumns, splitColumns, timeColumns, type CohortsForm, type SplitKind } from './model';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: CohortsForm;
  onForm: (f: CohortsForm) => void;
  onDataset: (name: string) => void;
  segmentations: SegmentationSummary[];
  busy: boolean;
}

const option = (c: ColumnMeta) => ({ value: c.name, label: `${c.name} · ${TYPE_LABELS[c.type].toLowerCase()}` });

export function CohortsSetup({ datasets, dataset, form, onForm, onDataset, segmentations, busy }: Props) {
  const set = (patch: Partial<CohortsForm>) => onForm({ ...form, ...patch });
  const numbers = numberColumns(dataset).filter((c) => c.name !== form.customer);
  return (
    <Stack gap="md">
      <NativeSelect
        label="Event or purchase log"
        description="One row per event or purchase"
        value={form.dataset}
        onChange={(e) => onDataset(e.currentTarget.value)}
        data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
        disabled={busy}
      />
      <NativeSelect
        label="Customer"
        withAsterisk
        value={form.customer}
        onChange={(e) => set({ customer: e.currentTarget.value })}
        data={[{ value: '', label: 'Choose a column…' }, ...customerColumns(dataset).map(option)]}
        disabled={busy}
      />
      <NativeSelect
        label="Time of the event"
        description="Read in UTC; times without a zone are taken as UTC"
        withAsterisk
        value={form.time}
        onChange={(e) => set({ time: e.currentTarget.value })}
        data={[{ value: '', label: 'Choose a date or time column…' }, ...timeColumns(dataset).map(option)]}
        disabled={busy}
      />
      <div>
        <Text size="sm" fw={500} id="cohorts-unit-label">
          Cohorts and periods by
        </Text>
        <SegmentedControl
          aria-labelledby="cohorts-unit-label"
          value={form.unit}
          onChange={(v) => set({ unit: v as CohortsForm['unit'] })}
          data={[
            { value: 'month', label: 'Month' },
            { value: 'week', label: 'Week' },
          ]}
          fullWidth
          mt={4}
          disabled={busy}
        />
        <Text size="xs" c="dimmed" mt={4}>
          {form.unit === 'week' ? 'ISO weeks, Monday to Sunday (UTC).' : 'Calendar months (UTC).'} A customer’s cohort is the {form.unit} of their first event.
        </Text>
      </div>

      <Divider />
      <NativeSelect
        label="Revenue (optional)"
        description="An amount per event: revenue per cohort customer"
        value={form.value}
        onChange={(e) => set({ value: e.currentTarget.value })}
        data={[{ value: '', label: 'None' }, ...numbers.map(option)]}
        disabled={busy}
      />
      <NativeSelect
        label="NPS score (optional)"
        description="0–10 likelihood to recommend, on the events that have one"
        value={form.nps}
        onChange={(e) => set({ nps: e.currentTarget.value })}
        data={[{ value: '', label: 'None' }, ...numbers.filter((c) => c.name !== form.value).map(option)]}
        disabled={busy}
      />

      <Divider />
      <div>
        <Text size="sm" fw={500} id="cohorts-split-label">
          Split cohorts by
        </Text>
        <SegmentedControl
          aria-labelledby="cohorts-split-label"
          value={form.splitKind}
          onChange={(v) => set({ splitKind: v as SplitKind })}
          data={[
            { value: 'none', label: 'Nothing' },
            { value: 'column', label: 'A column' },
            { value: 'segmentation', label: 'Segments', disabled: segmentations.length === 0 },
          ]}
          fullWidth
          mt={4}
          disabled={busy}
        />
      </div>
      {form.splitKind === 'column' && (
        <NativeSelect
          label="Split column"
          description="Arm, channel, plan… taken from each customer’s first event; at most 20 values"
          value={form.by}
          onChange={(e) => set({ by: e.currentTarget.value })}
          data={[{ value: '', label: 'Choose a column…' }, ...splitColumns(dataset, form).map(option)]}
          disabled={busy}
        />
      )}
      {form.splitKind === 'segmentation' && (
        <NativeSelect
          label="Saved segmentation"
          description="Matched to the customer ids"
          value={form.segmentation}
          onChange={(e) => set({ segmentation: e.currentTarget.value })}
          data={[{ value: '', label: 'Choose a segmentation…' }, ...segmentations.map((s) => ({ value: s.name, label: `${s.name} (k = ${s.k}, ${s.dataset})` }))]}
          disabled={busy}
        />
      )}
    </Stack>
  );
}
