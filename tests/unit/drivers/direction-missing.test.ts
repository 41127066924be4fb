// Which way is good (shared/drivers-direction.ts: role, name tokens, the value counted as 1) and the impute choice
// of complete-cases.ts, on small hand-made cases: the median of [1, 2, 4, 10] is (2 + 4) / 2 = 3, the mode of
// [0, 1, 1] is 1, and rows without a target are never filled.
import { describe, expect, it } from 'vitest';
import { inferDirection, nameTokens } from '../../../shared/drivers-direction';
import { completeCases, fillValue } from '../../../main/analysis/drivers/complete-cases';
import type { ColumnMeta, ColumnProfile } from '../../../shared/domain';
import { oneLabel } from '../../../renderer/views/nps/drivers-model';
import { run } from './helpers';

const f64 = (v: number[]) => Float64Array.from(v);

describe('inferDirection', () => {
  it('reads the words of the name: churn, complaints, cancellations, defaults, fraud, late → worse', () => {
    for (const name of ['Churn', 'churned_12m', 'complaints', 'Cancelled', 'is_detractor', 'default.payment.next.month', 'FraudFlag', 'late_delivery', 'Attrition_Flag']) {
      expect(inferDirection({ name })?.direction, name).toBe('higher-is-worse');
    }
  });
  it('NPS, satisfaction, CSAT, recommend, loyalty, renewal, retention → better; the NPS role decides on its own', () => {
    for (const name of ['nps_score', 'Satisfaction', 'overall_csat', 'likelihood_to_recommend', 'loyal', 'renewed', 'retained']) {
      expect(inferDirection({ name })?.direction, name).toBe('higher-is-better');
    }
    expect(inferDirection({ name: 'q7', role: 'nps' })).toEqual({ direction: 'higher-is-better', reason: 'its NPS role' });
  });
  it('asks (null) when nothing says it, or the words disagree; matches whole words only', () => {
    for (const name of ['score', 'outcome', 'MonthlyCharges', 'template', 'translated', 'y']) expect(inferDirection({ name }), name).toBeNull();
    expect(inferDirection({ name: 'satisfaction' }, undefined, 'neutral or dissatisfied')?.direction).toBe('higher-is-worse');
    expect(nameTokens('MonthlyCharges')).toEqual(['monthly', 'charges']);
    // Prefixes that are other words, both kinds of word, or a negation: ask rather than guess (review of issue 11).
    for (const name of ['nps_after_complaint', 'satisfaction_with_cancellation', 'not_churned', 'renewal_declined']) {
      expect(inferDirection({ name }), name).toBeNull();
    }
    for (const name of ['latest_nps', 'LatestCSAT']) expect(inferDirection({ name })?.direction, name).toBe('higher-is-better');
    expect(inferDirection({ name: 'lateness_days' })?.direction).toBe('higher-is-worse');
    expect(inferDirection({ name: 'cancellations' })?.direction).toBe('higher-is-worse');
    expect(inferDirection({ name: 'customer_satisfaction' })?.direction).toBe('higher-is-better');
  });
  it('a negative value counted as 1 turns the name round; the detractor / promoter models are fixed', () => {
    expect(inferDirection({ name: 'Churn' }, 'auto', 'Yes')).toEqual({ direction: 'higher-is-worse', reason: 'its name "Churn"' });
    expect(inferDirection({ name: 'Churn' }, 'auto', 'No')).toEqual({ direction: 'higher-is-better', reason: 'its name "Churn" with 1 = "No"' });
    expect(inferDirection({ name: 'status' }, 'auto', 'Attrited Customer')?.direction).toBe('higher-is-worse');
    expect(inferDirection({ name: 'nps' }, 'detractor')?.direction).toBe('higher-is-worse');
    expect(inferDirection({ name: 'x' }, 'promoter')?.direction).toBe('higher-is-better');
  });
});

