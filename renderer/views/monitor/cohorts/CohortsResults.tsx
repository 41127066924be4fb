// The Cohorts result: the plain-language summary with the key figures, the measure to show (retention, repeat
// purchase, revenue, NPS) and, with a split, the group; the cohort × period heatmap and the retention curves.
import { useState } from 'react';
import { Group, NativeSelect, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { CohortsResult } from '../../../../shared/monitor-cohorts';
import { formatCount } from '../../../lib/format';
import { Warnings } from '../../nps/parts';
import { CohortHeatmap, RetentionCurves } from './CohortCharts';
import { groupsOf, MEASURE_LABELS, MEASURE_SHORT, measuresOf, rowsOfGroup, type Measure } from './figures';

export function CohortsResults({ result }: { result: CohortsResult }) {
  const measures = measuresOf(result);
  const groups = groupsOf(result);
  const [measureState, setMeasure] = useState<Measure>('retention');
  const [groupState, setGroup] = useState<string | null>(groups[0] ?? null);
  const measure = measures.includes(measureState) ? measureState : 'retention';
  const group = groups.includes(groupState) ? groupState : (groups[0] ?? null);
  const rows = rowsOfGroup(result, group);
  const splitName = result.split ? (result.split.kind === 'segmentation' ? `segment of “${result.split.name}”` : result.split.name) : null;
  const title = `${MEASURE_LABELS[measure]} by ${result.unit}ly cohort${splitName ? ` — ${splitName} ${group}` : ''}`;
  return (
    <Stack gap="lg" className="cxw-cohorts">
      <Paper withBorder radius="md" p="lg" aria-label="Summary" role="group">
        <Title order={2} size="h3">
          {result.summary}
        </Title>
        <Group gap="xl" mt="md">
          <Figure label="Customers" value={formatCount(result.customers)} />
          <Figure label={`${result.unit[0].toUpperCase()}${result.unit.slice(1)}ly cohorts`} value={formatCount(result.cohorts.length)} />
          <Figure label="Events" value={formatCount(result.events)} />
          <Figure label="Observed" value={`${result.firstDay} to ${result.observedThrough}`} />
          <Figure label="Single-event customers" value={formatCount(result.oneEventCustomers)} />
        </Group>
        <Text size="sm" c="dimmed" mt="sm">
          A customer’s cohort is the {result.unit} of their first event ({result.periodDefinition}). Retention in {result.unit} p: share of the cohort with an event in that{' '}
          {result.unit}; {result.unit} 0 is 100% by definition.
        </Text>
      </Paper>
      <Warnings warnings={result.warnings} />
      <Group gap="lg" align="end" wrap="wrap">
        <div>
          <Text size="sm" fw={500} id="cohorts-measure-label">
            Show
          </Text>
          <SegmentedControl aria-labelledby="cohorts-measure-label" value={measure} onChange={(v) => setMeasure(v as Measure)} data={measures.map((m) => ({ value: m, label: MEASURE_SHORT[m] }))} mt={4} />
        </div>
        {result.split && (
          <NativeSelect
            label={`Cohorts of ${splitName}`}
            value={String(group)}
            onChange={(e) => setGroup(groups.find((g) => String(g) === e.currentTarget.value) ?? null)}
            data={result.groups.map((g) => ({ value: String(g.group), label: `${g.group} (${formatCount(g.size)} customers)` }))}
            w={260}
          />
        )}
      </Group>
      <CohortHeatmap result={result} rows={rows} measure={measure} title={title} />
      <RetentionCurves result={result} />
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {value}
      </Text>
    </div>
  );
}
