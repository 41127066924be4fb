// Chart tables: how each kind of value reads on screen and when copied (tab-separated for a spreadsheet), sorting
// (numbers by value, text in natural order, empty cells last, ties stable), the sort cycle, and the summary words.
// Every expected value is written out by hand from the inputs beside it.
import { describe, expect, it } from 'vitest';
import { copyCell, copyHeader, displayCell, extremes, listWords, nextSort, plural, signedNumber, sortRows, toTsv, wholePct, type ChartTableData, type TableColumn } from '../../../renderer/charts/chart-table';

const col = (kind: TableColumn['kind'], digits?: number): TableColumn => ({ label: 'x', kind, digits });

describe('cells on screen', () => {
  it('counts, numbers, percentages, signed values, p-values, durations, text and gaps', () => {
    expect(displayCell(1234.4, col('count'))).toBe('1,234');
    expect(displayCell(1234.5678, col('number'))).toBe('1,234.57');
    expect(displayCell(0.5, col('number', 3))).toBe('0.500');
    expect(displayCell(41.25, col('percent'))).toBe('41.3%');
    // A share above 0 never reads "0.0%".
    expect(displayCell(0.04, col('percent'))).toBe('<0.1%');
    expect(displayCell(0, col('percent'))).toBe('0.0%');
    expect(displayCell(31.44, col('signed'))).toBe('+31.4');
    expect(displayCell(-2.75, col('signed'))).toBe('\u22122.8');
    expect(displayCell(-0.04, col('signed'))).toBe('0.0');
    expect(displayCell(16.4, col('signed', 0))).toBe('+16');
    expect(displayCell(0.0004, col('p'))).toBe('< 0.001');
    expect(displayCell(0.032, col('p'))).toBe('0.032');
    expect(displayCell(0.39, col('p'))).toBe('0.39');
    expect(displayCell(0.999, col('p'))).toBe('1.00');
    expect(displayCell(5400, col('duration'))).toBe('1.5 h');
    expect(displayCell(45, col('duration'))).toBe('45 s');
    expect(displayCell('Loyal', col('text'))).toBe('Loyal');
    expect(displayCell(null, col('count'))).toBe('—');
    expect(displayCell(Number.NaN, col('number'))).toBe('—');
  });
});

describe('cells copied', () => {
  it('plain digits a spreadsheet reads: no separators, ASCII minus, no % sign; text without tabs', () => {
    expect(copyCell(1234.4, col('count'))).toBe('1234');
    expect(copyCell(41.25, col('percent'))).toBe('41.3');
    expect(copyCell(-2.75, col('signed'))).toBe('-2.8');
    expect(copyCell(-0.01, col('signed'))).toBe('0.0');
    expect(copyCell(0.000012345, col('p'))).toBe('0.0000123');
    expect(copyCell(5400, col('duration'))).toBe('5400');
    expect(copyCell('a\tb\nc', col('text'))).toBe('a b c');
    expect(copyCell(null, col('number'))).toBe('');
    expect(copyHeader({ label: 'Share', kind: 'percent' })).toBe('Share (%)');
    expect(copyHeader({ label: 'Median', kind: 'duration' })).toBe('Median (seconds)');
  });

  it('a header row, then one line per row in the order given', () => {
    const t: ChartTableData = {
      columns: [
        { label: 'Score', kind: 'count' },
        { label: 'Answers', kind: 'count' },
        { label: 'Share', kind: 'percent' },
      ],
      rows: [
        [9, 1612, 57.6],
        [10, 1188, 42.4],
      ],
    };
    expect(toTsv(t)).toBe('Score\tAnswers\tShare (%)\n9\t1612\t57.6\n10\t1188\t42.4');
    expect(toTsv(t, [t.rows[1]])).toBe('Score\tAnswers\tShare (%)\n10\t1188\t42.4');
  });
});

describe('sorting', () => {
  const rows = [
    ['Segment 10', 5, null],
    ['Segment 2', 7, 0.3],
    ['segment 1', 5, -1],
    ['Segment 3', null, 2],
  ];
  it('numbers by value, empty cells last in both directions, ties in their original order', () => {
    expect(sortRows(rows, { column: 1, direction: 'ascending' }).map((r) => r[0])).toEqual(['Segment 10', 'segment 1', 'Segment 2', 'Segment 3']);
    expect(sortRows(rows, { column: 1, direction: 'descending' }).map((r) => r[0])).toEqual(['Segment 2', 'Segment 10', 'segment 1', 'Segment 3']);
    expect(sortRows(rows, { column: 2, direction: 'descending' }).map((r) => r[2])).toEqual([2, 0.3, -1, null]);
  });
  it('text in natural order, case aside ("2" before "10")', () => {
    expect(sortRows(rows, { column: 0, direction: 'ascending' }).map((r) => r[0])).toEqual(['segment 1', 'Segment 2', 'Segment 3', 'Segment 10']);
  });
  it('no sort: the chart order, untouched', () => {
    expect(sortRows(rows, null)).toBe(rows);
  });
  it('a header cycles ascending → descending → the chart order; another header starts ascending', () => {
    const a = nextSort(null, 2);
    expect(a).toEqual({ column: 2, direction: 'ascending' });
    const b = nextSort(a, 2);
    expect(b).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort(b, 2)).toBeNull();
    expect(nextSort(b, 0)).toEqual({ column: 0, direction: 'ascending' });
  });
});

describe('summary words', () => {
  it('plurals, lists, whole percentages, signs, extremes', () => {
    expect(plural(1, 'answer')).toBe('1 answer');
    expect(plural(3000, 'answer')).toBe('3,000 answers');
    expect(listWords(['A'])).toBe('A');
    expect(listWords(['A', 'B'])).toBe('A and B');
    expect(listWords(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listWords(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
    expect(wholePct(41.4)).toBe('41%');
    expect(wholePct(0.2)).toBe('<1%');
    expect(wholePct(99.7)).toBe('>99%');
    expect(signedNumber(-4.4)).toBe('\u22124');
    expect(signedNumber(15.6)).toBe('+16');
    expect(extremes([3, null, 7, 1, 7])).toEqual({ max: 2, min: 3 });
    expect(extremes([null, Number.NaN])).toBeNull();
  });
});
