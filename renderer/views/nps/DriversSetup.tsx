// Set-up of the key-driver analysis: dataset, target (pre-filled from the NPS role), the model, the drivers as a
// checklist of numeric columns (pre-ticked: ratings), values that mean "missing", bootstrap resamples, level, seed.
import { Anchor, Checkbox, Divider, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { DatasetSummary } from '../../../shared/domain';
import { formatCount } from '../../lib/format';
import { driverColumns, RATING_NAME, targetColumns, wholeNumber, type DriversForm, type DriversModel } from './model';
import { columnOption } from './NpsSetup';
import { LevelSelect } from './parts';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: DriversForm;
  onForm: (f: DriversForm) => void;
  onDataset: (name: string) => void;
  busy: boolean;
}

const MODELS: { value: DriversModel; label: string; description: string }[] = [
  { value: 'auto', label: 'Automatic', description: 'Logistic for a Yes/No or two-valued target, linear otherwise' },
  { value: 'linear', label: 'Linear', description: 'The target as a number (a score, a rating)' },
  { value: 'logistic', label: 'Logistic', description: 'A two-valued target: which value is 1 is said with the results' },
  { value: 'detractor', label: 'Detractor or not', description: 'What makes a 0–10 score fall to 0–6' },
  { value: 'promoter', label: 'Promoter or not', description: 'What lifts a 0–10 score to 9–10' },
];


export function DriversSetup({ datasets, dataset, form, onForm, onDataset, busy }: Props) {
  const set = (patch: Partial<DriversForm>) => onForm({ ...form, ...patch });
  // Ratings first (the likeliest drivers), then the other columns in the dataset's order.
  const options = driverColumns(dataset, form.target).sort((a, b) => Number(RATING_NAME.test(b.name)) - Number(RATING_NAME.test(a.name)));
  const targetType = dataset?.columns.find((c) => c.name === form.target)?.type;
  const askPositive = form.model === 'logistic' || (form.model === 'auto' && (targetType === 'boolean' || targetType === 'text'));
  const chosen = form.drivers.filter((d) => options.some((o) => o.name === d));
  return (
    <Stack gap="md">
      <NativeSelect
        label="Dataset"
        value={form.dataset}
        onChange={(e) => onDataset(e.currentTarget.value)}
        data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
        disabled={busy}
      />
      <NativeSelect
        label="Target"
        description="The outcome the drivers should explain"
        withAsterisk
        value={form.target}
        onChange={(e) => {
          const target = e.currentTarget.value;
          set({ target, positive: '', drivers: form.drivers.filter((d) => d !== target) });
        }}
        data={[{ value: '', label: 'Choose a column…' }, ...targetColumns(dataset).map(columnOption)]}
        disabled={busy}
      />
      <NativeSelect
        label="Model"
        description={MODELS.find((m) => m.value === form.model)?.description}
        value={form.model}
        onChange={(e) => set({ model: e.currentTarget.value as DriversModel })}
        data={MODELS.map(({ value, label }) => ({ value, label }))}
        disabled={busy}
      />
      {askPositive && (
        <TextInput
          label="Value that counts as 1"
          description="For a two-valued target; empty: Yes / the larger value"
          value={form.positive}
          onChange={(e) => set({ positive: e.currentTarget.value })}
          maxLength={500}
          disabled={busy}
        />
      )}

      <Divider />
      <Checkbox.Group
        label={`Drivers (${chosen.length} of ${options.length})`}
        description="Numeric columns: ratings, amounts, 0/1 flags — at least two"
        value={chosen}
        onChange={(v) => set({ drivers: options.map((o) => o.name).filter((n) => v.includes(n)) })}
      >
        <Group gap="md" mt={4} mb={6}>
          <Anchor component="button" type="button" size="sm" onClick={() => set({ drivers: options.map((o) => o.name) })} disabled={busy}>
            All
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={() => set({ drivers: [] })} disabled={busy}>
            None
          </Anchor>
        </Group>
        <Stack gap={6} className="cxw-nps-drivers">
          {options.map((c) => (
            <Checkbox key={c.name} value={c.name} label={c.name} disabled={busy} />
          ))}
          {options.length === 0 && (
            <Text size="sm" c="dimmed">
              This dataset has no numeric columns besides the target.
            </Text>
          )}
        </Stack>
      </Checkbox.Group>
      <TextInput
        label="Values meaning “missing”"
        description="e.g. 0 when a 1–5 rating uses 0 for “not applicable”"
        placeholder="none"
        value={form.missingCodes}
        onChange={(e) => set({ missingCodes: e.currentTarget.value })}
        disabled={busy}
      />

      <Divider />
      <NumberInput
        label="Bootstrap resamples"
        description="For the intervals (0: none)"
        min={0}
        max={10_000}
        step={100}
        allowDecimal={false}
        allowNegative={false}
        value={form.bootstrap}
        onChange={(v) => set({ bootstrap: Math.min(10_000, Math.max(0, wholeNumber(v, form.bootstrap))) })}
        disabled={busy}
      />
      <Group grow align="flex-start">
        <LevelSelect value={form.level} onChange={(level) => set({ level })} disabled={busy} />
        <NumberInput
          label="Seed"
          min={0}
          allowDecimal={false}
          allowNegative={false}
          value={form.seed}
          onChange={(v) => set({ seed: Math.max(0, wholeNumber(v, form.seed)) })}
          disabled={busy}
        />
      </Group>
    </Stack>
  );
}
