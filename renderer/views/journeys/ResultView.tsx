// One journey analysis: a headline (journeys, events, skipped events, the order rule in words, warnings) and tabs —
// flow (funnel + Sankey), pain points, satisfaction, time between steps, paths and steps, compare by group.
import { useMemo, type ReactNode } from 'react';
import { Alert, Button, Group, Paper, SimpleGrid, Tabs, Text, Title, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsSplit2,
  IconCalendar,
  IconClockHour4,
  IconFlame,
  IconInfoCircle,
  IconMoodSmile,
  IconRoute,
  IconTable,
} from '@tabler/icons-react';
import type { JourneyResult } from '../../../shared/journeys';
import { formatCount, formatPct } from '../../lib/format';
import { FunnelChart, TransitionSankey } from './FlowCharts';
import { SatisfactionCurve, TimingBoxes } from './MeasureCharts';
import { GroupedFunnel, GroupedSatisfaction, colorGroups } from './CompareCharts';
import { PainPoints, StagesTable, StepsTable, TransitionsTable, VariantsTable } from './Tables';
import { SideStepNotes, type AutoSideSteps } from './SideStepNotes';

export type JourneyTab = 'flow' | 'pains' | 'satisfaction' | 'time' | 'paths' | 'compare';

interface Props {
  result: JourneyResult;
  tab: JourneyTab;
  onTab: (tab: JourneyTab) => void;
  /** Re-run with day precision (offered when the services warn about date-only steps under exact order). */
  onDayPrecision?: () => void;
  /** Side steps the first run left out of the funnel (with Undo), else null. */
  autoSideSteps?: AutoSideSteps | null;
  onUndoSideSteps?: () => void;
  /** Leave these steps out of the funnel and run again (the suggestion's one click). */
  onLeaveOut?: (steps: string[]) => void;
  busy?: boolean;
}

