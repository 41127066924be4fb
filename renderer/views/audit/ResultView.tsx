// One audit: the headline (what was audited, rows, exclusions, flags), the executive summary, the verdicts, the
// warnings, then tabs — groups (a table per attribute), disparities (chart, Fairlearn summary, table), calibration,
// proxies and representation — and the CSV export.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Switch, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconChartDots, IconGridDots, IconInfoCircle, IconTable, IconTarget, IconUsersGroup } from '@tabler/icons-react';
import type { AuditMetric, AuditResult, Disparity } from '../../../shared/audit';
import { DEFAULT_MIN_GROUP_SIZE, disparityReliable } from '../../../shared/audit-gaps';
import { CalibrationChart, DisparityChart, ProxyHeatmap } from '../../charts/AuditCharts';
import { calibrationAttributes } from '../../charts/audit-figures';
import { formatCount } from '../../lib/format';
import { ExportAuditButton } from './ExportAuditButton';
import { GroupTable } from './GroupTable';
import { DisparityTable, FairlearnSummary, ProxyList, RepresentationPanel, flaggedCount } from './SummaryTables';
import { ExecutiveSummary, VerdictCards } from './Verdicts';
import {
  MAIN_METRICS,
  METRIC_LABELS,
  MORE_METRICS,
  attributesOf,
  describeAudit,
  disparitiesOf,
  disparityMetrics,
  groupsOf,
  hasLabel,
  isIntersection,
  keyMetric,
  pct,
} from './results';

export type AuditTab = 'groups' | 'disparities' | 'calibration' | 'proxies' | 'representation';

