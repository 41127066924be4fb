// The Predict set-up's pure helpers (renderer/views/predict/model.ts). Fixtures: the Telco churn file's columns exactly
// as `cxw import` types them and proposes their roles (customerID id; gender and SeniorCitizen protected; Churn a
// yes/no outcome; checked by importing ../shared/data/telco-churn with the CLI), plus small hand-made profiles
// (distinct counts and top values as `dataset.profile` reports them). Expected values are written out by hand from
// the rules in model.ts: which columns can be the target, the positive value pre-selected only when unambiguous, the
// features pre-ticked, what stops a run, and the spec sent — checked again by the contract's own zod schema.
import { afterEach, describe, expect, it } from 'vitest';
import { predictSpecSchema } from '../../../shared/api';
import type { ColumnMeta, ColumnProfile, DatasetSummary } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { clearFormMemory } from '../../../renderer/lib/analysis-memory';
import {
  applyProfile,
  chooseTarget,
  confirmLeak,
  defaultFeatures,
  directionSentence,
  featureOptions,
  formProblem,
  fromSpec,
  leakColumn,
  otherValue,
  predictForms,
  prefill,
  protectedOptions,
  suggestPositive,
  targetOptions,
  testValueOptions,
  toSpec,
  type PredictForm,
} from '../../../renderer/views/predict/model';

function col(index: number, name: string, type: ColumnMeta['type'], role: ColumnMeta['role'], labels?: [string, string]): ColumnMeta {
  const c: ColumnMeta = { index, name, originalName: name, type, role, piiAction: 'keep' };
  if (labels) c.booleanLabels = { true: labels[0], false: labels[1] };
  return c;
}
const dataset = (name: string, columns: ColumnMeta[], rows = 7043): DatasetSummary => ({ id: 1, name, rows, sourceFile: `${name}.csv`, importedAt: '2026-01-01T00:00:00Z', columns });
const YN: [string, string] = ['Yes', 'No'];

const telco = dataset('telco', [
  col(0, 'customerID', 'text', 'id'),
  col(1, 'gender', 'text', 'protected'),
  col(2, 'SeniorCitizen', 'boolean', 'protected', ['1', '0']),
  col(3, 'Partner', 'boolean', 'feature', YN),
  col(4, 'Dependents', 'boolean', 'feature', YN),
  col(5, 'tenure', 'integer', 'feature'),
  col(6, 'PhoneService', 'boolean', 'feature', YN),
  col(7, 'MultipleLines', 'text', 'category'),
  col(8, 'InternetService', 'text', 'category'),
  col(9, 'OnlineSecurity', 'text', 'category'),
  col(10, 'OnlineBackup', 'text', 'category'),
  col(11, 'DeviceProtection', 'text', 'category'),
  col(12, 'TechSupport', 'text', 'category'),
  col(13, 'StreamingTV', 'text', 'category'),
  col(14, 'StreamingMovies', 'text', 'category'),
  col(15, 'Contract', 'text', 'category'),
  col(16, 'PaperlessBilling', 'boolean', 'feature', YN),
  col(17, 'PaymentMethod', 'text', 'category'),
  col(18, 'MonthlyCharges', 'real', 'feature'),
  col(19, 'TotalCharges', 'real', 'feature'),
  col(20, 'Churn', 'boolean', 'outcome', YN),
]);
const TELCO_FEATURES = [
  'Partner',
  'Dependents',
  'tenure',
  'PhoneService',
  'MultipleLines',
  'InternetService',
  'OnlineSecurity',
  'OnlineBackup',
  'DeviceProtection',
  'TechSupport',
  'StreamingTV',
  'StreamingMovies',
  'Contract',
  'PaperlessBilling',
  'PaymentMethod',
  'MonthlyCharges',
  'TotalCharges',
];

function prof(name: string, type: ColumnMeta['type'], distinct: number, top: [string, number][] | null = null, min: number | null = null, max: number | null = null): ColumnProfile {
  return {
    name,
    type,
    role: 'feature',
    missing: 0,
    missingPct: 0,
    distinct,
    min,
    max,
    mean: null,
    median: null,
    std: null,
    histogram: null,
    topValues: top ? top.map(([value, count]) => ({ value, count })) : null,
    outliers: null,
  };
}

