// Set-up of the measurement-bias check: the survey dataset and score, then either a context column (employee
// present, survey channel…) or the delay since a journey event (the survey's date, an event log with its customer,
// time and step columns, the step that counts as the event, and the day bins). Level and minimum n.
import { Autocomplete, Divider, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { DatasetProfile, DatasetSummary } from '../../../shared/domain';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { formatCount } from '../../lib/format';
import { eventColumns, groupColumns, idColumns, stepColumns, timeColumns, type ContextForm } from './model';
import { columnOption, SurveyFields } from './NpsSetup';
import { LevelSelect, MinNInput } from './parts';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: ContextForm;
  onForm: (f: ContextForm) => void;
  onDataset: (name: string) => void;
  busy: boolean;
}

export function ContextSetup({ datasets, dataset, form, onForm, onDataset, busy }: Props) {
  const set = (patch: Partial<ContextForm>) => onForm({ ...form, ...patch });
  const events = datasets.find((d) => d.name === form.events) ?? null;
  return (
    <Stack gap="md">
      <SurveyFields datasets={datasets} dataset={dataset} form={form} onScore={(score, mapping) => set({ score, mapping })} onDataset={onDataset} busy={busy} />

      <Divider />
      <div>
        <Text size="sm" fw={500} id="ctx-mode-label">
          Compare answers by
        </Text>
        <SegmentedControl
          aria-labelledby="ctx-mode-label"
          value={form.mode}
          onChange={(v) => set({ mode: v as ContextForm['mode'] })}
          data={[
            { value: 'column', label: 'How collected' },
            { value: 'delay', label: 'Time since an event' },
          ]}
          fullWidth
          mt={4}
          disabled={busy}
        />
      </div>

      {form.mode === 'column' ? (
        <NativeSelect
          label="Context column"
          description="How each answer was collected: employee present, survey channel, device…"
          withAsterisk
          value={form.context}
          onChange={(e) => set({ context: e.currentTarget.value })}
          data={[{ value: '', label: 'Choose a column…' }, ...groupColumns(dataset, form.score).map(columnOption)]}
          disabled={busy}
        />
      ) : (
        <DelayFields form={form} set={set} dataset={dataset} datasets={datasets} events={events} busy={busy} />
      )}

      <Divider />
      <LevelSelect value={form.level} onChange={(level) => set({ level })} disabled={busy} />
      <MinNInput value={form.minN} onChange={(minN) => set({ minN })} disabled={busy} />
    </Stack>
  );
}

interface DelayProps {
  form: ContextForm;
  set: (patch: Partial<ContextForm>) => void;
  dataset: DatasetSummary | null;
  datasets: DatasetSummary[];
  events: DatasetSummary | null;
  busy: boolean;
}

function DelayFields({ form, set, dataset, datasets, events, busy }: DelayProps) {
  const client = useClient();
  // The event steps to choose from: the step column's most frequent values from the event log's profile.
  const profile = useAsync<DatasetProfile | null>(() => (form.events ? client.invoke('dataset.profile', { dataset: form.events }) : Promise.resolve(null)), [client, form.events]);
  const steps = profile.data?.columns.find((c) => c.name === form.step)?.topValues?.map((v) => v.value) ?? [];
  const times = timeColumns(dataset);
  return (
    <Stack gap="sm">
      <NativeSelect
        label="Survey date"
        description="When each answer was given"
        withAsterisk
        value={form.surveyTime}
        onChange={(e) => set({ surveyTime: e.currentTarget.value })}
        data={[{ value: '', label: times.length ? 'Choose a column…' : 'No date column in this dataset' }, ...times.map(columnOption)]}
        disabled={busy}
      />
      <NativeSelect
        label="Event log"
        description="Journey events of the same customers"
        withAsterisk
        value={form.events}
        onChange={(e) => set({ ...eventColumns(datasets.find((d) => d.name === e.currentTarget.value) ?? null), stepValue: '' })}
        data={[{ value: '', label: 'Choose a dataset…' }, ...datasets.filter((d) => d.name !== form.dataset).map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))]}
        disabled={busy}
      />
      {events && (
        <>
          <NativeSelect
            label="Customer id in the log"
            description="Matched to the survey's id column"
            value={form.customer}
            onChange={(e) => set({ customer: e.currentTarget.value })}
            data={[{ value: '', label: 'Choose a column…' }, ...idColumns(events).map(columnOption)]}
            disabled={busy}
          />
          <NativeSelect
            label="Event time"
            value={form.time}
            onChange={(e) => set({ time: e.currentTarget.value })}
            data={[{ value: '', label: 'Choose a column…' }, ...timeColumns(events).map(columnOption)]}
            disabled={busy}
          />
          <NativeSelect
            label="Step column"
            value={form.step}
            onChange={(e) => set({ step: e.currentTarget.value, stepValue: '' })}
            data={[{ value: '', label: 'Choose a column…' }, ...stepColumns(events).map(columnOption)]}
            disabled={busy}
          />
          <Autocomplete
            label="The event"
            description="Days are counted from the customer's last such event before the survey"
            withAsterisk
            placeholder={steps.length ? 'e.g. ' + steps[0] : 'Type the step'}
            data={steps}
            value={form.stepValue}
            onChange={(v) => set({ stepValue: v })}
            disabled={busy}
          />
          <TextInput
            label="Day bins"
            description="Edges in days: 0, 1, 7, 30 gives 0–1, 1–7, 7–30 and 30+ days"
            value={form.bins}
            onChange={(e) => set({ bins: e.currentTarget.value })}
            disabled={busy}
          />
        </>
      )}
    </Stack>
  );
}
