// One dataset: title and provenance, the last import's outcome, and the Profile | Data grid | Columns tabs.
import { Alert, Group, List, Tabs, Text, Title } from '@mantine/core';
import { IconChartBar, IconCircleCheck, IconColumns, IconTable } from '@tabler/icons-react';
import type { DatasetSummary, ImportResult } from '../../../shared/domain';
import { formatCount, formatDateTime } from '../../lib/format';
import { ProfileTab } from './profile/ProfileTab';
import { DataGrid } from './grid/DataGrid';
import { ColumnsTab } from './ColumnsTab';

export type DetailTab = 'profile' | 'grid' | 'columns';

interface Props {
  dataset: DatasetSummary;
  tab: DetailTab;
  onTab: (tab: DetailTab) => void;
  lastImport: ImportResult | null;
  onDismissImport: () => void;
}

export function DatasetDetail({ dataset, tab, onTab, lastImport, onDismissImport }: Props) {
  return (
    <div className="cxw-detail-inner">
      <div className="cxw-detail-head">
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <div className="cxw-min0">
            <Title order={2} size="h3" className="cxw-dataset-title">
              {dataset.name}
            </Title>
            <Text size="sm" c="dimmed" truncate>
              <span className="cxw-tabular">{formatCount(dataset.rows)}</span> rows ·{' '}
              <span className="cxw-tabular">{dataset.columns.length}</span> columns · from{' '}
              <span title={dataset.sourceFile}>{baseName(dataset.sourceFile)}</span> · imported {formatDateTime(dataset.importedAt)}
            </Text>
          </div>
        </Group>
        {lastImport && <ImportOutcome result={lastImport} onClose={onDismissImport} />}
      </div>
      <Tabs value={tab} onChange={(v) => v && onTab(v as DetailTab)} className="cxw-tabs" keepMounted={false}>
        <Tabs.List px="lg">
          <Tabs.Tab value="profile" leftSection={<IconChartBar size={15} />}>
            Profile
          </Tabs.Tab>
          <Tabs.Tab value="grid" leftSection={<IconTable size={15} />}>
            Data grid
          </Tabs.Tab>
          <Tabs.Tab value="columns" leftSection={<IconColumns size={15} />}>
            Columns
          </Tabs.Tab>
        </Tabs.List>
        {/* A scrolling panel takes focus so the keyboard can scroll it (its cards hold no focusable element). */}
        <Tabs.Panel value="profile" className="cxw-tab-panel cxw-scroll" tabIndex={0}>
          <ProfileTab dataset={dataset} />
        </Tabs.Panel>
        <Tabs.Panel value="grid" className="cxw-tab-panel">
          <DataGrid dataset={dataset} />
        </Tabs.Panel>
        <Tabs.Panel value="columns" className="cxw-tab-panel cxw-scroll">
          <ColumnsTab dataset={dataset} />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

function ImportOutcome({ result, onClose }: { result: ImportResult; onClose: () => void }) {
  const rejected = result.rejectedRows > 0;
  return (
    <Alert
      mt="sm"
      color={rejected || result.warnings.length ? 'yellow' : 'teal'}
      variant="light"
      icon={<IconCircleCheck size={18} />}
      withCloseButton
      onClose={onClose}
      closeButtonLabel="Dismiss import summary"
      title={`Imported ${formatCount(result.rows)} rows into “${result.dataset}”`}
      role="status"
    >
      <Text size="sm">
        {result.columns.length} columns · {result.seconds.toFixed(1)} s
        {rejected ? ` · ${formatCount(result.rejectedRows)} malformed rows skipped` : ' · no rows rejected'}
      </Text>
      {result.warnings.length > 0 && (
        <List size="sm" mt={4}>
          {result.warnings.slice(0, 8).map((w, i) => (
            <List.Item key={i}>{w}</List.Item>
          ))}
          {result.warnings.length > 8 && <List.Item>…and {result.warnings.length - 8} more</List.Item>}
        </List>
      )}
    </Alert>
  );
}
