// What changed between two waves: status lights ("Data drift", "NPS") with their thresholds, the summary in plain
// words, the columns sortable by drift with a drill-down into each (the two distributions side by side), what was
// left out and why, and the NPS change beside its change at the reference wave's mix.
import { useMemo, useState } from 'react';
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { DriftColumn, DriftResult } from '../../../../shared/monitor-drift';
import { PlotlyChart } from '../../../charts/PlotlyChart';
import { Warnings } from '../../nps/parts';
import { binsFigure, binsSummary, binsTable, mixFigure, mixSummary, mixTable, npsChangeFigure, npsChangeSummary, npsChangeTable } from './figures';
import { lights, type Light } from './lights';

type SortKey = 'name' | 'distance' | 'p' | 'psi' | 'missing';
const num = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');
const pText = (v: number) => (v < 0.001 ? '< 0.001' : v.toFixed(3));
const LIGHT_COLOR: Record<Light['level'], string> = { green: 'teal', amber: 'yellow', red: 'red', none: 'gray' };

function StatusLight({ light }: { light: Light }) {
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-label={`${light.area}: ${light.word}`}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <span className={`cxw-waves-light cxw-waves-light-${light.level}`} aria-hidden="true" />
        <div>
          <Group gap="xs">
            <Text fw={700}>{light.area}</Text>
            <Badge color={LIGHT_COLOR[light.level]} variant="light">
              {light.word}
            </Badge>
          </Group>
          <Text size="sm" mt={4}>
            {light.detail}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {light.thresholds}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

function sortValue(c: DriftColumn, key: SortKey, tests: boolean): number | string {
  switch (key) {
    case 'name':
      return c.name;
    case 'distance':
      return c.distance;
    case 'p':
      return tests ? c.adjustedPValue : c.pValue;
    case 'psi':
      return c.psi;
    case 'missing':
      return Math.abs(c.missingChange);
  }
}

export function WavesResults({ result }: { result: DriftResult }) {
  const tests = result.judgedBy === 'tests';
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'distance', desc: true });
  const rows = useMemo(() => {
    const out = [...result.columns].sort((a, b) => {
      const x = sortValue(a, sort.key, tests);
      const y = sortValue(b, sort.key, tests);
      const cmp = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
      return sort.desc ? -cmp : cmp;
    });
    return out;
  }, [result.columns, sort, tests]);
  const [picked, setPicked] = useState<string | null>(null);
  const shown = result.columns.find((c) => c.name === picked) ?? [...result.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted) || b.distance - a.distance)[0];
  const status = lights(result);
  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const Icon = !active ? IconArrowsSort : sort.desc ? IconSortDescending : IconSortAscending;
    return (
      <Table.Th aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <UnstyledButton onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'name' && key !== 'p' })} className="cxw-waves-sort">
          <Group gap={4} wrap="nowrap">
            {label}
            <Icon size={14} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <Stack gap="lg" className="cxw-waves-results">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {status.map((l) => (
          <StatusLight key={l.area} light={l} />
        ))}
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" aria-label="Summary" role="group">
        <Title order={4}>
          {result.reference.label} → {result.current.label}
        </Title>
        <Text mt={4}>{result.verdict}</Text>
        {result.nps && <Text mt={4}>{result.nps.verdict}</Text>}
      </Paper>
      <Warnings warnings={result.warnings} />

      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="xs">
          Columns, by drift
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing={6} aria-label="Columns compared between the waves" className="cxw-waves-table">
            <Table.Thead>
              <Table.Tr>
                {header('name', 'Column')}
                {header('p', tests ? 'p (BH)' : 'p')}
                {header('distance', 'Distance')}
                {header('psi', 'PSI')}
                {header('missing', 'Missing Δ')}
                <Table.Th>Drifted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.name} aria-selected={c.name === shown?.name} className={c.name === shown?.name ? 'cxw-waves-picked' : undefined}>
                  <Table.Td>
                    <UnstyledButton onClick={() => setPicked(c.name)} className="cxw-waves-name" aria-label={`Show ${c.name}`}>
                      {c.name}
                    </UnstyledButton>
                    <Text size="xs" c="dimmed">
                      {c.type === 'numeric' ? 'numbers · KS' : `categories · χ², df ${c.df}`}
                      {c.newCategories.length ? ` · new: ${c.newCategories.join(', ')}` : ''}
                      {c.vanishedCategories.length ? ` · gone: ${c.vanishedCategories.join(', ')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td className="cxw-waves-num">{pText(tests ? c.adjustedPValue : c.pValue)}</Table.Td>
                  <Table.Td className="cxw-waves-num">
                    {num(c.distance)} <Text span size="xs" c="dimmed">{c.distanceKind === 'wasserstein' ? 'W' : 'JS'}</Text>
                  </Table.Td>
                  <Table.Td className="cxw-waves-num">
                    {num(c.psi)} <Text span size="xs" c="dimmed">{c.psiBand}</Text>
                  </Table.Td>
                  <Table.Td className="cxw-waves-num">{`${c.missingChange >= 0 ? '+' : '\u2212'}${Math.abs(c.missingChange * 100).toFixed(1)} pt`}</Table.Td>
                  <Table.Td>{c.drifted ? <Badge color="red">yes</Badge> : <Text size="sm" c="dimmed">no</Text>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {result.skipped.length > 0 && (
          <Text size="sm" c="dimmed" mt="sm">
            Not compared: {result.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.
          </Text>
        )}
      </Paper>

      {shown && (
        <PlotlyChart
          title={`${shown.name}: reference vs current wave`}
          figure={(t) => binsFigure(shown, t)}
          height={320}
          table={binsTable(shown)}
          summary={binsSummary(shown)}
        />
      )}

      {result.nps && result.nps.mix && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <PlotlyChart title="NPS change: raw and at the reference mix" figure={(t) => npsChangeFigure(result.nps!, t)} height={280} table={npsChangeTable(result.nps)} summary={npsChangeSummary(result.nps)} />
          <PlotlyChart title={`Mix of ${result.nps.mix} in each wave`} figure={(t) => mixFigure(result.nps!, t)} height={280} table={mixTable(result.nps)} summary={mixSummary(result.nps)} />
        </SimpleGrid>
      )}
    </Stack>
  );
}
