// A saved segmentation: header (name, k, rows, how it was computed, fit metrics; export, score, delete) and the Segments | Charts |
// Review queue tabs. Card edits and reassignments go straight to the services and are saved in the workspace.
import { useCallback, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Tabs, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChartDots3, IconInfoCircle, IconLayoutGrid, IconTargetArrow, IconTrash, IconUserQuestion } from '@tabler/icons-react';
import type { SegmentCard, SegmentationResult, SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { formatCount, formatDateTime, formatStat } from '../../lib/format';
import { SegmentCardView } from './SegmentCardView';
import { KSweepChart, ProfileHeatmap, ProjectionScatter, SizeBars } from './charts';
import { ReviewQueue } from './ReviewQueue';
import { ExportAssignmentsButton } from './ExportAssignmentsButton';
import { ScoreDialog } from './ScoreDialog';

export type ResultTab = 'segments' | 'charts' | 'review';

interface Props {
  result: SegmentationResult;
  tab: ResultTab;
  onTab: (tab: ResultTab) => void;
  onChanged: (result: SegmentationResult) => void;
  onReload: () => void;
  onDelete: () => void;
  /** A dataset was scored into this segmentation: open the new one. */
  onScored: (scored: SegmentationSummary) => void;
}

const METRIC_HELP = {
  silhouette:
    'How well each customer fits its own segment compared with the nearest other one, from −1 to 1. Above 0.5: clear groups; 0.25–0.5: reasonable; below 0.25: weak structure.',
  ch: 'Calinski–Harabasz: spread between segments relative to spread within them. Higher is better; compare only across k on the same data.',
  db: 'Davies–Bouldin: how much each segment resembles its closest neighbour. Lower is better; 0 would be perfectly separated.',
  inertia: 'Sum of squared distances from customers to their segment centre (prepared units). Lower is tighter, and it always falls as k grows.',
};

export function ResultView({ result, tab, onTab, onChanged, onReload, onDelete, onScored }: Props) {
  const client = useClient();
  const toasts = useToasts();
  const [methodOpen, setMethodOpen] = useState(false);
  const [scoring, setScoring] = useState(false);
  const lowConfidence = result.segments.reduce((s, c) => s + c.lowConfidence, 0);

  const save = useCallback(
    async (index: number, patch: { name?: string; persona?: string }) => {
      try {
        const card: SegmentCard = await client.invoke('segment.update', { segmentation: result.name, index, ...patch });
        onChanged({ ...result, segments: result.segments.map((s) => (s.index === index ? card : s)) });
        return true;
      } catch (err) {
        toasts.error(err, 'The segment was not updated');
        return false;
      }
    },
    [client, result, onChanged, toasts],
  );

  const imputed = Object.entries(result.imputed ?? {}).filter(([, n]) => n > 0);
  const cards = [...result.segments].sort((a, b) => a.index - b.index);

  return (
    <div className="cxw-seg-result">
      <div className="cxw-seg-result-head">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div className="cxw-min0">
            <Title order={2} className="cxw-seg-title">
              {result.name}
            </Title>
          </div>
          <Group gap="xs" wrap="nowrap" className="cxw-seg-result-actions">
            <ExportAssignmentsButton segmentation={result.name} />
            <Button variant="default" leftSection={<IconTargetArrow size={16} />} onClick={() => setScoring(true)}>
              Score another dataset
            </Button>
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
              Delete
            </Button>
          </Group>
        </Group>
        {/* Below the title row, full width: beside the actions it would wrap into a narrow column. */}
        <Text c="dimmed" size="md" mt={2}>
          <span className="cxw-tabular">{result.k}</span> segments of <span className="cxw-tabular">{formatCount(result.rows)}</span> customers
          from “{result.dataset}”
          {result.excludedRows > 0 ? ` · ${formatCount(result.excludedRows)} rows with missing values left out` : ''} · {formatDateTime(result.createdAt)}
        </Text>
        <ScoreDialog
          result={result}
          opened={scoring}
          onClose={() => setScoring(false)}
          onScored={(s) => {
            setScoring(false);
            onScored(s);
          }}
        />

        {(result.warnings ?? []).length > 0 && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} py="xs" mt="sm" aria-label="Warnings about this run">
            {result.warnings.map((w, i) => (
              <Text size="sm" key={i}>
                {w}
              </Text>
            ))}
          </Alert>
        )}

        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mt="md">
          <Metric label="Silhouette" value={formatStat(round(result.silhouette, 3))} help={METRIC_HELP.silhouette} sub={sampleText(result)} />
          <Metric label="Calinski–Harabasz" value={formatStat(round(result.calinskiHarabasz, 1))} help={METRIC_HELP.ch} sub="higher is better" />
          <Metric label="Davies–Bouldin" value={formatStat(round(result.daviesBouldin, 3))} help={METRIC_HELP.db} sub="lower is better" />
          <Metric label="Inertia" value={formatStat(round(result.inertia, 1))} help={METRIC_HELP.inertia} sub="lower is tighter" />
        </SimpleGrid>

        <div className="cxw-seg-method-box">
          <Text size="sm" lineClamp={methodOpen ? undefined : 2}>
            <Text span fw={650} size="sm">
              How this was computed:{' '}
            </Text>
            {result.method}
            {imputed.length > 0 ? ` Missing values filled in: ${imputed.map(([f, n]) => `${f} ${formatCount(n)}`).join(', ')}.` : ''}
          </Text>
          <UnstyledButton className="cxw-seg-method-toggle" onClick={() => setMethodOpen((o) => !o)} aria-expanded={methodOpen}>
            {methodOpen ? 'Show less' : 'Show the full method'}
          </UnstyledButton>
        </div>
      </div>

      <Tabs value={tab} onChange={(v) => v && onTab(v as ResultTab)} keepMounted={false} className="cxw-seg-tabs">
        <Tabs.List>
          <Tabs.Tab value="segments" leftSection={<IconLayoutGrid size={16} />}>
            Segments
          </Tabs.Tab>
          <Tabs.Tab value="charts" leftSection={<IconChartDots3 size={16} />}>
            Charts
          </Tabs.Tab>
          <Tabs.Tab
            value="review"
            leftSection={<IconUserQuestion size={16} />}
            rightSection={
              lowConfidence > 0 ? (
                <Badge size="sm" variant="light" color="orange" aria-hidden="true">
                  {formatCount(lowConfidence)}
                </Badge>
              ) : null
            }
          >
            Review queue
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="segments" pt="lg">
          <div className="cxw-seg-cards">
            {cards.map((card) => (
              <SegmentCardView key={card.index} card={card} onSave={save} />
            ))}
          </div>
        </Tabs.Panel>

        <Tabs.Panel value="charts" pt="lg">
          <div className="cxw-seg-charts">
            <Paper withBorder radius="md" p="lg" className="cxw-seg-chart-wide">
              <ProjectionScatter projection={result.projection} segments={cards} totalRows={result.rows} name={result.name} />
            </Paper>
            <Paper withBorder radius="md" p="lg" className="cxw-seg-chart-wide">
              <ProfileHeatmap features={result.heatmapFeatures} z={result.heatmap} segments={cards} name={result.name} />
            </Paper>
            <Paper withBorder radius="md" p="lg" className="cxw-seg-chart-wide">
              <SizeBars segments={cards} name={result.name} />
            </Paper>
            {result.kScores && result.kScores.length > 0 && (
              <Paper withBorder radius="md" p="lg" className="cxw-seg-chart-wide">
                <KSweepChart scores={result.kScores} recommendation={result.recommendation} name={result.name} />
              </Paper>
            )}
          </div>
        </Tabs.Panel>

        <Tabs.Panel value="review" pt="lg">
          <ReviewQueue result={result} onReassigned={onReload} />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}

function Metric({ label, value, help, sub }: { label: string; value: string; help: string; sub: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" className="cxw-seg-metric">
      <Group gap={6} wrap="nowrap">
        <Text size="sm" c="dimmed" fw={600}>
          {label}
        </Text>
        <Tooltip label={help} multiline w={300}>
          <span className="cxw-seg-help" tabIndex={0} role="img" aria-label={`About ${label}: ${help}`}>
            <IconInfoCircle size={15} />
          </span>
        </Tooltip>
      </Group>
      <Text className="cxw-seg-metric-value cxw-tabular">{value}</Text>
      <Text size="xs" c="dimmed">
        {sub}
      </Text>
    </Paper>
  );
}

function sampleText(r: SegmentationResult): string {
  if (r.silhouetteSampleSize > 0 && r.silhouetteSampleSize < r.rows) return `on a sample of ${formatCount(r.silhouetteSampleSize)}`;
  return `on all ${formatCount(r.rows)} customers`;
}

function round(v: number, digits: number): number {
  if (!Number.isFinite(v)) return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
