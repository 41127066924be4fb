// A column type as a small, consistently coloured badge.
import { Badge } from '@mantine/core';
import type { ColumnType } from '../../shared/domain';
import { TYPE_LABELS } from '../lib/labels';

const COLORS: Record<ColumnType, string> = {
  integer: 'blue',
  real: 'cyan',
  boolean: 'grape',
  date: 'teal',
  datetime: 'teal',
  text: 'gray',
};

export function TypeBadge({ type }: { type: ColumnType }) {
  return (
    <Badge variant="light" color={COLORS[type]} size="sm" className="cxw-type-badge">
      {TYPE_LABELS[type]}
    </Badge>
  );
}
