// The Predict results' pure helpers (renderer/views/predict/results.ts) and the chart tables and summaries
// (renderer/charts/predict-tables.ts), on a small PredictResult written by hand below: 1,000 rows, 250 positive; a
// 20% test set of 200 rows (50 positive); threshold 0.5 with 30 caught, 20 missed, 10 unneeded, 140 left alone (so
// precision 30/40 = 75%, recall 30/50 = 60%); three reliability bins, ten lift deciles, three columns. Every expected
// string is worked out by hand from those numbers (e.g. ECE 0.0213 → "2.1 points"; the largest reliability gap is
// the 40–60% bin: observed 0.62 − predicted 0.5 = +12.0 points). The model card itself is the services' (predict.card).
import { describe, expect, it } from 'vitest';
import type { CustomerExplanation, LiftDecile, ModelReview, PartialDependence, PredictResult, ReviewCase } from '../../../shared/predict';
import {
  contributionSummary,
  contributionTable,
  dependenceSummary,
  gainsSummary,
  gainsTable,
  importanceSummary,
  importanceTable,
  pct1,
  pctWhole,
  reliabilitySummary,
  reliabilityTable,
} from '../../../renderer/charts/predict-tables';
import { displayCell } from '../../../renderer/charts/chart-table';
import {
  actualWords,
  callOf,
  comparisonWords,
  confusionWords,
  describeModel,
  explanationCheck,
  filterCases,
  latestReviews,
  pctBeside,
  reasonsOnly,
  splitWords,
  thresholdWords,
  withPooledNames,
} from '../../../renderer/views/predict/results';

const lift: LiftDecile[] = [20, 12, 6, 4, 3, 2, 1, 1, 1, 0].map((positives, i, all) => {
  const cum = all.slice(0, i + 1).reduce((s, v) => s + v, 0);
  return { group: i + 1, rows: 20, positives, rate: positives / 20, lift: positives / 20 / 0.25, gain: cum / 50, cumulativeLift: cum / ((i + 1) * 20) / 0.25 };
});

const result = {
  spec: { dataset: 'telco', target: 'Churn', positive: 'Yes', features: ['tenure', 'Contract', 'gender'], model: 'gbdt', folds: 5, test: { share: 0.2 }, seed: 42, includeProtected: ['gender'], minLevelRows: 30 },
  kind: 'gbdt',
  target: 'Churn',
  positive: 'Yes',
  rows: 1000,
  positives: 250,
  excludedRows: 3,
  trainRows: 800,
  split: { kind: 'share', share: 0.2 },
  cv: { rows: 800, positives: 200, auc: 0.812, aucCi: [0.78, 0.844], prAuc: 0.6, brier: 0.15, logLoss: 0.45, folds: 5 },
  test: {
    rows: 200,
    positives: 50,
    auc: 0.8345,
    aucCi: [0.8111, 0.8563],
    prAuc: 0.668,
    brier: 0.138,
    logLoss: 0.424,
    ece: 0.0213,
    baseline: { auc: 0.5, prAuc: 0.25, brier: 0.1875, logLoss: 0.5623 },
  },
  reliability: [
    { lower: 0, upper: 0.2, count: 120, meanPredicted: 0.08, observedRate: 0.075 },
    { lower: 0.4, upper: 0.6, count: 50, meanPredicted: 0.5, observedRate: 0.62 },
    { lower: 0.8, upper: 1, count: 0, meanPredicted: null, observedRate: null },
  ],
  lift,
  threshold: { value: 0.5, rule: 'cost', missedPositiveCost: 1, chosenOn: '', test: { tp: 30, fp: 10, tn: 140, fn: 20, precision: 0.75, recall: 0.6, flagged: 40 } },
  features: [
    { name: 'Contract', importance: 0.108, importanceCi: [0.09, 0.125], meanAbsContribution: 0.758 },
    { name: 'tenure', importance: 0.068, importanceCi: [0.057, 0.08], meanAbsContribution: 0.403 },
    { name: 'gender', importance: 0.001, importanceCi: [-0.002, 0.003], meanAbsContribution: 0.01 },
  ],
  partialDependence: [],
  comparison: null,
  includedProtected: ['gender'],
  proxies: [],
  warnings: ['The protected attribute “gender” is used as a feature on purpose; the model card shows it.'],
  review: [],
  frozen: {
    format: 'cxw-model',
    version: 1,
    kind: 'gbdt',
    target: 'Churn',
    positive: 'Yes',
    id: 'customerID',
    inputs: [
      { column: 'tenure', kind: 'number', type: 'integer', feature: 0 },
      { column: 'Contract', kind: 'levels', type: 'text', levels: ['Month-to-month', 'One year', 'Two year', '(other)'], feature: 1, pooled: [] },
      { column: 'gender', kind: 'levels', type: 'text', levels: ['Female', 'Male', '(other)', '(missing)'], feature: 5, pooled: ['X'] },
    ],
    featureNames: [],
    members: [],
    folds: [],
    threshold: 0.5,
    reviewBandWidth: 0.2,
  },
} as unknown as PredictResult;

