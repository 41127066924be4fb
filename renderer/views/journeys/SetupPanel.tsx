// The Journeys set-up (side panel): the event dataset and its columns (pre-filled from the column roles), timestamp
// precision, the stage order and grouping of the last run (with side steps left out of the funnel), and an optional
// segmentation and channel to filter or compare by. The Run bar sits at the foot of the pane.
import { Divider, MultiSelect, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import type { SegmentationSummary } from '../../../shared/segments';
import { formatCount } from '../../lib/format';
import { TYPE_LABELS } from '../../lib/labels';
import { columnsFor, setColumn, setSegmentation, type ColumnSlot, type CompareBy, type JourneyForm, type Precision } from './model';
import { StageEditor } from './StageEditor';
import type { StageDraft } from './stages';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: JourneyForm;
  onForm: (form: JourneyForm) => void;
  onDataset: (name: string) => void;
  segmentations: SegmentationSummary[];
  /** Segment names of the chosen segmentation when a run has reported them. */
  segmentNames: { index: number; name: string }[];
  /** Channels seen in runs on this dataset and channel column. */
  knownChannels: string[];
  /** The stages of the last run on this dataset and step column, or null before one. */
  stageDraft: StageDraft | null;
  busy: boolean;
}

const SLOTS: { slot: ColumnSlot; label: string; description?: string; required: boolean }[] = [
  { slot: 'customer', label: 'Journey id', description: 'Customer, order or case id: one journey per value', required: true },
  { slot: 'time', label: 'Timestamp', required: true },
  { slot: 'step', label: 'Step', description: 'What happened: touchpoint, activity or event name', required: true },
  { slot: 'channel', label: 'Channel', required: false },
  { slot: 'satisfaction', label: 'Satisfaction', description: 'A rating on any scale (the observed range is used)', required: false },
  { slot: 'nps', label: 'NPS', description: 'A 0–10 recommend score', required: false },
];

function columnOption(c: ColumnMeta) {
  return { value: c.name, label: `${c.name} · ${TYPE_LABELS[c.type].toLowerCase()}` };
}

export function SetupPanel(props: Props) {
  const { datasets, dataset, form, onForm, busy } = props;
  const set = (patch: Partial<JourneyForm>) => onForm({ ...form, ...patch });
  const segCount = props.segmentations.find((s) => s.name === form.segmentation)?.k ?? 0;
  const segmentOptions = Array.from({ length: segCount }, (_, i) => ({
    value: String(i),
    label: props.segmentNames.find((s) => s.index === i)?.name ?? `Segment ${i + 1}`,
  }));

  return (
    <Stack gap="md" className="cxw-jny-setup">
      <NativeSelect
        label="Event dataset"
        value={form.dataset}
        onChange={(e) => props.onDataset(e.currentTarget.value)}
        data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
        disabled={busy}
      />

      <fieldset className="cxw-jny-fieldset" aria-label="Columns">
        <Text fw={650} mb={6} aria-hidden="true">
          Columns
        </Text>
        <Stack gap="sm">
          {SLOTS.map(({ slot, label, description, required }) => {
            const options = dataset ? columnsFor(dataset, slot) : [];
            return (
              <NativeSelect
                key={slot}
                label={label}
                description={description}
                withAsterisk={required}
                value={form[slot]}
                onChange={(e) => onForm(setColumn(form, slot, e.currentTarget.value))}
                data={[{ value: '', label: required ? 'Choose a column…' : 'None' }, ...options.map(columnOption)]}
                disabled={busy}
              />
            );
          })}
        </Stack>
      </fieldset>

      <div>
        <Text size="sm" fw={500} id="jny-precision-label">
          Timestamp precision
        </Text>
        <SegmentedControl
          aria-labelledby="jny-precision-label"
          value={form.precision}
          onChange={(v) => set({ precision: v as Precision })}
          data={[
            { value: 'exact', label: 'Exact time' },
            { value: 'day', label: 'Day' },
          ]}
          fullWidth
          mt={4}
          disabled={busy}
        />
        <Text size="xs" c="dimmed" mt={4}>
          {form.precision === 'day'
            ? 'Compare dates only, e.g. when some events only have a date: same-day events are ordered by stage order, then file order.'
            : 'Order events by their full timestamp. Choose Day when some events only have a date (a review stamped at midnight would sort before a same-day delivery).'}
        </Text>
      </div>

      <Divider />
      <div>
        <Text fw={650}>Stage order and grouping</Text>
        {props.stageDraft ? (
          <>
            <Text size="xs" c="dimmed" mb="xs">
              Move stages, merge a step into a neighbouring stage or split it out, rename, or leave a stage out of the funnel as a side step (⋯ menu);
              then run again.
            </Text>
            <StageEditor
              draft={form.stages ?? props.stageDraft}
              offFunnel={form.offFunnel}
              custom={form.stages !== null}
              disabled={busy}
              onChange={(draft) => set({ stages: draft })}
              onOffFunnel={(offFunnel) => set({ offFunnel })}
              onReset={() => set({ stages: null })}
            />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            After the first run the stages found in the data are listed here in order, to reorder, group and rename.
          </Text>
        )}
      </div>

      <Divider />
      <div>
        <Text fw={650} mb={6}>
          Segments and channels
        </Text>
        <Stack gap="sm">
          <NativeSelect
            label="Join a saved segmentation"
            description="Its customers' ids must match the journey ids"
            value={form.segmentation}
            onChange={(e) => onForm(setSegmentation(form, e.currentTarget.value))}
            data={[{ value: '', label: 'None' }, ...props.segmentations.map((s) => ({ value: s.name, label: `${s.name} (k = ${s.k}, ${s.dataset})` }))]}
            disabled={busy || props.segmentations.length === 0}
          />
          {form.segmentation && (
            <MultiSelect
              label="Only these segments"
              placeholder={form.segments.length ? undefined : 'All segments'}
              data={segmentOptions}
              value={form.segments.map(String)}
              onChange={(v) => set({ segments: v.map(Number) })}
              clearable
              disabled={busy}
            />
          )}
          <MultiSelect
            label="Only these channels"
            placeholder={!form.channel ? 'Choose a channel column first' : props.knownChannels.length ? (form.channels.length ? undefined : 'All channels') : 'Run once to list the channels'}
            data={props.knownChannels}
            value={form.channels}
            onChange={(v) => set({ channels: v })}
            clearable
            searchable
            disabled={busy || !form.channel || props.knownChannels.length === 0}
          />
          <div>
            <Text size="sm" fw={500} id="jny-compare-label">
              Compare
            </Text>
            <SegmentedControl
              aria-labelledby="jny-compare-label"
              value={form.compareBy}
              onChange={(v) => set({ compareBy: v as CompareBy })}
              data={[
                { value: '', label: 'No' },
                { value: 'segment', label: 'By segment', disabled: !form.segmentation },
                { value: 'channel', label: 'By channel', disabled: !form.channel },
              ]}
              fullWidth
              mt={4}
              disabled={busy}
            />
          </div>
        </Stack>
      </div>
    </Stack>
  );
}
