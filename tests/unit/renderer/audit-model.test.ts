// The Audit set-up's pure helpers: pre-fill from the column roles (the demo customers as the importer types them),
// what stops a run, the spec sent to audit.run (validated by the contract's own schema), the positive decision in
// words for assistive and punitive decisions, the groups known before a run, and the session memory.
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import { auditSpecSchema } from '../../../shared/api';
import {
  clearFormMemory,
  columnValues,
  decisionColumns,
  defaultProxies,
  formProblem,
  knownGroups,
  positiveNote,
  prefill,
  suggestedLabel,
  protectedColumns,
  recallForm,
  rememberForm,
  scoreColumns,
  toSpec,
  type AuditForm,
} from '../../../renderer/views/audit/model';

function col(index: number, name: string, type: ColumnMeta['type'], role: ColumnMeta['role'], labels?: [string, string]): ColumnMeta {
  const c: ColumnMeta = { index, name, originalName: name, type, role, piiAction: 'keep' };
  if (labels) c.booleanLabels = { true: labels[0], false: labels[1] };
  return c;
}

function dataset(name: string, columns: ColumnMeta[], rows = 3000): DatasetSummary {
  return { id: 1, name, rows, sourceFile: `${name}.csv`, importedAt: '2025-01-01T00:00:00Z', columns };
}

// The demo customers' columns as `dataset.list` reports them (types and roles proposed by the importer).
const demo = dataset('Demo customers', [
  col(0, 'customer_id', 'text', 'id'),
  col(1, 'name', 'text', 'pii'),
  col(2, 'city', 'text', 'category'),
  col(3, 'gender', 'text', 'protected'),
  col(4, 'age', 'integer', 'protected'),
  col(5, 'age_band', 'text', 'protected'),
  col(6, 'senior_citizen', 'boolean', 'protected', ['Yes', 'No']),
  col(7, 'tenure_months', 'integer', 'feature'),
  col(8, 'plan', 'text', 'category'),
  col(9, 'monthly_spend', 'real', 'feature'),
  col(10, 'signup_date', 'date', 'timestamp'),
  col(11, 'nps_score', 'integer', 'nps'),
  col(12, 'offer_approved', 'boolean', 'decision', ['Yes', 'No']),
  col(13, 'risk_score', 'real', 'score'),
  col(14, 'churned_12m', 'boolean', 'outcome', ['Yes', 'No']),
]);

afterEach(() => clearFormMemory());

describe('prefill', () => {
  it('takes the decision, its "Yes", no label and the protected attributes (age dropped for age_band)', () => {
    const f = prefill(demo);
    expect(f).toMatchObject({
      dataset: 'Demo customers',
      mode: 'decision',
      decision: 'offer_approved',
      favorable: 'Yes',
      score: 'risk_score',
      // churned_12m (an outcome) is no ground truth for an offer: judging the offer's error rates against it would
      // report failures that mean nothing.
      label: '',
      labelPositive: '',
      protected: ['gender', 'age_band', 'senior_citizen'],
      intersect: false,
      direction: 'assistive',
      minGroupSize: 30,
      missing: 'group',
      proxyColumns: null,
      proxySegmentations: null,
    });
  });

  it('keeps a numeric protected attribute that has no banded sibling, and audits a score when there is no decision', () => {
    const d = dataset('scores', [col(0, 'age', 'integer', 'protected'), col(1, 'p', 'real', 'score'), col(2, 'y', 'integer', 'outcome')]);
    const f = prefill(d);
    expect(f.protected).toEqual(['age']);
    expect(f.mode).toBe('score');
    expect(f.score).toBe('p');
    // Only a boolean outcome is pre-filled as the label (an integer outcome may be a count, not ground truth).
    expect(f.label).toBe('');
  });

  it('pre-fills the boolean outcome as the label for a score only, never for a yes/no decision', () => {
    expect(suggestedLabel(demo, 'score', 'offer_approved')?.name).toBe('churned_12m');
    expect(suggestedLabel(demo, 'decision', 'offer_approved')).toBeUndefined();
    const scoresOnly = dataset('scores', [col(0, 'gender', 'text', 'protected'), col(1, 'p', 'real', 'score'), col(2, 'churned', 'boolean', 'outcome', ['Yes', 'No'])]);
    expect(prefill(scoresOnly)).toMatchObject({ mode: 'score', label: 'churned', labelPositive: 'Yes' });
  });

  it('offers identifiers and personal data nowhere, and the decision column first', () => {
    expect(decisionColumns(demo).map((c) => c.name)[0]).toBe('offer_approved');
    expect(decisionColumns(demo).map((c) => c.name)).not.toContain('customer_id');
    expect(decisionColumns(demo).map((c) => c.name)).not.toContain('name');
    expect(scoreColumns(demo).map((c) => c.name)[0]).toBe('risk_score');
    const labelled = { ...prefill(demo), label: 'churned_12m', labelPositive: 'Yes' };
    const prot = protectedColumns(demo, labelled).map((c) => c.name);
    expect(prot.slice(0, 4)).toEqual(['gender', 'age', 'age_band', 'senior_citizen']);
    expect(prot).not.toContain('offer_approved');
    expect(prot).not.toContain('churned_12m');
    // The services' default proxies: features and categories that are not audited or protected.
    expect(defaultProxies(demo, labelled).map((c) => c.name)).toEqual(['city', 'tenure_months', 'plan', 'monthly_spend']);
  });
});