describe('numbers and words', () => {
  it('prints probabilities that never read 0% or 100% by rounding', () => {
    expect([pct1(0.265), pct1(0.0004), pct1(0.9996), pctWhole(0.004), pctWhole(0.996), pctWhole(0.3)]).toEqual(['26.5%', '<0.1%', '>99.9%', '<1%', '>99%', '30%']);
  });

  it('a probability beside the threshold shows the decimals that put it on its side', () => {
    expect(pctBeside(0.4999, 0.5)).toBe('49.99%');
    expect(pctBeside(0.50002, 0.5)).toBe('50.002%');
    expect(pctBeside(0.4321, 0.5)).toBe('43.2%');
    expect(pctBeside(0.5, 0.5)).toBe('50.0%');
    expect(callOf(0.4999, 0.5)).toBe('Low risk');
    expect(callOf(0.5, 0.5)).toBe('High risk');
  });

  it('describes the model, the split and the threshold rule', () => {
    expect(describeModel(result)).toBe('Gradient-boosted trees on 3 columns · trained on 800 rows, tested on 200');
    expect(splitWords(result)).toBe('a random 20% of the rows, with the same share of positives (seed 42)');
    expect(splitWords({ ...result, split: { kind: 'value', column: 'month', value: '2025-06' } })).toBe('the rows where month = 2025-06');
    expect(thresholdWords(result)).toBe(
      'Flag customers at 50.0% or more: a missed “Yes” costs 1× an unneeded action, and with calibrated probabilities the cheapest rule is to act when p ≥ 1 ÷ (1 + 1).',
    );
    const capacity = { ...result, threshold: { ...result.threshold, rule: 'capacity' as const, capacity: 40, value: 0.4123 } };
    expect(thresholdWords(capacity)).toBe('Flag customers at 41.2% or more: the team can act on 40 customers, so the threshold is set where the 40 highest-risk test customers are flagged.');
  });

  it('the confusion counts in plain words: precision 30/40, recall 30/50', () => {
    expect(confusionWords(result)).toEqual({
      caught: 30,
      missed: 20,
      unneeded: 10,
      leftAlone: 140,
      flagged: 40,
      precision: 'Of the 40 test customers flagged, 75% had Churn = Yes (precision).',
      recall: 'The flag catches 60% of the 50 test customers with Churn = Yes (recall).',
    });
  });

  it('the ensemble comparison says whether the interval excludes 0', () => {
    expect(comparisonWords({ logisticAuc: 0.83, gbdtAuc: 0.8345, difference: -0.0046, differenceCi: [-0.012, 0.003], pValue: 0.24 })).toBe(
      'Logistic regression 0.830 against trees 0.835: difference −0.005 (95% CI −0.012 to +0.003, p = 0.24). On these test rows neither ranks customers clearly better; the ensemble averages both.',
    );
    expect(comparisonWords({ logisticAuc: 0.8, gbdtAuc: 0.85, difference: -0.05, differenceCi: [-0.07, -0.03], pValue: 0.0002 })).toBe(
      'Logistic regression 0.800 against trees 0.850: difference −0.050 (95% CI −0.070 to −0.030, p < 0.001). On these test rows the trees rank customers better.',
    );
  });
});

