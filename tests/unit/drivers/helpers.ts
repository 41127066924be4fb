// Shared by the key-driver tests: the R reference (tests/fixtures/drivers/reference.json, written by
// make_fixtures.R) and a plain CSV reader for the fixture inputs and the real airline file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { analyzeDrivers } from '../../../main/analysis/drivers/analyze';
import type { DriversInput } from '../../../main/analysis/drivers/types';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'drivers');

export interface LinearReference {
  drivers: string[];
  n: number;
  excluded?: number;
  weights: number[];
  r2: number;
  olsR2: number;
  beta: number[];
  vif: number[];
}
export interface LogisticReference {
  drivers: string[];
  n: number;
  excluded?: number;
  weights: number[];
  r2: number;
  rsq: number;
  beta: number[];
  converged: boolean;
}

export const REFERENCE = JSON.parse(readFileSync(join(FIXTURES, 'reference.json'), 'utf8')) as {
  mtcars_mpg_4: LinearReference;
  mtcars_mpg_6: LinearReference;
  mtcars_vs_logistic: LogisticReference;
  planted_linear: LinearReference;
  planted_logistic: LogisticReference;
  airline_logistic?: LogisticReference;
  airline_linear?: LinearReference;
};

/** Columns of a CSV by header name: numbers (blank → NaN) or, when a value is not a number, the raw strings. */
export function readCsv(path: string): Map<string, Float64Array | string[]> {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  const out = new Map<string, Float64Array | string[]>();
  for (const name of parsed.meta.fields ?? []) {
    const raw = parsed.data.map((r) => r[name] ?? '');
    const numeric = raw.every((v) => v.trim() === '' || Number.isFinite(Number(v)));
    out.set(name, numeric ? Float64Array.from(raw, (v) => (v.trim() === '' ? Number.NaN : Number(v))) : raw);
  }
  return out;
}

export function numbers(cols: Map<string, Float64Array | string[]>, name: string): Float64Array {
  const c = cols.get(name);
  if (!(c instanceof Float64Array)) throw new Error(`column ${name} is not numeric`);
  return c;
}

/** analyzeDrivers with the usual defaults (no bootstrap unless asked). */
export function run(names: string[], x: Float64Array[], y: Float64Array, extra: Partial<DriversInput> = {}) {
  return analyzeDrivers({ names, x, y, model: 'linear', targetHigherIsBetter: true, bootstrap: 0, seed: 1, level: 0.95, ...extra });
}

/** The result's drivers back in the order of `names` (results are sorted by weight). */
export function inOrder<T extends { name: string }>(drivers: T[], names: string[]): T[] {
  return names.map((n) => drivers.find((d) => d.name === n)!);
}
