// Set-up of the NPS analysis: the survey dataset and score column (pre-filled from the NPS role), an optional
// grouping (a column or a saved segmentation) with its reference group, an optional period for the trend, the
// confidence level and the minimum n. A score mapping appears only once the analyst has chosen one.
import { Alert, Button, Divider, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import type { ColumnMeta, DatasetProfile, DatasetSummary } from '../../../shared/domain';
import type { NpsMapping } from '../../../shared/nps';
import type { SegmentationSummary } from '../../../shared/segments';
import { formatCount } from '../../lib/format';
import { TYPE_LABELS } from '../../lib/labels';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { looksOneToTen } from './scale-check';
import { groupColumns, scoreColumns, timeColumns, type GroupKind, type NpsForm, type PeriodUnit } from './model';
import { LevelSelect, MappingBadge, MinNInput } from './parts';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: NpsForm;
  onForm: (f: NpsForm) => void;
  onDataset: (name: string) => void;
  segmentations: SegmentationSummary[];
  /** Groups of the last run with this grouping (for the reference choice). */
  knownGroups: string[];
  busy: boolean;
}

export const columnOption = (c: ColumnMeta) => ({ value: c.name, label: `${c.name} · ${TYPE_LABELS[c.type].toLowerCase()}` });

/** The survey dataset and its 0–10 score column (with the mapping badge once one is chosen): shared by the NPS and
 *  collection-context set-ups. Choosing another score clears the mapping, which was chosen for the old one. */
export function SurveyFields({ datasets, dataset, form, onScore, onDataset, busy }: {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: { dataset: string; score: string; mapping: NpsMapping | null };
  onScore: (score: string, mapping: NpsMapping | null) => void;
  onDataset: (name: string) => void;
  busy: boolean;
}) {
  const client = useClient();
  const profile = useAsync<DatasetProfile | null>(() => (form.dataset ? client.invoke('dataset.profile', { dataset: form.dataset }) : Promise.resolve(null)), [client, form.dataset]);
  const scoreProfile = profile.data?.columns.find((c) => c.name === form.score);
  const oneToTen = !form.mapping && dataset !== null && looksOneToTen(scoreProfile, dataset.rows);
  return (
    <>
      <NativeSelect
        label="Survey dataset"
        value={form.dataset}
        onChange={(e) => onDataset(e.currentTarget.value)}
        data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
        disabled={busy}
      />
      <div>
        <NativeSelect
          label="Score"
          description="0–10 likelihood to recommend"
          withAsterisk
          value={form.score}
          onChange={(e) => onScore(e.currentTarget.value, null)}
          data={[{ value: '', label: 'Choose a column…' }, ...scoreColumns(dataset).map(columnOption)]}
          disabled={busy}
        />
        {form.mapping && <MappingBadge mapping={form.mapping} onClear={() => onScore(form.score, null)} disabled={busy} />}
      </div>
      {oneToTen && scoreProfile && dataset && (
        <Alert color="yellow" variant="light" title="This looks like a 1–10 rating" aria-label="Scale warning">
          <Text size="sm">
            “{form.score}” has no 0 across {formatCount(dataset.rows - scoreProfile.missing)} answers, while both 1 and 10 occur: probably a 1–10 rating (as in
            Skytrax-style reviews), not the 0–10 recommend question NPS is defined on.
          </Text>
          <Button size="xs" mt="xs" onClick={() => onScore(form.score, { kind: 'rescale', from: [1, 10] })} disabled={busy}>
            Treat as 1–10
          </Button>
        </Alert>
      )}
    </>
  );
}

export function NpsSetup({ datasets, dataset, form, onForm, onDataset, segmentations, knownGroups, busy }: Props) {
  const set = (patch: Partial<NpsForm>) => onForm({ ...form, ...patch });
  const times = timeColumns(dataset);
  return (
    <Stack gap="md">
      <SurveyFields datasets={datasets} dataset={dataset} form={form} onScore={(score, mapping) => set({ score, mapping })} onDataset={onDataset} busy={busy} />

      <Divider />
      <div>
        <Text size="sm" fw={500} id="nps-group-label">
          Group by
        </Text>
        <SegmentedControl
          aria-labelledby="nps-group-label"
          value={form.groupKind}
          onChange={(v) => set({ groupKind: v as GroupKind, reference: '' })}
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
      {form.groupKind === 'column' && (
        <NativeSelect
          label="Grouping column"
          description="Segment, stage, channel, region… numbers with many values are cut into fifths"
          value={form.by}
          onChange={(e) => set({ by: e.currentTarget.value, reference: '' })}
          data={[{ value: '', label: 'Choose a column…' }, ...groupColumns(dataset, form.score).map(columnOption)]}
          disabled={busy}
        />
      )}
      {form.groupKind === 'segmentation' && (
        <NativeSelect
          label="Saved segmentation"
          description="Joined through the customer id"
          value={form.segmentation}
          onChange={(e) => set({ segmentation: e.currentTarget.value, reference: '' })}
          data={[{ value: '', label: 'Choose a segmentation…' }, ...segmentations.map((s) => ({ value: s.name, label: `${s.name} (k = ${s.k}, ${s.dataset})` }))]}
          disabled={busy}
        />
      )}
      {form.groupKind !== 'none' && (
        <NativeSelect
          label="Compare each group with"
          description={knownGroups.length ? undefined : 'Run once to choose a group; until then the largest is used'}
          value={form.reference}
          onChange={(e) => set({ reference: e.currentTarget.value })}
          data={[{ value: '', label: 'The largest group' }, ...knownGroups.map((g) => ({ value: g, label: g }))]}
          disabled={busy || knownGroups.length === 0}
        />
      )}

      <Divider />
      <NativeSelect
        label="Trend over time"
        description={times.length ? 'A date column: NPS per period' : 'This dataset has no date column'}
        value={form.period}
        onChange={(e) => set({ period: e.currentTarget.value })}
        data={[{ value: '', label: 'No trend' }, ...times.map(columnOption)]}
        disabled={busy || times.length === 0}
      />
      {form.period && (
        <SegmentedControl
          aria-label="Period"
          value={form.periodUnit}
          onChange={(v) => set({ periodUnit: v as PeriodUnit })}
          data={[
            { value: 'week', label: 'Week' },
            { value: 'month', label: 'Month' },
            { value: 'quarter', label: 'Quarter' },
            { value: 'year', label: 'Year' },
          ]}
          fullWidth
          disabled={busy}
        />
      )}

      <Divider />
      <LevelSelect value={form.level} onChange={(level) => set({ level })} disabled={busy} />
      <MinNInput value={form.minN} onChange={(minN) => set({ minN })} disabled={busy} />
    </Stack>
  );
}