describe('missing driver values', () => {
  it('fill value: the median, the mean of the two middles for an even count, the mode of a 0/1 driver', () => {
    expect(fillValue([10, 1, 4, 2])).toBe(3);
    expect(fillValue([5, 1, 3])).toBe(3);
    expect(fillValue([0, 1, 1])).toBe(1);
    expect(fillValue([0, 0, 1, 1])).toBe(0);
    expect(fillValue([])).toBeNull();
  });

  it('impute fills drivers (after the missing codes) but never a row without the target, and counts the fills', () => {
    const a = f64([1, NaN, 2, 4, 10, NaN]);
    const b = f64([0, 1, 99, 1, NaN, 0]);
    const y = f64([1, 2, 3, 4, 5, NaN]);
    const cc = completeCases([a, b], y, [99], true);
    expect(cc.excluded).toBe(1);
    expect(Array.from(cc.x[0])).toEqual([1, 3, 2, 4, 10]); // median of 1, 2, 4, 10 over the rows with a target
    expect(Array.from(cc.x[1])).toEqual([0, 1, 1, 1, 1]); // mode of 0, 1, 1 (99 is a missing code)
    expect(cc.imputed).toEqual([
      { count: 1, value: 3 },
      { count: 2, value: 1 },
    ]);
    const listwise = completeCases([a, b], y, [99]);
    expect(listwise.excluded).toBe(4);
    expect(listwise.imputed).toBeNull();
  });

  it('the analysis reports the fills and refuses a driver missing in every row with a target', () => {
    const x1 = f64([1, 2, 3, 4, 5, 6, 7, NaN, 2, 5]);
    const x2 = f64([2, 1, 2, 1, 2, 3, 1, 2, 3, 1]);
    const y = f64([1, 2, 4, 3, 6, 5, 7, 6, 2, 4]);
    const r = run(['x1', 'x2'], [x1, x2], y, { impute: true });
    expect(r.n).toBe(10);
    expect(r.imputed).toEqual([{ driver: 'x1', count: 1, value: 4 }]);
    expect(r.warnings).toContain(
      'Missing driver values were filled with the driver\'s median (the commoner value of a 0/1 driver): "x1" in 1 rows (10.0%) with 4. Filled values pull a driver\'s correlations towards zero, so its weight is, if anything, understated.',
    );
    expect(() => run(['x1', 'x2'], [f64(Array(10).fill(NaN)), x2], y, { impute: true })).toThrow('"x1" is missing in every row that has the target');
  });
});

describe('the set-up: the value counted as 1 and the direction it implies', () => {
  const column = (name: string, type: ColumnMeta['type']): ColumnMeta => ({ index: 0, name, originalName: name, type, role: 'outcome', piiAction: 'keep' });
  const profile = (values: string[], distinct = values.length) => ({ distinct, topValues: values.map((value) => ({ value, count: 1 })), max: null }) as unknown as ColumnProfile;
  const form = { model: 'auto' as const, positive: '' };
  it('mirrors the services: the later text in character order, true for Yes/No, the typed positive', () => {
    expect(oneLabel(form, column('Attrition_Flag', 'text'), profile(['Existing Customer', 'Attrited Customer']))).toBe('Existing Customer');
    expect(oneLabel(form, { ...column('Churn', 'boolean'), booleanLabels: { true: 'Yes', false: 'No' } }, undefined)).toBe('Yes');
    expect(oneLabel({ ...form, positive: 'Attrited Customer' }, column('Attrition_Flag', 'text'), undefined)).toBe('Attrited Customer');
    expect(oneLabel({ ...form, model: 'linear' }, column('Attrition_Flag', 'text'), undefined)).toBeUndefined();
    expect(oneLabel(form, column('segment', 'text'), profile(['a', 'b', 'c']))).toBeUndefined();
  });
  it('"Existing Customer" counted as 1 is not read as attrition: the name alone would say worse, but 1 is not attrition, so it asks', () => {
    expect(inferDirection({ name: 'Attrition_Flag' }, 'auto', 'Existing Customer')).toBeNull();
    expect(inferDirection({ name: 'churned' }, 'auto', '1')).toEqual({ direction: 'higher-is-worse', reason: 'its name "churned"' });
    expect(inferDirection({ name: 'churned' }, 'auto', '2')).toBeNull();
  });
});
