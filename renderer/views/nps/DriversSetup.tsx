// Set-up of the key-driver analysis: dataset, target (pre-filled from the NPS role), the model, which outcome is
// good (pre-selected from the target's role and name, else asked), the drivers as a checklist of numeric columns
// (pre-ticked: ratings with few blanks), how many rows they leave, what to do with missing values, bootstrap
// resamples, level, seed.
import { useEffect, useRef } from 'react';
import { Anchor, Checkbox, Divider, Group, NativeSelect, NumberInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import type { DatasetProfile, DatasetSummary } from '../../../shared/domain';
import type { DriversDirection } from '../../../shared/drivers-direction';
import { formatCount } from '../../lib/format';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { defaultDrivers, directionChoice, formatPct } from './drivers-model';
import { DriversCoverage } from './DriversCoverage';
import { driverColumns, RATING_NAME, targetColumns, wholeNumber, type DriversForm, type DriversModel } from './model';
import { columnOption } from './NpsSetup';
import { LevelSelect } from './parts';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: DriversForm;
  onForm: (f: DriversForm | ((latest: DriversForm) => DriversForm)) => void;
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


const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function DriversSetup({ datasets, dataset, form, onForm, onDataset, busy }: Props) {
  // Every change applies to the latest form, not the one this render saw: the profile-driven update below can land
  // between a choice and its re-render, and two whole-form writes from different renders would undo each other.
  const latest = useRef(form);
  latest.current = form;
  const set = (patch: Partial<DriversForm>) => {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    onForm(next);
  };
  const client = useClient();
  const profile = useAsync<DatasetProfile | null>(() => (form.dataset ? client.invoke('dataset.profile', { dataset: form.dataset }) : Promise.resolve(null)), [client, form.dataset]);
  // The profile of this dataset only (the previous one's stays in the hook while the new one loads).
  const facts = profile.data && profile.data.dataset === form.dataset ? profile.data : undefined;
  const choice = directionChoice({ ...form, direction: form.directionAsked ? form.direction : '' }, dataset, facts);
  // Keep the inferred direction and the pre-filled drivers in step with what is known (the profile arrives later);
  // never override what the analyst chose.
  useEffect(() => {
    const f = latest.current;
    if (f.dataset !== form.dataset) return;
    const patch: Partial<DriversForm> = {};
    const inferred = directionChoice({ ...f, direction: '' }, dataset, facts).inferred?.direction ?? '';
    if (!f.directionAsked && f.direction !== inferred) patch.direction = inferred;
    // Once, when the profile arrives: after that the ticks are the analyst's, even if nobody touched them.
    // No profile (it could not be read): the name-based pre-fill stands, and the analyst can run it.
    if (f.autoDrivers && !facts && profile.error) patch.autoDrivers = false;
    if (f.autoDrivers && facts) {
      const drivers = defaultDrivers(dataset, f.target, facts);
      if (!sameList(drivers, f.drivers)) patch.drivers = drivers;
      patch.autoDrivers = false;
    }
    // An update of the latest form, and only while it is still this dataset's: this effect may run after the
    // analyst picked another dataset in the same moment (passive effects are flushed before that change), and a
    // whole-form write from here would put the old dataset back.
    if (Object.keys(patch).length > 0) onForm((now) => (now.dataset === f.dataset ? { ...now, ...patch } : now));
  });
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
          set({ target, positive: '', drivers: form.drivers.filter((d) => d !== target), directionAsked: false });
        }}
        data={[{ value: '', label: 'Choose a column…' }, ...targetColumns(dataset).map(columnOption)]}
        disabled={busy}
      />
      <NativeSelect
        label="Model"
        description={MODELS.find((m) => m.value === form.model)?.description}
        value={form.model}
        onChange={(e) => set({ model: e.currentTarget.value as DriversModel, directionAsked: false })}
        data={MODELS.map(({ value, label }) => ({ value, label }))}
        disabled={busy}
      />
      {askPositive && (
        <TextInput
          label="Value that counts as 1"
          description="For a two-valued target; empty: Yes / the larger value"
          value={form.positive}
          onChange={(e) => set({ positive: e.currentTarget.value, directionAsked: false })}
          maxLength={500}
          disabled={busy}
        />
      )}
      {form.target && (
        <Radio.Group
          label="Which is the good outcome?"
          description={
            choice.inferred && !form.directionAsked
              ? `Inferred from ${choice.inferred.reason.replace(/"/g, '”').replace(/ ”/g, ' “')}; change it if that is wrong.`
              : form.directionAsked
                ? 'As you chose.'
                : `Required: nothing in “${form.target}” says whether higher is better or worse.`
          }
          withAsterisk
          value={form.direction}
          onChange={(v) => set({ direction: v as DriversDirection, directionAsked: true })}
          error={!form.direction ? 'Choose one to run' : undefined}
        >
          <Stack gap={6} mt={6}>
            <Radio value="higher-is-better" label={`Higher is better: ${choice.subject} is good`} disabled={busy} />
            <Radio value="higher-is-worse" label={`Higher is worse: ${choice.subject} is to avoid`} disabled={busy} />
          </Stack>
        </Radio.Group>
      )}

      <Divider />
      <Checkbox.Group
        label={`Drivers (${chosen.length} of ${options.length})`}
        description="Numeric columns: ratings, amounts, 0/1 flags — at least two"
        value={chosen}
        onChange={(v) => set({ drivers: options.map((o) => o.name).filter((n) => v.includes(n)), autoDrivers: false })}
      >
        <Group gap="md" mt={4} mb={6}>
          <Anchor component="button" type="button" size="sm" onClick={() => set({ drivers: options.map((o) => o.name), autoDrivers: false })} disabled={busy}>
            All
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={() => set({ drivers: [], autoDrivers: false })} disabled={busy}>
            None
          </Anchor>
        </Group>
        <Stack gap={6} className="cxw-nps-drivers">
          {options.map((c) => {
            const blank = facts?.columns.find((p) => p.name === c.name);
            return (
              <Checkbox
                key={c.name}
                value={c.name}
                label={c.name}
                description={blank && blank.missing > 0 && dataset ? `blank in ${formatCount(blank.missing)} rows (${formatPct(blank.missing, dataset.rows)})` : undefined}
                disabled={busy}
              />
            );
          })}
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
      <Radio.Group label="Rows with a missing driver value" value={form.missing} onChange={(v) => set({ missing: v as DriversForm['missing'] })}>
        <Stack gap={6} mt={6}>
          <Radio value="exclude" label="Leave them out (complete rows only)" disabled={busy} />
          <Radio value="impute" label="Fill the blanks with the driver's median (most common value for 0/1); the result counts the fills" disabled={busy} />
        </Stack>
      </Radio.Group>
      <DriversCoverage form={form} dataset={dataset} profile={facts} />

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