// A survey with a text outcome, a 0/1 whole-number flag, a free-text column and a constant one.
const survey = dataset(
  'survey',
  [
    col(0, 'id', 'text', 'id'),
    col(1, 'email', 'text', 'pii'),
    col(2, 'satisfaction', 'text', 'outcome'),
    col(3, 'responded', 'integer', 'outcome'),
    col(4, 'comment', 'text', 'feature'),
    col(5, 'channel', 'text', 'category'),
    col(6, 'country', 'text', 'feature'),
    col(7, 'age', 'integer', 'feature'),
    col(8, 'signup', 'date', 'timestamp'),
    col(9, 'score', 'real', 'score'),
    col(10, 'skip', 'integer', 'ignore'),
  ],
  2000,
);
const surveyProfile = [
  prof('satisfaction', 'text', 2, [
    ['neutral or dissatisfied', 1100],
    ['satisfied', 900],
  ]),
  prof('responded', 'integer', 2, null, 0, 1),
  prof('comment', 'text', 1500, [['great', 20]]),
  prof('channel', 'text', 3, [
    ['web', 1000],
    ['app', 700],
    ['store', 300],
  ]),
  prof('country', 'text', 1, [['UK', 2000]]),
  prof('age', 'integer', 60, null, 18, 80),
];

afterEach(() => clearFormMemory());

describe('target and positive value', () => {
  it('offers yes/no columns at once, outcomes first; two-valued text and 0/1 columns once the profile says so', () => {
    expect(targetOptions(telco, null).map((o) => o.column.name)).toEqual(['Churn', 'SeniorCitizen', 'Partner', 'Dependents', 'PhoneService', 'PaperlessBilling']);
    expect(targetOptions(survey, null)).toEqual([]);
    const withProfile = targetOptions(survey, surveyProfile);
    expect(withProfile.map((o) => [o.column.name, o.values])).toEqual([
      ['satisfaction', ['neutral or dissatisfied', 'satisfied']],
      ['responded', ['1', '0']],
    ]);
  });

  it('pre-selects the positive value only for a yes/no column or a yes/no pair of values; never for other words', () => {
    expect(suggestPositive(telco.columns[20], [])).toBe('Yes');
    expect(suggestPositive(telco.columns[2], [])).toBe('1');
    expect(suggestPositive(survey.columns[3], ['1', '0'])).toBe('1');
    expect(suggestPositive(col(0, 'x', 'text', 'outcome'), ['No', 'YES'])).toBe('YES');
    expect(suggestPositive(survey.columns[2], ['neutral or dissatisfied', 'satisfied'])).toBe('');
    expect(suggestPositive(col(0, 'status', 'text', 'outcome'), ['Churned', 'Stayed'])).toBe('');
    expect(suggestPositive(undefined, ['Yes', 'No'])).toBe('');
  });

  it('names the other value for the actual outcome ("No"), when known', () => {
    expect(otherValue(telco, null, 'Churn', 'Yes')).toBe('No');
    expect(otherValue(survey, surveyProfile, 'satisfaction', 'satisfied')).toBe('neutral or dissatisfied');
    expect(otherValue(survey, null, 'satisfaction', 'satisfied')).toBeNull();
  });

  it('says the direction in one sentence, or that it is still to be chosen', () => {
    expect(directionSentence({ target: 'Churn', positive: 'Yes' })).toBe('Predicting: Churn = Yes');
    expect(directionSentence({ target: 'satisfaction', positive: '' })).toBe('Predicting: satisfaction = ? (choose the value to predict)');
    expect(directionSentence({ target: '', positive: '' })).toBeNull();
  });
});

