// Display helpers of the renderer: numbers never lie by rounding to 0/100%, nulls never read as 0 or blank.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatPct, formatStat, formatValue } from '../../../renderer/lib/format';
import { columnWidth, formatCell } from '../../../renderer/views/data/grid/cellFormat';
import { describeFilter, opsFor } from '../../../renderer/views/data/grid/filterOps';
import { editsStillApply, toColumnPlans, wireOptions } from '../../../renderer/views/data/import/plan';
import type { ColumnPreview, ImportPreview } from '../../../shared/domain';

describe('number formatting', () => {
  it('formats counts with separators and statistics without float noise', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatStat(0.1 + 0.2)).toBe('0.3');
    expect(formatStat(38.85)).toBe('38.85');
    expect(formatStat(1234.5678)).toBe('1,234.57');
    expect(formatStat(null)).toBe('—');
    expect(formatStat(0)).toBe('0');
  });
  it('never shows a non-zero share as 0% or a partial one as 100%', () => {
    expect(formatPct(0)).toBe('0%');
    expect(formatPct(0.02)).toBe('<0.1%');
    expect(formatPct(99.97)).toBe('>99.9%');
    expect(formatPct(100)).toBe('100%');
    expect(formatPct(14)).toBe('14.0%');
  });
  it('keeps date strings as they are and sizes readable', () => {
    expect(formatValue('2024-01-31')).toBe('2024-01-31');
    expect(formatValue(null)).toBe('—');
    expect(formatBytes(955_000)).toBe('933 KB');
  });
});

describe('grid cells', () => {
  it('shows null as missing, never as 0 or empty', () => {
    expect(formatCell(null, { type: 'integer' })).toEqual({ kind: 'missing' });
    expect(formatCell(0, { type: 'integer' })).toEqual({ kind: 'value', text: '0', numeric: true });
    expect(formatCell('', { type: 'text' })).toEqual({ kind: 'value', text: '', numeric: false });
  });
  it('labels booleans the way the file did', () => {
    const col = { type: 'boolean' as const, booleanLabels: { true: 'Yes', false: 'No' } };
    expect(formatCell(1, col)).toMatchObject({ text: 'Yes' });
    expect(formatCell(0, col)).toMatchObject({ text: 'No' });
  });
  it('keeps markup as plain text', () => {
    expect(formatCell('<img src=x onerror=alert(1)>', { type: 'text' })).toMatchObject({ text: '<img src=x onerror=alert(1)>' });
  });
  it('sizes columns by type and header, within bounds', () => {
    expect(columnWidth({ type: 'integer', name: 'id' })).toBe(104);
    expect(columnWidth({ type: 'text', name: 'x'.repeat(200) })).toBe(300);
  });
});

describe('grid filters', () => {
  it('offers conditions that suit the type and reads them back', () => {
    expect(opsFor('text')).toContain('contains');
    expect(opsFor('integer')).not.toContain('contains');
    expect(describeFilter({ column: 'age', op: 'gt', value: 30 })).toBe('age > 30');
    expect(describeFilter({ column: 'email', op: 'isMissing' })).toBe('email is missing');
  });
});

describe('import plan', () => {
  const col = (index: number, name: string): ColumnPreview => ({
    index, name, originalName: name, type: 'text', role: 'feature', piiAction: 'keep', piiKind: null, typeConfidence: 1, missingInSample: 0,
  });
  it('sends only what the analyst changed', () => {
    const columns = [col(0, 'a'), col(1, 'b')];
    expect(toColumnPlans(columns, { 0: { type: 'text' }, 1: { type: 'integer', name: ' b ' } })).toEqual([{ index: 1, type: 'integer' }]);
  });
  it('keeps edits across a re-preview only when the columns are the same', () => {
    const p = (names: string[]) => ({ columns: names.map((n, i) => col(i, n)) }) as unknown as ImportPreview;
    expect(editsStillApply(p(['a', 'b']), p(['a', 'b']))).toBe(true);
    expect(editsStillApply(p(['a;b']), p(['a', 'b']))).toBe(false);
    expect(editsStillApply(null, p(['a']))).toBe(false);
  });
  it('omits options that were not overridden', () => {
    expect(wireOptions({})).toBeUndefined();
    expect(wireOptions({ delimiter: ';', onBadRow: 'skip' })).toEqual({ delimiter: ';', onBadRow: 'skip' });
  });
});
