// A saved model on new waves of data (`predict.monitor`, issue 16 "for saved models"). Fixtures generated here
// (mulberry32 seeds 31–34), each wave 3,000 customers with tenure, support_calls, plan and churned (Yes/No):
//   train  — tenure U(1, 72), calls 0–5; logit P(churn) = −1 + 1.5·[plan = basic] − 0.04·tenure + 0.45·calls;
//            every 4th row "test" (the model's untouched test rows, the reference wave by default)
//   same   — a new draw from the same population and mechanism: scores stable, AUC within chance of the reference
//   older  — tenure U(40, 120) (an older customer base), same mechanism: the scores move a lot (PSI > 0.25)
//   broken — the same customers as `same` in kind, but the mechanism changed (calls no longer matter, tenure's sign
//            flipped): the model ranks significantly worse
// Independent checks: the PSI is recomputed here from the probabilities `predict.score` writes (reference deciles
// over the test rows, ε = 1e-4 for empty bins as main/analysis/monitor/drift/distances.ts documents), and each wave's
// AUC from the same scores with the rank formula (rocAuc) — the monitor must agree to 1e-12.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelMonitor } from '../../shared/predict';
import { createRng } from '../../main/analysis/random';
import { rocAuc } from '../../main/analysis/predict/metrics';
import { harness, type Harness } from '../unit/segment-service/helpers';

let h: Harness;
type H = Harness['services']['handlers'];
const call = async <K extends keyof H>(name: K, args: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> =>
  (await (h.services.handlers[name] as (a: typeof args) => unknown)(args)) as Awaited<ReturnType<H[K]>>;

function wave(seed: number, kind: 'train' | 'same' | 'older' | 'broken'): string {
  const rng = createRng(seed);
  const lines = ['customer_id,plan,tenure,support_calls,churned,cohort'];
  for (let i = 0; i < 3000; i++) {
    const plan = rng.pick(['basic', 'plus', 'pro']);
    const tenure = kind === 'older' ? rng.int(40, 120) : rng.int(1, 72);
    const calls = rng.int(0, 5);
    const logit = kind === 'broken' ? -3 + 1.5 * (plan === 'basic' ? 1 : 0) + 0.04 * tenure : -1 + 1.5 * (plan === 'basic' ? 1 : 0) - 0.04 * tenure + 0.45 * calls;
    const churned = rng.next() < 1 / (1 + Math.exp(-logit)) ? 'Yes' : 'No';
    lines.push(`${kind[0]}${i},${plan},${tenure},${calls},${churned},${i % 4 === 0 ? 'test' : 'main'}`);
  }
  return `${lines.join('\n')}\n`;
}

const monitor = (current: string) => call('predict.monitor', { jobId: `mon_${current}`, model: 'Churn', current });

beforeAll(async () => {
  h = await harness();
  for (const [seed, kind] of [
    [31, 'train'],
    [32, 'same'],
    [33, 'older'],
    [34, 'broken'],
  ] as const) {
    await call('dataset.import', { jobId: `imp_${kind}`, path: h.csv(`${kind}.csv`, wave(seed, kind)), name: kind });
  }
  await call('predict.train', {
    jobId: 'tr_mon',
    spec: { dataset: 'train', target: 'churned', positive: 'Yes', features: ['plan', 'tenure', 'support_calls'], id: 'customer_id', model: 'logistic', test: { column: 'cohort', value: 'test' } },
    save: { name: 'Churn' },
  });
}, 120_000);
afterAll(() => h?.dispose());

/** Probabilities and outcomes of a dataset scored by the model ("churned" is a yes/no column: stored 1/0). */
async function scored(dataset: string): Promise<{ p: number[]; y: number[] }> {
  const out = await call('predict.score', { jobId: `sc_${dataset}`, model: 'Churn', dataset });
  const rows = await call('dataset.rows', { dataset: out.dataset.name, offset: 0, limit: 5000 });
  const header = rows.columns;
  const pi = header.indexOf('probability');
  const yi = header.indexOf('churned');
  return { p: rows.rows.map((r) => Number(r[pi])), y: rows.rows.map((r) => (r[yi] === 1 ? 1 : 0)) };
}

function psiByHand(ref: number[], cur: number[]): number {
  const s = [...ref].sort((a, b) => a - b);
  const q = (k: number) => {
    const pos = (k / 10) * (s.length - 1);
    const lo = Math.floor(pos);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
  };
  const edges = [...new Set(Array.from({ length: 9 }, (_, k) => q(k + 1)))];
  const bin = (v: number) => edges.filter((e) => v > e).length;
  const counts = (xs: number[]) => xs.reduce((c, v) => (c[bin(v)]++, c), new Array(edges.length + 1).fill(0) as number[]);
  const a = counts(ref);
  const b = counts(cur);
  let out = 0;
  for (let k = 0; k < a.length; k++) {
    const pa = Math.max(a[k] / ref.length, 1e-4);
    const pb = Math.max(b[k] / cur.length, 1e-4);
    out += (pb - pa) * Math.log(pb / pa);
  }
  return out;
}

describe('predict.monitor', () => {
  let same: ModelMonitor;
  it('the same population: stable scores, AUC within chance of the reference (its test rows)', async () => {
    same = await monitor('same');
    expect(same.reference).toMatchObject({ dataset: 'train', rowsKind: 'test rows', rows: 750, labelled: 750 });
    expect(same.current).toMatchObject({ dataset: 'same', rowsKind: 'all', rows: 3000, labelled: 3000 });
    expect(same.scoreDrift.band).toBe('stable');
    expect(same.aucChange!.pValue).toBeGreaterThan(0.05);
    expect(same.verdict).toMatch(/look like the reference’s .*within what chance allows/);
  });

  it('agrees with the scores written by predict.score: AUC by ranks, PSI by hand', async () => {
    const cur = await scored('same');
    expect(Math.abs(rocAuc(Uint8Array.from(cur.y), Float64Array.from(cur.p)) - same.current.auc!)).toBeLessThan(1e-12);
    const train = await call('results.list', { kind: 'model' });
    expect(train.length).toBe(1);
    const all = await scored('train');
    const testP = all.p.filter((_, i) => i % 4 === 0);
    expect(Math.abs(psiByHand(testP, cur.p) - same.scoreDrift.psi)).toBeLessThan(1e-9);
  });

  it('an older customer base: the scores moved a lot (PSI above 0.25), said in the verdict', async () => {
    const m = await monitor('older');
    expect(m.scoreDrift.band).toBe('major');
    expect(m.scoreDrift.psi).toBeGreaterThan(0.25);
    expect(m.current.meanProbability).toBeLessThan(m.reference.meanProbability);
    expect(m.verdict).toMatch(/moved a lot/);
  });

  it('a changed mechanism: the model ranks significantly worse', async () => {
    const m = await monitor('broken');
    expect(m.aucChange!.difference).toBeLessThan(-0.1);
    expect(m.aucChange!.pValue).toBeLessThan(0.001);
    expect(m.verdict).toMatch(/ranks worse on it/);
  });

  it('refuses to compare the training dataset with itself unless a reference is named', async () => {
    await expect(monitor('train')).rejects.toThrow(/the dataset the model was trained on/);
  });
});