export function ResultView({ result, tab, onTab }: { result: AuditResult; tab: AuditTab; onTab: (tab: AuditTab) => void }) {
  const spec = result.spec;
  const attributes = attributesOf(result);
  const labelled = hasLabel(result);
  const calibration = result.calibration && result.calibration.length ? result.calibration : null;
  const representation = result.representation && result.representation.length ? result.representation : null;
  const shownTab = (tab === 'calibration' && !calibration) || (tab === 'representation' && !representation) ? 'groups' : tab;
  const what = spec.score !== undefined ? `${spec.score} ≥ ${spec.threshold}` : (spec.decision ?? '');
  const flagged = flaggedCount(result);
  const small = result.groups.filter((g) => g.small).length;

  return (
    <div className="cxw-aud-result">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <div className="cxw-min0">
          <Title order={2} className="cxw-aud-title">
            Fairness audit of {what} in “{spec.dataset}”
          </Title>
          <Text c="dimmed" size="md" mt={2}>
            {describeAudit(result)}
          </Text>
        </div>
        <ExportAuditButton result={result} />
      </Group>

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mt="md">
        <Metric label="Rows audited" value={formatCount(result.rows)} sub={result.decisionNote} />
        <Metric
          label="Rows left out"
          value={formatCount(result.excludedRows)}
          sub={result.excludedRows ? `missing decision${spec.label ? ' or label' : ''}${spec.missing === 'exclude' ? ' or group' : ''}` : 'every row was usable'}
          help="Rows without a decision (or score), without a label when one is audited, or — when missing groups are excluded — without a protected value."
        />
        <Metric label="Groups" value={formatCount(result.groups.length)} sub={groupsSub(attributes, small)} />
        <Metric
          label="Flagged"
          value={formatCount(flagged)}
          sub={`of ${formatCount(result.disparities.length)} group comparisons`}
          help={`A comparison is flagged when it lies outside the 0.8–1.25 ratio band and is significant after the adjustment: ${result.adjustment}`}
          alarm={flagged > 0}
        />
      </SimpleGrid>

      <div className="cxw-aud-stack">
        <ExecutiveSummary text={result.executiveSummary} />
        {result.warnings.length > 0 && <Warnings warnings={result.warnings} />}
        <VerdictCards result={result} />
      </div>

      <Tabs value={shownTab} onChange={(v) => v && onTab(v as AuditTab)} keepMounted={false} className="cxw-aud-tabs">
        <Tabs.List>
          <Tabs.Tab value="groups" leftSection={<IconUsersGroup size={16} />}>
            Groups
          </Tabs.Tab>
          <Tabs.Tab value="disparities" leftSection={<IconChartDots size={16} />}>
            Disparities
          </Tabs.Tab>
          {calibration && (
            <Tabs.Tab value="calibration" leftSection={<IconTarget size={16} />}>
              Calibration
            </Tabs.Tab>
          )}
          <Tabs.Tab value="proxies" leftSection={<IconGridDots size={16} />}>
            Proxies
          </Tabs.Tab>
          {representation && (
            <Tabs.Tab value="representation" leftSection={<IconTable size={16} />}>
              Representation
            </Tabs.Tab>
          )}
        </Tabs.List>

        <Tabs.Panel value="groups" pt="lg">
          <GroupsPanel result={result} attributes={attributes} labelled={labelled} />
        </Tabs.Panel>
        <Tabs.Panel value="disparities" pt="lg">
          <DisparitiesPanel result={result} attributes={attributes} labelled={labelled} />
        </Tabs.Panel>
        {calibration && (
          <Tabs.Panel value="calibration" pt="lg">
            <CalibrationPanel result={result} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="proxies" pt="lg">
          <div className="cxw-aud-charts">
            {result.proxies.length > 0 ? (
              <Card>
                <ProxyHeatmap proxies={result.proxies} attributes={spec.protected} threshold={spec.proxyThreshold ?? 0.3} name={spec.dataset} />
              </Card>
            ) : (
              <Text c="dimmed" size="lg">
                No features or segmentations were checked as proxies.
              </Text>
            )}
            <Card>
              <Text fw={650} size="lg" mb="sm">
                What the flagged proxies mean
              </Text>
              <ProxyList proxies={result.proxies} threshold={spec.proxyThreshold ?? 0.3} />
            </Card>
          </div>
        </Tabs.Panel>
        {representation && (
          <Tabs.Panel value="representation" pt="lg">
            <RepresentationPanel checks={representation} />
          </Tabs.Panel>
        )}
      </Tabs>
    </div>
  );
}

function GroupsPanel({ result, attributes, labelled }: { result: AuditResult; attributes: string[]; labelled: boolean }) {
  const [all, setAll] = useState(false);
  const metrics = all ? [...MAIN_METRICS, ...MORE_METRICS] : MAIN_METRICS;
  return (
    <div className="cxw-aud-charts">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={820}>
          Each rate with its counts (numerator / denominator) and 95% Wilson interval. A rate with no one in its denominator is <i>undefined</i>, not 0; one
          over fewer than {result.spec.minGroupSize ?? 30} people is greyed (<i>too few people</i>) and left out of the verdicts.
          {labelled ? '' : ' Without a label only the selection rate can be measured.'}
        </Text>
        {labelled && <Switch label="All metrics" className="cxw-aud-nowrap-switch" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />}
      </Group>
      {attributes.map((a) => (
        <Card key={a}>
          <Text fw={650} size="lg" mb="xs">
            {isIntersection(a) ? `Intersection: ${a}` : a}
          </Text>
          <GroupTable attribute={a} groups={groupsOf(result, a)} metrics={metrics} minGroupSize={result.spec.minGroupSize ?? 30} />
        </Card>
      ))}
    </div>
  );
}

function DisparitiesPanel({ result, attributes, labelled }: { result: AuditResult; attributes: string[]; labelled: boolean }) {
  const metrics = disparityMetrics(result);
  const [metric, setMetric] = useState<AuditMetric>(() => keyMetric(result));
  // One attribute at a time: all of them with their intersections is ~60 rows, taller than any screen.
  const [attribute, setAttribute] = useState<string>(attributes[0] ?? '');
  const shownMetric = metrics.includes(metric) ? metric : keyMetric(result);
  const chosen = attributes.includes(attribute) ? [attribute] : attributes.slice(0, 1);
  const label = METRIC_LABELS[shownMetric].long;
  const rateOf = (a: string, g: string) => result.groups.find((x) => x.attribute === a && x.group === g)?.[shownMetric]?.value ?? null;
  const byKey = new Map(result.groups.map((g) => [`${g.attribute}\u0000${g.group}`, g]));
  const reliable = (d: Disparity) => disparityReliable(d, byKey, result.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE);
  const controls = (
    <Group gap="sm" mb="sm" className="cxw-aud-toolbar">
      <NativeSelect
        label="Metric"
        value={shownMetric}
        onChange={(e) => setMetric(e.currentTarget.value as AuditMetric)}
        data={metrics.map((m) => ({ value: m, label: METRIC_LABELS[m].long }))}
      />
      <NativeSelect
        label="Attribute"
        value={chosen[0] ?? ''}
        onChange={(e) => setAttribute(e.currentTarget.value)}
        data={attributes.map((a) => ({ value: a, label: a }))}
      />
    </Group>
  );
  if (metrics.length === 0) {
    return (
      <Text c="dimmed" size="lg">
        No group could be compared with its reference group (every rate was undefined).
      </Text>
    );
  }
  return (
    <div className="cxw-aud-charts">
      <Card>
        {controls}
        <DisparityChart result={result} metric={shownMetric} metricLabel={label} attributes={chosen} />
      </Card>
      <Card>
        <Text fw={650} size="lg" mb="sm">
          Summary by attribute
        </Text>
        <FairlearnSummary summary={result.summary} hasLabel={labelled} />
      </Card>
      <Card>
        <Text fw={650} size="lg" mb={2}>
          {label}: each group against its reference
        </Text>
        <Text size="sm" c="dimmed" mb="sm">
          {result.adjustment}
        </Text>
        <DisparityTable disparities={chosen.flatMap((a) => disparitiesOf(result, shownMetric, a))} rateOf={rateOf} metricLabel={label} reliable={reliable} />
      </Card>
    </div>
  );
}

function CalibrationPanel({ result }: { result: AuditResult }) {
  const bins = result.calibration ?? [];
  const attributes = calibrationAttributes(bins);
  const [attribute, setAttribute] = useState(attributes[0] ?? '');
  const shown = attributes.includes(attribute) ? attribute : (attributes[0] ?? '');
  const select =
    attributes.length > 1 ? (
      <NativeSelect size="xs" aria-label="Calibration attribute" value={shown} onChange={(e) => setAttribute(e.currentTarget.value)} data={attributes} />
    ) : undefined;
  // The groups' mean score and observed rate overall, so the gap reads without the chart.
  const rows = result.groups
    .filter((g) => g.attribute === shown)
    .map((g) => {
      const own = bins.filter((b) => b.attribute === shown && b.group === g.group);
      const n = own.reduce((a, b) => a + b.n, 0);
      const meanScore = n ? own.reduce((a, b) => a + b.meanScore * b.n, 0) / n : null;
      return { group: g.group, n, meanScore, observed: g.baseRate?.value ?? null };
    });
  return (
    <div className="cxw-aud-charts">
      <Card>
        <CalibrationChart bins={bins} attribute={shown} name={result.spec.dataset} actions={select} />
      </Card>
      <Card>
        <Text fw={650} size="lg" mb="sm">
          Mean score and observed rate by {shown}
        </Text>
        <div className="cxw-aud-calib-facts">
          {rows.map((r) => (
            <div key={r.group}>
              <Text fw={650}>{r.group}</Text>
              <Text size="sm" c="dimmed" className="cxw-tabular">
                mean score {r.meanScore === null ? '—' : r.meanScore.toFixed(3)} · observed {r.observed === null ? 'undefined' : pct(r.observed)} · n {formatCount(r.n)}
              </Text>
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}

/** The run's notes: the first in full, the others behind a toggle so the verdicts and tabs stay in view. */
function Warnings({ warnings }: { warnings: string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? warnings : warnings.slice(0, 1);
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} py="xs" aria-label="Warnings" className="cxw-aud-alert">
      <ul className="cxw-aud-warnings" data-single={warnings.length === 1 || undefined}>
        {shown.map((w, i) => (
          <li key={i}>
            <Text size="sm">{w}</Text>
          </li>
        ))}
      </ul>
      {warnings.length > 1 && (
        <Button variant="subtle" color="yellow.9" size="compact-sm" mt={2} onClick={() => setAll((a) => !a)}>
          {all ? 'Show the first note only' : `Show ${warnings.length - 1} more note${warnings.length === 2 ? '' : 's'}`}
        </Button>
      )}
    </Alert>
  );
}

function groupsSub(attributes: string[], small: number): string {
  const plain = attributes.filter((a) => !isIntersection(a)).length;
  const crossed = attributes.length - plain;
  const parts = [`${plain} ${plain === 1 ? 'attribute' : 'attributes'}${crossed ? ` + ${crossed === 1 ? 'intersection' : `${crossed} intersections`}` : ''}`];
  if (small) parts.push(`${small} small`);
  return parts.join(' · ');
}

function Card({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="lg" className="cxw-aud-card">
      {children}
    </Paper>
  );
}

function Metric({ label, value, sub, help, alarm }: { label: string; value: string; sub: string; help?: string; alarm?: boolean }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" className="cxw-aud-metric" data-alarm={alarm || undefined}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" c="dimmed" fw={600} truncate>
          {label}
        </Text>
        {help && (
          <Tooltip label={help} multiline w={320}>
            <span className="cxw-aud-help" tabIndex={0} role="img" aria-label={`About ${label}: ${help}`}>
              <IconInfoCircle size={15} />
            </span>
          </Tooltip>
        )}
      </Group>
      <Text className="cxw-aud-metric-value cxw-tabular">{value}</Text>
      <Text size="xs" c="dimmed" lineClamp={2} title={sub}>
        {sub}
      </Text>
    </Paper>
  );
}