describe('features', () => {
  it('pre-fills Telco: Churn = Yes, the 17 non-identifying, non-protected columns, protected attributes apart', () => {
    const f = prefill(telco);
    expect(f).toMatchObject({ dataset: 'telco', target: 'Churn', positive: 'Yes', features: TELCO_FEATURES, includeProtected: [], autoFill: true, model: 'gbdt', folds: 5, testMode: 'share', testShare: 20, rule: 'cost', cost: 1 });
    expect(protectedOptions(telco, 'Churn').map((c) => c.name)).toEqual(['gender', 'SeniorCitizen']);
    expect(featureOptions(telco, 'Churn', null).some((o) => o.column.name === 'customerID' || o.column.name === 'gender')).toBe(false);
  });

  it('leaves unticked: ignored columns, other outcomes, constant columns, text with more than 100 values; never offers ids, personal data or dates', () => {
    const options = featureOptions(survey, 'satisfaction', surveyProfile);
    expect(options.map((o) => [o.column.name, o.suggested, o.note])).toEqual([
      ['responded', false, 'another outcome: usually known only after the fact'],
      ['comment', false, '1,500 values: an identifier or free text?'],
      ['channel', true, null],
      ['country', false, 'one value only'],
      ['age', true, null],
      ['score', true, null],
      ['skip', false, 'role “ignore”'],
    ]);
    expect(defaultFeatures(survey, 'satisfaction', surveyProfile)).toEqual(['channel', 'age', 'score']);
    // The test-split column is not pre-ticked (it cannot be a feature).
    expect(defaultFeatures(survey, 'satisfaction', surveyProfile, 'channel')).toEqual(['age', 'score']);
  });

  it('once the profile arrives: the only two-valued outcome becomes the target (no positive guessed), features refined once', () => {
    // Two two-valued outcomes (satisfaction, responded): which one to predict is asked.
    expect(applyProfile(prefill(survey), survey, surveyProfile)).toMatchObject({ target: '', positive: '', features: ['channel', 'age', 'score'], autoFill: false });
    const one = dataset('survey', survey.columns.map((c) => (c.name === 'responded' ? { ...c, role: 'feature' as const } : c)));
    const f = prefill(one);
    expect(f.target).toBe('');
    const g = applyProfile(f, one, surveyProfile);
    expect(g).toMatchObject({ target: 'satisfaction', positive: '', features: ['responded', 'channel', 'age', 'score'], autoFill: false });
    // Applied once: a later profile does not undo the analyst's choices.
    expect(applyProfile({ ...g, features: ['age'] }, one, surveyProfile).features).toEqual(['age']);
  });

  it('a new target takes its positive value when unambiguous and leaves the features', () => {
    const f = chooseTarget({ ...prefill(telco), confirmedLeaks: ['TotalCharges'] }, telco, null, 'Partner');
    expect(f.target).toBe('Partner');
    expect(f.positive).toBe('Yes');
    expect(f.features).not.toContain('Partner');
    expect(f.confirmedLeaks).toEqual([]);
  });
});

describe('what stops a run', () => {
  const ok = { ...prefill(telco), autoFill: false };
  const cases: [string, Partial<PredictForm>, string | null][] = [
    ['ready', {}, null],
    ['no target', { target: '' }, 'Choose the target: the yes/no outcome to predict (churned, responded, …).'],
    ['no positive', { positive: '' }, 'Choose which value of “Churn” is the outcome to predict (e.g. Yes for churned).'],
    ['no features', { features: [] }, 'Choose at least one feature: the columns the model learns from.'],
    ['gone feature', { features: ['tenure', 'vanished'] }, 'The feature “vanished” is not in telco any more; untick it.'],
    ['folds', { folds: 11 }, 'Folds must be a whole number from 1 to 10 (5 is usual; 1 means no cross-validation).'],
    ['share', { testShare: 60 }, 'The test share must be from 5% to 50% of the rows.'],
    ['no test column', { testMode: 'value' }, 'Choose the column that marks the test rows (e.g. the month), or use a random share.'],
    ['no test value', { testMode: 'value', testColumn: 'Contract' }, 'Enter the value of “Contract” that marks the test rows.'],
    [
      'test column is a feature',
      { testMode: 'value', testColumn: 'Contract', testValue: 'Two year' },
      '“Contract” marks the test rows, so it cannot also be a feature (every test row would share one value); untick it.',
    ],
    ['cost', { cost: 0 }, 'Enter what a missed positive costs compared with an unneeded action (a number above 0, e.g. 1 or 5).'],
    ['capacity', { rule: 'capacity', capacity: '' }, 'Enter how many customers the team can act on (a whole number).'],
  ];
  for (const [what, patch, problem] of cases) {
    it(what, () => expect(formProblem({ ...ok, ...patch }, telco, null)).toBe(problem));
  }

  it('a text target with more than two values, and a positive value that is not one of the two', () => {
    const f = { ...prefill(survey), target: 'channel', positive: 'web', features: ['age'] };
    expect(formProblem(f, survey, surveyProfile)).toBe('The target “channel” has 3 values; a target has exactly two (churned or not).');
    const g = { ...f, target: 'satisfaction', positive: 'happy' };
    expect(formProblem(g, survey, surveyProfile)).toBe('“happy” is not a value of “satisfaction” (its values: neutral or dissatisfied, satisfied).');
    expect(formProblem({ ...g, positive: 'satisfied' }, survey, surveyProfile)).toBeNull();
  });
});

