// One column's profile: type and role, missing and distinct counts, summary statistics, and its distribution.
import { Group, Paper, Text, Tooltip } from '@mantine/core';
import type { ColumnMeta, ColumnProfile } from '../../../../shared/domain';
import { formatCount, formatPct, formatStat, formatValue } from '../../../lib/format';
import { ROLE_LABELS, isNumericType } from '../../../lib/labels';
import { TypeBadge } from '../../../components/TypeBadge';
import { Histogram } from '../../../components/Histogram';
import { TopValues } from '../../../components/TopValues';
import { formatDateBounds, formatSummary, listableValues, MIN_LISTED_ROWS } from './cardFormat';

export function ColumnCard({ column: c, rows, meta }: { column: ColumnProfile; rows: number; meta?: ColumnMeta }) {
  const numeric = isNumericType(c.type);
  const dated = c.type === 'date' || c.type === 'datetime';
  const present = rows - c.missing;
  // Identifiers are labels, not quantities: no thousands separators, no mean or median.
  const isId = c.role === 'id';
  const allUnique = present > 1 && c.distinct === present;
  const bound = (v: number | string | null) => (isId && typeof v === 'number' ? String(v) : formatValue(v));
  const dateBounds = dated ? formatDateBounds(c.min, c.max) : null;
  const listed = c.topValues ? listableValues(c.topValues, c.type) : [];
  // Personal data never shows its values on a card (a facilitator may be sharing the screen); the service
  // already leaves them out of the profile, this also covers a role changed since the profile was read.
  const personal = c.role === 'pii' || meta?.piiAction === 'pseudonymize';
  return (
    <Paper withBorder radius="md" p="sm" className="cxw-col-card" component="article" aria-label={`Column ${c.name}`}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={6}>
        <Text fw={600} size="sm" truncate title={c.name}>
          {c.name}
        </Text>
        <TypeBadge type={c.type} />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {ROLE_LABELS[c.role]}
        {meta?.dateFormat ? ` · read as ${meta.dateFormat}` : ''}
      </Text>
      <div className="cxw-kv">
        <KV label="Missing" value={`${formatCount(c.missing)}`} note={c.missing > 0 ? formatPct(c.missingPct) : undefined} warn={c.missingPct >= 20} />
        <KV label="Distinct" value={formatCount(c.distinct)} />
        {numeric && !personal && (
          <>
            <KV label="Min" value={bound(c.min)} />
            <KV label="Max" value={bound(c.max)} />
          </>
        )}
        {dateBounds && c.min !== null && !personal && (
          // One full-width "Range" rather than Min and Max in a third of the card each, where a date was cut off.
          <KV label="Range" value={`${dateBounds.min} – ${dateBounds.max}`} title={`${String(c.min)} – ${String(c.max)}`} wide />
        )}
        {numeric && !isId && (
          <>
            <KV label="Mean" value={formatSummary(c.mean)} title={c.mean === null ? undefined : String(c.mean)} />
            {!personal && <KV label="Median" value={formatStat(c.median)} />}
          </>
        )}
        {c.outliers && (
          <Tooltip label={`Outside ${formatStat(c.outliers.lower)} … ${formatStat(c.outliers.upper)} (1.5 × IQR)`}>
            <div>
              <KV label="Outliers" value={formatCount(c.outliers.count)} warn={c.outliers.count > 0} />
            </div>
          </Tooltip>
        )}
      </div>
      <div className="cxw-col-chart">
        {personal ? (
          <Text size="xs" c="dimmed">
            Personal data: its values are not shown.
          </Text>
        ) : c.histogram && c.histogram.length > 0 ? (
          <Histogram bins={c.histogram} minLabel={dateBounds?.min ?? bound(c.min)} maxLabel={dateBounds?.max ?? bound(c.max)} label={`Distribution of ${c.name}`} dates={dated} />
        ) : allUnique && !numeric ? (
          <Text size="xs" c="dimmed">
            Every value is different{isId ? ', as an identifier should be' : ''}; no value repeats.
          </Text>
        ) : listed.length > 0 ? (
          <TopValues values={listed} total={present} distinct={c.distinct} booleanLabels={meta?.booleanLabels} isBoolean={c.type === 'boolean'} />
        ) : c.topValues && c.topValues.length > 0 ? (
          <Text size="xs" c="dimmed">
            Every value is on fewer than {MIN_LISTED_ROWS} rows: none is listed, as small groups can identify people.
          </Text>
        ) : (
          <Text size="xs" c="dimmed">
            No values to chart.
          </Text>
        )}
      </div>
    </Paper>
  );
}

function KV({ label, value, note, warn, title, wide }: { label: string; value: string; note?: string; warn?: boolean; title?: string; wide?: boolean }) {
  return (
    <div className="cxw-kv-item" style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} className="cxw-tabular" c={warn ? 'orange' : undefined} truncate title={title ?? value}>
        {value}
        {note && (
          <Text span size="xs" c="dimmed" fw={400}>
            {' '}
            {note}
          </Text>
        )}
      </Text>
    </div>
  );
}
