// 'drift.run' through the services on two small hand-made waves (written here, 60 rows each): which columns are
// left out and why (an integer id whose values all differ, free-text-like codes, a column in one wave only, a
// column whose type differs, a personal column pseudonymised at import, a date), small waves judged by
// BH-adjusted tests, a planted shift found, a wrong spec refused with the flag's meaning. Expected values by hand:
// "score" is 0–9 cycling in the reference and 5–9 in the current wave, a shift the KS test cannot miss at n = 60.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftResult } from '../../../shared/monitor-drift';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
const N = 60;

function wave(which: 1 | 2): string {
  const head = which === 1 ? 'member_no,email,note,visit_day,score,plan,only_first,age' : 'member_no,email,note,visit_day,score,plan,age';
  const rows = Array.from({ length: N }, (_, i) => {
    const score = which === 1 ? i % 10 : 5 + (i % 5);
    const plan = ['Basic', 'Plus'][i % 2];
    const cells = [1000 * which + i, `p${which}.${i}@example.org`, `free text ${which}-${i}`, `2025-0${which}-${String((i % 28) + 1).padStart(2, '0')}`, score, plan];
    if (which === 1) cells.push(`x${i % 3}`);
    cells.push(which === 1 ? 30 + (i % 40) : `age ${30 + (i % 40)}`);
    return cells.join(',');
  });
  return [head, ...rows].join('\n') + '\n';
}

beforeAll(async () => {
  h = await harness();
  for (const w of [1, 2] as const) {
    const path = h.csv(`w${w}.csv`, wave(w));
    await h.services.handlers['dataset.import']({ jobId: `job_drift_imp_${w}`, path, name: `wave ${w}` });
  }
}, 60_000);
afterAll(() => h?.dispose());

describe('drift.run on small waves', () => {
  let r: DriftResult;
  beforeAll(async () => {
    r = await h.services.handlers['drift.run']({ jobId: 'job_drift_small', spec: { reference: 'wave 1', current: 'wave 2' } });
  });

  it('leaves out what must not or cannot be compared, each with its reason', () => {
    const reason = Object.fromEntries(r.skipped.map((s) => [s.name, s.reason]));
    expect(reason.member_no).toMatch(/ID-like|identifier/);
    expect(reason.note).toMatch(/ID-like/);
    expect(reason.email).toMatch(/personal data/);
    expect(reason.visit_day).toMatch(/date/);
    expect(reason.only_first).toMatch(/only in the reference wave/);
    expect(reason.age).toMatch(/type differs/);
    expect(r.columns.map((c) => c.name).sort()).toEqual(['plan', 'score']);
  });

  it('judges small waves by BH-adjusted tests: the shifted score drifted, the plan did not', () => {
    expect(r.judgedBy).toBe('tests');
    const score = r.columns.find((c) => c.name === 'score')!;
    const plan = r.columns.find((c) => c.name === 'plan')!;
    expect(score.test).toBe('ks');
    // Reference 0–9 ×6, current 5–9 ×12: the ECDFs differ most at 4 (0.5 vs 0) → D = 0.5.
    expect(score.statistic).toBeCloseTo(0.5, 12);
    expect(score.drifted).toBe(true);
    // Identical 50/50 plan shares: chi-square 0 (with Yates) and p = 1.
    expect(plan.statistic).toBe(0);
    expect(plan.pValue).toBe(1);
    expect(plan.drifted).toBe(false);
    // BH over two columns, the score's p the smaller: rank 1 of m = 2 → 2p (the plan's p = 1 stays 1).
    expect(score.adjustedPValue).toBeCloseTo(Math.min(1, 2 * score.pValue), 12);
    expect(plan.adjustedPValue).toBe(1);
    expect(r.verdict).toMatch(/^1 of 2 columns drifted \(small waves/);
  });

  it('refuses a score column that is not 0–10 for NPS, and the same dataset twice', async () => {
    await expect(h.services.handlers['drift.run']({ jobId: 'job_drift_bad1', spec: { reference: 'wave 1', current: 'wave 1' } })).rejects.toThrow(/same dataset/);
    await expect(h.services.handlers['drift.run']({ jobId: 'job_drift_bad2', spec: { reference: 'wave 1', current: 'wave 2', nps: 'plan' } })).rejects.toThrow(/numeric 0–10/);
  });
});