describe('the spec sent', () => {
  it('every choice explicit, protected attributes on purpose added to the features, valid for the contract', () => {
    const f: PredictForm = { ...prefill(telco), features: ['tenure', 'Contract'], includeProtected: ['gender'], model: 'ensemble', folds: 3, rule: 'capacity', capacity: 300, confirmedLeaks: ['TotalCharges'] };
    const spec = toSpec(f);
    expect(spec).toEqual({
      dataset: 'telco',
      target: 'Churn',
      positive: 'Yes',
      features: ['tenure', 'Contract', 'gender'],
      model: 'ensemble',
      folds: 3,
      test: { share: 0.2 },
      threshold: { rule: 'capacity', capacity: 300 },
      includeProtected: ['gender'],
      confirmedLeaks: ['TotalCharges'],
    });
    expect(predictSpecSchema.parse(spec)).toEqual(spec);
    const byValue = toSpec({ ...f, testMode: 'value', testColumn: 'PaymentMethod', testValue: ' Mailed check ', testShare: 12.5 });
    expect(byValue.test).toEqual({ column: 'PaymentMethod', value: 'Mailed check' });
    expect(toSpec({ ...f, testShare: 12.5 }).test).toEqual({ share: 0.125 });
  });

  it('a saved spec opens as the same set-up, keeping what the form does not edit (id, seed, model settings)', () => {
    const saved = { ...toSpec({ ...prefill(telco), includeProtected: ['SeniorCitizen'], segmentations: ['Usage'] }), id: 'customerID', seed: 7, minLevelRows: 30, gbdt: { maxIter: 50 } };
    expect(saved.segmentations).toEqual(['Usage']);
    expect(predictSpecSchema.parse(saved)).toEqual(saved);
    const form = fromSpec(saved, prefill(telco));
    expect(form.features).toEqual(TELCO_FEATURES);
    expect(form.includeProtected).toEqual(['SeniorCitizen']);
    expect(form.segmentations).toEqual(['Usage']);
    expect(form.autoFill).toBe(false);
    expect(toSpec(form)).toEqual(saved);
    const cli = fromSpec({ dataset: 'telco', target: 'Churn', positive: 'Yes', features: ['tenure'], test: { column: 'Contract', value: 'Two year' }, threshold: { rule: 'cost', missedPositiveCost: 5 } }, prefill(telco));
    expect(cli).toMatchObject({ testMode: 'value', testColumn: 'Contract', testValue: 'Two year', rule: 'cost', cost: 5, model: 'gbdt', folds: 5 });
  });

  it('a yes/no test column is picked by its labels and sent as 1/0; a text column by its values when all are known', () => {
    expect(testValueOptions(telco.columns[16], undefined)).toEqual([
      { value: '1', label: 'Yes' },
      { value: '0', label: 'No' },
    ]);
    expect(testValueOptions(survey.columns[5], surveyProfile[3])).toEqual([
      { value: 'web', label: 'web (1,000 rows)' },
      { value: 'app', label: 'app (700 rows)' },
      { value: 'store', label: 'store (300 rows)' },
    ]);
    expect(testValueOptions(survey.columns[4], surveyProfile[2])).toBeNull();
  });
});

describe('the leak refusal', () => {
  // The services' message, as main/workspace/predict/run.ts writes it.
  const refusal = new AppError(
    'BAD_ARGUMENTS',
    '“cancel_reason” alone predicts “churned” almost perfectly (AUC 1.000 on the training rows, above 0.98). That usually means it is recorded after the outcome (a leak), and a model built on it would look excellent and fail on new customers. Leave it out, or confirm it is known before the outcome (--confirm-leak cancel_reason).',
    { columnName: 'cancel_reason' },
  );

  it('names the column from the details, else from the message; any other error is not a leak', () => {
    expect(leakColumn(refusal)).toBe('cancel_reason');
    expect(leakColumn(new AppError('BAD_ARGUMENTS', refusal.message))).toBe('cancel_reason');
    expect(leakColumn(new AppError('BAD_ARGUMENTS', '“gender” is a protected attribute … (--include-protected gender)', { columnName: 'gender' }))).toBeNull();
    expect(leakColumn(new Error('--confirm-leak x)'))).toBeNull();
  });

  it('keeping the column adds it once to the confirmed leaks, and the spec carries it', () => {
    const f = confirmLeak(confirmLeak(prefill(telco), 'TotalCharges'), 'TotalCharges');
    expect(f.confirmedLeaks).toEqual(['TotalCharges']);
    expect(toSpec(f).confirmedLeaks).toEqual(['TotalCharges']);
  });
});

describe('session memory', () => {
  it('remembers the set-up per dataset and drops columns that disappeared', () => {
    predictForms.remember('/w.cxw', { ...prefill(telco), features: ['tenure', 'Contract'], includeProtected: ['gender'] });
    const smaller = dataset('telco', telco.columns.filter((c) => c.name !== 'Contract' && c.name !== 'gender'));
    const back = predictForms.recall('/w.cxw', smaller);
    expect(back.features).toEqual(['tenure']);
    expect(back.includeProtected).toEqual([]);
    expect(predictForms.recall('/other.cxw', telco).features).toEqual(TELCO_FEATURES);
  });
});
