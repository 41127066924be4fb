// Set-up of an experiment: the dataset, the arm column and its control, the outcome and how to read it (with the
// value that counts as a success for a yes/no outcome), the planned split, the confidence level, and the optional
// CUPED covariate and segment column. Values to choose come from the dataset's profile (its most frequent values).
import { useEffect } from 'react';
import { NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { DatasetProfile, DatasetSummary } from '../../../../shared/domain';
import type { SegmentationSummary } from '../../../../shared/segments';
import { formatCount } from '../../../lib/format';
import { TYPE_LABELS } from '../../../lib/labels';
import { useClient } from '../../../state/bridge';
import { useAsync } from '../../../state/useAsync';
import { armColumns, controlFrom, DEFAULT_LEVEL, EXPERIMENT_LEVELS, kindOf, numericColumns, outcomeColumns, segmentColumns, type ExperimentForm } from './model';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: ExperimentForm;
  onForm: (f: ExperimentForm) => void;
  onDataset: (name: string) => void;
  busy: boolean;
}

const option = (c: { name: string; type: keyof typeof TYPE_LABELS }) => ({ value: c.name, label: `${c.name} · ${TYPE_LABELS[c.type].toLowerCase()}` });
const none = (label: string) => [{ value: '', label }];
/** Option values of saved segmentations in the segment choice (columns use their bare names). */
const SEGMENTATION = 'segmentation:';

export function ExperimentSetup({ datasets, dataset, form, onForm, onDataset, busy }: Props) {
  const client = useClient();
  const segmentationList = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client]);
  const segmentations = segmentationList.data ?? [];
  const profile = useAsync<DatasetProfile | null>(() => (form.dataset ? client.invoke('dataset.profile', { dataset: form.dataset }) : Promise.resolve(null)), [client, form.dataset]);
  const valuesOf = (name: string) => profile.data?.columns.find((c) => c.name === name)?.topValues?.map((t) => t.value) ?? [];
  const arms = valuesOf(form.arm);
  const outcomeValues = valuesOf(form.outcome);
  const col = (name: string) => dataset?.columns.find((c) => c.name === name);

  const setArm = (arm: string) => onForm({ ...form, arm, control: controlFrom(valuesOf(arm)), split: '', acknowledgeSrm: false });
  const setOutcome = (outcome: string) => onForm({ ...form, outcome, kind: kindOf(col(outcome)), positive: '' });
  // The control named control / baseline / ctrl is filled in once the profile has the arms (never another guess).
  const armKey = arms.join('\u0000');
  useEffect(() => {
    const named = controlFrom(arms);
    if (form.arm && !form.control && named) onForm({ ...form, control: named });
  }, [armKey, form.arm]);

  return (
    <Stack gap="md">
      <NativeSelect
        label="Experiment dataset"
        value={form.dataset}
        onChange={(e) => onDataset(e.currentTarget.value)}
        data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
        disabled={busy}
      />
      <NativeSelect
        label="Arm"
        description="Which variant each customer was in"
        withAsterisk
        value={form.arm}
        onChange={(e) => setArm(e.currentTarget.value)}
        data={[...none('Choose a column…'), ...armColumns(dataset).map(option)]}
        disabled={busy}
      />
      <NativeSelect
        label="Control arm"
        description="The others are compared with it"
        withAsterisk
        value={form.control}
        onChange={(e) => onForm({ ...form, control: e.currentTarget.value })}
        data={[...none(form.arm ? 'Choose the control…' : 'Choose the arm column first'), ...arms.map((a) => ({ value: a, label: a }))]}
        disabled={busy || !form.arm}
      />
      <NativeSelect
        label="Outcome"
        withAsterisk
        value={form.outcome}
        onChange={(e) => setOutcome(e.currentTarget.value)}
        data={[...none('Choose a column…'), ...outcomeColumns(dataset, form.arm).map(option)]}
        disabled={busy}
      />
      <div>
        <Text size="sm" fw={500} id="cxw-exp-kind-label">
          Read the outcome as
        </Text>
        <SegmentedControl
          aria-labelledby="cxw-exp-kind-label"
          fullWidth
          value={form.kind}
          onChange={(v) => onForm({ ...form, kind: v as ExperimentForm['kind'], positive: '' })}
          data={[
            { value: 'binary', label: 'Yes/no rate' },
            { value: 'mean', label: 'Mean' },
            { value: 'nps', label: 'NPS 0–10' },
          ]}
          disabled={busy || !form.outcome}
        />
        {!form.kind && form.outcome && (
          <Text size="xs" c="dimmed" mt={4}>
            Not guessed from the column: choose one.
          </Text>
        )}
      </div>
      {form.kind === 'binary' && (
        <NativeSelect
          label="Counts as a success"
          description={`The value of ${form.outcome} whose rate is compared`}
          withAsterisk
          value={form.positive}
          onChange={(e) => onForm({ ...form, positive: e.currentTarget.value })}
          data={[...none('Choose a value…'), ...outcomeValues.map((v) => ({ value: v, label: v }))]}
          disabled={busy}
        />
      )}
      <TextInput
        label="Planned split"
        description="Shares in the arms’ order (50,50) or by name (A=60,B=40); empty = equal"
        placeholder="equal split"
        value={form.split}
        onChange={(e) => onForm({ ...form, split: e.currentTarget.value, acknowledgeSrm: false })}
        disabled={busy}
      />
      <NativeSelect
        label="Confidence level"
        description="Of every interval; the tests use 1 − this level"
        value={form.level ?? DEFAULT_LEVEL}
        onChange={(e) => onForm({ ...form, level: e.currentTarget.value })}
        data={EXPERIMENT_LEVELS.map((l) => ({ value: l, label: `${Math.round(Number(l) * 100)}%` }))}
        disabled={busy}
      />
      <NativeSelect
        label="Pre-period covariate (CUPED)"
        description="Measured before the experiment; optional"
        value={form.covariate}
        onChange={(e) => onForm({ ...form, covariate: e.currentTarget.value })}
        data={[...none('None'), ...numericColumns(dataset, [form.arm, form.outcome]).map(option)]}
        disabled={busy}
      />
      <NativeSelect
        label="Effects by segment"
        description="A column or a saved segmentation; exploratory, optional"
        value={form.segmentation ? `${SEGMENTATION}${form.segmentation}` : form.by}
        onChange={(e) => {
          const v = e.currentTarget.value;
          const seg = v.startsWith(SEGMENTATION) ? v.slice(SEGMENTATION.length) : '';
          onForm({ ...form, by: seg ? '' : v, segmentation: seg });
        }}
        data={[
          ...none('None'),
          { group: 'Columns', items: segmentColumns(dataset, [form.arm, form.outcome]).map(option) },
          ...(segmentations.length ? [{ group: 'Saved segmentations', items: segmentations.map((g) => ({ value: `${SEGMENTATION}${g.name}`, label: `${g.name} (${g.k} segments)` })) }] : []),
        ]}
        disabled={busy}
      />
    </Stack>
  );
}