describe('review queue', () => {
  const cases = ['A', 'B', 'C'].map((id) => ({ id, probability: 0.5, bandLow: 0.4, bandHigh: 0.6, reason: '', actual: 1, reasons: '' })) as ReviewCase[];
  const review = (id: string, decision: 'confirm' | 'override', at: string): ModelReview => ({ model: 'm', id, decision, flagged: decision === 'confirm', reason: 'r', reviewer: 'ann', probability: 0.5, at });

  it('the latest review per customer counts; the filter splits pending from reviewed', () => {
    const latest = latestReviews([review('B', 'confirm', '1'), review('B', 'override', '2')]);
    expect(latest.get('B')?.decision).toBe('override');
    expect(filterCases(cases, latest, 'pending').map((c) => c.id)).toEqual(['A', 'C']);
    expect(filterCases(cases, latest, 'reviewed').map((c) => c.id)).toEqual(['B']);
    expect(filterCases(cases, latest, 'all')).toHaveLength(3);
  });

  it('reads the reasons without the risk headline, and the actual outcome with the other value', () => {
    expect(reasonsOnly('High risk, 52% (41–60%): Contract = Month-to-month +0.90, tenure = 2 +0.70')).toBe('Contract = Month-to-month +0.90, tenure = 2 +0.70');
    expect(reasonsOnly('Contract = Two year: a note −0.2')).toBe('Contract = Two year: a note −0.2');
    expect([actualWords(result, 1, 'No'), actualWords(result, 0, 'No'), actualWords(result, 0, null), actualWords(result, null, 'No')]).toEqual(['Yes', 'No', 'not Yes', 'not known']);
  });
});

