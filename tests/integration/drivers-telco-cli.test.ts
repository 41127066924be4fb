// `cxw drivers` on the IBM Telco churn data (/work/shared/data/telco-churn, read-only; skipped when absent): the
// target "Churn" (Yes = 1) must be read as higher-is-worse from its name, so that higher monthly charges and short
// tenure are said to raise churn and neither lands in a "strength" quadrant (issue 11: it once read churning as the
// good outcome and called monthly charges a key strength).
//
// Reference numbers: tests/fixtures/drivers/telco_reference.py (statsmodels 0.13.5 Logit of Churn on the seven
// drivers over the 7,032 complete cases; fully standardised coefficients b × sd_x × R / sd_logit):
//   tenure −0.515939, MonthlyCharges +0.232873, TotalCharges +0.112404, SeniorCitizen +0.060126,
//   PaperlessBilling +0.087436, Partner +0.004470, Dependents −0.047180; R² = corr(p̂, y)² = 0.2611574258802959;
//   median TotalCharges over the 7,032 rows that have it = 1397.475.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriversResult } from '../../shared/nps';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { DATA } from '../unit/import/helpers';

const TELCO = join(DATA, 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv');
if (!BUILT) console.warn(NOT_BUILT_MESSAGE);
if (!existsSync(TELCO)) console.warn(`Skipping the Telco drivers test: ${TELCO} is absent.`);

const DRIVERS = ['tenure', 'MonthlyCharges', 'TotalCharges', 'SeniorCitizen', 'PaperlessBilling', 'Partner', 'Dependents'];
const STATSMODELS: Record<string, number> = {
  tenure: -0.515939,
  MonthlyCharges: 0.232873,
  TotalCharges: 0.112404,
  SeniorCitizen: 0.060126,
  PaperlessBilling: 0.087436,
  Partner: 0.00447,
  Dependents: -0.04718,
};

describe.skipIf(!BUILT || !existsSync(TELCO))('cxw drivers on Telco churn', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  const args = (...more: string[]) => ['drivers', '--workspace', ws, '--dataset', 'telco', '--target', 'Churn', '--drivers', DRIVERS.join(','), '--bootstrap', '100', ...more];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-drivers-telco-'));
    ws = join(dir, 'w.cxw');
    const imported = cxw(['import', TELCO, '--workspace', ws, '--name', 'telco'], env());
    expect(imported.status, imported.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('infers higher-is-worse from "Churn"; charges and short tenure raise churn, match statsmodels, and are not strengths', () => {
    const r = cxwJson<DriversResult>(args(), env());
    expect(r.model).toBe('logistic');
    expect(r.targetNote).toContain('1 = "Churn" is Yes, 0 = it is No');
    expect(r.direction).toEqual({
      direction: 'higher-is-worse',
      source: 'its name "Churn"',
      sentence: 'Higher is worse: "Churn" = Yes is the outcome to avoid (inferred from its name "Churn"). Drivers are signed so that + means a higher chance of "Churn" = Yes.',
    });
    expect(r.n).toBe(7032);
    expect(r.excludedRows).toBe(11);
    expect(Math.abs(r.r2 - 0.2611574258802959)).toBeLessThan(1e-6);
    const by = Object.fromEntries(r.drivers.map((d) => [d.name, d]));
    for (const name of DRIVERS) expect(Math.abs(by[name].coefficient - STATSMODELS[name]), name).toBeLessThan(1e-5);
    expect(by.MonthlyCharges.sign).toBe(1);
    expect(by.tenure.sign).toBe(-1);
    expect(by.MonthlyCharges.effect).toBe('Higher "MonthlyCharges" goes with a higher chance of "Churn" = Yes (worse).');
    expect(by.tenure.effect).toBe('Lower "tenure" goes with a higher chance of "Churn" = Yes (worse).');
    // Both are among the important drivers and neither is a strength: higher charges hurt, so their performance is
    // 1 − scaled mean; tenure helps, so it keeps its scaled mean, which is below the drivers' average.
    for (const name of ['MonthlyCharges', 'tenure']) {
      expect(by[name].share, name).toBeGreaterThan(r.quadrantCuts.share);
      expect(by[name].quadrant, name).toBe('improve first');
    }
  }, 60_000);

  it('the text output says the direction and what hurts in plain words', () => {
    const out = cxw(args(), env());
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Higher is worse: "Churn" = Yes is the outcome to avoid');
    expect(out.stdout).toContain('  - Higher "MonthlyCharges" goes with a higher chance of "Churn" = Yes (worse).');
    expect(out.stdout).toContain('  - Lower "tenure" goes with a higher chance of "Churn" = Yes (worse).');
    expect(out.stdout).not.toMatch(/key strength\s+.*(MonthlyCharges|tenure)/);
  }, 60_000);

  it('an explicit --direction wins: reading churn as good turns the quadrant round (the old, misleading reading)', () => {
    const r = cxwJson<DriversResult>(args('--direction', 'higher-is-better', '--bootstrap', '0'), env());
    expect(r.direction.source).toBe('asked');
    const by = Object.fromEntries(r.drivers.map((d) => [d.name, d]));
    expect(by.MonthlyCharges.effect).toBe('Lower "MonthlyCharges" goes with a lower chance of "Churn" = Yes (worse).');
    expect(by.MonthlyCharges.quadrant).toBe('key strength');
  }, 60_000);

  it('--missing impute keeps all 7,043 rows, filling the 11 blank TotalCharges with the median 1397.475', () => {
    const r = cxwJson<DriversResult>(args('--missing', 'impute', '--bootstrap', '0'), env());
    expect(r.n).toBe(7043);
    expect(r.excludedRows).toBe(0);
    expect(r.missing).toEqual({ handling: 'impute', imputed: [{ driver: 'TotalCharges', count: 11, value: 1397.475 }] });
    expect(r.warnings.some((w) => w.startsWith('Missing driver values were filled with the driver\'s median') && w.includes('"TotalCharges" in 11 rows (0.2%) with 1397.475'))).toBe(true);
  }, 60_000);
});
