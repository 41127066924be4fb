// Which filter conditions make sense for which column type, and how each reads in a chip.
import type { ColumnType, FilterOp, RowFilter } from '../../../../shared/domain';

export const OP_LABELS: Record<FilterOp, string> = {
  contains: 'contains',
  equals: 'equals',
  notEquals: 'does not equal',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  isMissing: 'is missing',
  notMissing: 'is not missing',
};

const OP_SYMBOLS: Partial<Record<FilterOp, string>> = { equals: '=', notEquals: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤' };

export function opsFor(type: ColumnType): FilterOp[] {
  switch (type) {
    case 'integer':
    case 'real':
      return ['equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'isMissing', 'notMissing'];
    case 'date':
    case 'datetime':
      return ['equals', 'gt', 'gte', 'lt', 'lte', 'isMissing', 'notMissing'];
    case 'boolean':
      return ['equals', 'isMissing', 'notMissing'];
    default:
      return ['contains', 'equals', 'notEquals', 'isMissing', 'notMissing'];
  }
}

export function needsValue(op: FilterOp): boolean {
  return op !== 'isMissing' && op !== 'notMissing';
}

export function describeFilter(f: RowFilter, display?: (value: string | number) => string): string {
  if (!needsValue(f.op)) return `${f.column} ${OP_LABELS[f.op]}`;
  const shown = f.value === undefined ? '' : display ? display(f.value) : String(f.value);
  const symbol = OP_SYMBOLS[f.op];
  return symbol ? `${f.column} ${symbol} ${shown}` : `${f.column} ${OP_LABELS[f.op]} “${shown}”`;
}
