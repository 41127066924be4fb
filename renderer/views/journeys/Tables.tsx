// The Journeys view's tables: path variants (as step chips with arrows), steps, every transition, stages (NPS,
// channels, time to the next stage) and the ranked pain points with their explanation.
import { Fragment } from 'react';
import { Badge, Paper, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { JourneyResult, JourneyStage, JourneyStep, JourneyTransition, JourneyVariant, MeanCi, PainPoint } from '../../../shared/journeys';
import { segmentColor } from '../../charts/palette';
import { formatCount, formatPct } from '../../lib/format';
import { formatDuration, stageIndexOfStep } from './figures';
import { formatNps, formatNpsCi } from '../../charts/nps-figures';
import { maxOf } from '../../../shared/extent';

export function meanCiText(m: MeanCi | null): string {
  if (!m || m.n === 0) return '—';
  return m.ci ? `${m.mean.toFixed(2)} (${m.ci[0].toFixed(2)}–${m.ci[1].toFixed(2)})` : `${m.mean.toFixed(2)}`;
}

export function StepChip({ step, stageIndex }: { step: string; stageIndex: number | undefined }) {
  return (
    <span className="cxw-jny-chip" style={{ ['--chip-color' as string]: stageIndex === undefined ? 'var(--cxw-border-strong)' : segmentColor(stageIndex) }}>
      {step}
    </span>
  );
}

export function VariantsTable({ variants, total, stages }: { variants: JourneyVariant[]; total: number; stages: JourneyStage[] }) {
  const stageOf = stageIndexOfStep(stages);
  const widest = Math.max(maxOf(variants.map((v) => v.share)), 0.0001);
  return (
    <Table verticalSpacing="sm" aria-label="Path variants" className="cxw-jny-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={48}>#</Table.Th>
          <Table.Th>Path</Table.Th>
          <Table.Th ta="right" w={120}>
            Journeys
          </Table.Th>
          <Table.Th w={200}>Share</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {variants.map((v, i) => (
          <Table.Tr key={i}>
            <Table.Td className="cxw-tabular" c="dimmed">
              {i + 1}
            </Table.Td>
            <Table.Td>
              <div className="cxw-jny-path" aria-label={v.path.join(' then ')}>
                {v.path.map((s, j) => (
                  <Fragment key={j}>
                    {j > 0 && <IconArrowRight size={14} className="cxw-jny-arrow" aria-hidden="true" />}
                    <StepChip step={s} stageIndex={stageOf.get(s)} />
                  </Fragment>
                ))}
              </div>
            </Table.Td>
            <Table.Td ta="right" className="cxw-tabular" fw={600}>
              {formatCount(v.customers)}
            </Table.Td>
            <Table.Td>
              <div className="cxw-jny-share">
                <div className="cxw-jny-share-bar">
                  <div style={{ width: `${(v.share / widest) * 100}%` }} />
                </div>
                <Text size="sm" className="cxw-tabular">
                  {formatPct(v.share * 100)}
                </Text>
              </div>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {total > variants.length && (
        <Table.Caption>
          The {formatCount(variants.length)} most common of {formatCount(total)} distinct paths.
        </Table.Caption>
      )}
    </Table>
  );
}

export function StepsTable({ steps, stages }: { steps: JourneyStep[]; stages: JourneyStage[] }) {
  const stageOf = stageIndexOfStep(stages);
  const order = new Map(stages.flatMap((s) => s.steps).map((s, i) => [s, i]));
  const rows = [...steps].sort((a, b) => (order.get(a.step) ?? 1e9) - (order.get(b.step) ?? 1e9));
  const anySat = steps.some((s) => s.satisfaction && s.satisfaction.n > 0);
  return (
    <Table verticalSpacing="xs" aria-label="Steps" className="cxw-jny-table" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Step</Table.Th>
          <Table.Th>Stage</Table.Th>
          <Table.Th ta="right">Journeys</Table.Th>
          <Table.Th ta="right">Events</Table.Th>
          <Table.Th ta="right">Median position</Table.Th>
          {anySat && <Table.Th ta="right">Satisfaction (95% CI)</Table.Th>}
          {anySat && <Table.Th ta="right">Ratings</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((s) => (
          <Table.Tr key={s.step}>
            <Table.Td>
              <StepChip step={s.step} stageIndex={stageOf.get(s.step)} />
            </Table.Td>
            <Table.Td>{s.stage}</Table.Td>
            <Table.Td ta="right" className="cxw-tabular">
              {formatCount(s.customers)}
            </Table.Td>
            <Table.Td ta="right" className="cxw-tabular">
              {formatCount(s.events)}
            </Table.Td>
            <Table.Td ta="right" className="cxw-tabular">
              {s.medianPosition + 1}
            </Table.Td>
            {anySat && (
              <Table.Td ta="right" className="cxw-tabular">
                {meanCiText(s.satisfaction)}
              </Table.Td>
            )}
            {anySat && (
              <Table.Td ta="right" className="cxw-tabular">
                {s.satisfaction ? formatCount(s.satisfaction.n) : '0'}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Caption>Median position: where the step typically falls in a journey (1 = first event). It orders the stages unless you set the order.</Table.Caption>
    </Table>
  );
}

export function TransitionsTable({ transitions }: { transitions: JourneyTransition[] }) {
  const rows = [...transitions].sort((a, b) => b.customers - a.customers || b.events - a.events);
  return (
    <Table verticalSpacing="xs" aria-label="Transitions" className="cxw-jny-table" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>From</Table.Th>
          <Table.Th>To</Table.Th>
          <Table.Th ta="right">Journeys</Table.Th>
          <Table.Th ta="right">Times</Table.Th>
          <Table.Th ta="right">Median gap</Table.Th>
          <Table.Th ta="right">90% within</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((t) => (
          <Table.Tr key={`${t.from}\u0000${t.to}`}>
            <Table.Td>{t.from}</Table.Td>
            <Table.Td>
              {t.to}
              {t.from === t.to && (
                <Badge ml={8} size="sm" variant="light" color="gray">
                  repeat
                </Badge>
              )}
            </Table.Td>
            <Table.Td ta="right" className="cxw-tabular">
              {formatCount(t.customers)}
            </Table.Td>
            <Table.Td ta="right" className="cxw-tabular">
              {formatCount(t.events)}
            </Table.Td>
            <Table.Td ta="right" className="cxw-tabular">
              {formatDuration(t.medianSeconds)}
            </Table.Td>
            <Table.Td ta="right" className="cxw-tabular">
              {formatDuration(t.p90Seconds)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Stages with NPS (when an NPS column was chosen), channels and the median time to the next stage. */
export function StagesTable({ result }: { result: JourneyResult }) {
  const anyNps = result.stages.some((s) => s.nps);
  const anyChannel = result.stages.some((s) => s.channels.length > 0);
  return (
    <Table verticalSpacing="xs" aria-label="Stages" className="cxw-jny-table" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Stage</Table.Th>
          <Table.Th ta="right">Journeys</Table.Th>
          <Table.Th ta="right">Satisfaction (95% CI)</Table.Th>
          {anyNps && <Table.Th ta="right">NPS (95% CI)</Table.Th>}
          {anyNps && <Table.Th ta="right">Answers</Table.Th>}
          {anyChannel && <Table.Th>Channels</Table.Th>}
          <Table.Th ta="right">Median time to next funnel stage</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.stages.map((s, i) => {
          const total = s.channels.reduce((a, c) => a + c.events, 0);
          return (
            <Table.Tr key={s.stage}>
              <Table.Td>
                <span className="cxw-jny-dot" style={{ background: segmentColor(i) }} aria-hidden="true" />
                {s.stage}
                {!s.inFunnel && (
                  <Badge ml={8} size="sm" variant="light" color="orange">
                    side step
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                {formatCount(s.customers)}
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                {meanCiText(s.satisfaction)}
              </Table.Td>
              {anyNps && (
                <Table.Td ta="right" className="cxw-tabular">
                  {s.nps ? `${formatNps(s.nps.nps)} (${formatNpsCi(s.nps.ci)})` : '—'}
                </Table.Td>
              )}
              {anyNps && (
                <Table.Td ta="right" className="cxw-tabular">
                  {s.nps ? formatCount(s.nps.n) : '0'}
                </Table.Td>
              )}
              {anyChannel && (
                <Table.Td>
                  <Text size="sm">
                    {s.channels
                      .slice(0, 3)
                      .map((c) => `${c.channel} ${formatPct((c.events / (total || 1)) * 100)}`)
                      .join(' · ')}
                  </Text>
                </Table.Td>
              )}
              <Table.Td ta="right" className="cxw-tabular">
                {s.medianSecondsToNext === null ? '—' : formatDuration(s.medianSecondsToNext)}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

export function PainPoints({ points, scale }: { points: PainPoint[]; scale: [number, number] | null }) {
  if (points.length === 0) {
    return (
      <Text c="dimmed" size="lg">
        No pain points: no stage loses journeys{scale ? '' : ' (add a satisfaction column to weigh drop-off by how customers felt)'}.
      </Text>
    );
  }
  const worst = Math.max(maxOf(points.map((p) => p.score)), 1e-9);
  return (
    <ol className="cxw-jny-pains" aria-label="Pain points">
      {points.map((p, i) => (
        <li key={p.stage}>
          <Paper withBorder radius="md" p="md" className="cxw-jny-pain" data-top={i === 0 ? 'true' : undefined}>
            <div className="cxw-jny-pain-rank" aria-hidden="true">
              {i + 1}
            </div>
            <div className="cxw-min0">
              <Text fw={700} size="xl" className="cxw-jny-pain-stage">
                {p.stage}
              </Text>
              <Text size="md" mt={4}>
                {p.explanation}
              </Text>
              <div className="cxw-jny-pain-facts">
                <span>
                  <b className="cxw-tabular">{formatPct(p.dropOffRate * 100)}</b> drop-off
                </span>
                <span>
                  satisfaction <b className="cxw-tabular">{p.meanSatisfaction === null ? '—' : p.meanSatisfaction.toFixed(2)}</b>
                  {scale ? ` of ${scale[0]}–${scale[1]}` : ''}
                </span>
                <span>
                  score <b className="cxw-tabular">{p.score.toFixed(3)}</b>
                </span>
              </div>
              <div className="cxw-jny-pain-bar" aria-hidden="true">
                <div style={{ width: `${(p.score / worst) * 100}%` }} />
              </div>
            </div>
          </Paper>
        </li>
      ))}
    </ol>
  );
}