describe('formProblem', () => {
  const ok = prefill(demo);
  it('accepts the pre-filled demo set-up', () => {
    expect(formProblem(ok, demo)).toBeNull();
  });
  it('says what is missing, in words', () => {
    expect(formProblem({ ...ok, decision: '' }, demo)).toMatch(/Choose the decision column/);
    expect(formProblem({ ...ok, mode: 'score', threshold: '' }, demo)).toMatch(/Enter the threshold/);
    expect(formProblem({ ...ok, protected: [] }, demo)).toMatch(/at least one protected attribute/);
    expect(formProblem({ ...ok, protected: ['gender', 'offer_approved'] }, demo)).toBe('“offer_approved” is the decision; it cannot also be a protected attribute.');
    expect(formProblem({ ...ok, label: 'churned_12m', protected: ['churned_12m'] }, demo)).toBe('“churned_12m” is the label; it cannot also be a protected attribute.');
    expect(formProblem({ ...ok, label: 'offer_approved' }, demo)).toMatch(/label must differ from the decision/);
    expect(formProblem({ ...ok, minGroupSize: 0 }, demo)).toMatch(/minimum group size/);
    expect(formProblem({ ...ok, minGroupSize: 2.5 }, demo)).toMatch(/minimum group size/);
    expect(formProblem({ ...ok, decision: 'gone' }, demo)).toMatch(/“gone” is not in Demo customers/);
    expect(formProblem(ok, null)).toMatch(/Choose the dataset/);
  });
  it('refuses population shares that do not add up to 100% (within half a point)', () => {
    const shares = (a: number, b: number): AuditForm => ({ ...ok, population: { gender: { Female: a, Male: b } } });
    expect(formProblem(shares(45, 48), demo)).toBe('The population shares for gender add up to 93%; they must add up to 100%.');
    expect(formProblem(shares(50.2, 50.2), demo)).toBeNull();
    expect(formProblem(shares(33.3, 66.6), demo)).toBeNull();
    // Blank cells are not compared; an attribute with no shares at all is not checked.
    expect(formProblem({ ...ok, population: { gender: { Female: '', Male: '' } } }, demo)).toBeNull();
  });
});

