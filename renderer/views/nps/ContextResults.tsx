// The measurement-bias check: the services' summary (pasteable into a report), each flagged context as a callout in
// their plain words, each context's NPS against all other answers pooled (chart and table), the overall test.
import { Alert, Badge, Table, Text, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconCircleCheck } from '@tabler/icons-react';
import type { NpsContextResult, NpsGroup } from '../../../shared/nps';
import { ContextChart } from '../../charts/NpsCharts';
import { formatNps, formatNps1, formatP, levelLabel, npsHeadline } from '../../charts/nps-figures';
import { formatNpsCi1 } from './model';
import { Card, GroupCells, TestCard, Warnings } from './parts';

export function ContextResults({ result }: { result: NpsContextResult }) {
  const s = result.spec;
  const by = s.context ?? `days since ${s.delay?.stepValue ?? 'the event'}`;
  return (
    <div className="cxw-nps-result">
      <Title order={2} className="cxw-nps-title">
        Does NPS depend on how it was collected?
      </Title>
      <Text c="dimmed" size="md" mt={2}>
        “{s.dataset}” · score {s.score} · compared by {result.context} · overall NPS {npsHeadline(result.overall, result.level)}
      </Text>

      <div className="cxw-nps-stack">
        <Text className="cxw-nps-summary" aria-label="Summary">
          {result.summary}
        </Text>
        {result.flags.length > 0 ? (
          <div className="cxw-nps-flags" role="list" aria-label="Flagged contexts">
            {result.flags.map((f) => (
              <Alert
                key={f.group}
                role="listitem"
                color={f.direction === 'inflated' ? 'orange' : 'blue'}
                variant="light"
                icon={f.direction === 'inflated' ? <IconArrowUpRight size={22} /> : <IconArrowDownRight size={22} />}
                title={`${f.group}: ${formatNps(f.difference)} points ${f.direction === 'inflated' ? '(inflated)' : '(deflated)'}`}
                className="cxw-nps-flag"
              >
                <Text size="md">{f.sentence}</Text>
              </Alert>
            ))}
          </div>
        ) : (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} />} className="cxw-nps-narrow" title="No context stands out">
            <Text size="md">No context's NPS differs from all other answers pooled at the {levelLabel(result.level)} level after the Holm adjustment.</Text>
          </Alert>
        )}
        <Warnings warnings={result.warnings} />

        <Card>
          <ContextChart groups={result.groups} flags={result.flags} level={result.level} minN={result.minN} by={by} name={s.dataset} />
        </Card>
        {result.test && <TestCard test={result.test} title="Do the contexts differ overall?" alpha={1 - result.level} />}
        <Card>
          <Text fw={650} size="lg" mb="sm">
            Each context against the rest
          </Text>
          <ContextTable result={result} />
        </Card>
      </div>
    </div>
  );
}

function ContextTable({ result }: { result: NpsContextResult }) {
  const flagged = new Map(result.flags.map((f) => [f.group, f.direction]));
  return (
    <Table verticalSpacing="xs" aria-label="NPS by collection context" className="cxw-nps-table" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Context</Table.Th>
          <Table.Th ta="right">n</Table.Th>
          <Table.Th ta="right">NPS</Table.Th>
          <Table.Th ta="right">{levelLabel(result.level)} CI</Table.Th>
          <Table.Th ta="right">Rest</Table.Th>
          <Table.Th ta="right">Difference (CI)</Table.Th>
          <Table.Th ta="right">p</Table.Th>
          <Table.Th ta="right">Adjusted p</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.groups.map((g) => (
          <Row key={g.group} g={g} flag={flagged.get(g.group)} minN={result.minN} />
        ))}
      </Table.Tbody>
      <Table.Caption>Rest: NPS of all other answers pooled. Difference: this context minus the rest (z test); adjusted p: Holm over all contexts. NPS to one decimal here; the charts round to whole points.</Table.Caption>
    </Table>
  );
}

function Row({ g, flag, minN }: { g: NpsGroup; flag: 'inflated' | 'deflated' | undefined; minN: number }) {
  const v = g.vsReference;
  return (
    <Table.Tr>
      <GroupCells
        g={g}
        minN={minN}
        bold={!!flag}
        badge={
          flag && (
            <Badge variant="light" color={flag === 'inflated' ? 'orange' : 'blue'} radius="sm" size="sm">
              {flag}
            </Badge>
          )
        }
      />
      <Table.Td ta="right" className="cxw-tabular">
        {v && g.nps !== null ? formatNps1(g.nps - v.difference) : '—'}
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular" fw={flag ? 700 : undefined}>
        {v ? `${formatNps1(v.difference)} (${formatNpsCi1(v.ci)})` : '—'}
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular">
        {v ? formatP(v.pValue) : '—'}
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular" fw={flag ? 700 : undefined}>
        {v ? formatP(v.pAdjusted) : '—'}
      </Table.Td>
    </Table.Tr>
  );
}
