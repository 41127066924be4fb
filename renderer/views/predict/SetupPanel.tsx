// The Predict set-up (side panel): the dataset; the outcome (a two-valued target and the value to predict, with the
// direction always said in a sentence); the features (pre-ticked; protected attributes apart, each behind its own
// switch); the model and folds; the test rows (a random share or the rows where a column has a value); the threshold
// rule (what a missed positive costs, or how many customers the team can act on); columns kept despite the leak guard.
import { useId } from 'react';
import { CloseButton, Divider, Group, MultiSelect, NativeSelect, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ColumnMeta, ColumnProfile, DatasetSummary } from '../../../shared/domain';
import type { PredictModelKind } from '../../../shared/predict';
import type { SegmentationSummary } from '../../../shared/segments';
import { formatCount } from '../../lib/format';
import { TYPE_LABELS } from '../../lib/labels';
import {
  MAX_SEGMENTATIONS,
  MAX_TEST_SHARE,
  MIN_TEST_SHARE,
  MODEL_OPTIONS,
  chooseTarget,
  directionSentence,
  setOutcomeFromEvents,
  type LabelContext,
  targetOptions,
  testColumns,
  testValueOptions,
  type PredictForm,
  type RuleMode,
  type TestMode,
} from './model';
import { customerIdColumn, eventLabelSentence } from './event-label-form';
import { EventLabelFields } from './EventLabelFields';
import { FeaturePicker } from './FeaturePicker';
import { JoinedPicker } from './JoinedPicker';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: PredictForm;
  onForm: (form: PredictForm) => void;
  onDataset: (name: string) => void;
  /** The dataset's profile (distinct counts, a text column's values), when loaded. */
  profile: ColumnProfile[] | null;
  /** The workspace's saved segmentations (a segment can be a feature). */
  segmentations: SegmentationSummary[];
  /** The datasets that can be the event log of a label made from events, and its date column's span. */
  labels: LabelContext;
  busy: boolean;
}

const typeLabel = (c: ColumnMeta) => TYPE_LABELS[c.type].toLowerCase();
const numberOrBlank = (v: string | number) => (typeof v === 'number' ? v : v === '' ? '' : Number(v));

