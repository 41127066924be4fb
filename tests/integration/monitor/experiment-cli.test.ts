// `cxw experiment` on the built CLI — the "done when" for experiments: the fixture with a planted lift is
// called significant in the right direction, the one with a planted 52/48 sample-ratio mismatch is flagged and its
// verdict withheld until --acknowledge-srm. Fixtures and expected values: tests/fixtures/monitor/experiment/
// make_experiments.py (statsmodels proportions_ztest and Newcombe interval, scipy ttest_ind(equal_var=False) and
// chisquare, numpy CUPED); planning against statsmodels NormalIndPower (reference.json of make_reference.py).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentResult, PlanResult } from '../../../shared/monitor-experiment';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);
const FIX = join(import.meta.dirname, '../../fixtures/monitor/experiment');
const ref = JSON.parse(readFileSync(join(FIX, 'experiments-reference.json'), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe.skipIf(!BUILT)('cxw experiment', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  const exp = (...more: string[]) => ['experiment', '--workspace', ws, ...more];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-experiment-'));
    ws = join(dir, 'w.cxw');
    for (const name of ['lift', 'srm']) {
      const r = cxw(['import', join(FIX, `${name}.csv`), '--workspace', ws, '--name', name], env());
      expect(r.status, r.stderr).toBe(0);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the planted lift: the SPEC keys, significant and upwards, numbers as statsmodels', () => {
    const r = cxwJson<ExperimentResult>(exp('--dataset', 'lift', '--arm', 'arm', '--outcome', 'converted', '--positive', 'yes', '--control', 'control'), env());
    expect(r.arms.map((a) => Object.keys(a))).toEqual(r.arms.map(() => expect.arrayContaining(['arm', 'n', 'estimate', 'ci'])));
    expect(r.arms.map((a) => [a.arm, a.n])).toEqual([
      ['control', ref.lift.control.n],
      ['variant_b', ref.lift.variant_b.n],
    ]);
    expect(r.arms[1].estimate).toBeCloseTo(ref.lift.variant_b.x / ref.lift.variant_b.n, 12);
    const c = r.comparisons[0];
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['arm', 'difference', 'ci', 'relativeLift', 'pValue']));
    expect(c.difference).toBeGreaterThan(0);
    expect(c.significant).toBe(true);
    expect(rel(c.pValue, ref.lift.p)).toBeLessThan(1e-9);
    expect(Math.abs(c.ci[0] - ref.lift.ci[0])).toBeLessThan(1e-9);
    expect(Math.abs(c.ci[1] - ref.lift.ci[1])).toBeLessThan(1e-9);
    expect(c.relativeLift).toBeCloseTo(((ref.lift.variant_b.x / ref.lift.variant_b.n) / (ref.lift.control.x / ref.lift.control.n)) - 1, 12);
    expect(r.srm).toMatchObject({ flagged: false });
    expect(rel(r.srm.pValue, ref.lift.srm.p)).toBeLessThan(1e-9);
    expect(r.verdict.status).toBe('better');
  });

  it('text: the verdict first, in plain words', () => {
    const out = cxw(exp('--dataset', 'lift', '--arm', 'arm', '--outcome', 'converted', '--positive', 'yes'), env());
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('Verdict: “variant_b” raised the rate of converted = yes by 3.3 points');
    expect(lines[1]).toBe('  “variant_b” raised the rate of converted = yes by 3.3 points (1.7 to 4.9) against “control”, p < 0.001.');
    expect(out.stdout).toContain('control “control”, taken from its name');
  });

  it('the planted 52/48 sample-ratio mismatch is flagged and the verdict withheld until acknowledged', () => {
    const base = exp('--dataset', 'srm', '--arm', 'arm', '--outcome', 'converted', '--positive', 'yes', '--control', 'A');
    const r = cxwJson<ExperimentResult>(base, env());
    expect(r.srm.flagged).toBe(true);
    expect(r.srm.statistic).toBeCloseTo(ref.srm.statistic, 9);
    expect(rel(r.srm.pValue, ref.srm.p)).toBeLessThan(1e-9);
    expect(r.verdict.status).toBe('withheld');
    const text = cxw(base, env());
    expect(text.stdout.split('\n')[0]).toBe('VERDICT WITHHELD — sample-ratio mismatch');
    expect(text.stdout).toContain('pass --acknowledge-srm once it has been looked into');
    const ack = cxwJson<ExperimentResult>([...base, '--acknowledge-srm'], env());
    expect(ack.verdict.status).not.toBe('withheld');
    expect(ack.srm.acknowledged).toBe(true);
    // Against the planned split the same counts are no mismatch (positional shares in the arms' order A, B).
    expect(cxwJson<ExperimentResult>([...base, '--expected-split', '52,48'], env()).srm.flagged).toBe(false);
    expect(cxwJson<ExperimentResult>([...base, '--expected-split', 'B=48,A=52'], env()).srm.pValue).toBe(1);
  });

  it('CUPED with --covariate: theta and the variance reduction as numpy', () => {
    const r = cxwJson<ExperimentResult>(exp('--dataset', 'lift', '--arm', 'arm', '--outcome', 'spend', '--kind', 'mean', '--covariate', 'pre_spend'), env());
    expect(rel(r.cuped!.theta, ref.lift.cuped.theta)).toBeLessThan(1e-9);
    expect(Math.abs(r.cuped!.varianceReduction - ref.lift.cuped.varianceReduction)).toBeLessThan(1e-9);
    expect(rel(r.comparisons[0].statistic, ref.lift.cuped.t)).toBeLessThan(1e-9);
  });

  it('refuses what it cannot read with confidence, naming the flag to pass', () => {
    const noKind = cxw(exp('--dataset', 'lift', '--arm', 'arm', '--outcome', 'spend'), env());
    expect(noKind.status).not.toBe(0);
    expect(noKind.stderr).toContain('Pass --kind binary --positive V');
    const noPositive = cxw(exp('--dataset', 'lift', '--arm', 'arm', '--outcome', 'converted', '--kind', 'binary'), env());
    expect(noPositive.status).not.toBe(0);
    expect(noPositive.stderr).toContain('pass --positive V');
    const noControl = cxw(exp('--dataset', 'srm', '--arm', 'arm', '--outcome', 'converted', '--positive', 'yes'), env());
    expect(noControl.status).not.toBe(0);
    expect(noControl.stderr).toContain('Name it with --control (arms: “A”, “B”)');
  });

  it('saved with --save and re-run identical', () => {
    const r = cxwJson<ExperimentResult & { saved: { id: number } }>(exp('--dataset', 'lift', '--arm', 'arm', '--outcome', 'converted', '--positive', 'yes', '--by', 'region', '--save', 'Checkout'), env());
    expect(r.saved.id).toBeGreaterThan(0);
    const again = cxwJson<{ identical: boolean }>(['rerun', '--workspace', ws, '--result', 'Checkout'], env());
    expect(again.identical).toBe(true);
  });

  it('plan: sample size per arm and the reverse, as statsmodels NormalIndPower', () => {
    const sizes = JSON.parse(readFileSync(join(FIX, 'reference.json'), 'utf8'));
    const p = cxwJson<PlanResult>(['experiment', 'plan', '--kind', 'binary', '--baseline', '0.1', '--mde', '0.02'], env());
    expect(p.nPerArm).toBe(Math.ceil(sizes.plan[0].n));
    expect(rel(p.nExact, sizes.plan[0].n)).toBeLessThan(1e-6);
    const back = cxwJson<PlanResult>(['experiment', 'plan', '--kind', 'mean', '--sd', '10', '--n', '250', '--power', '0.9'], env());
    expect(rel(back.effectSize, sizes.planReverse[1].effect)).toBeLessThan(1e-5);
    const text = cxw(['experiment', 'plan', '--kind', 'binary', '--baseline', '0.1', '--mde', '0.02'], env());
    expect(text.stdout.split('\n')[0]).toBe('To detect a change of the rate from 10% to 12% (+2 points), plan 3,835 customers per arm (7,670 in all).');
  });
});
