// TreeSHAP against XGBoost 1.7.4 (Debian python3-xgboost) on a model both can load: xgboost.json by
// tests/fixtures/predict/gbdt/make_fixtures.py holds 300 rows × 4 float32-exact features (NaN in one), an XGBoost
// binary:logistic booster (8 rounds, max_depth 4, eta 0.3, base_score 0.5 → base margin 0, exact tree method) saved
// as JSON, its output margins and its pred_contribs. helpers.ts loads the JSON trees into our format (x < c becomes
// x <= the double below c; cover = XGBoost's sum_hessian, so TreeSHAP runs with cover "hessian", as XGBoost's does).
// XGBoost evaluates trees, margins and contributions in float32, so agreement with it is bounded by float32
// rounding (we assert 2e-6; observed: margins 2.5e-7, contributions 2.4e-7, bias 3.6e-8). Exactness is checked where
// float64 allows: on the same loaded model our contributions equal brute-force Shapley values to 1e-9 and add up to
// our margin to 1e-12.
import { describe, expect, it } from 'vitest';
import { predictRawMargin } from '../../../main/analysis/predict/gbdt/model';
import { treeShap } from '../../../main/analysis/predict/treeshap';
import { bruteForceShap, columns, fixture, xgboostEnsemble, type XgbTreeJson } from '../../fixtures/predict/gbdt/helpers';

interface XgbFixture {
  versions: Record<string, string>;
  X: (number | null)[][];
  model: XgbTreeJson[];
  baseScore: string;
  margin: number[];
  contribs: number[][];
}

const ref = fixture<XgbFixture>('xgboost.json');
const X = columns(ref.X);
const nf = X.length;
const n = X[0].length;
// base_score is a probability; XGBoost adds its logit to every margin (0.5 → 0).
const p0 = Number(ref.baseScore);
const model = xgboostEnsemble(ref.model, nf, Math.log(p0 / (1 - p0)));

describe(`TreeSHAP vs XGBoost ${ref.versions.xgboost} pred_contribs`, () => {
  it('the loaded trees reproduce XGBoost’s margins (float32 precision)', () => {
    expect(model.baseMargin).toBe(0);
    const margin = predictRawMargin(model, X);
    let worst = 0;
    margin.forEach((m, i) => (worst = Math.max(worst, Math.abs(m - ref.margin[i]))));
    expect(worst).toBeLessThan(2e-6);
  });

  it('contributions and bias equal pred_contribs to float32 precision', () => {
    const shap = treeShap(model, X, { cover: 'hessian' });
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < nf; j++) worst = Math.max(worst, Math.abs(shap.values[i * nf + j] - ref.contribs[i][j]));
      // pred_contribs' last column is the bias: the expected margin, the same for every row.
      worst = Math.max(worst, Math.abs(shap.base - ref.contribs[i][nf]));
    }
    expect(worst).toBeLessThan(2e-6);
  });

  it('on the same model, exact: brute-force Shapley values to 1e-9, additivity to 1e-12', () => {
    const shap = treeShap(model, X, { cover: 'hessian' });
    const margin = predictRawMargin(model, X);
    for (let i = 0; i < n; i += 7) {
      const brute = bruteForceShap(model, X.map((c) => c[i]), 'hessian');
      let sum = shap.base;
      for (let j = 0; j < nf; j++) {
        expect(Math.abs(shap.values[i * nf + j] - brute.phi[j])).toBeLessThan(1e-9);
        sum += shap.values[i * nf + j];
      }
      expect(Math.abs(sum - margin[i])).toBeLessThan(1e-12);
    }
  });
});
