// How a stored value reads in the grid. Pure (unit-tested): null is "missing", booleans use the file's labels.
import type { CellValue, ColumnMeta } from '../../../../shared/domain';

export type CellText = { kind: 'missing' } | { kind: 'value'; text: string; numeric: boolean };

export function formatCell(value: CellValue, column: Pick<ColumnMeta, 'type' | 'booleanLabels'> | undefined): CellText {
  if (value === null || value === undefined) return { kind: 'missing' };
  const type = column?.type ?? 'text';
  if (type === 'boolean') {
    const truthy = value === 1 || value === '1' || value === 'true';
    const falsy = value === 0 || value === '0' || value === 'false';
    const labels = column?.booleanLabels ?? { true: 'true', false: 'false' };
    if (truthy) return { kind: 'value', text: labels.true, numeric: false };
    if (falsy) return { kind: 'value', text: labels.false, numeric: false };
    return { kind: 'value', text: String(value), numeric: false };
  }
  if (type === 'integer' || type === 'real') return { kind: 'value', text: String(value), numeric: typeof value === 'number' };
  return { kind: 'value', text: String(value), numeric: false };
}

/** Column width in px from its type and header length; bounded so one long header cannot dominate. */
export function columnWidth(column: Pick<ColumnMeta, 'type' | 'name'>): number {
  const byType: Record<ColumnMeta['type'], number> = { integer: 104, real: 120, boolean: 96, date: 116, datetime: 172, text: 180 };
  const header = Math.min(300, column.name.length * 7.8 + 74);
  return Math.round(Math.max(byType[column.type], header));
}
