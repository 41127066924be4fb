// A yes/no protected attribute's groups carry the data's own labels ("Senior"/"Not senior", "Yes"/"No"), and
// "Yes"/"No" when its labels are bare codes (1/0, true/false) — never a group called "1" or "false" in a table or an
// export. Hand-made columns: values 1, 0, 1, NaN (missing).
import { describe, expect, it } from 'vitest';
import { groupsOf } from '../../../main/workspace/audit/groups';
import type { LoadedColumn } from '../../../main/workspace/segments/columns';
import { booleanGroupNames } from '../../../shared/audit-labels';
import type { BooleanLabels } from '../../../shared/domain';

function yesNoColumn(booleanLabels: BooleanLabels | undefined): LoadedColumn {
  const column = { name: 'senior', type: 'boolean', role: 'category', ...(booleanLabels ? { booleanLabels } : {}) } as unknown as Extract<LoadedColumn, { kind: 'numeric' }>['column'];
  return { kind: 'numeric', column, values: Float64Array.from([1, 0, 1, Number.NaN]) };
}

describe('boolean group names', () => {
  it('keeps words, replaces bare codes by Yes/No', () => {
    expect(booleanGroupNames({ true: 'Senior', false: 'Not senior' })).toEqual({ true: 'Senior', false: 'Not senior' });
    expect(booleanGroupNames({ true: '1', false: '0' })).toEqual({ true: 'Yes', false: 'No' });
    expect(booleanGroupNames({ true: 'TRUE', false: 'FALSE' })).toEqual({ true: 'Yes', false: 'No' });
    expect(booleanGroupNames(undefined)).toEqual({ true: 'Yes', false: 'No' });
  });

  it('the audit groups of a yes/no column use them; a missing value is no group', () => {
    const words = groupsOf(yesNoColumn({ true: 'Senior', false: 'Not senior' }), undefined);
    expect([...words.codes].map((c) => (c < 0 ? null : words.levels[c]))).toEqual(['Senior', 'Not senior', 'Senior', null]);
    const codes = groupsOf(yesNoColumn({ true: '1', false: '0' }), undefined);
    expect([...codes.codes].map((c) => (c < 0 ? null : codes.levels[c]))).toEqual(['Yes', 'No', 'Yes', null]);
    expect(groupsOf(yesNoColumn(undefined), undefined).levels.sort()).toEqual(['No', 'Yes']);
  });
});
