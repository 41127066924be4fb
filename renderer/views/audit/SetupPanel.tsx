// The Audit set-up (side panel): the dataset; the decision (a yes/no column and its favourable value, or a score and
// a threshold with a live share of positives); the optional label; the protected attributes, intersections and
// reference groups; the direction; the minimum group size and missing values; population shares for the
// representation check; proxy candidates. The Run bar sits at the foot of the pane.
import { useEffect, useState } from 'react';
import { Divider, Group, MultiSelect, NativeSelect, NumberInput, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import type { ColumnMeta, ColumnProfile, DatasetSummary } from '../../../shared/domain';
import type { SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { formatCount } from '../../lib/format';
import { TYPE_LABELS } from '../../lib/labels';
import {
  DIRECTION_HELP,
  MAX_PROTECTED,
  columnValues,
  decisionColumns,
  defaultProxies,
  knownGroups,
  labelColumns,
  suggestedLabel,
  positiveNote,
  positiveValue,
  protectedColumns,
  proxyCandidates,
  scoreColumns,
  type AuditForm,
  type DecisionMode,
  type Direction,
  type MissingPolicy,
} from './model';
import { PopulationEditor } from './PopulationEditor';

interface Props {
  datasets: DatasetSummary[];
  dataset: DatasetSummary | null;
  form: AuditForm;
  onForm: (form: AuditForm) => void;
  onDataset: (name: string) => void;
  /** The dataset's profile (values of categorical columns), when loaded. */
  profile: ColumnProfile[] | null;
  segmentations: SegmentationSummary[];
  /** Groups of the last run on this dataset (for the reference and population pickers). */
  lastGroups: { attribute: string; group: string; n: number }[] | null;
  busy: boolean;
}

function columnOption(c: ColumnMeta) {
  return { value: c.name, label: `${c.name} · ${TYPE_LABELS[c.type].toLowerCase()}` };
}

export function SetupPanel(props: Props) {
  const { datasets, dataset, form, onForm, busy, profile } = props;
  const set = (patch: Partial<AuditForm>) => onForm({ ...form, ...patch });
  const columnOf = (name: string) => dataset?.columns.find((c) => c.name === name);
  const profileOf = (name: string) => profile?.find((c) => c.name === name);
  const valuesOf = (name: string) => columnValues(columnOf(name), profileOf(name)?.topValues);

  const decisionValues = valuesOf(form.decision);
  const labelValues = valuesOf(form.label);
  const note = positiveNote(form, decisionValues);
  const protectedOptions = dataset ? protectedColumns(dataset, form) : [];
  const proxies = dataset ? proxyCandidates(dataset, form) : [];
  const defaults = dataset ? defaultProxies(dataset, form) : [];
  const ownSegs = props.segmentations.filter((s) => s.dataset === form.dataset).map((s) => s.name);

  const chooseDecision = (name: string) => set({ decision: name, favorable: positiveValue(columnOf(name), valuesOf(name)) });
  const chooseLabel = (name: string) => set({ label: name, labelPositive: name ? positiveValue(columnOf(name), valuesOf(name)) : '' });
  // Switching to a score suggests its ground truth (the boolean outcome) when no label is set; a label the analyst
  // chose is kept either way.
  const chooseMode = (mode: DecisionMode) => {
    const suggested = !form.label && dataset ? suggestedLabel(dataset, mode, form.decision) : undefined;
    set({ mode, ...(suggested ? { label: suggested.name, labelPositive: positiveValue(suggested, valuesOf(suggested.name)) } : {}) });
  };

  // A text decision's values arrive with the profile: pick the "yes" value then, unless one was chosen.
  useEffect(() => {
    if (form.mode === 'decision' && form.decision && !form.favorable && decisionValues.length) {
      const v = positiveValue(columnOf(form.decision), decisionValues);
      if (v) onForm({ ...form, favorable: v });
    }
  }, [decisionValues.join('\u0000')]);

  return (
    <Stack gap="md" className="cxw-aud-setup">
      <NativeSelect
        label="Dataset"
        value={form.dataset}
        onChange={(e) => props.onDataset(e.currentTarget.value)}
        data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
        disabled={busy}
      />

      <fieldset className="cxw-aud-fieldset" aria-label="Decision">
        <Text fw={650} mb={6} aria-hidden="true">
          Decision to audit
        </Text>
        <Stack gap="sm">
          <SegmentedControl
            aria-label="Decision kind"
            value={form.mode}
            onChange={(v) => chooseMode(v as DecisionMode)}
            data={[
              { value: 'decision', label: 'Yes/no column' },
              { value: 'score', label: 'Score + threshold' },
            ]}
            fullWidth
            disabled={busy}
          />
          {form.mode === 'decision' ? (
            <>
              <NativeSelect
                label="Decision column"
                withAsterisk
                value={form.decision}
                onChange={(e) => chooseDecision(e.currentTarget.value)}
                data={[{ value: '', label: 'Choose a column…' }, ...(dataset ? decisionColumns(dataset).map(columnOption) : [])]}
                disabled={busy}
              />
              <NativeSelect
                label="Favourable value"
                description="The value that is good for the person"
                value={form.favorable}
                onChange={(e) => set({ favorable: e.currentTarget.value })}
                data={[
                  { value: '', label: decisionValues.length ? 'Default (Yes / true / 1)' : 'Default (Yes / true / 1 / the later value)' },
                  ...decisionValues.map((v) => ({ value: v, label: v })),
                ]}
                disabled={busy || !form.decision}
              />
            </>
          ) : (
            <>
              <NativeSelect
                label="Score column"
                withAsterisk
                value={form.score}
                onChange={(e) => set({ score: e.currentTarget.value })}
                data={[{ value: '', label: 'Choose a column…' }, ...(dataset ? scoreColumns(dataset).map(columnOption) : [])]}
                disabled={busy}
              />
              <NumberInput
                label="Threshold"
                description="Positive when the score is at or above it"
                withAsterisk
                value={form.threshold}
                onChange={(v) => set({ threshold: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
                decimalScale={6}
                disabled={busy || !form.score}
              />
              <ThresholdHint dataset={form.dataset} score={form.score} threshold={form.threshold} />
            </>
          )}
          <div>
            <Text size="sm" fw={500} id="aud-direction-label">
              Direction
            </Text>
            <SegmentedControl
              aria-labelledby="aud-direction-label"
              value={form.direction}
              onChange={(v) => set({ direction: v as Direction })}
              data={[
                { value: 'assistive', label: 'Assistive' },
                { value: 'punitive', label: 'Punitive' },
              ]}
              fullWidth
              mt={4}
              disabled={busy}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {DIRECTION_HELP[form.direction]}
            </Text>
          </div>
          {note && (
            <Text size="sm" className="cxw-aud-positive" aria-label="Positive decision">
              {note}
            </Text>
          )}
        </Stack>
      </fieldset>

      <Divider />
      <Stack gap="sm">
        <NativeSelect
          label="Label (ground truth, optional)"
          description="What actually happened; adds error rates and calibration"
          value={form.label}
          onChange={(e) => chooseLabel(e.currentTarget.value)}
          data={[{ value: '', label: 'None' }, ...(dataset ? labelColumns(dataset).filter((c) => c.name !== (form.mode === 'decision' ? form.decision : form.score)).map(columnOption) : [])]}
          disabled={busy}
        />
        {form.label && (
          <NativeSelect
            label="Positive label value"
            value={form.labelPositive}
            onChange={(e) => set({ labelPositive: e.currentTarget.value })}
            data={[{ value: '', label: 'Default (Yes / true / 1)' }, ...labelValues.map((v) => ({ value: v, label: v }))]}
            disabled={busy}
          />
        )}
      </Stack>

      <Divider />
      <fieldset className="cxw-aud-fieldset" aria-label="Groups">
        <Text fw={650} mb={6} aria-hidden="true">
          Groups
        </Text>
        <Stack gap="sm">
          <MultiSelect
            label="Protected attributes"
            withAsterisk
            placeholder={form.protected.length ? undefined : 'Choose one or more'}
            data={protectedOptions.map((c) => c.name)}
            value={form.protected}
            onChange={(v) => set({ protected: v })}
            maxValues={MAX_PROTECTED}
            searchable
            disabled={busy}
          />
          <Switch
            label="Also audit intersections"
            description={form.protected.length > 1 ? `Every combination, e.g. ${form.protected.slice(0, 2).join(' × ')}` : 'Needs two or more attributes'}
            checked={form.intersect}
            onChange={(e) => set({ intersect: e.currentTarget.checked })}
            disabled={busy || form.protected.length < 2}
          />
          {form.protected.map((attribute) => {
            const known = knownGroups(attribute, columnOf(attribute), profileOf(attribute), props.lastGroups, form.missing);
            const chosen = form.reference[attribute] ?? '';
            const options = known.groups.includes(chosen) || !chosen ? known.groups : [...known.groups, chosen];
            return (
              <NativeSelect
                key={attribute}
                label={`Reference group: ${attribute}`}
                value={chosen}
                onChange={(e) => {
                  const next = { ...form.reference };
                  if (e.currentTarget.value) next[attribute] = e.currentTarget.value;
                  else delete next[attribute];
                  set({ reference: next });
                }}
                data={[{ value: '', label: known.source === 'unknown' ? 'Largest group (run once to choose)' : 'Largest group (default)' }, ...options.map((g) => ({ value: g, label: g }))]}
                disabled={busy || options.length === 0}
              />
            );
          })}
          <Group grow align="flex-start">
            <NumberInput
              label="Minimum group size"
              description="A rate over fewer people is greyed and not judged"
              value={form.minGroupSize}
              onChange={(v) => set({ minGroupSize: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
              min={1}
              allowDecimal={false}
              disabled={busy}
            />
          </Group>
          <div>
            <Text size="sm" fw={500} id="aud-missing-label">
              Missing protected values
            </Text>
            <SegmentedControl
              aria-labelledby="aud-missing-label"
              value={form.missing}
              onChange={(v) => set({ missing: v as MissingPolicy })}
              data={[
                { value: 'group', label: 'Their own group' },
                { value: 'exclude', label: 'Excluded' },
              ]}
              fullWidth
              mt={4}
              disabled={busy}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {form.missing === 'group' ? 'Rows without a value form the group “(missing)”.' : 'Rows without a value are left out and counted.'}
            </Text>
          </div>
        </Stack>
      </fieldset>

      <Divider />
      <PopulationEditor form={form} onForm={onForm} dataset={dataset} profile={profile} lastGroups={props.lastGroups} disabled={busy} />

      <Divider />
      <fieldset className="cxw-aud-fieldset" aria-label="Proxy check">
        <Text fw={650} mb={2} aria-hidden="true">
          Proxy check
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          Which features or segments reveal a protected attribute, so treating them differently treats the groups differently.
        </Text>
        <Stack gap="sm">
          <MultiSelect
            label="Features"
            placeholder={form.proxyColumns?.length ? undefined : `Default: every feature and category (${defaults.length})`}
            data={proxies.map((c) => c.name)}
            value={form.proxyColumns ?? []}
            onChange={(v) => set({ proxyColumns: v.length ? v : null })}
            searchable
            clearable
            disabled={busy}
          />
          <MultiSelect
            label="Saved segmentations"
            placeholder={form.proxySegmentations === null ? (ownSegs.length ? `Default: this dataset’s ${ownSegs.length}` : 'None saved for this dataset') : form.proxySegmentations.length ? undefined : 'None'}
            data={props.segmentations.map((s) => ({ value: s.name, label: `${s.name} (k = ${s.k}, ${s.dataset})` }))}
            value={form.proxySegmentations ?? ownSegs}
            onChange={(v) => set({ proxySegmentations: v })}
            searchable
            clearable
            disabled={busy || props.segmentations.length === 0}
          />
        </Stack>
      </fieldset>
    </Stack>
  );
}

/** "About 23% of rows (690 of 3,000) would be positive": two counts through dataset.rows, debounced. */
function ThresholdHint({ dataset, score, threshold }: { dataset: string; score: string; threshold: number | '' }) {
  const client = useClient();
  const [hint, setHint] = useState<string | null>(null);
  useEffect(() => {
    setHint(null);
    if (!dataset || !score || threshold === '' || !Number.isFinite(threshold)) return;
    let live = true;
    const timer = setTimeout(() => {
      const count = (filters: { column: string; op: 'gte' | 'notMissing'; value?: number }[]) =>
        client.invoke('dataset.rows', { dataset, offset: 0, limit: 1, filters }).then((r) => r.total);
      Promise.all([count([{ column: score, op: 'gte', value: threshold }]), count([{ column: score, op: 'notMissing' }])]).then(
        ([positive, scored]) => {
          if (!live) return;
          const share = scored ? Math.round((positive / scored) * 1000) / 10 : 0;
          setHint(`${share}% of scored rows would be positive (${formatCount(positive)} of ${formatCount(scored)}).`);
        },
        () => live && setHint(null),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, dataset, score, threshold]);
  if (!hint) return null;
  return (
    <Text size="sm" c="dimmed" role="status" className="cxw-tabular">
      {hint}
    </Text>
  );
}
