// Issue 11 on the demo workspace (opened through workspace.openDemo, seed 42): the old pre-filled drivers (all four
// satisfaction ratings) silently dropped 47.7% of the rows, because satisfaction_app is blank for everyone without
// the app. Now the set-up pre-ticks only ratings blank in at most 20% of rows, counts the complete rows before
// running (the same rows query the set-up sends), and offers imputation, whose fills the result counts.
// Every expected number is recounted here from the generated CSV (generateDemoCsvs(42)), not taken from the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetProfile, DatasetSummary } from '../../../shared/domain';
import { generateDemoCsvs } from '../../../main/workspace/demo-data';
import { completeRowFilters, defaultDrivers, directionChoice } from '../../../renderer/views/nps/drivers-model';
import { prefillDrivers, toDriversSpec } from '../../../renderer/views/nps/model';
import { harness, type Harness } from '../segment-service/helpers';
import { csvRecords } from '../nps/csv';

const DATASET = 'Demo customers';
const RATINGS = ['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support', 'satisfaction_app'];
const rows = csvRecords(generateDemoCsvs(42).customers);
const complete = (cols: string[]) => rows.filter((r) => cols.every((c) => r[c] !== '')).length;
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

let h: Harness;
let customers: DatasetSummary;
let profile: DatasetProfile;

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
  customers = (await h.services.handlers['dataset.list']({})).find((d) => d.name === DATASET)!;
  profile = await h.services.handlers['dataset.profile']({ dataset: DATASET });
}, 120_000);
afterAll(() => h?.dispose());

describe('key-driver defaults on the demo workspace', () => {
  it('the old default (all four ratings) kept only 52.3% of the rows', () => {
    expect(rows.length).toBe(3000);
    expect(complete(['nps_score', ...RATINGS])).toBe(1569); // 1,431 of 3,000 (47.7%) left out
  });

  it('pre-ticks the three ratings everyone gives, leaving out satisfaction_app (blank in over 20% of rows)', () => {
    const appBlank = rows.filter((r) => r.satisfaction_app === '').length;
    expect(profile.columns.find((c) => c.name === 'satisfaction_app')!.missing).toBe(appBlank);
    expect((100 * appBlank) / rows.length).toBeGreaterThan(20);
    expect(defaultDrivers(customers, 'nps_score', profile)).toEqual(['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support']);
  });

  it('counts the complete rows before running, and the analysis uses exactly those', async () => {
    const form = { ...prefillDrivers(customers), drivers: defaultDrivers(customers, 'nps_score', profile), autoDrivers: false };
    const expected = complete(['nps_score', 'satisfaction_delivery', 'satisfaction_price', 'satisfaction_support']);
    expect(expected).toBe(2792);
    const page = await h.services.handlers['dataset.rows']({ dataset: DATASET, offset: 0, limit: 1, filters: completeRowFilters(form, [])! });
    expect(page.total).toBe(expected);
    expect(directionChoice(form, customers, profile)).toMatchObject({ direction: 'higher-is-better', inferred: { reason: 'its NPS role' }, subject: 'a higher “nps_score”' });
    const r = await h.services.handlers['drivers.analyze']({ jobId: 'job_demo_defaults', spec: { ...toDriversSpec(form), bootstrap: 0 } });
    expect(r.n).toBe(expected);
    expect(r.excludedRows).toBe(3000 - expected);
    expect(r.direction.direction).toBe('higher-is-better');
  });

  it('a missing code counts as missing in the pre-run count too', async () => {
    const form = { ...prefillDrivers(customers), drivers: ['satisfaction_delivery', 'satisfaction_price'] };
    const page = await h.services.handlers['dataset.rows']({ dataset: DATASET, offset: 0, limit: 1, filters: completeRowFilters(form, [1])! });
    const hand = rows.filter((r) => r.nps_score !== '' && ['satisfaction_delivery', 'satisfaction_price'].every((c) => r[c] !== '' && r[c] !== '1')).length;
    expect(page.total).toBe(hand);
    const r = await h.services.handlers['drivers.analyze']({ jobId: 'job_demo_codes', spec: { ...toDriversSpec({ ...form, missingCodes: '1' }), bootstrap: 0 } });
    expect(r.n).toBe(hand);
  });

  it('with impute, all four ratings keep every surveyed row and the app fills are counted (median of the surveyed app ratings)', async () => {
    const form = { ...prefillDrivers(customers), drivers: RATINGS, missing: 'impute' as const };
    const surveyed = rows.filter((r) => r.nps_score !== '');
    const appFills = surveyed.filter((r) => r.satisfaction_app === '').length;
    const appMedian = median(surveyed.filter((r) => r.satisfaction_app !== '').map((r) => Number(r.satisfaction_app)));
    const r = await h.services.handlers['drivers.analyze']({ jobId: 'job_demo_impute', spec: { ...toDriversSpec(form), bootstrap: 0 } });
    expect(r.n).toBe(surveyed.length);
    expect(r.excludedRows).toBe(3000 - surveyed.length);
    expect(r.missing).toEqual({ handling: 'impute', imputed: [{ driver: 'satisfaction_app', count: appFills, value: appMedian }] });
    expect(appFills).toBe(1223);
  });
});
