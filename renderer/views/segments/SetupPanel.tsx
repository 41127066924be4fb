// Set-up of a new segmentation: dataset, features, k (or a sweep), preprocessing and reproducibility, then
// "Explore k" (a sweep job, charted) or "Run segmentation" (the job that saves a segmentation).
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconBulb, IconChartLine, IconChevronDown, IconChevronRight, IconPlayerPlay } from '@tabler/icons-react';
import type { DatasetSummary } from '../../../shared/domain';
import type { Result } from '../../../shared/api';
import type { SegmentationResult } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { formatCount } from '../../lib/format';
import { TypeBadge } from '../../components/TypeBadge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KSweepChart } from './charts';
import { JobProgressBar } from './JobProgressBar';
import { useJob } from '../../lib/useJob';
import { RUN_SHORTCUT_ARIA, RUN_SHORTCUT_LABEL, useRunShortcut } from '../../components/a11y/run-shortcut';
import { featureNoteHelp, featureOptions, formProblem, initialForm, toParams, wholeNumber, type SetupForm } from './model';

type Sweep = Result<'segment.sweep'>;

interface Props {
  datasets: DatasetSummary[];
  onDone: (result: SegmentationResult) => void;
}

export function SetupPanel({ datasets, onDone }: Props) {
  const client = useClient();
  const job = useJob();
  const [form, setForm] = useState<SetupForm>(() => initialForm(datasets[0] ?? null));
  const [running, setRunning] = useState<'sweep' | 'run' | null>(null);
  const [sweep, setSweep] = useState<Sweep | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const sweepRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sweep) sweepRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [sweep]);

  const dataset = datasets.find((d) => d.name === form.dataset) ?? null;
  const options = useMemo(() => (dataset ? featureOptions(dataset) : []), [dataset]);
  const numericChosen = options.filter((o) => o.kind === 'numeric' && form.features.includes(o.name)).map((o) => o.name);

  // A dataset that disappears (deleted, other workspace) falls back to the first one.
  useEffect(() => {
    if (form.dataset && datasets.some((d) => d.name === form.dataset)) return;
    setForm((f) => ({ ...initialForm(datasets[0] ?? null), restarts: f.restarts, seed: f.seed }));
    setSweep(null);
  }, [datasets, form.dataset]);

  const set = <K extends keyof SetupForm>(key: K, value: SetupForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const chooseDataset = (name: string) => {
    const next = datasets.find((d) => d.name === name) ?? null;
    setForm((f) => ({ ...initialForm(next), restarts: f.restarts, seed: f.seed, missing: f.missing, standardize: f.standardize }));
    setSweep(null);
    setError(null);
  };

  const toggleFeature = (name: string, on: boolean) =>
    setForm((f) => ({
      ...f,
      features: on ? [...f.features, name] : f.features.filter((x) => x !== name),
      logTransform: on ? f.logTransform : f.logTransform.filter((x) => x !== name),
    }));

  const problem = formProblem(form);
  const sweepProblem = formProblem({ ...form, auto: true });

  const explore = async () => {
    setError(null);
    setNote(null);
    setRunning('sweep');
    const out = await job.start('sweep', (jobId) => client.invoke('segment.sweep', { jobId, params: toParams(form, options, 'sweep') }));
    setRunning(null);
    if (out.ok) setSweep(out.value);
    else if (out.cancelled) setNote('Exploring k was cancelled; nothing was saved.');
    else setError(out.error);
  };

  const run = async () => {
    setError(null);
    setNote(null);
    setRunning('run');
    const out = await job.start('segment', (jobId) => client.invoke('segment.run', { jobId, params: toParams(form, options, 'run') }));
    setRunning(null);
    if (out.ok) onDone(out.value);
    else if (out.cancelled) setNote('The segmentation was cancelled; nothing was saved.');
    else setError(out.error);
  };
  useRunShortcut(rootRef, !formProblem(form) && running === null, () => void run(), 'the segmentation');

  if (datasets.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl" maw={640}>
        <Title order={3}>No data to segment yet</Title>
        <Text mt="xs" c="dimmed">
          Import a customer table on the Data view first (one row per customer), mark its identifier and the feature columns on its Columns tab,
          then come back here.
        </Text>
      </Paper>
    );
  }

  const busy = running !== null;
  return (
    <Stack gap="lg" className="cxw-seg-setup" ref={rootRef} data-run-shortcut>
      <div>
        <Title order={2} size="h3">
          New segmentation
        </Title>
        <Text c="dimmed" size="sm">
          Group customers with k-means: pick the columns that describe behaviour, explore how many segments the data supports, then run.
        </Text>
      </div>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <NativeSelect
              label="Dataset"
              value={form.dataset}
              onChange={(e) => chooseDataset(e.currentTarget.value)}
              data={datasets.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
              disabled={busy}
            />
            <FeaturePicker options={options} chosen={form.features} disabled={busy} onToggle={toggleFeature} onSet={(list) => set('features', list)} />
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <Text fw={650}>Number of segments</Text>
            <Group align="flex-end" gap="lg" wrap="wrap">
              <NumberInput
                label="Number of segments (k)"
                min={2}
                max={20}
                step={1}
                allowDecimal={false}
                clampBehavior="strict"
                value={form.k}
                onChange={(v) => set('k', wholeNumber(v, form.k))}
                disabled={busy || form.auto}
                w={200}
              />
              <Switch
                label="Choose k for me (sweep 2–10)"
                checked={form.auto}
                onChange={(e) => set('auto', e.currentTarget.checked)}
                disabled={busy}
                mb={8}
              />
            </Group>

            <Text fw={650} mt="xs">
              Preparation
            </Text>
            <Switch
              label="Standardise features (z-scores)"
              description="Puts every feature on the same scale so a large-valued column does not dominate."
              checked={form.standardize}
              onChange={(e) => set('standardize', e.currentTarget.checked)}
              disabled={busy}
            />
            <MultiSelect
              label="Log-transform"
              description="For skewed amounts such as spend or counts (log 1 + x)."
              placeholder={numericChosen.length ? 'None' : 'Choose numeric features first'}
              data={numericChosen}
              value={form.logTransform.filter((f) => numericChosen.includes(f))}
              onChange={(v) => set('logTransform', v)}
              disabled={busy || numericChosen.length === 0}
              clearable
              searchable
            />
            <div>
              <Text size="sm" fw={500} id="seg-missing-label">
                Missing values
              </Text>
              <SegmentedControl
                aria-labelledby="seg-missing-label"
                value={form.missing}
                onChange={(v) => set('missing', v as SetupForm['missing'])}
                disabled={busy}
                data={[
                  { value: 'impute', label: 'Impute (median / mode)' },
                  { value: 'exclude', label: 'Exclude rows' },
                ]}
                fullWidth
                mt={4}
              />
            </div>

            <Text fw={650} mt="xs">
              Reproducibility
            </Text>
            <Group grow align="flex-start">
              <NumberInput
                label="Restarts"
                description="Best of several starts"
                min={1}
                max={100}
                allowDecimal={false}
                value={form.restarts}
                onChange={(v) => set('restarts', wholeNumber(v, form.restarts))}
                disabled={busy}
              />
              <NumberInput
                label="Seed"
                description="Same seed, same result"
                min={0}
                allowDecimal={false}
                allowNegative={false}
                value={form.seed}
                onChange={(v) => set('seed', wholeNumber(v, form.seed))}
                disabled={busy}
              />
            </Group>
            <TextInput
              label="Segmentation name"
              placeholder={form.dataset ? `${form.dataset} k=${form.auto ? 'auto' : form.k}` : ''}
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              maxLength={200}
              disabled={busy}
            />
          </Stack>
        </Paper>
      </SimpleGrid>

      {note && (
        <Alert color="gray" variant="light" withCloseButton onClose={() => setNote(null)} closeButtonLabel="Dismiss">
          {note}
        </Alert>
      )}
      <ErrorAlert error={error} title="The segmentation did not run" onClose={() => setError(null)} />

      {sweep && !busy && (
        <Paper withBorder radius="md" p="lg" className="cxw-seg-sweep" aria-label="k sweep" ref={sweepRef}>
          <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <IconBulb size={22} className="cxw-seg-bulb" aria-hidden="true" />
              <div>
                <Text fw={700} size="lg">
                  Suggested: k = {sweep.recommendation.k}
                </Text>
                <Text size="md">{sweep.recommendation.reason}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {formatCount(sweep.rows)} customers;{' '}
                  {sweep.silhouetteSampleSize < sweep.rows
                    ? `silhouette measured on a random sample of ${formatCount(sweep.silhouetteSampleSize)}.`
                    : 'silhouette measured on all of them.'}
                </Text>
              </div>
            </Group>
            <Button
              variant="light"
              className="cxw-nowrap"
              style={{ flex: 'none' }}
              onClick={() => setForm((f) => ({ ...f, auto: false, k: sweep.recommendation.k }))}
              disabled={!form.auto && form.k === sweep.recommendation.k}
            >
              Use k = {sweep.recommendation.k}
            </Button>
          </Group>
          <KSweepChart scores={sweep.kScores} recommendation={sweep.recommendation} name={form.name || form.dataset} />
        </Paper>
      )}

      {/* Last on the page: the sticky bar would end mid-page with the sweep (or anything) after it. */}
      <div className="cxw-seg-actions">
        {busy ? (
          <JobProgressBar
            title={running === 'sweep' ? 'Exploring k = 2 to 10' : `Segmenting “${form.dataset}”`}
            progress={job.progress}
            cancelling={job.cancelling}
            onCancel={job.cancel}
          />
        ) : (
          <Group justify="space-between" align="center">
            <Text size="sm" c={problem ? 'red' : 'dimmed'} role={problem ? 'alert' : undefined}>
              {problem ?? `${form.features.length} ${form.features.length === 1 ? 'feature' : 'features'} · ${form.auto ? 'k chosen by sweep' : `k = ${form.k}`} · seed ${form.seed}`}
            </Text>
            <Group gap="sm">
              <Text size="xs" c="dimmed" aria-hidden="true">
                {RUN_SHORTCUT_LABEL} runs
              </Text>
              <Button variant="default" size="md" leftSection={<IconChartLine size={18} />} onClick={explore} disabled={Boolean(sweepProblem)}>
                Explore k
              </Button>
              <Button size="md" leftSection={<IconPlayerPlay size={18} />} onClick={run} disabled={Boolean(problem)} aria-keyshortcuts={RUN_SHORTCUT_ARIA}>
                Run segmentation
              </Button>
            </Group>
          </Group>
        )}
      </div>
    </Stack>
  );
}

