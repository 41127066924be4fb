// The result of an experiment: the verdict in plain words (or the sample-ratio alert that withholds it, with its
// acknowledge button), each arm's estimate with its interval, the comparison with the control, CUPED, effects by
// segment with the heterogeneity caution, and the sample-ratio check's numbers.
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertOctagon } from '@tabler/icons-react';
import type { ExperimentResult } from '../../../../shared/monitor-experiment';
import { formatP, pPhrase } from '../../../charts/nps-figures';
import { formatCount } from '../../../lib/format';
import { Warnings } from '../../nps/parts';
import { ArmsChart } from './ArmsChart';
import { SegmentsChart } from './SegmentsChart';
import { formatDiff, formatEstimate, formatLift, formatRange, verdictColor } from './figures';

const STATUS_LABEL = { better: 'Worked', worse: 'Made it worse', 'no-difference': 'No clear difference', mixed: 'Mixed', withheld: 'Verdict withheld' } as const;

export function ExperimentResults({ result: r, onAcknowledge, busy }: { result: ExperimentResult; onAcknowledge: () => void; busy: boolean }) {
  const withheld = r.verdict.status === 'withheld';
  const multiple = r.comparisons.length > 1;
  return (
    <Stack gap="lg">
      {withheld ? (
        <Alert color="red" variant="light" icon={<IconAlertOctagon size={22} />} title={
            // A heading, so focus lands here when the run ends (the alert leads the result).
            <Title order={3} size="h5">
              Sample-ratio mismatch: the verdict is withheld
            </Title>
          }
          role="alert" aria-label="Sample-ratio mismatch">
          <Text size="md">{r.verdict.sentences[0]}</Text>
          <Text size="sm" mt="xs">
            Check how customers were assigned and logged (a bot filter, a redirect that lost some, a late start in one arm) before trusting any comparison.
          </Text>
          <Button mt="sm" color="red" variant="filled" onClick={onAcknowledge} disabled={busy}>
            I have looked into it: show the verdict
          </Button>
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="lg" role="region" aria-label="Verdict">
          <Group gap="sm" mb="xs">
            <Badge size="lg" color={verdictColor(r.verdict.status)} variant="light">
              {STATUS_LABEL[r.verdict.status]}
            </Badge>
            <Title order={3} size="h4">
              {r.verdict.headline}
            </Title>
          </Group>
          {r.verdict.sentences.map((s, i) => (
            <Text key={i} size="md" mt={4}>
              {s}
            </Text>
          ))}
        </Paper>
      )}
      <Warnings warnings={r.warnings} />
      <ArmsChart result={r} />
      {!withheld && r.comparisons.length > 0 && (
        <Paper withBorder radius="md" p="lg">
          <Title order={3} size="h5" mb="xs">
            Against the control “{r.control}”
          </Title>
          <Table.ScrollContainer minWidth={640}>
            <Table striped aria-label="Comparison with the control">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Arm</Table.Th>
                  <Table.Th ta="right">Difference</Table.Th>
                  <Table.Th ta="right">{Math.round(100 * r.level)}% CI</Table.Th>
                  <Table.Th ta="right">Relative lift (CI)</Table.Th>
                  <Table.Th ta="right">{multiple ? 'p (Holm)' : 'p'}</Table.Th>
                  <Table.Th>Call</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.comparisons.map((c) => (
                  <Table.Tr key={c.arm}>
                    <Table.Td fw={600}>{c.arm}</Table.Td>
                    <Table.Td ta="right">{formatDiff(r.kind, c.difference)}</Table.Td>
                    <Table.Td ta="right">{formatRange(r.kind, c.ci)}</Table.Td>
                    <Table.Td ta="right">{formatLift(c)}</Table.Td>
                    <Table.Td ta="right" title={multiple ? `unadjusted p = ${formatP(c.pValue)}` : undefined}>
                      {formatP(multiple ? c.pValueAdjusted : c.pValue)}
                    </Table.Td>
                    <Table.Td>{c.significant ? (c.difference > 0 ? 'higher' : 'lower') : 'no clear difference'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" c="dimmed" mt="xs">
            {r.comparisons[0].method}. Relative lift: difference ÷ control, interval by the delta method.{multiple ? ' p-values Holm-adjusted across the comparisons.' : ''}
          </Text>
        </Paper>
      )}
      {r.cuped && (
        <Text size="sm">
          CUPED on “{r.cuped.covariate}” (θ = {r.cuped.theta.toPrecision(4)}) removed {(100 * r.cuped.varianceReduction).toFixed(1)}% of the outcome’s variance; the estimates above are adjusted.
        </Text>
      )}
      {r.segments && !withheld && (
        <Paper withBorder radius="md" p="lg" role="region" aria-label="Effects by segment">
          <Title order={3} size="h5" mb="xs">
            Effects by {r.segments.by} <Badge variant="outline" color="gray" ml={6}>exploratory</Badge>
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label={`Effects by ${r.segments.by}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Segment</Table.Th>
                  {r.arms.map((a) => (
                    <Table.Th key={a.arm} ta="right">
                      {a.arm} (n)
                    </Table.Th>
                  ))}
                  {r.comparisons.map((c) => (
                    <Table.Th key={c.arm} ta="right">
                      {c.arm} − {r.control} (CI)
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.segments.rows.map((s) => (
                  <Table.Tr key={s.segment}>
                    <Table.Td fw={600}>{s.segment}</Table.Td>
                    {s.arms.map((a) => (
                      <Table.Td key={a.arm} ta="right">
                        {formatEstimate(r.kind, a.estimate)} ({formatCount(a.n)})
                      </Table.Td>
                    ))}
                    {s.comparisons.map((c) => (
                      <Table.Td key={c.arm} ta="right">
                        {formatDiff(r.kind, c.difference)} ({formatRange(r.kind, c.ci)}){c.tested ? '' : ' · few rows'}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <SegmentsChart result={r} />
          {r.segments.heterogeneity.map((h) => (
            <Text key={h.arm} size="sm" mt="xs">
              Does “{h.arm}”’s effect differ between segments? Cochran’s Q = {h.q.toFixed(2)} on {h.df} df, {pPhrase(h.pValue)}, I² = {(100 * h.iSquared).toFixed(0)}%.
            </Text>
          ))}
          <Text size="sm" c="dimmed" mt="xs">
            {r.segments.note}
          </Text>
        </Paper>
      )}
      <Text size="sm" c="dimmed" aria-label="Sample-ratio check">
        Sample-ratio check against the {r.srm.splitSource === 'given' ? 'planned' : 'equal (default)'} split ({r.srm.arms.map((a) => `${a.arm} ${formatCount(a.observed)} of ${formatCount(Math.round(a.expected))} expected`).join(', ')}): χ² ={' '}
        {r.srm.statistic.toFixed(2)}, {pPhrase(r.srm.pValue)}
        {r.srm.flagged ? ` — mismatch (alarm at p < ${r.srm.threshold})${r.srm.acknowledged ? ', acknowledged' : ''}` : ' — no mismatch'}.
      </Text>
    </Stack>
  );
}
