// Timing of the profile on 1M rows x 20 columns. Not part of the normal run (it takes ~30 s to build the
// table): PROFILE_BENCH=1 npx vitest run tests/unit/profile/profile-bench.test.ts
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../main/analysis/random';
import { profileDataset } from '../../../main/workspace/profile';
import { makeDataset, memoryDb, type ColumnSpec } from './helpers';

const run = process.env.PROFILE_BENCH === '1';

describe.skipIf(!run)('profile speed (PROFILE_BENCH=1)', () => {
  it('profiles 1M rows x 20 columns', () => {
    const N = Number(process.env.PROFILE_BENCH_ROWS ?? 1_000_000);
    const db = memoryDb();
    const cols: ColumnSpec[] = [
      { name: 'customer_id', type: 'text', role: 'id' },
      { name: 'email', type: 'text', role: 'pii' },
      { name: 'city', type: 'text', role: 'category' },
      { name: 'region', type: 'text', role: 'category' },
      { name: 'gender', type: 'text', role: 'protected' },
      { name: 'plan', type: 'text', role: 'category' },
      { name: 'age', type: 'integer' },
      { name: 'tenure_months', type: 'integer' },
      { name: 'monthly_spend', type: 'real' },
      { name: 'orders_12m', type: 'integer' },
      { name: 'tickets', type: 'integer' },
      { name: 'days_since_last_order', type: 'integer' },
      { name: 'nps_score', type: 'integer', role: 'nps' },
      { name: 'risk_score', type: 'real', role: 'score' },
      { name: 'income', type: 'real' },
      { name: 'app_user', type: 'boolean', booleanLabels: { true: 'true', false: 'false' } },
      { name: 'churned', type: 'boolean', role: 'outcome', booleanLabels: { true: 'Yes', false: 'No' } },
      { name: 'signup_date', type: 'date' },
      { name: 'last_seen', type: 'datetime' },
      { name: 'note', type: 'text' },
    ];
    const rng = createRng(1);
    const cities = ['London', 'Leeds', 'Cardiff', 'Glasgow', 'Belfast', 'Bristol', 'York', 'Bath'];
    function* rows(): Generator<unknown[]> {
      for (let i = 0; i < N; i++) {
        yield [
          `C${i}`, `u${i}@example.com`, rng.pick(cities), rng.pick(['N', 'S', 'E', 'W']), rng.pick(['F', 'M', 'X']), rng.pick(['Basic', 'Std', 'Prem']),
          rng.int(18, 90), rng.int(0, 120), Math.round(rng.uniform(5, 300) * 100) / 100, rng.int(0, 40), rng.int(0, 9), rng.int(0, 365),
          rng.chance(0.1) ? null : rng.int(0, 10), rng.next(), rng.normal(40000, 12000), rng.int(0, 1), rng.int(0, 1),
          `20${10 + rng.int(0, 14)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, `2025-0${rng.int(1, 9)}-1${rng.int(0, 9)}T1${rng.int(0, 9)}:3${rng.int(0, 9)}:00.${rng.int(100, 999)}Z`,
          rng.chance(0.7) ? null : rng.pick(['late', 'ok', 'great']),
        ];
      }
    }
    let t = performance.now();
    const ds = makeDataset(db, 'bench', cols, rows());
    console.log(`build ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const p = profileDataset(db, ds, { now: new Date('2026-01-01T00:00:00Z') });
    const secs = (performance.now() - t) / 1000;
    console.log(`profile ${N} rows x ${cols.length} cols: ${secs.toFixed(2)} s; issues: ${p.issues.map((i) => i.kind).join(', ')}`);
    expect(p.rows).toBe(N);
  }, 600_000);
});
