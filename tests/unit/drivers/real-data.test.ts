// Real data: the airline passenger satisfaction survey (../shared/data, 25,976 rows). Its 14 service ratings run
// 0–5 with 0 meaning "not applicable" (missing code 0, rows deleted listwise); the target is "satisfied" vs
// "neutral or dissatisfied". Both models are checked against R on the same file (make_fixtures.R: glm and lm).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA } from '../import/helpers';
import { inOrder, numbers, readCsv, REFERENCE, run } from './helpers';

const CSV = join(DATA, 'airline-satisfaction', 'airline_passenger_satisfaction.csv');
if (!existsSync(CSV)) console.warn(`Skipping the airline key-driver tests: ${CSV} is absent (the shared data folder is not next to the project).`);

describe.skipIf(!existsSync(CSV))('airline passenger satisfaction (real data) vs R', () => {
  const cols = readCsv(CSV);
  const logistic = REFERENCE.airline_logistic!;
  const linear = REFERENCE.airline_linear!;
  const names = logistic.drivers;
  const x = names.map((n) => numbers(cols, n));
  const satisfaction = cols.get('satisfaction') as string[];
  const y = Float64Array.from(satisfaction, (s) => (s === 'satisfied' ? 1 : 0));

  it('logistic relative weights match R glm to 1e-9 and sum to the pseudo-R²', () => {
    const r = run(names, x, y, { model: 'logistic', missingCodes: [0] });
    expect(r.n).toBe(logistic.n);
    expect(r.n).toBe(23_863);
    expect(r.excludedRows).toBe(logistic.excluded);
    inOrder(r.drivers, names).forEach((d, j) => {
      expect(Math.abs(d.weight - logistic.weights[j]), d.name).toBeLessThan(1e-9);
      expect(Math.abs(d.coefficient - logistic.beta[j]), d.name).toBeLessThan(1e-9);
    });
    expect(Math.abs(r.r2 - logistic.rsq)).toBeLessThan(1e-9);
    expect(r.drivers.reduce((s, d) => s + d.weight, 0)).toBe(r.r2);
    // Online boarding leads by far (29% of the pseudo-R²), then wifi.
    expect(r.drivers.slice(0, 2).map((d) => d.name)).toEqual(['Online boarding', 'Inflight wifi service']);
    expect(r.warnings[0]).toContain('2,113 of 25,976 rows (8.1%) were left out');
    expect(r.warnings.some((w) => w.includes('separation'))).toBe(false);
  });

  it('linear relative weights (a linear probability model) match R lm to 1e-9', () => {
    const r = run(names, x, y, { missingCodes: [0] });
    inOrder(r.drivers, names).forEach((d, j) => expect(Math.abs(d.weight - linear.weights[j]), d.name).toBeLessThan(1e-9));
    expect(Math.abs(r.r2 - linear.olsR2)).toBeLessThan(1e-9);
  });
});
