// One key-driver analysis: R² (what the drivers explain together) and what the target means, the warnings
// (collinearity, small n, rows left out), each driver's share with its bootstrap interval and sign, the
// importance × performance quadrant, and the table with every number.
import { Badge, Table, Text, Title } from '@mantine/core';
import type { DriversResult, Quadrant } from '../../../shared/nps';
import { DriverWeightsChart, QuadrantChart } from '../../charts/DriverCharts';
import { againstOutcome, formatShare, levelLabel, QUADRANT_TITLES, signLabel } from '../../charts/nps-figures';
import { formatCount } from '../../lib/format';
import { Card, Metric, Warnings } from './parts';

const QUADRANT_COLORS: Record<Quadrant, string> = { 'improve first': 'orange', 'key strength': 'teal', maintain: 'indigo', 'low priority': 'gray' };

export function DriversResults({ result }: { result: DriversResult }) {
  const s = result.spec;
  const p = result.drivers.length;
  const logistic = result.model === 'logistic';
  const first = result.drivers.find((d) => d.quadrant === 'improve first');
  const filled = result.missing?.imputed ?? [];
  const filledCount = filled.reduce((sum, f) => sum + f.count, 0);
  const rowsNote = filledCount
    ? `${formatCount(filledCount)} blank driver value${filledCount === 1 ? '' : 's'} filled with the median (${filled.map((f) => `${f.driver} ${formatCount(f.count)}`).join(', ')})`
    : result.excludedRows
      ? `${formatCount(result.excludedRows)} left out: target or a driver missing`
      : 'every row was complete';
  return (
    <div className="cxw-nps-result">
      <Title order={2} className="cxw-nps-title">
        What drives {s.target}?
      </Title>
      <Text c="dimmed" size="md" mt={2}>
        “{s.dataset}” · {logistic ? 'logistic relative weights (Tonidandel & LeBreton)' : 'relative weights (Johnson)'} · {p} drivers ·{' '}
        {s.bootstrap === 0 ? 'no bootstrap' : `${formatCount(s.bootstrap ?? 500)} bootstrap resamples`}, {levelLabel(s.level ?? 0.95)} intervals
      </Text>

      <div className="cxw-nps-stack">
        <div className="cxw-nps-metrics">
          <Metric
            label={logistic ? 'Pseudo-R²' : 'R²'}
            value={result.r2.toFixed(3)}
            sub={`the ${p} drivers together explain ${Math.round(result.r2 * 100)}% ${logistic ? 'of the outcome (squared correlation of fitted and actual)' : `of the variance of ${s.target}`}`}
          />
          <Metric label="Rows used" value={formatCount(result.n)} sub={rowsNote} />
          <Metric label="Improve first" text value={first ? <BreakableName name={first.name} /> : '—'} sub={first ? `${formatShare(first.share)} of R², below-average performance` : 'no important driver performs below average'} />
        </div>
        <Text className="cxw-nps-note" aria-label="Target">
          <Text span fw={650}>
            Target:{' '}
          </Text>
          {result.targetNote}
        </Text>
        {result.direction && <DirectionNote result={result} />}
        <Warnings warnings={result.warnings} />

        <Card>
          <DriverWeightsChart result={result} name={s.dataset} />
        </Card>
        <Card>
          <QuadrantChart result={result} name={s.dataset} />
        </Card>
        <Card>
          <Text fw={650} size="lg" mb="sm">
            Drivers
          </Text>
          <DriversTable result={result} />
        </Card>
      </div>
    </div>
  );
}

function DriversTable({ result }: { result: DriversResult }) {
  const level = levelLabel(result.spec.level ?? 0.95);
  const worse = (result.direction?.direction ?? (result.spec.model === 'detractor' ? 'higher-is-worse' : '')) === 'higher-is-worse';
  // Six columns, each interval under its estimate, fit the card at 1366 px with the set-up open (about 700 px); on
  // anything narrower the table scrolls inside its card rather than cutting off the mean or the quadrant.
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table verticalSpacing="xs" aria-label="Key drivers" className="cxw-nps-table" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Driver</Table.Th>
            <Table.Th ta="right">
              Share of R²
              <Text size="xs" c="dimmed" fw={500}>
                {level} CI
              </Text>
            </Table.Th>
            <Table.Th ta="right">
              Raw weight
              <Text size="xs" c="dimmed" fw={500}>
                {level} CI
              </Text>
            </Table.Th>
            <Table.Th ta="right">Coefficient</Table.Th>
            <Table.Th ta="right">Mean</Table.Th>
            <Table.Th>Quadrant</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.drivers.map((d) => (
            <Table.Tr key={d.name}>
              <Table.Td fw={600}>
                <BreakableName name={d.name} />
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                <Text span fw={700} data-cell="share">
                  {formatShare(d.share)}
                </Text>
                <Text size="xs" c="dimmed" data-cell="share-ci">
                  {formatShare(d.shareCi[0])} – {formatShare(d.shareCi[1])}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                <Text span data-cell="weight">
                  {d.weight.toFixed(3)}
                </Text>
                <Text size="xs" c="dimmed" data-cell="weight-ci">
                  {d.ci[0].toFixed(3)} – {d.ci[1].toFixed(3)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular" title={d.effect}>
                <span className="cxw-nps-sign" data-against={againstOutcome(d.sign, worse)}>
                  {signLabel(d.sign)}
                </span>{' '}
                {Math.abs(d.coefficient).toFixed(3)}
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                {d.performance.toFixed(2)}
              </Table.Td>
              <Table.Td>
                {/* The whole label, never "Key stre…": the badge sets the column's width. */}
                <Badge variant="light" color={QUADRANT_COLORS[d.quadrant]} radius="sm" styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}>
                  {QUADRANT_TITLES[d.quadrant]}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Caption>
          Raw weights add up to R² ({result.r2.toFixed(3)}); the share is weight / R²; the range under each is its {level} bootstrap interval.
          Coefficient: the standardised coefficient of the full model, with its sign. Mean: the driver's average in its own units.
        </Table.Caption>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Which way is good, said first and plainly, with each driver's harmful side, so no sign is read backwards. */
function DirectionNote({ result }: { result: DriversResult }) {
  const worse = result.direction.direction === 'higher-is-worse';
  return (
    <div className="cxw-nps-direction" data-worse={worse || undefined} aria-label="Direction">
      <Text fw={650}>{result.direction.sentence}</Text>
      <ul className="cxw-nps-list">
        {result.drivers.map((d) => (
          <li key={d.name}>{d.effect}</li>
        ))}
      </ul>
    </div>
  );
}

/** A column name that may wrap after its underscores or dots (satisfaction_ / support), not mid-word. */
function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[_.])/);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}
