// "Compare with another wave" under a key-driver result: choose a dataset with the same columns, re-run the same
// set-up with compareWith (the chosen wave is the reference; differences are this dataset minus it), then both
// waves' raw weights side by side with their bootstrap intervals, the changed drivers named in a sentence, and a
// table with the difference's interval.
import { useCallback, useState } from 'react';
import { Button, Group, Select, Table, Text } from '@mantine/core';
import type { Data, Layout } from 'plotly.js';
import type { DatasetSummary } from '../../../shared/domain';
import type { DriversResult, DriversStability as Stability } from '../../../shared/nps';
import { PlotlyChart } from '../../charts/PlotlyChart';
import type { ChartTheme } from '../../charts/plotly';
import { escapeHtml } from '../../charts/nps-figures';
import { maxOf } from '../../../shared/extent';
import { Card } from './parts';
import { comparableWaves, stabilitySummary, stabilityTable } from './drivers-stability-model';

interface Props {
  result: DriversResult;
  datasets: DatasetSummary[];
  busy: boolean;
  onCompare: (wave: string | undefined) => void;
}

export function DriversStability({ result, datasets, busy, onCompare }: Props) {
  const waves = comparableWaves(datasets, result.spec);
  const [choice, setChoice] = useState<string | null>(result.spec.compareWith ?? null);
  const s = result.stability;
  return (
    <Card>
      <Text fw={650} size="lg" mb={4}>
        Compare with another wave
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        The same target, drivers and settings on a second dataset with the same columns (e.g. last quarter’s survey). The chosen wave is the reference;
        differences are “{result.spec.dataset}” minus it.
      </Text>
      {waves.length === 0 ? (
        <Text size="sm">No other dataset has “{result.spec.target}” and all {result.spec.drivers.length} drivers; import the other wave first.</Text>
      ) : (
        <Group align="flex-end" gap="sm">
          <Select label="Wave to compare with" data={waves} value={choice} onChange={setChoice} placeholder="Choose a dataset" w={280} allowDeselect={false} />
          <Button onClick={() => choice && onCompare(choice)} disabled={!choice || busy || choice === result.spec.compareWith}>
            Compare waves
          </Button>
          {result.spec.compareWith && (
            <Button variant="subtle" onClick={() => onCompare(undefined)} disabled={busy}>
              Stop comparing
            </Button>
          )}
        </Group>
      )}
      {s && <StabilityFigures s={s} />}
    </Card>
  );
}

function StabilityFigures({ s }: { s: Stability }) {
  const lv = `${Math.round(s.level * 100)}%`;
  const drivers = s.drivers;
  const figure = useCallback(
    (t: ChartTheme) => {
      const ys = drivers.map((d) => `${escapeHtml(d.name)}${d.changed ? ' <b>(changed)</b>' : ''}`);
      const trace = (name: string, pick: (d: Stability['drivers'][number]) => { weight: number; ci: [number, number] }, color: string): Data =>
        ({
          type: 'bar',
          orientation: 'h',
          name,
          y: ys,
          x: drivers.map((d) => pick(d).weight),
          marker: { color, line: { width: 0 } },
          error_x: {
            type: 'data',
            symmetric: false,
            array: drivers.map((d) => Math.max(0, pick(d).ci[1] - pick(d).weight)),
            arrayminus: drivers.map((d) => Math.max(0, pick(d).weight - pick(d).ci[0])),
            color: t.text,
            thickness: 1.5,
            width: 4,
          },
          hovertemplate: `%{y}<br>${escapeHtml(name)}: %{x:.3f}<extra></extra>`,
        }) as Data;
      const data = [trace(s.reference, (d) => d.reference, t.dark ? '#9AA1AD' : '#8A94A6'), trace(s.current, (d) => d.current, t.accent)];
      const max = Math.max(0.01, maxOf(drivers.flatMap((d) => [d.reference.ci[1], d.current.ci[1]])));
      return {
        data,
        layout: {
          barmode: 'group',
          bargap: 0.3,
          margin: { l: 16, r: 24, t: 8, b: 52 },
          legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
          xaxis: { range: [0, max * 1.1], title: { text: `Raw relative weight with ${lv} bootstrap interval`, font: { size: 13, color: t.muted } }, fixedrange: true },
          yaxis: { autorange: 'reversed', type: 'category', tickfont: { size: 14, color: t.text }, gridcolor: 'rgba(0,0,0,0)', fixedrange: true },
        } as Partial<Layout>,
      };
    },
    [drivers, s.reference, s.current, lv],
  );
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
  return (
    <div className="cxw-nps-stack" style={{ marginTop: 'var(--mantine-spacing-md)' }}>
      <Text fw={500} size="lg" aria-label="What changed between the waves" data-testid="stability-sentence">
        {s.sentence}
      </Text>
      <PlotlyChart
        title={`Driver weights: “${s.reference}” and “${s.current}”`}
        exportName={`${s.current} vs ${s.reference} driver weights`}
        figure={figure}
        height={Math.max(260, 110 + drivers.length * 64)}
        table={stabilityTable(s)}
        summary={stabilitySummary(s)}
        caption={`Bars: each driver's raw relative weight in each wave (the weights add up to that wave's R²); whiskers: ${lv} bootstrap intervals. “Changed”: the ${lv} interval of the difference excludes 0 (${s.method}).`}
      />
      <Table.ScrollContainer minWidth={560} type="native">
        <Table verticalSpacing="xs" aria-label="Driver weights in both waves" className="cxw-nps-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Driver</Table.Th>
              <Table.Th ta="right">{s.reference}</Table.Th>
              <Table.Th ta="right">{s.current}</Table.Th>
              <Table.Th ta="right">
                Difference
                <Text size="xs" c="dimmed" fw={500}>
                  {lv} CI
                </Text>
              </Table.Th>
              <Table.Th>Changed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {drivers.map((d) => (
              <Table.Tr key={d.name}>
                <Table.Td fw={600}>{d.name}</Table.Td>
                <Table.Td ta="right" className="cxw-tabular">
                  {d.reference.weight.toFixed(3)}
                  <Text size="xs" c="dimmed">
                    {d.reference.ci[0].toFixed(3)} – {d.reference.ci[1].toFixed(3)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="cxw-tabular">
                  {d.current.weight.toFixed(3)}
                  <Text size="xs" c="dimmed">
                    {d.current.ci[0].toFixed(3)} – {d.current.ci[1].toFixed(3)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="cxw-tabular" data-cell="difference">
                  {signed(d.difference)}
                  <Text size="xs" c="dimmed">
                    {signed(d.differenceCi[0])} – {signed(d.differenceCi[1])}
                  </Text>
                </Table.Td>
                <Table.Td data-cell="changed">{d.changed ? (d.difference > 0 ? 'Yes, gained' : 'Yes, lost') : 'No'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Caption>
            n = {s.referenceN.toLocaleString('en-US')} in “{s.reference}”, {s.currentN.toLocaleString('en-US')} in “{s.current}”; {s.pairs.toLocaleString('en-US')} pairs of resamples.
            {s.notCompared.length ? ` Not compared (weighed in one wave only): ${s.notCompared.join(', ')}.` : ''}
          </Table.Caption>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