describe('toSpec', () => {
  it('sends only what differs from the documented defaults, and the contract schema accepts it', () => {
    const spec = toSpec(prefill(demo));
    expect(spec).toEqual({
      dataset: 'Demo customers',
      protected: ['gender', 'age_band', 'senior_citizen'],
      decision: 'offer_approved',
      favorable: 'Yes',
    });
    expect(auditSpecSchema.parse(spec)).toEqual(spec);
  });

  it('a punitive score audit with intersections, a reference, exclusions, proxies, segmentations and population shares', () => {
    const form: AuditForm = {
      ...prefill(demo),
      mode: 'score',
      threshold: 0.3,
      label: 'churned_12m',
      labelPositive: 'Yes',
      direction: 'punitive',
      protected: ['gender', 'age_band'],
      intersect: true,
      reference: { gender: 'Male', senior_citizen: 'No' },
      minGroupSize: 50,
      missing: 'exclude',
      proxyColumns: ['plan'],
      population: { gender: { Female: 51, Male: 48, 'Non-binary': 1 }, age_band: { '18-24': '' } },
    };
    const spec = toSpec(form, ['Demo segments']);
    expect(spec).toEqual({
      dataset: 'Demo customers',
      protected: ['gender', 'age_band'],
      score: 'risk_score',
      threshold: 0.3,
      label: 'churned_12m',
      labelPositive: 'Yes',
      intersect: true,
      // senior_citizen is no longer audited, so its reference is not sent.
      reference: { gender: 'Male' },
      direction: 'punitive',
      minGroupSize: 50,
      missing: 'exclude',
      proxyColumns: ['plan'],
      proxySegmentations: ['Demo segments'],
      population: { gender: { Female: 0.51, Male: 0.48, 'Non-binary': 0.01 } },
    });
    expect(auditSpecSchema.parse(spec)).toEqual(spec);
  });

  it('normalises typed shares to sum to exactly 1, and an explicit empty segmentation choice sends none', () => {
    const spec = toSpec({ ...prefill(demo), population: { gender: { Female: 33.3, Male: 33.3, 'Non-binary': 33.3 } }, proxySegmentations: [] }, ['S']);
    expect(spec.population!.gender.Female).toBeCloseTo(1 / 3, 12);
    expect(Object.values(spec.population!.gender).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(spec.proxySegmentations).toBeUndefined();
  });

  it('does not send intersections for a single attribute', () => {
    expect(toSpec({ ...prefill(demo), protected: ['gender'], intersect: true }).intersect).toBeUndefined();
  });
});

describe('positiveNote', () => {
  const f = prefill(demo);
  it('assistive: the favourable value is the positive decision', () => {
    expect(positiveNote(f, ['Yes', 'No'])).toBe('Positive decision: offer_approved = “Yes” — the benefit.');
  });
  it('punitive: the other value is the positive decision (the sanction)', () => {
    expect(positiveNote({ ...f, direction: 'punitive', favorable: 'No' }, ['Yes', 'No'])).toBe('Positive decision: offer_approved = “Yes” — the sanction (not the favourable “No”).');
  });
  it('a score: score ≥ threshold, a benefit or a sanction', () => {
    expect(positiveNote({ ...f, mode: 'score', threshold: 0.3, direction: 'punitive' }, [])).toBe('Positive decision: risk_score ≥ 0.3 — the sanction (punitive).');
    expect(positiveNote({ ...f, mode: 'score', threshold: '' }, [])).toBe('Positive decision: risk_score ≥ the threshold — the benefit.');
  });
  it('the default favourable value is the "yes" one when none was chosen', () => {
    expect(positiveNote({ ...f, favorable: '' }, ['N', 'Y'])).toBe('Positive decision: offer_approved = “Y” — the benefit.');
  });
});

describe('groups known before a run', () => {
  const gender = demo.columns[3];
  const profile = { distinct: 3, missing: 0, topValues: [{ value: 'Female', count: 1465 }, { value: 'Male', count: 1443 }, { value: 'Non-binary', count: 92 }] };
  it('the last run wins; then a categorical column’s complete values; "(missing)" when kept as a group', () => {
    expect(knownGroups('gender', gender, profile, [{ attribute: 'gender', group: 'Male' }, { attribute: 'x', group: 'y' }], 'group')).toEqual({ groups: ['Male'], source: 'run' });
    expect(knownGroups('gender', gender, profile, null, 'group')).toEqual({ groups: ['Female', 'Male', 'Non-binary'], source: 'values' });
    expect(knownGroups('gender', gender, { ...profile, missing: 4 }, null, 'group').groups).toEqual(['Female', 'Male', 'Non-binary', '(missing)']);
    expect(knownGroups('gender', gender, { ...profile, missing: 4 }, null, 'exclude').groups).toEqual(['Female', 'Male', 'Non-binary']);
  });
  it('not known: a numeric attribute (binned by the services), or more values than the profile lists', () => {
    expect(knownGroups('age', demo.columns[4], { distinct: 68, missing: 0, topValues: [] }, null, 'group')).toEqual({ groups: [], source: 'unknown' });
    expect(knownGroups('city', demo.columns[2], { distinct: 15, missing: 0, topValues: profile.topValues }, null, 'group').source).toBe('unknown');
  });
  it('boolean labels are the values of a boolean column', () => {
    expect(knownGroups('senior_citizen', demo.columns[6], undefined, null, 'group')).toEqual({ groups: ['Yes', 'No'], source: 'values' });
    expect(columnValues(demo.columns[12], null)).toEqual(['Yes', 'No']);
    expect(columnValues(demo.columns[8], [{ value: 'Basic', count: 3 }])).toEqual(['Basic']);
  });
});

describe('session memory', () => {
  it('recalls the set-up per workspace and dataset, dropping columns that are gone', () => {
    const f: AuditForm = { ...prefill(demo), protected: ['gender', 'age_band'], intersect: true, proxyColumns: ['plan', 'city'] };
    rememberForm('/w.cxw', f);
    expect(recallForm('/w.cxw', demo)).toEqual(f);
    expect(recallForm('/other.cxw', demo)).toEqual(prefill(demo));
    const fewer = dataset('Demo customers', demo.columns.filter((c) => c.name !== 'age_band' && c.name !== 'city'));
    const back = recallForm('/w.cxw', fewer);
    expect(back.protected).toEqual(['gender']);
    expect(back.proxyColumns).toEqual(['plan']);
    expect(back.intersect).toBe(true);
  });
});