export function SetupPanel({ datasets, dataset, form, onForm, onDataset, profile, segmentations, labels, busy }: Props) {
  const set = (patch: Partial<PredictForm>) => onForm({ ...form, ...patch });
  const ids = useId();
  const targets = targetOptions(dataset, profile);
  const chosenTarget = targets.find((t) => t.column.name === form.target);
  // A remembered target whose values are not known yet (a text column before the profile) stays choosable.
  const targetData = [
    { value: '', label: 'Choose a column…' },
    ...targets.map((t) => ({ value: t.column.name, label: `${t.column.name} · ${typeLabel(t.column)}` })),
    ...(form.target && !chosenTarget ? [{ value: form.target, label: form.target }] : []),
  ];
  const values = chosenTarget?.values ?? [];
  const sentence = form.label.on ? eventLabelSentence(form.label, form.target) : directionSentence(form);
  const testColumn = dataset?.columns.find((c) => c.name === form.testColumn);
  const valueOptions = testValueOptions(testColumn, profile?.find((p) => p.name === form.testColumn));

  return (
    <Stack gap="md" className="cxw-pred-setup">
      <NativeSelect
        label="Dataset"
        value={form.dataset}
        onChange={(e) => onDataset(e.currentTarget.value)}
        data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
        disabled={busy}
      />

      <fieldset className="cxw-pred-fieldset" aria-labelledby={`${ids}-outcome`}>
        <Text fw={650} mb={6} id={`${ids}-outcome`}>
          Outcome to predict
        </Text>
        <Stack gap="sm">
          <SegmentedControl
            fullWidth
            aria-label="Where the outcome comes from"
            value={form.label.on ? 'events' : 'column'}
            onChange={(v) => onForm(setOutcomeFromEvents(form, dataset, profile, v === 'events'))}
            data={[
              { value: 'column', label: 'A column' },
              { value: 'events', label: 'An event log' },
            ]}
            disabled={busy}
          />
          {form.label.on ? (
            <EventLabelFields
              label={form.label}
              name={form.target}
              onChange={(label, name) => onForm({ ...form, label, ...(name !== undefined ? { target: name } : {}) })}
              logs={labels.logs}
              idName={customerIdColumn(dataset, form.extra.id)}
              span={labels.span}
              busy={busy}
            />
          ) : (
          <>
          <NativeSelect
            label="Target"
            description="A column with two values: churned or not, responded or not"
            withAsterisk
            value={form.target}
            onChange={(e) => onForm(chooseTarget(form, dataset, profile, e.currentTarget.value))}
            data={targetData}
            disabled={busy}
          />
          {form.target &&
            (values.length > 0 ? (
              <NativeSelect
                label="Value to predict"
                description="The outcome the probabilities are about"
                withAsterisk
                value={form.positive}
                onChange={(e) => set({ positive: e.currentTarget.value })}
                data={[{ value: '', label: 'Choose a value…' }, ...values.map((v) => ({ value: v, label: v }))]}
                error={form.positive ? undefined : 'Required: which value is the outcome to predict'}
                disabled={busy}
              />
            ) : (
              <TextInput
                label="Value to predict"
                description="As written in the data (its values are being read)"
                withAsterisk
                value={form.positive}
                onChange={(e) => set({ positive: e.currentTarget.value })}
                maxLength={500}
                disabled={busy}
              />
            ))}
          </>
          )}
          {sentence && (
            <Text size="sm" fw={600} className="cxw-pred-direction" role="status">
              {sentence}
            </Text>
          )}
        </Stack>
      </fieldset>

      <Divider />
      <FeaturePicker form={form} dataset={dataset} profile={profile} busy={busy} onForm={onForm} />
      {segmentations.length > 0 && (
        <MultiSelect
          label="Segments as features"
          description="Each customer's segment in a saved segmentation (matched by row, else by id)"
          placeholder={form.segmentations.length ? undefined : 'None'}
          data={segmentationOptions(segmentations, form.dataset)}
          value={form.segmentations}
          onChange={(v) => set({ segmentations: v })}
          maxValues={MAX_SEGMENTATIONS}
          searchable
          clearable
          disabled={busy}
        />
      )}
      <JoinedPicker joined={form.joined} onChange={(joined) => set({ joined })} datasets={datasets} current={form.dataset} idName={customerIdColumn(dataset, form.extra.id)} busy={busy} />

      <Divider />
      <fieldset className="cxw-pred-fieldset" aria-labelledby={`${ids}-model`}>
        <Text fw={650} mb={6} id={`${ids}-model`}>
          Model
        </Text>
        <Stack gap="sm">
          <NativeSelect
            label="Kind of model"
            description={MODEL_OPTIONS.find((m) => m.value === form.model)?.description}
            value={form.model}
            onChange={(e) => set({ model: e.currentTarget.value as PredictModelKind })}
            data={MODEL_OPTIONS.map(({ value, label }) => ({ value, label }))}
            disabled={busy}
          />
          <NumberInput
            label="Cross-validation folds"
            description="On the training rows; they also give each customer an uncertainty band (1: none)"
            min={1}
            max={10}
            allowDecimal={false}
            allowNegative={false}
            value={form.folds}
            onChange={(v) => set({ folds: numberOrBlank(v) })}
            disabled={busy}
          />
        </Stack>
      </fieldset>

      <Divider />
      <fieldset className="cxw-pred-fieldset" aria-labelledby={`${ids}-test`}>
        <Text fw={650} mb={2} id={`${ids}-test`}>
          Test rows
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          Kept out of training; every test figure comes from them.
        </Text>
        <Stack gap="sm">
          <SegmentedControl
            aria-label="How the test rows are chosen"
            value={form.testMode}
            onChange={(v) => set({ testMode: v as TestMode })}
            data={[
              { value: 'share', label: 'Random share' },
              { value: 'value', label: 'Rows where…' },
            ]}
            fullWidth
            disabled={busy}
          />
          {form.testMode === 'share' ? (
            <NumberInput
              label="Share of the rows (%)"
              description="Drawn at random, keeping the share of positives"
              min={MIN_TEST_SHARE}
              max={MAX_TEST_SHARE}
              suffix="%"
              decimalScale={1}
              allowNegative={false}
              value={form.testShare}
              onChange={(v) => set({ testShare: numberOrBlank(v) })}
              disabled={busy}
            />
          ) : (
            <Group grow align="flex-start" gap="sm">
              <NativeSelect
                label="Column"
                value={form.testColumn}
                onChange={(e) => set({ testColumn: e.currentTarget.value, testValue: '' })}
                data={[{ value: '', label: 'Choose…' }, ...testColumns(dataset, form.target).map((c) => ({ value: c.name, label: c.name }))]}
                disabled={busy}
              />
              {valueOptions ? (
                <NativeSelect
                  label="equals"
                  value={form.testValue}
                  onChange={(e) => set({ testValue: e.currentTarget.value })}
                  data={[{ value: '', label: 'Choose…' }, ...valueOptions]}
                  disabled={busy || !form.testColumn}
                />
              ) : (
                <TextInput label="equals" placeholder="e.g. 2025-06" value={form.testValue} onChange={(e) => set({ testValue: e.currentTarget.value })} maxLength={500} disabled={busy || !form.testColumn} />
              )}
            </Group>
          )}
        </Stack>
      </fieldset>

      <Divider />
      <fieldset className="cxw-pred-fieldset" aria-labelledby={`${ids}-threshold`}>
        <Text fw={650} mb={2} id={`${ids}-threshold`}>
          Who gets flagged
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          The threshold above which a customer counts as high risk.
        </Text>
        <Stack gap="sm">
          <SegmentedControl
            aria-label="Threshold rule"
            value={form.rule}
            onChange={(v) => set({ rule: v as RuleMode })}
            data={[
              { value: 'cost', label: 'By cost' },
              { value: 'capacity', label: 'By capacity' },
            ]}
            fullWidth
            disabled={busy}
          />
          {form.rule === 'cost' ? (
            <NumberInput
              label="A missed positive costs … × an unneeded action"
              description={costHelp(form)}
              min={0.01}
              max={1_000_000}
              decimalScale={2}
              allowNegative={false}
              value={form.cost}
              onChange={(v) => set({ cost: numberOrBlank(v) })}
              disabled={busy}
            />
          ) : (
            <NumberInput
              label="Customers the team can act on"
              description="Counted on the test rows: the threshold flags this many of the highest-risk test customers"
              min={1}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              value={form.capacity}
              onChange={(v) => set({ capacity: numberOrBlank(v) })}
              disabled={busy}
            />
          )}
        </Stack>
      </fieldset>

      {form.confirmedLeaks.length > 0 && (
        <>
          <Divider />
          <div>
            <Text fw={650} size="sm">
              Kept although they predict the outcome almost perfectly
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              You said these are known before the outcome; the model card says so.
            </Text>
            {form.confirmedLeaks.map((c) => (
              <Group key={c} gap={6} wrap="nowrap">
                <Text size="sm">{c}</Text>
                <CloseButton size="sm" aria-label={`Stop keeping ${c}`} onClick={() => set({ confirmedLeaks: form.confirmedLeaks.filter((x) => x !== c) })} disabled={busy} />
              </Group>
            ))}
          </div>
        </>
      )}
    </Stack>
  );
}

/** This dataset's segmentations first, then the others with the dataset they segment. */
function segmentationOptions(all: SegmentationSummary[], dataset: string): { value: string; label: string }[] {
  const label = (s: SegmentationSummary) => (s.dataset === dataset ? `${s.name} (k = ${s.k})` : `${s.name} (k = ${s.k}, ${s.dataset})`);
  return [...all.filter((s) => s.dataset === dataset), ...all.filter((s) => s.dataset !== dataset)].map((s) => ({ value: s.name, label: label(s) }));
}

function costHelp(form: PredictForm): string {
  const c = form.cost === '' || !(form.cost > 0) ? null : form.cost;
  if (c === null) return 'e.g. 5 when losing a customer costs five times a retention offer';
  const t = Math.round((100 / (1 + c)) * 10) / 10;
  return `Flag a customer whose probability is at least ${t}% (= 1 ÷ (1 + ${c}))`;
}