export function ResultView({ result, tab, onTab, onDayPrecision, autoSideSteps = null, onUndoSideSteps, onLeaveOut, busy = false }: Props) {
  const spec = result.spec;
  const name = spec.dataset;
  const last = result.funnel[result.funnel.length - 1];
  const compareBy = spec.compareBy;
  const groups = result.groups && compareBy ? colorGroups(result.groups, result.segments, compareBy) : null;
  const shownTab = tab === 'compare' && !groups ? 'flow' : tab;
  const suggestsDay = spec.precision !== 'day' && result.warnings.some((w) => /precision\W+day/i.test(w));
  // Memoised: the grouped satisfaction chart redraws when its inputs change identity.
  const sideSteps = useMemo(() => result.stages.filter((s) => !s.inFunnel).map((s) => s.stage), [result.stages]);

  return (
    <div className="cxw-jny-result">
      <Title order={2} className="cxw-jny-title">
        Journeys in “{spec.dataset}”
      </Title>
      <Text c="dimmed" size="md" mt={2}>
        {describeSpec(result)}
      </Text>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mt="md">
        <Metric label="Journeys" value={formatCount(result.customers)} sub={`distinct ${spec.customer} values`} />
        <Metric label="Events" value={formatCount(result.events)} sub={`${(result.events / Math.max(1, result.customers)).toFixed(1)} per journey`} />
        <Metric
          label="Skipped events"
          value={formatCount(result.skippedEvents)}
          sub={result.skippedEvents ? 'missing id, time or step' : 'every event was usable'}
          help="Events without a journey id, a timestamp or a step cannot be placed in a journey; they are not counted anywhere else."
        />
        <Metric
          label="Reached the end"
          value={last ? formatPct(last.conversion * 100) : '—'}
          sub={last ? `${formatCount(last.customers)} journeys reached ${last.stage}` : ''}
          help={`Journeys that went through every funnel stage in the stage order, up to the last one, as a share of those that started.${sideSteps.length ? ' Side steps are not funnel stages.' : ''}`}
        />
      </SimpleGrid>

      {onLeaveOut && onUndoSideSteps && <SideStepNotes result={result} auto={autoSideSteps} busy={busy} onUndo={onUndoSideSteps} onLeaveOut={onLeaveOut} />}

      <div className="cxw-jny-note">
        <Text size="sm">
          <Text span fw={650} size="sm">
            Order of events:{' '}
          </Text>
          {result.orderNote}
        </Text>
      </div>
      {result.warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} mt="sm" py="xs" aria-label="Warnings" className="cxw-jny-alert">
          {result.warnings.length === 1 ? (
            <Text size="sm">{result.warnings[0]}</Text>
          ) : (
            <ul className="cxw-jny-warnings">
              {result.warnings.map((w, i) => (
                <li key={i}>
                  <Text size="sm">{w}</Text>
                </li>
              ))}
            </ul>
          )}
          {suggestsDay && onDayPrecision && (
            <Button variant="light" color="yellow" size="compact-sm" mt={8} leftSection={<IconCalendar size={15} />} onClick={onDayPrecision}>
              Compare dates only and run again
            </Button>
          )}
        </Alert>
      )}

      <Tabs value={shownTab} onChange={(v) => v && onTab(v as JourneyTab)} keepMounted={false} className="cxw-jny-tabs">
        <Tabs.List>
          <Tabs.Tab value="flow" leftSection={<IconRoute size={16} />}>
            Flow
          </Tabs.Tab>
          <Tabs.Tab value="pains" leftSection={<IconFlame size={16} />}>
            Pain points
          </Tabs.Tab>
          <Tabs.Tab value="satisfaction" leftSection={<IconMoodSmile size={16} />}>
            Satisfaction
          </Tabs.Tab>
          <Tabs.Tab value="time" leftSection={<IconClockHour4 size={16} />}>
            Time
          </Tabs.Tab>
          <Tabs.Tab value="paths" leftSection={<IconTable size={16} />}>
            Paths
          </Tabs.Tab>
          {groups && (
            <Tabs.Tab value="compare" leftSection={<IconArrowsSplit2 size={16} />}>
              Compare
            </Tabs.Tab>
          )}
        </Tabs.List>

        <Tabs.Panel value="flow" pt="lg">
          <div className="cxw-jny-charts">
            <Card>
              <FunnelChart funnel={result.funnel} sideSteps={sideSteps} name={name} />
            </Card>
            <Card>
              <TransitionSankey journeys={result.customers} transitions={result.transitions} stages={result.stages} steps={result.steps} name={name} />
            </Card>
          </div>
        </Tabs.Panel>

        <Tabs.Panel value="pains" pt="lg">
          <Text c="dimmed" size="sm" mb="md" maw={900}>
            Stages ranked by drop-off weighted by dissatisfaction: score = drop-off rate × (1 − mean satisfaction on a 0–1 scale). The worst first.
            {sideSteps.length > 0 ? ` Side steps (${sideSteps.join(', ')}) are not ranked: outside the funnel they have no drop-off of their own.` : ''}
          </Text>
          <PainPoints points={result.painPoints} scale={result.satisfactionScale} />
        </Tabs.Panel>

        <Tabs.Panel value="satisfaction" pt="lg">
          <div className="cxw-jny-charts">
            {result.satisfactionScale ? (
              <Card>
                <SatisfactionCurve stages={result.stages} scale={result.satisfactionScale} name={name} />
              </Card>
            ) : (
              <Text c="dimmed" size="lg">
                Choose a satisfaction column in the set-up to see how customers feel along the journey.
              </Text>
            )}
            <Card>
              <Text fw={650} size="lg" mb="sm">
                Stages{result.stages.some((s) => s.nps) ? ': satisfaction and NPS' : ''}
              </Text>
              <StagesTable result={result} />
            </Card>
          </div>
        </Tabs.Panel>

        <Tabs.Panel value="time" pt="lg">
          <div className="cxw-jny-charts">
            {result.timing.length > 0 ? (
              <Card>
                <TimingBoxes timing={result.timing} stages={result.stages} name={name} />
              </Card>
            ) : (
              <Text c="dimmed" size="lg">
                No journey has two events in a row, so there are no gaps to measure.
              </Text>
            )}
          </div>
        </Tabs.Panel>

        <Tabs.Panel value="paths" pt="lg">
          <div className="cxw-jny-charts">
            <Card>
              <Text fw={650} size="lg" mb="sm">
                Most common paths
              </Text>
              <VariantsTable variants={result.variants} total={result.variantCount} stages={result.stages} />
            </Card>
            <Card>
              <Text fw={650} size="lg" mb="sm">
                Steps
              </Text>
              <StepsTable steps={result.steps} stages={result.stages} />
            </Card>
            <Card>
              <Text fw={650} size="lg" mb="sm">
                Transitions (every directly-follows pair)
              </Text>
              <TransitionsTable transitions={result.transitions} />
            </Card>
          </div>
        </Tabs.Panel>

        {groups && compareBy && (
          <Tabs.Panel value="compare" pt="lg">
            <div className="cxw-jny-charts">
              <Card>
                <GroupedFunnel groups={groups} by={compareBy} name={name} />
              </Card>
              {result.satisfactionScale && (
                <Card>
                  <GroupedSatisfaction groups={groups} by={compareBy} scale={result.satisfactionScale} name={name} sideSteps={sideSteps} />
                </Card>
              )}
            </div>
          </Tabs.Panel>
        )}
      </Tabs>
    </div>
  );
}

function Card({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" className="cxw-jny-card">
      {children}
    </Paper>
  );
}

function Metric({ label, value, sub, help }: { label: string; value: string; sub: string; help?: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" className="cxw-jny-metric">
      {/* The label wraps rather than being cut: four cards share a 1366-pixel screen beside the set-up panel. */}
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" fw={600} miw={0}>
          {label}
        </Text>
        {help && (
          <Tooltip label={help} multiline w={300}>
            <span className="cxw-jny-help" tabIndex={0} role="img" aria-label={`About ${label}: ${help}`}>
              <IconInfoCircle size={15} />
            </span>
          </Tooltip>
        )}
      </Group>
      <Text className="cxw-jny-metric-value cxw-tabular">{value}</Text>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {sub}
      </Text>
    </Paper>
  );
}

/** The spec in one line: journey id, step, time and precision, filters, the segmentation joined. */
export function describeSpec(r: JourneyResult): string {
  const s = r.spec;
  const parts = [`one journey per ${s.customer}`, `steps from ${s.step}`, `ordered by ${s.time}${s.precision === 'day' ? ' (day precision)' : ''}`];
  if (s.segmentation) {
    const names = s.filter?.segments?.map((i) => r.segments?.find((x) => x.index === i)?.name ?? `Segment ${i + 1}`);
    parts.push(names?.length ? `segments ${names.join(', ')} of “${s.segmentation}”` : `joined with “${s.segmentation}”`);
    if (r.unmatchedCustomers > 0) parts.push(`${formatCount(r.unmatchedCustomers)} journeys not in that segmentation`);
  }
  if (s.filter?.channels?.length) parts.push(`channels ${s.filter.channels.join(', ')}`);
  return parts.join(' · ');
}
