// Set-up of the Waves area: two datasets (reference and current wave) or one dataset split by a date column into two
// ranges; the columns to compare (default all both waves have); an optional NPS column and mix column; the
// thresholds, all settable (defaults: Evidently's convention, see docs/monitor-drift.md).
import { Accordion, MultiSelect, NativeSelect, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { DatasetSummary } from '../../../../shared/domain';
import type { DriftThresholds } from '../../../../shared/monitor-drift';
import { formatCount } from '../../../lib/format';
import { dateColumns, mixColumns, sameShape, scoreColumns, type WavesForm } from './model';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: WavesForm;
  onForm: (f: WavesForm) => void;
  onDataset: (name: string) => void;
  busy: boolean;
}

const THRESHOLDS: { key: keyof DriftThresholds; label: string; step: number; min: number; max: number }[] = [
  { key: 'smallWaveRows', label: 'Small wave: fewer rows than', step: 100, min: 1, max: 1e9 },
  { key: 'alpha', label: 'Small waves: BH-adjusted p below', step: 0.01, min: 0.001, max: 0.5 },
  { key: 'wasserstein', label: 'Large waves: Wasserstein (numbers) from', step: 0.01, min: 0.001, max: 100 },
  { key: 'jensenShannon', label: 'Large waves: Jensen–Shannon (categories) from', step: 0.01, min: 0.001, max: 1 },
  { key: 'psiModerate', label: 'PSI moderate from', step: 0.01, min: 0.001, max: 100 },
  { key: 'psiMajor', label: 'PSI major above', step: 0.01, min: 0.001, max: 100 },
  { key: 'datasetShare', label: 'Dataset drifted when this share of columns drifted', step: 0.05, min: 0.01, max: 1 },
];

export function WavesSetup({ datasets, dataset, form, onForm, onDataset, busy }: Props) {
  const set = (patch: Partial<WavesForm>) => onForm({ ...form, ...patch });
  const current = datasets.find((d) => d.name === form.current) ?? null;
  const shared = dataset ? dataset.columns.filter((c) => form.mode === 'period' || !current || current.columns.some((o) => o.name === c.name)) : [];
  const others = datasets.filter((d) => d.name !== form.dataset);
  const option = (d: DatasetSummary) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` });
  const similar = dataset ? sameShape(dataset, datasets).map((d) => d.name) : [];
  return (
    <Stack gap="md">
      <SegmentedControl
        value={form.mode}
        onChange={(v) => set({ mode: v as WavesForm['mode'] })}
        data={[
          { value: 'datasets', label: 'Two datasets' },
          { value: 'period', label: 'Two periods' },
        ]}
        disabled={busy}
        aria-label="What to compare"
        fullWidth
      />
      <NativeSelect
        label={form.mode === 'datasets' ? 'Reference wave (earlier)' : 'Dataset'}
        value={form.dataset}
        onChange={(e) => onDataset(e.currentTarget.value)}
        data={datasets.map(option)}
        disabled={busy}
      />
      {form.mode === 'datasets' ? (
        <NativeSelect
          label="Current wave (to compare with it)"
          description={similar.length ? `Same columns: ${similar.join(', ')}` : 'No other dataset has the same columns'}
          withAsterisk
          value={form.current}
          onChange={(e) => set({ current: e.currentTarget.value })}
          data={[{ value: '', label: 'Choose a dataset…' }, ...others.map(option)]}
          disabled={busy}
        />
      ) : (
        <>
          <NativeSelect
            label="Date column"
            withAsterisk
            value={form.period}
            onChange={(e) => set({ period: e.currentTarget.value })}
            data={[{ value: '', label: 'Choose a column…' }, ...dateColumns(dataset).map((c) => c.name)]}
            disabled={busy}
          />
          <SimpleGrid cols={2} spacing="xs">
            <TextInput type="date" label="Reference from" value={form.referenceFrom} onChange={(e) => set({ referenceFrom: e.currentTarget.value })} disabled={busy} />
            <TextInput type="date" label="to" value={form.referenceTo} onChange={(e) => set({ referenceTo: e.currentTarget.value })} disabled={busy} />
            <TextInput type="date" label="Current from" value={form.currentFrom} onChange={(e) => set({ currentFrom: e.currentTarget.value })} disabled={busy} />
            <TextInput type="date" label="to" value={form.currentTo} onChange={(e) => set({ currentTo: e.currentTarget.value })} disabled={busy} />
          </SimpleGrid>
        </>
      )}
      <MultiSelect
        label="Columns"
        description="Empty: every column both waves have (identifiers, dates and personal data are left out, with the reason)"
        placeholder={form.columns.length ? undefined : 'All columns'}
        value={form.columns}
        onChange={(columns) => set({ columns })}
        data={shared.map((c) => c.name)}
        searchable
        clearable
        disabled={busy}
      />
      <NativeSelect
        label="NPS column (optional)"
        description="0–10 likelihood to recommend: the NPS change with its interval"
        value={form.nps}
        onChange={(e) => set({ nps: e.currentTarget.value, mix: e.currentTarget.value ? form.mix : '' })}
        data={[{ value: '', label: 'No NPS' }, ...scoreColumns(dataset).map((c) => c.name)]}
        disabled={busy}
      />
      <NativeSelect
        label="Mix column (optional)"
        description="Channel or collection context: the NPS change at the reference wave’s mix"
        value={form.mix}
        onChange={(e) => set({ mix: e.currentTarget.value })}
        data={[{ value: '', label: 'No mix check' }, ...mixColumns(dataset, form.nps).map((c) => c.name)]}
        disabled={busy || !form.nps}
      />
      <Accordion variant="contained" chevronPosition="left">
        <Accordion.Item value="thresholds">
          <Accordion.Control>Thresholds</Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                Defaults follow Evidently: tests for small waves, distances for large ones.
              </Text>
              {THRESHOLDS.map((t) => (
                <NumberInput
                  key={t.key}
                  label={t.label}
                  value={form.thresholds[t.key]}
                  min={t.min}
                  max={t.max}
                  step={t.step}
                  decimalScale={t.key === 'smallWaveRows' ? 0 : 3}
                  onChange={(v) => typeof v === 'number' && Number.isFinite(v) && set({ thresholds: { ...form.thresholds, [t.key]: v } })}
                  disabled={busy}
                />
              ))}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Stack>
  );
}
