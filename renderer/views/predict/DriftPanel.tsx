// The Predict result's "Drift" tab: the saved model on a new wave of data (predict.monitor) — whether its scores moved
// from the reference (the training data's untouched test rows, unless another dataset is chosen), with the PSI band,
// the two waves' score distributions on the reference's deciles, and, where the wave has the outcome, AUC with its
// interval, Brier and ECE beside the reference's, the change tested, and the verdict in words.
import { useCallback, useState } from 'react';
import type { Data, Layout } from 'plotly.js';
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { IconActivityHeartbeat } from '@tabler/icons-react';
import { modelDatasetColumns, type ModelMonitor, type PredictResult, type WaveFit } from '../../../shared/predict';
import { PlotlyChart } from '../../charts/PlotlyChart';
import type { ChartTheme } from '../../charts/plotly';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { formatCount } from '../../lib/format';
import { phaseLabeller } from '../../lib/phases';
import { useJob } from '../../lib/useJob';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { Card, NotSaved, Panel } from './parts';

const phaseLabel = phaseLabeller({ load: 'Reading the columns', score: 'Scoring' });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const BAND_COLOR = { stable: 'teal', moderate: 'orange', major: 'red' } as const;

export function DriftPanel({ result, model }: { result: PredictResult; model: string | null }) {
  const client = useClient();
  const { datasets } = useWorkspace();
  const job = useJob();
  const needed = modelDatasetColumns(result);
  const waves = datasets.filter((d) => d.name !== result.spec.dataset && needed.every((c) => d.columns.some((x) => x.name === c)));
  const [chosen, setChosen] = useState('');
  const current = waves.some((d) => d.name === chosen) ? chosen : (waves[0]?.name ?? '');
  const [shown, setShown] = useState<ModelMonitor | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (!model) return <NotSaved what="be checked on new data" />;
  const check = async () => {
    setError(null);
    const out = await job.start('monitor', (jobId) => client.invoke('predict.monitor', { jobId, model, current }));
    if (out.ok) setShown(out.value);
    else if (!out.cancelled) setError(out.error);
  };
  return (
    <Panel title="Does the model still hold on new data?">
      <Text size="sm" c="dimmed" className="cxw-pred-prose">
        Scores a newer wave (this quarter’s export, say) with the saved model and compares it with the model’s own untouched test rows: how far the
        scores moved (PSI on the test rows’ deciles: below 0.1 stable, 0.1–0.25 moderate, above 0.25 major) and, where the wave already has “
        {result.target}”, whether it still ranks and calibrates as well.
      </Text>
      {waves.length === 0 ? (
        <Alert color="gray" mt="md" title="No other dataset has the model’s columns">
          Import the new wave with the same columns ({needed.join(', ')}), then come back here.
        </Alert>
      ) : (
        <Group align="flex-end" gap="sm" mt="md" wrap="wrap">
          <NativeSelect
            label="New wave"
            value={current}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={waves.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
            disabled={job.running}
            className="cxw-pred-grow"
          />
          <Button leftSection={<IconActivityHeartbeat size={16} />} onClick={() => void check()} loading={job.running} disabled={!current}>
            Check the model
          </Button>
        </Group>
      )}
      {job.running && (
        <Paper withBorder radius="md" p="md" mt="md">
          <JobProgress title={`Scoring “${current}”`} progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} phaseLabel={phaseLabel} />
        </Paper>
      )}
      {error !== null && <ErrorAlert error={error} title="The model was not checked" onClose={() => setError(null)} />}
      {shown && <MonitorResult m={shown} target={result.target} />}
    </Panel>
  );
}

