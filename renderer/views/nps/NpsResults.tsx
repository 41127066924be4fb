// One NPS analysis: the headline NPS with its interval and n (big, for the projector), the 0–10 distribution, the
// promoter/passive/detractor mix, and with a grouping the NPS by group (dots and whiskers, significance against
// the reference, small groups flagged), the overall test in words and the table; with a period, the trend.
import { Alert, Badge, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { NpsGroup, NpsResult } from '../../../shared/nps';
import { NpsGroupsChart, NpsMixChart, NpsTrendChart, ScoreDistributionChart } from '../../charts/NpsCharts';
import { formatNps, formatNps1, formatNpsCi, formatP, levelLabel, mixShares } from '../../charts/nps-figures';
import { formatCount } from '../../lib/format';
import { formatNpsCi1, referenceNote } from './model';
import { Card, GroupCells, TestCard, Warnings } from './parts';

export function NpsResults({ result }: { result: NpsResult }) {
  const s = result.spec;
  const name = s.dataset;
  const by = s.segmentation ? 'segment' : (s.by ?? null);
  const groups = by ? result.groups : [];
  const mixRows = [{ label: 'All answers', summary: result.overall }, ...groups.filter((g) => g.n > 0).map((g) => ({ label: g.group, summary: g }))];
  return (
    <div className="cxw-nps-result">
      <Title order={2} className="cxw-nps-title">
        NPS in “{name}”
      </Title>
      <Text c="dimmed" size="md" mt={2}>
        {describe(result)}
      </Text>

      <div className="cxw-nps-stack">
        {result.mappingNote && (
          <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} />} py="xs" className="cxw-nps-narrow" aria-label="Score mapping">
            <Text size="sm">{result.mappingNote}</Text>
          </Alert>
        )}
        <Warnings warnings={result.warnings} />

        <div className="cxw-nps-two">
          <Headline result={result} />
          <Card>
            <ScoreDistributionChart distribution={result.distribution} name={name} mapped={Boolean(s.mapping)} />
          </Card>
        </div>

        {by && groups.length > 0 && (
          <>
            <Card>
              <NpsGroupsChart
                groups={groups}
                reference={result.reference}
                referenceNote={referenceNote(result)}
                overall={result.overall}
                level={result.level}
                minN={result.minN}
                by={by}
                name={name}
              />
            </Card>
            {result.test && <TestCard test={result.test} title={result.test.kind === 'two-groups' ? 'Do the two groups differ?' : 'Do the groups differ?'} alpha={1 - result.level} />}
            <Card>
              <Text fw={650} size="lg" mb="sm">
                NPS by {by}
              </Text>
              <GroupsTable result={result} />
            </Card>
          </>
        )}

        <Card>
          <NpsMixChart rows={mixRows} name={name} />
        </Card>

        {result.trend && (
          <Card>
            {result.trend.length > 0 ? (
              <NpsTrendChart trend={result.trend} level={result.level} minN={result.minN} unit={s.periodUnit ?? 'month'} name={name} />
            ) : (
              <Text c="dimmed">No answer has a date in “{s.period}”, so there is no trend to draw.</Text>
            )}
          </Card>
        )}
      </div>
    </div>
  );
}

function describe(r: NpsResult): string {
  const s = r.spec;
  const parts = [`score ${s.score}`];
  if (s.by) parts.push(`by ${s.by}`);
  if (s.segmentation) parts.push(`by the segments of “${s.segmentation}”`);
  if (s.period) parts.push(`per ${s.periodUnit ?? 'month'} of ${s.period}`);
  parts.push(`${levelLabel(r.level)} intervals`);
  if (s.by || s.segmentation) parts.push(`groups under ${formatCount(r.minN)} answers flagged`);
  if (r.missing) parts.push(`${formatCount(r.missing)} rows without a score left out`);
  return parts.join(' · ');
}

function Headline({ result }: { result: NpsResult }) {
  const o = result.overall;
  const mix = mixShares(o);
  // A rescaled rating gives a net score on its own scale, not an NPS (the mapping note says so too).
  const m = result.spec.mapping;
  const eyebrow = m?.kind === 'rescale' && !(m.from[0] === 0 && m.from[1] === 10) ? `Net score of a ${m.from[0]}–${m.from[1]} rating` : 'Net Promoter Score';
  return (
    <div className="cxw-nps-headline" role="group" aria-label="Overall NPS">
      <Text size="sm" fw={600} c="dimmed" tt="uppercase" className="cxw-eyebrow">
        {eyebrow}
      </Text>
      <div className="cxw-nps-big cxw-tabular" data-sign={o.nps === null ? 'none' : o.nps >= 0 ? 'pos' : 'neg'}>
        {formatNps(o.nps)}
      </div>
      <Text size="xl" fw={600} className="cxw-tabular">
        {levelLabel(result.level)} CI {formatNpsCi(o.ci)}
      </Text>
      <Text size="xl" className="cxw-tabular">
        n = {formatCount(o.n)}
      </Text>
      <div className="cxw-nps-mix-words cxw-tabular">
        <span data-cat="promoter">{Math.round(mix.promoter)}% promoters</span>
        <span data-cat="passive">{Math.round(mix.passive)}% passives</span>
        <span data-cat="detractor">{Math.round(mix.detractor)}% detractors</span>
      </div>
    </div>
  );
}

function GroupsTable({ result }: { result: NpsResult }) {
  const ref = result.reference;
  return (
    <Table verticalSpacing="xs" aria-label="NPS by group" className="cxw-nps-table" highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Group</Table.Th>
          <Table.Th ta="right">n</Table.Th>
          <Table.Th ta="right">NPS</Table.Th>
          <Table.Th ta="right">{levelLabel(result.level)} CI</Table.Th>
          <Table.Th ta="right">vs {ref ? `“${ref}”` : 'reference'}</Table.Th>
          <Table.Th ta="right">p</Table.Th>
          <Table.Th ta="right">Adjusted p</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {result.groups.map((g) => (
          <GroupRow key={g.group} g={g} isRef={g.group === ref} minN={result.minN} />
        ))}
      </Table.Tbody>
      <Table.Caption>
        Differences are this group's NPS minus the reference's{ref ? ` (“${ref}”, ${referenceNote(result)})` : ''}, with a z test; adjusted p: Holm over all comparisons with the reference. NPS to one decimal here; the charts round to whole points.
      </Table.Caption>
    </Table>
  );
}

function GroupRow({ g, isRef, minN }: { g: NpsGroup; isRef: boolean; minN: number }) {
  const v = g.vsReference;
  return (
    <Table.Tr data-small={g.small || undefined}>
      <GroupCells
        g={g}
        minN={minN}
        bold={isRef}
        badge={
          isRef && (
            <Badge variant="outline" color="gray" radius="sm" size="sm">
              reference
            </Badge>
          )
        }
      />
      <Table.Td ta="right" className="cxw-tabular" fw={v?.significant ? 700 : undefined}>
        {v ? `${formatNps1(v.difference)} (${formatNpsCi1(v.ci)})` : '—'}
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular">
        {v ? formatP(v.pValue) : '—'}
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular" fw={v?.significant ? 700 : undefined}>
        {v ? `${formatP(v.pAdjusted)}${v.significant ? ' *' : ''}` : '—'}
      </Table.Td>
    </Table.Tr>
  );
}
