// --features / --log parsing (main/cli/column-list.ts): names with commas quoted as in CSV, "" for a quote inside,
// #N for the N-th column. Expected values are written by hand from each input.
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../shared/domain';
import { parseColumnList, resolveColumnRefs } from '../../../main/cli/column-list';

describe('parseColumnList', () => {
  it('splits plain names on commas, trimming spaces and dropping empty items', () => {
    expect(parseColumnList('age, monthly_spend ,orders,', 'features')).toEqual([{ name: 'age' }, { name: 'monthly_spend' }, { name: 'orders' }]);
  });
  it('keeps a quoted name whole, commas, spaces and doubled quotes included', () => {
    expect(parseColumnList('"spend, monthly",visits', 'features')).toEqual([{ name: 'spend, monthly' }, { name: 'visits' }]);
    expect(parseColumnList('a, "say ""hi"", twice" ,b', 'features')).toEqual([{ name: 'a' }, { name: 'say "hi", twice' }, { name: 'b' }]);
    expect(parseColumnList('"#3"', 'features')).toEqual([{ name: '#3' }]);
  });
  it('reads #N as a 1-based position', () => {
    expect(parseColumnList('#2, #10,plan', 'features')).toEqual([{ position: 2 }, { position: 10 }, { name: 'plan' }]);
  });
  it('refuses an unclosed quote and text after a closing quote, saying where', () => {
    expect(() => parseColumnList('a,"b,c', 'features')).toThrow('--features: the quote opened at character 3 is never closed');
    expect(() => parseColumnList('"a"b,c', 'log')).toThrow('--log: expected a comma after the quoted name "a" at character 4');
  });
});

describe('resolveColumnRefs', () => {
  const ds = { name: 'commas', columns: [2, 0, 1].map((index) => ({ index, name: ['id', 'spend, monthly', 'visits'][index] })) } as unknown as DatasetSummary;
  it('maps #N to the N-th column in dataset order and refuses one out of range', () => {
    expect(resolveColumnRefs([{ position: 2 }, { name: 'visits' }], ds, 'features')).toEqual(['spend, monthly', 'visits']);
    expect(() => resolveColumnRefs([{ position: 4 }], ds, 'features')).toThrow('--features: #4 is not a column of "commas"; its columns are #1 to #3.');
  });
});
