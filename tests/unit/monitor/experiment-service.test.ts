// The experiment job end to end in-process (services with useWorkers: false) on the fixtures of
// tests/fixtures/monitor/experiment/make_experiments.py; expected values are in experiments-reference.json, made there
// with statsmodels (proportions_ztest, Newcombe), scipy (ttest_ind equal_var=False, chisquare) and numpy (CUPED).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentSpec } from '../../../shared/monitor-experiment';
import { harness, type Harness } from '../segment-service/helpers';

const FIX = join(__dirname, '../../fixtures/monitor/experiment');
const ref = JSON.parse(readFileSync(join(FIX, 'experiments-reference.json'), 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

let h: Harness;
let job = 0;
const run = (spec: ExperimentSpec, save?: { name: string }) => h.services.handlers['experiment.run']({ jobId: `job_exp_${++job}`, spec, ...(save ? { save } : {}) });
const lift = (extra: Partial<ExperimentSpec> = {}): ExperimentSpec => ({ dataset: 'lift', arm: 'arm', outcome: 'converted', kind: 'binary', positive: 'yes', ...extra });

beforeAll(async () => {
  h = await harness();
  for (const name of ['lift', 'srm', 'three-arms']) {
    await h.services.handlers['dataset.import']({ jobId: `job_imp_${name}`, path: join(FIX, `${name}.csv`), name });
  }
});
afterAll(() => h?.dispose());

describe('experiment.run', () => {
  it('calls the planted lift: significant, upwards, numbers as statsmodels', async () => {
    const r = await run(lift());
    expect(r.control).toBe('control');
    expect(r.controlSource).toBe('named');
    expect(r.arms.map((a) => [a.arm, a.n, a.successes])).toEqual([
      ['control', ref.lift.control.n, ref.lift.control.x],
      ['variant_b', ref.lift.variant_b.n, ref.lift.variant_b.x],
    ]);
    const c = r.comparisons[0];
    expect(c.arm).toBe('variant_b');
    expect(rel(c.pValue, ref.lift.p)).toBeLessThan(1e-9);
    expect(Math.abs(c.ci[0] - ref.lift.ci[0])).toBeLessThan(1e-9);
    expect(Math.abs(c.ci[1] - ref.lift.ci[1])).toBeLessThan(1e-9);
    expect(c.significant).toBe(true);
    expect(r.verdict.status).toBe('better');
    expect(r.verdict.sentences[0]).toMatch(/^“variant_b” raised the rate of converted = yes by 3\.3 points \(1\.7 to 4\.9\) against “control”, p < 0\.001\.$/);
    expect(r.srm.flagged).toBe(false);
    expect(rel(r.srm.pValue, ref.lift.srm.p)).toBeLessThan(1e-9);
  });

  it('mean and CUPED match scipy Welch and numpy theta', async () => {
    const plain = await run(lift({ outcome: 'spend', kind: 'mean', positive: undefined }));
    expect(rel(plain.comparisons[0].statistic, ref.lift.spend.t)).toBeLessThan(1e-9);
    expect(rel(plain.comparisons[0].pValue, ref.lift.spend.p)).toBeLessThan(1e-7);
    const cuped = await run(lift({ outcome: 'spend', kind: 'mean', positive: undefined, covariate: 'pre_spend' }));
    expect(rel(cuped.cuped!.theta, ref.lift.cuped.theta)).toBeLessThan(1e-9);
    expect(Math.abs(cuped.cuped!.varianceReduction - ref.lift.cuped.varianceReduction)).toBeLessThan(1e-9);
    expect(rel(cuped.comparisons[0].difference, ref.lift.cuped.difference)).toBeLessThan(1e-9);
    expect(rel(cuped.comparisons[0].statistic, ref.lift.cuped.t)).toBeLessThan(1e-9);
    // CUPED narrows the interval: the planted +4 is estimated closer to 4 than the plain difference.
    expect(cuped.comparisons[0].ci[1] - cuped.comparisons[0].ci[0]).toBeLessThan(plain.comparisons[0].ci[1] - plain.comparisons[0].ci[0]);
  });

  it('withholds the verdict on the planted 52/48 sample-ratio mismatch until acknowledged', async () => {
    const r = await run({ dataset: 'srm', arm: 'arm', outcome: 'converted', kind: 'binary', positive: 'yes', control: 'A' });
    expect(r.srm.statistic).toBeCloseTo(16, 9);
    expect(rel(r.srm.pValue, ref.srm.p)).toBeLessThan(1e-9);
    expect(r.srm.flagged).toBe(true);
    expect(r.verdict.status).toBe('withheld');
    expect(r.verdict.sentences[0]).toContain('sample-ratio mismatch');
    const ack = await run({ dataset: 'srm', arm: 'arm', outcome: 'converted', kind: 'binary', positive: 'yes', control: 'A', acknowledgeSrm: true });
    expect(ack.verdict.status).not.toBe('withheld');
    expect(ack.verdict.sentences.at(-1)).toContain('was acknowledged');
    // Against the planned 52/48 split there is no mismatch.
    const planned = await run({ dataset: 'srm', arm: 'arm', outcome: 'converted', kind: 'binary', positive: 'yes', control: 'A', expectedSplit: [52, 48] });
    expect(planned.srm.pValue).toBe(1);
    expect(planned.srm.flagged).toBe(false);
  });

  it('three arms: Holm over the two comparisons (by hand in the generator)', async () => {
    const r = await run({ dataset: 'three-arms', arm: 'arm', outcome: 'converted', kind: 'binary', positive: '1', control: 'A' });
    const byArm = Object.fromEntries(r.comparisons.map((c) => [c.arm, c]));
    for (const a of ['B', 'C']) {
      expect(rel(byArm[a].pValue, ref.three[a].p)).toBeLessThan(1e-9);
      expect(rel(byArm[a].pValueAdjusted, ref.three[a].holm)).toBeLessThan(1e-9);
    }
    expect(r.verdict.sentences[0]).toContain('after Holm’s correction for 2 comparisons');
  });

  it('refuses to guess: no control named, no positive value, a text mean', async () => {
    await expect(run({ dataset: 'three-arms', arm: 'arm', outcome: 'converted', kind: 'binary', positive: '1' })).rejects.toThrow(/Which arm is the control\?.*--control \(arms: “A”, “B”, “C”\)/);
    await expect(run(lift({ positive: undefined }))).rejects.toThrow(/--positive V \(values of “converted”: “(no|yes)”, “(no|yes)”\)/);
    await expect(run(lift({ positive: 'maybe' }))).rejects.toThrow(/never holds “maybe”/);
    await expect(run(lift({ kind: 'mean', positive: undefined }))).rejects.toThrow(/A mean needs a numeric outcome; “converted” is boolean\. For a yes\/no outcome use --kind binary --positive V\./);
    await expect(run(lift({ control: 'Control' }))).rejects.toThrow(/No arm is called “Control”\. Did you mean “control”\?/);
  });

  it('NPS outcome and effects by region with Cochran’s Q, marked exploratory', async () => {
    const r = await run({ dataset: 'lift', arm: 'arm', outcome: 'nps', kind: 'nps', by: 'region' });
    expect(r.arms.every((a) => a.promoters! + a.passives! + a.detractors! === a.n)).toBe(true);
    expect(r.segments!.rows.map((s) => s.segment).sort()).toEqual(['east', 'north', 'south']);
    expect(r.segments!.heterogeneity[0].df).toBe(2);
    expect(r.segments!.note).toMatch(/^Exploratory/);
  });

  it('saved, re-run identical', async () => {
    const r = await run(lift({ by: 'region' }), { name: 'Checkout test' });
    expect(r.saved?.kind).toBe('experiment');
    const again = await h.services.handlers['results.rerun']({ jobId: 'job_exp_rerun', id: r.saved!.id });
    expect(again.identical).toBe(true);
  });

  it('plan: the calculator through the contract', async () => {
    const p = await h.services.handlers['experiment.plan']({ spec: { kind: 'binary', baseline: 0.1, mde: 0.02 } });
    expect(p.nPerArm).toBe(3835); // statsmodels NormalIndPower: 3834.5957… (reference.json)
  });
});
