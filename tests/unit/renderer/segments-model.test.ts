// The Segments view's pure helpers: which columns are offered and suggested as features, the parameters sent to
// segment.run / segment.sweep, trust in words, and the segment palette (distinct, readable labels on swatches).
import { describe, expect, it } from 'vitest';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import { segmentParamsSchema } from '../../../shared/api';
import {
  defaultFeatures,
  describeDifference,
  featureOptions,
  formatNps,
  formatRate,
  formProblem,
  initialForm,
  stabilityLevel,
  toParams,
  topDifferences,
} from '../../../renderer/views/segments/model';
import { SEGMENT_COLORS, segmentColor, textOn } from '../../../renderer/charts/palette';
import { safeFileName } from '../../../renderer/charts/plotly';

function col(index: number, name: string, type: ColumnMeta['type'], role: ColumnMeta['role']): ColumnMeta {
  return { index, name, originalName: name, type, role, piiAction: 'keep' };
}

const dataset: DatasetSummary = {
  id: 1,
  name: 'Demo customers',
  rows: 3000,
  sourceFile: 'demo.csv',
  importedAt: '2025-01-01T00:00:00Z',
  columns: [
    col(0, 'customer_id', 'text', 'id'),
    col(1, 'email', 'text', 'pii'),
    col(2, 'city', 'text', 'category'),
    col(3, 'age', 'integer', 'protected'),
    col(4, 'tenure_months', 'integer', 'feature'),
    col(5, 'monthly_spend', 'real', 'feature'),
    col(6, 'app_user', 'boolean', 'feature'),
    col(7, 'signup_date', 'date', 'timestamp'),
    col(8, 'notes', 'text', 'ignore'),
    col(9, 'nps_score', 'integer', 'nps'),
    col(10, 'satisfaction_delivery', 'integer', 'feature'),
    col(11, 'nps_asked_days_after_event', 'integer', 'feature'),
  ],
};

describe('feature options', () => {
  it('never offers identifiers, personal data, ignored or date columns', () => {
    const names = featureOptions(dataset).map((o) => o.name);
    expect(names).not.toContain('customer_id');
    expect(names).not.toContain('email');
    expect(names).not.toContain('notes');
    expect(names).not.toContain('signup_date');
    expect(names).toEqual(expect.arrayContaining(['city', 'age', 'tenure_months', 'monthly_spend', 'app_user', 'nps_score']));
  });

  it('suggests numeric feature-role columns first, and notes one-hot and protected columns', () => {
    expect(defaultFeatures(dataset)).toEqual(['tenure_months', 'monthly_spend', 'app_user']);
    const options = featureOptions(dataset);
    expect(options.slice(0, 3).every((o) => o.suggested)).toBe(true);
    expect(options.find((o) => o.name === 'city')).toMatchObject({ kind: 'categorical', note: 'one-hot encoded' });
    expect(options.find((o) => o.name === 'age')?.note).toMatch(/protected/);
  });

  it('offers attitude ratings and survey metadata without pre-selecting them (segment on behaviour, profile on attitude)', () => {
    const options = featureOptions(dataset);
    expect(options.find((o) => o.name === 'satisfaction_delivery')).toMatchObject({ suggested: false, note: 'attitude: better for profiling segments' });
    expect(options.find((o) => o.name === 'nps_asked_days_after_event')).toMatchObject({ suggested: false, note: 'survey metadata' });
  });
});

describe('parameters', () => {
  it('builds contract-valid run and sweep parameters', () => {
    const options = featureOptions(dataset);
    const form = { ...initialForm(dataset), k: 5, logTransform: ['monthly_spend', 'city'], name: '  Spring segments ' };
    const run = toParams(form, options, 'run');
    expect(run).toMatchObject({ dataset: 'Demo customers', k: 5, seed: 42, restarts: 4, standardize: true, missing: 'impute', name: 'Spring segments' });
    expect(run.logTransform).toEqual(['monthly_spend']);
    expect(run.kRange).toBeUndefined();
    expect(segmentParamsSchema.safeParse(run).success).toBe(true);

    const sweep = toParams(form, options, 'sweep');
    expect(sweep).toMatchObject({ k: 'auto', kRange: [2, 10] });
    expect(sweep.name).toBeUndefined();
    expect(segmentParamsSchema.safeParse(sweep).success).toBe(true);
  });

  it('drops a log transform whose feature was unticked and sends features in dataset order', () => {
    const options = featureOptions(dataset);
    const form = { ...initialForm(dataset), features: ['monthly_spend', 'city', 'tenure_months'], logTransform: ['app_user'] };
    const p = toParams(form, options, 'run');
    expect(p.features).toEqual(['tenure_months', 'monthly_spend', 'city']);
    expect(p.logTransform).toBeUndefined();
  });

  it('says what blocks a run', () => {
    expect(formProblem({ ...initialForm(dataset), features: [] })).toMatch(/at least one feature/);
    expect(formProblem({ ...initialForm(dataset), k: 1 })).toMatch(/2 to 20/);
    expect(formProblem({ ...initialForm(dataset), k: 1, auto: true })).toBeNull();
    expect(formProblem(initialForm(null))).toMatch(/dataset/);
  });
});

describe('words and numbers', () => {
  it('puts stability into three bands', () => {
    expect(stabilityLevel(0.85)).toBe('stable');
    expect(stabilityLevel(0.849)).toBe('moderate');
    expect(stabilityLevel(0.6)).toBe('moderate');
    expect(stabilityLevel(0.59)).toBe('unstable');
  });

  it('describes differences, strongest first', () => {
    const d = [
      { feature: 'a', z: 0.4, direction: 'higher' as const, pValue: 0.1, description: '' },
      { feature: 'b', z: -2.14, direction: 'lower' as const, pValue: 0.001, description: '' },
    ];
    expect(topDifferences(d, 1)[0].feature).toBe('b');
    expect(describeDifference(d[1])).toBe('b 2.1 SD below average');
    expect(describeDifference({ ...d[0], description: 'a is high' })).toBe('a is high');
  });

  it('formats NPS with a sign and rates with their CI', () => {
    expect(formatNps(34.4)).toBe('+34');
    expect(formatNps(-12)).toBe('−12');
    expect(formatNps(0.2)).toBe('0');
    expect(formatRate({ value: 0.183, n: 100, ci: [0.12, 0.25] })).toEqual({ value: '18.3%', ci: '12–25%' });
    expect(formatRate({ value: null, n: 0, ci: null })).toEqual({ value: '—', ci: null });
  });
});

describe('palette and files', () => {
  it('gives up to 17 segments distinct colours and readable numbers on them', () => {
    expect(new Set(SEGMENT_COLORS).size).toBe(SEGMENT_COLORS.length);
    expect(SEGMENT_COLORS.length).toBeGreaterThanOrEqual(17);
    expect(segmentColor(0)).toBe(segmentColor(SEGMENT_COLORS.length));
    expect(textOn('#0072B2')).toBe('#FFFFFF');
    expect(textOn('#F0E442')).toBe('#000000');
  });

  it('makes safe PNG file names', () => {
    expect(safeFileName('Demo k=5 / scatter')).toBe('Demo-k=5-scatter');
    expect(safeFileName('///')).toBe('chart');
  });
});