function MonitorResult({ m, target }: { m: ModelMonitor; target: string }) {
  const d = m.scoreDrift;
  return (
    <Stack gap="md" mt="lg">
      <Card label="Verdict">
        <Group gap="sm" mb={6}>
          <Badge color={BAND_COLOR[d.band]} variant="light" size="lg">
            Scores: {d.band}
          </Badge>
          {m.aucChange && (
            <Badge color={m.aucChange.pValue < 0.05 && m.aucChange.difference < 0 ? 'red' : 'teal'} variant="light" size="lg">
              Ranking: {m.aucChange.pValue < 0.05 ? (m.aucChange.difference < 0 ? 'worse' : 'better') : 'as before'}
            </Badge>
          )}
        </Group>
        <Text size="md" role="status">
          {m.verdict}
        </Text>
        {m.warnings.map((w) => (
          <Text key={w} size="sm" c="dimmed" mt={4}>
            {w}
          </Text>
        ))}
      </Card>
      <Card>
        <ScoreShiftChart m={m} />
      </Card>
      <Card label="The two waves">
        <Table striped withTableBorder captionSide="top" className="cxw-pred-table">
          <Table.Caption>How the model does on each wave (AUC, Brier and ECE need the actual “{target}”)</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Wave</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th ta="right">Mean probability</Table.Th>
              <Table.Th ta="right">Flagged</Table.Th>
              <Table.Th ta="right">AUC (95% CI)</Table.Th>
              <Table.Th ta="right">Brier</Table.Th>
              <Table.Th ta="right">ECE</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <WaveRow w={m.reference} role="Reference" />
            <WaveRow w={m.current} role="New wave" />
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed" mt="xs">
          Score drift: PSI {d.psi.toFixed(3)}, Kolmogorov–Smirnov {d.ks.toFixed(3)} (p = {d.pValue.toPrecision(2)}), normalised Wasserstein {d.distance.toFixed(3)}.
          {m.aucChange && ` AUC change ${m.aucChange.difference >= 0 ? '+' : '−'}${Math.abs(m.aucChange.difference).toFixed(3)} (95% CI ${f3(m.aucChange.ci[0])} to ${f3(m.aucChange.ci[1])}, p = ${m.aucChange.pValue.toPrecision(2)}).`}
        </Text>
      </Card>
    </Stack>
  );
}

function WaveRow({ w, role }: { w: WaveFit; role: string }) {
  return (
    <Table.Tr>
      <Table.Td>
        {role}: “{w.dataset}”{w.rowsKind === 'test rows' ? ' (its test rows)' : ''}
      </Table.Td>
      <Table.Td ta="right">{formatCount(w.rows)}</Table.Td>
      <Table.Td ta="right">{pct(w.meanProbability)}</Table.Td>
      <Table.Td ta="right">{pct(w.flaggedShare)}</Table.Td>
      <Table.Td ta="right">{w.auc === null ? '—' : `${f3(w.auc)} (${f3(w.aucCi![0])}–${f3(w.aucCi![1])})`}</Table.Td>
      <Table.Td ta="right">{f3(w.brier)}</Table.Td>
      <Table.Td ta="right">{f3(w.ece)}</Table.Td>
    </Table.Tr>
  );
}

function ScoreShiftChart({ m }: { m: ModelMonitor }) {
  const bins = m.scoreDrift.bins;
  const figure = useCallback(
    (t: ChartTheme) => {
      const data: Data[] = [
        { type: 'bar', name: `Reference (${m.reference.dataset})`, x: bins.map((b) => b.label), y: bins.map((b) => b.reference), marker: { color: t.muted }, hovertemplate: '%{x}: %{y:.1%}<extra>reference</extra>' } as Data,
        {
          type: 'bar',
          name: `New wave (${m.current.dataset})`,
          x: bins.map((b) => b.label),
          y: bins.map((b) => b.current),
          marker: { color: t.accent, pattern: { shape: '/' } },
          hovertemplate: '%{x}: %{y:.1%}<extra>new wave</extra>',
        } as Data,
      ];
      return {
        data,
        layout: {
          barmode: 'group',
          margin: { l: 64, r: 24, t: 36, b: 80 },
          xaxis: { title: { text: 'Probability, in the reference’s tenths', font: { size: 13, color: t.muted } }, automargin: true },
          yaxis: { tickformat: '.0%', title: { text: 'Share of the wave', font: { size: 13, color: t.muted } }, zeroline: false },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
        } as Partial<Layout>,
      };
    },
    [bins, m.reference.dataset, m.current.dataset],
  );
  const widest = bins.reduce((a, b) => (Math.abs(b.current - b.reference) > Math.abs(a.current - a.reference) ? b : a), bins[0]);
  return (
    <PlotlyChart
      title="Scores of the two waves"
      exportName={`${m.model} score drift`}
      figure={figure}
      height={380}
      table={{
        columns: [
          { label: 'Probability', kind: 'text' },
          { label: 'Reference', kind: 'percent' },
          { label: 'New wave', kind: 'percent' },
        ],
        rows: bins.map((b) => [b.label, b.reference * 100, b.current * 100]),
      }}
      summary={`Each tenth of the reference holds 10% of it; the new wave's largest change is in ${widest.label}: ${pct(widest.reference)} → ${pct(widest.current)} (PSI ${m.scoreDrift.psi.toFixed(3)}, ${m.scoreDrift.band}).`}
      caption="Bars of equal height mean the model sees the same mix of risk as when it was tested; the new wave's bars are hatched."
    />
  );
}
