// Timing of the pure audit on 1M rows (a measurement, not a timed assertion; outside the test suite):
//   npx vitest run --config tests/bench/vitest.bench.config.ts fairness-analysis-timing
// 1,000,000 rows, two protected attributes (gender 3 levels incl. "(missing)", age band 6 levels) and their
// intersection, a label, a score (so calibration runs) and two proxy columns. Prints the best of 5 runs.
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../main/analysis/fairness';
import type { AuditInput } from '../../main/analysis/fairness/types';
import { mulberry32 } from '../../main/analysis/random';

function makeInput(n: number, withScore: boolean): AuditInput {
  const rand = mulberry32(7);
  const gender = new Int32Array(n);
  const band = new Int32Array(n);
  const predicted = new Uint8Array(n);
  const label = new Uint8Array(n);
  const score = new Float64Array(n);
  const plan = new Int32Array(n);
  const region = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rand();
    gender[i] = u < 0.48 ? 0 : u < 0.98 ? 1 : 2;
    band[i] = Math.floor(rand() * 6);
    label[i] = rand() < 0.3 + 0.05 * band[i] ? 1 : 0;
    const s = Math.min(1, Math.max(0, 0.2 + 0.4 * label[i] - 0.05 * gender[i] + 0.3 * (rand() - 0.5)));
    score[i] = Math.round(s * 1000) / 1000;
    predicted[i] = score[i] >= 0.5 ? 1 : 0;
    plan[i] = rand() < 0.7 ? band[i] % 3 : Math.floor(rand() * 3);
    region[i] = Math.floor(rand() * 5);
  }
  return {
    n,
    predicted,
    label,
    score: withScore ? score : null,
    attributes: [
      { name: 'gender', levels: ['Female', 'Male', '(missing)'], codes: gender },
      { name: 'age_band', levels: ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'], codes: band },
    ],
    proxies: [
      { name: 'plan', levels: ['Basic', 'Plus', 'Premium'], codes: plan },
      { name: 'region', levels: ['N', 'S', 'E', 'W', 'C'], codes: region },
    ],
    decisionNote: 'score ≥ 0.5',
  };
}

describe('1M-row audit timing', () => {
  it('decision with label, two attributes + intersection (and the same with a score for calibration)', () => {
    for (const withScore of [false, true]) {
      const input = makeInput(1_000_000, withScore);
      const times: number[] = [];
      let groups = 0;
      for (let k = 0; k < 5; k++) {
        const t0 = performance.now();
        const r = auditDecision(input, { dataset: 'bench', protected: ['gender', 'age_band'], intersect: true });
        times.push(performance.now() - t0);
        groups = r.groups.length;
        expect(r.groups.filter((g) => g.attribute === 'gender').reduce((t, g) => t + g.n, 0)).toBe(1_000_000);
      }
      console.log(`audit 1M rows ${withScore ? 'with score/calibration' : 'without score'}: ${groups} groups, best ${Math.min(...times).toFixed(0)} ms, runs ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    }
  });
});