interface PickerProps {
  options: ReturnType<typeof featureOptions>;
  chosen: string[];
  disabled: boolean;
  onToggle: (name: string, on: boolean) => void;
  onSet: (names: string[]) => void;
}

function FeaturePicker({ options, chosen, disabled, onToggle, onSet }: PickerProps) {
  const suggested = options.filter((o) => o.suggested).map((o) => o.name);
  const others = options.filter((o) => !o.suggested);
  // The other columns fold away (one Tab stop instead of one per column); open from the start when one is chosen.
  const otherChosen = others.filter((o) => chosen.includes(o.name)).length;
  const [showOthers, setOthersOpen] = useState(otherChosen > 0);
  const row = (o: (typeof options)[number]) => {
    const help = featureNoteHelp(o);
    return (
      <div key={o.name} className="cxw-seg-feature" title={help ?? undefined}>
        <Checkbox
          label={o.name}
          description={o.note ?? undefined}
          checked={chosen.includes(o.name)}
          onChange={(e) => onToggle(o.name, e.currentTarget.checked)}
          disabled={disabled}
        />
        <TypeBadge type={o.type} />
      </div>
    );
  };
  return (
    <fieldset className="cxw-seg-fieldset" aria-label="Features">
      <Group justify="space-between" align="baseline" mb={6}>
        <Text fw={650} aria-hidden="true">
          Features
        </Text>
        <Group gap="md">
          <UnstyledButton className="cxw-link-button" onClick={() => onSet(suggested)} disabled={disabled}>
            Suggested only
          </UnstyledButton>
          <UnstyledButton className="cxw-link-button" onClick={() => onSet([])} disabled={disabled}>
            Clear
          </UnstyledButton>
        </Group>
      </Group>
      {options.length === 0 ? (
        <Text size="sm" c="dimmed">
          This dataset has no usable columns: identifiers, personal data and ignored columns are never features.
        </Text>
      ) : (
        <div className="cxw-seg-feature-list">
          {suggested.length > 0 && (
            <div role="group" aria-labelledby="cxw-seg-suggested-label">
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" className="cxw-eyebrow" id="cxw-seg-suggested-label">
                Feature columns
              </Text>
              {options.filter((o) => o.suggested).map(row)}
            </div>
          )}
          {others.length > 0 && (
            <div role="group" aria-labelledby="cxw-seg-others-label">
              <UnstyledButton
                className="cxw-seg-others-toggle"
                onClick={() => setOthersOpen((v) => !v)}
                aria-expanded={showOthers}
                aria-controls="cxw-seg-others"
                mt="sm"
              >
                {showOthers ? <IconChevronDown size={14} aria-hidden="true" /> : <IconChevronRight size={14} aria-hidden="true" />}
                <Text span size="xs" fw={600} c="dimmed" tt="uppercase" className="cxw-eyebrow" id="cxw-seg-others-label">
                  Other columns ({others.length}{otherChosen ? `, ${otherChosen} chosen` : ''})
                </Text>
              </UnstyledButton>
              <div id="cxw-seg-others" hidden={!showOthers}>
                {showOthers && others.map(row)}
              </div>
            </div>
          )}
        </div>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        Identifiers, personal data, ignored and date columns are left out. Text columns are one-hot encoded.
      </Text>
    </fieldset>
  );
}
