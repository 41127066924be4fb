// `cxw drivers` through the BUILT command: the planted fixture (tests/fixtures/drivers/planted.csv: score =
// 1.0 a + 0.6 b + 0.3 c + 0 d − 0.5 e + noise, c blank on 20 rows) imported with `cxw import`, its weights against
// the R reference (make_fixtures.R) and in the planted order, summing to r2 exactly as printed; bad input (exit 1
// with a message naming the column; usage errors exit 2); and the real airline survey against R.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriversResult } from '../../shared/nps';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { DATA } from '../unit/import/helpers';
import { FIXTURES, inOrder, REFERENCE } from '../unit/drivers/helpers';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);
const AIRLINE = join(DATA, 'airline-satisfaction', 'airline_passenger_satisfaction.csv');
if (!existsSync(AIRLINE)) console.warn(`Skipping the airline part of the drivers CLI test: ${AIRLINE} is absent.`);

describe.skipIf(!BUILT)('cxw drivers', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  // "score" says nothing about which way is good, so every run on it passes the direction (see the refusal below).
  const base = () => ['drivers', '--workspace', ws, '--dataset', 'planted', '--direction', 'higher-is-better'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-drivers-cli-'));
    ws = join(dir, 'w.cxw');
    const imported = cxw(['import', join(FIXTURES, 'planted.csv'), '--workspace', ws, '--name', 'planted'], env());
    expect(imported.status, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('linear weights: the planted order, R to 1e-6, summing to r2 exactly as listed', () => {
    const r = cxwJson<DriversResult>([...base(), '--target', 'score', '--drivers', 'a,b,c,d,e', '--bootstrap', '200', '--seed', '7'], env());
    const ref = REFERENCE.planted_linear;
    expect(r.model).toBe('linear');
    expect(r.drivers.map((d) => d.name)).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(r.n).toBe(ref.n);
    expect(r.excludedRows).toBe(20);
    inOrder(r.drivers, ref.drivers).forEach((d, j) => {
      expect(Math.abs(d.weight - ref.weights[j])).toBeLessThan(1e-6);
      expect(Math.abs(d.coefficient - ref.beta[j])).toBeLessThan(1e-6);
      expect(d.ci[0]).toBeLessThanOrEqual(d.weight);
      expect(d.ci[1]).toBeGreaterThanOrEqual(d.weight);
    });
    expect(Math.abs(r.r2 - ref.olsR2)).toBeLessThan(1e-9);
    let sum = 0;
    for (const d of r.drivers) sum += d.weight;
    expect(sum).toBe(r.r2);
    expect(r.drivers.find((d) => d.name === 'e')!.sign).toBe(-1);
    expect(r.spec).toMatchObject({ dataset: 'planted', target: 'score', bootstrap: 200, seed: 7 });
  });

  it('logistic weights of the binary outcome match R to 1e-6 and sum to the pseudo-R²', () => {
    const r = cxwJson<DriversResult>([...base(), '--target', 'promoter', '--drivers', 'a,b,c,d,e', '--bootstrap', '50'], env());
    const ref = REFERENCE.planted_logistic;
    expect(r.model).toBe('logistic');
    expect(r.targetNote).toContain('1 = "promoter" is 1, 0 = it is 0');
    inOrder(r.drivers, ref.drivers).forEach((d, j) => expect(Math.abs(d.weight - ref.weights[j])).toBeLessThan(1e-6));
    expect(Math.abs(r.r2 - ref.rsq)).toBeLessThan(1e-6);
    expect(r.drivers.reduce((s, d) => s + d.weight, 0)).toBe(r.r2);
  });

  it('prints a readable table', () => {
    const out = cxw([...base(), '--target', 'score', '--drivers', 'a,b,c,d,e', '--bootstrap', '20'], env());
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Key drivers of "score" in "planted": linear relative weights (Johnson 2000), n = 580 (20 rows left out for a missing target or driver).');
    expect(out.stdout).toMatch(/R² = 0\.\d{4}: the drivers together explain \d+\.\d% of the variance\./);
    expect(out.stdout).toMatch(/^driver\s+weight\s+95% CI\s+share\s+95% CI\s+coef\s+mean\s+quadrant$/m);
    expect(out.stdout).toMatch(/^a\s+0\.\d{4}\s+0\.\d{4}–0\.\d{4}\s+\d+\.\d%/m);
    expect(out.stdout).toContain('Higher is better: a higher "score" is the outcome to aim for (as chosen). Drivers are signed so that + means a higher "score".');
    expect(out.stdout).toContain('Higher "e" goes with a lower "score" (worse).');
    expect(out.stdout).toContain('Lower "a" goes with a lower "score" (worse).');
  });

  it('refuses a target whose direction cannot be inferred, naming --direction; rejects a bad --direction or --missing', () => {
    const plain = ['drivers', '--workspace', ws, '--dataset', 'planted', '--target', 'score', '--drivers', 'a,b', '--bootstrap', '0'];
    const asked = cxw(plain, env());
    expect(asked.status).toBe(1);
    expect(asked.stderr).toContain('Cannot tell from its name whether a higher "score" is the good or the bad outcome');
    expect(asked.stderr).toContain('pass --direction higher-is-better or --direction higher-is-worse');
    const bad = cxw([...plain, '--direction', 'up'], env());
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--direction must be higher-is-better or higher-is-worse');
    const badMissing = cxw([...plain, '--direction', 'higher-is-better', '--missing', 'drop'], env());
    expect(badMissing.status).toBe(2);
    expect(badMissing.stderr).toContain('--missing must be exclude');
  });

  it('bad input exits 1 with a message naming the column; wrong usage exits 2', () => {
    const text = cxw([...base(), '--target', 'score', '--drivers', 'a,region'], env());
    expect(text.status).toBe(1);
    expect(text.stderr).toContain('The driver "region" is a text column; key drivers need numbers');
    const json = cxw([...base(), '--target', 'score', '--drivers', 'a,region', '--json'], env());
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'BAD_ARGUMENTS' });
    const unknown = cxw([...base(), '--target', 'score', '--drivers', 'a,zzz'], env());
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Dataset "planted" has no column "zzz"');
    const one = cxw([...base(), '--target', 'score', '--drivers', 'a'], env());
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('choose at least two drivers');
    const noTarget = cxw([...base(), '--drivers', 'a,b'], env());
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toContain('--target is required');
    const badModel = cxw([...base(), '--target', 'score', '--drivers', 'a,b', '--model', 'probit'], env());
    expect(badModel.status).toBe(2);
    expect(badModel.stderr).toContain('--model must be auto, linear, logistic, detractor, promoter; got "probit".');
    const badCodes = cxw([...base(), '--target', 'score', '--drivers', 'a,b', '--missing-codes', 'none'], env());
    expect(badCodes.status).toBe(2);
  });

  describe.skipIf(!existsSync(AIRLINE))('the airline survey (real data)', () => {
    it('14 ratings with 0 = not applicable → satisfied: matches R', () => {
      const imported = cxw(['import', AIRLINE, '--workspace', ws, '--name', 'airline'], env());
      expect(imported.status, imported.stderr).toBe(0);
      const ref = REFERENCE.airline_logistic!;
      const r = cxwJson<DriversResult>(
        ['drivers', '--workspace', ws, '--dataset', 'airline', '--target', 'satisfaction', '--drivers', ref.drivers.join(','), '--missing-codes', '0', '--bootstrap', '100'],
        env(),
      );
      expect(r.model).toBe('logistic');
      expect(r.targetNote).toContain('1 = "satisfaction" is "satisfied", 0 = "neutral or dissatisfied"');
      expect(r.n).toBe(ref.n);
      expect(r.excludedRows).toBe(ref.excluded);
      inOrder(r.drivers, ref.drivers).forEach((d, j) => expect(Math.abs(d.weight - ref.weights[j]), d.name).toBeLessThan(1e-6));
      expect(Math.abs(r.r2 - ref.rsq)).toBeLessThan(1e-6);
      expect(r.drivers[0]).toMatchObject({ name: 'Online boarding', quadrant: 'key strength' });
    }, 60_000);
  });
});