describe('chart tables and summaries', () => {
  it('reliability: one row per bin; the largest gap named; ECE in points', () => {
    const t = reliabilityTable(result.reliability);
    expect(t.rows).toEqual([
      ['0–20%', 120, 8, 7.5, expect.closeTo(-0.5, 10)],
      ['40–60%', 50, 50, 62, expect.closeTo(12, 10)],
      ['80–100%', 0, null, null, null],
    ]);
    expect(displayCell(t.rows[1][4], t.columns[4])).toBe('+12.0');
    expect(reliabilitySummary(result.reliability, result.test.ece)).toBe(
      'On the test rows the predicted probabilities are 2.1 points from the observed rates on average (expected calibration error, weighted by rows); the largest gap is at 40–60% (50 rows): predicted 50.0%, observed 62.0%, +12.0 points.',
    );
  });

  it('gains: the deciles as cumulative shares; the top 10% finds 40% of the positives (lift 4.0×), the top 30% 76%', () => {
    const t = gainsTable(lift);
    expect(t.rows[0]).toEqual(['0–10%', 20, 20, 100, 4, 40, 4]);
    expect(t.rows[2][5]).toBeCloseTo(76, 10);
    expect(t.rows[9][0]).toBe('90–100%');
    expect(t.rows[9][5]).toBeCloseTo(100, 10);
    expect(gainsSummary(lift)).toBe('Contacting the 10% of test customers the model ranks highest finds 40% of the positives (lift 4.0×, against 10% at random); the top 30% finds 76%.');
  });

  it('importance: the top column with its interval; columns under 0.005 counted', () => {
    expect(importanceTable(result.features).rows[0]).toEqual(['Contract', 0.108, 0.09, 0.125, 0.758]);
    expect(importanceSummary(result.features)).toBe(
      '“Contract” matters most: shuffling it lowers the test AUC by 0.108 (95% CI 0.090–0.125), then “tenure” (0.068) and “gender” (0.001); 1 column changes it by less than 0.005.',
    );
  });

  it('partial dependence: a number from its first to its last grid value; levels by highest and lowest', () => {
    const num: PartialDependence = { feature: 'tenure', kind: 'number', grid: [1, 24, 72], probability: [0.48, 0.2, 0.09] };
    expect(dependenceSummary(num)).toBe(
      'With everything else as it is, setting tenure from 1 to 72 moves the mean predicted probability from 48% to 9% (highest 48% at 1, lowest 9% at 72).',
    );
    const lev: PartialDependence = { feature: 'Contract', kind: 'levels', grid: ['Month-to-month', 'One year', 'Two year'], probability: [0.43, 0.11, 0.03] };
    expect(dependenceSummary(lev)).toBe('With everything else as it is, the mean predicted probability is highest when Contract is “Month-to-month” (43%) and lowest when it is “Two year” (3%).');
  });

  it('one customer: base + contributions = log-odds (−1.2 + 0.9 + 0.7 − 0.3 = 0.1; σ(0.1) = 52.5%), largest effect first', () => {
    const e: CustomerExplanation = {
      id: 'C1',
      probability: 1 / (1 + Math.exp(-0.1)),
      bandLow: 0.45,
      bandHigh: 0.6,
      needsReview: true,
      base: -1.2,
      logOdds: 0.1,
      contributions: [
        { feature: 'tenure', value: '2', contribution: 0.7 },
        { feature: 'OnlineSecurity', value: 'Yes', contribution: -0.3 },
        { feature: 'Contract', value: 'Month-to-month', contribution: 0.9 },
      ],
      sentence: '',
    };
    const check = explanationCheck(e);
    expect(check.sum).toBeCloseTo(0.1, 12);
    expect(check.matches).toBe(true);
    expect(explanationCheck({ ...e, logOdds: 0.2 }).matches).toBe(false);
    const t = contributionTable(e);
    expect(t.rows).toEqual([
      ['Contract', 'Month-to-month', 0.9],
      ['tenure', '2', 0.7],
      ['OnlineSecurity', 'Yes', -0.3],
    ]);
    expect(t.note).toBe('Base −1.200 + the contributions = +0.100 log-odds = 52.5%. Sort by a column with its header.');
    expect(contributionSummary(e)).toBe(
      'Customer C1 starts from the base of −1.200 log-odds; “Contract” = Month-to-month moves it most (+0.900); 2 columns raise and 1 lowers the risk, ending at +0.100 log-odds = 52.5%.',
    );
  });
});

describe('model card', () => {
  it('names the values pooled into “(other)” on the text input lines of the services’ card, and nothing else changes', () => {
    const card = {
      model: 'm',
      trainedAt: '2026-12-07T02:00:00Z',
      sections: [
        { title: 'Model', items: [{ label: 'Kind', value: 'gradient-boosted trees' }] },
        {
          title: 'Features and preprocessing',
          items: [
            { label: 'tenure', value: 'number' },
            { label: 'Contract', value: 'text, one-hot over 3 values' },
            { label: 'gender', value: 'text, one-hot over 2 values; 1 rare value pooled into “(other)”' },
          ],
        },
      ],
    };
    const out = withPooledNames(card, result);
    expect(out.sections[0]).toBe(card.sections[0]);
    expect(out.sections[1].items).toEqual([
      { label: 'tenure', value: 'number' },
      { label: 'Contract', value: 'text, one-hot over 3 values' },
      { label: 'gender', value: 'text, one-hot over 2 values; 1 rare value pooled into “(other)”. Pooled: “X”' },
    ]);
  });
});
