// The NPS services on the demo workspace (built through the real import, seed 42), where the generator plants
// inflated answers "in-store with employee" (+0.55 on the 0–10 latent score). Each context's NPS is compared
// with a straightforward recount from the generated CSV, and the planted context must be the one flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NpsContextResult, NpsResult } from '../../../shared/nps';
import { generateDemoCsvs } from '../../../main/workspace/demo-data';
import { harness, type Harness } from '../segment-service/helpers';
import { csvRecords, recount } from './csv';

const DATASET = 'Demo customers';
let h: Harness;
let truth: Map<string, ReturnType<typeof recount>>;
let all: ReturnType<typeof recount>;

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
  const rows = csvRecords(generateDemoCsvs(42).customers).filter((r) => r.nps_score !== '');
  const by = new Map<string, number[]>();
  for (const r of rows) by.set(r.nps_context, [...(by.get(r.nps_context) ?? []), Number(r.nps_score)]);
  truth = new Map([...by].map(([k, v]) => [k, recount(v)]));
  all = recount(rows.map((r) => Number(r.nps_score)));
}, 120_000);

afterAll(() => h?.dispose());

describe('NPS on the demo workspace', () => {
  it('overall NPS and each context\'s NPS equal a recount of the generated CSV', async () => {
    const r: NpsResult = await h.services.handlers['nps.analyze']({ jobId: 'job_nps_demo', spec: { dataset: DATASET, score: 'nps_score', by: 'nps_context' } });
    expect(r.overall).toMatchObject({ n: all.n, promoters: all.promoters, detractors: all.detractors });
    expect(r.overall.nps).toBeCloseTo(all.nps!, 10);
    expect(r.missing).toBe(3000 - all.n);
    expect(r.groups.map((g) => g.group).sort()).toEqual([...truth.keys()].sort());
    for (const g of r.groups) {
      const t = truth.get(g.group)!;
      expect([g.n, g.promoters, g.passives, g.detractors]).toEqual([t.n, t.promoters, t.passives, t.detractors]);
      expect(g.nps).toBeCloseTo(t.nps!, 10);
      expect(g.ci![0]).toBeLessThan(g.nps!);
      expect(g.ci![1]).toBeGreaterThan(g.nps!);
    }
    // The largest context is the reference; four contexts → the chi-square test.
    expect(r.reference).toBe('email after delivery');
    expect(r.test?.kind).toBe('several-groups');
    expect(r.test!.pValue).toBeLessThan(0.001);
  });

  it('the context check flags "in-store with employee" as inflated, and only what the data supports', async () => {
    const r: NpsContextResult = await h.services.handlers['nps.context']({ jobId: 'job_ctx_demo', spec: { dataset: DATASET, score: 'nps_score', context: 'nps_context' } });
    const store = truth.get('in-store with employee')!;
    const rest = recount([]);
    rest.n = all.n - store.n;
    const restNps = (100 * (all.promoters - store.promoters - (all.detractors - store.detractors))) / rest.n;
    expect(r.flags[0].group).toBe('in-store with employee');
    expect(r.flags[0].direction).toBe('inflated');
    expect(r.flags[0].difference).toBeCloseTo(store.nps! - restNps, 10);
    // Header comment of demo-data.ts: +31 vs +13 at seed 42.
    expect(Math.round(store.nps!)).toBe(31);
    expect(Math.round(restNps)).toBe(13);
    expect(r.flags[0].pAdjusted).toBeLessThan(0.001);
    expect(r.flags[0].ci[0]).toBeGreaterThan(0);
    expect(r.flags[0].sentence).toBe(
      `Answers where nps_context is "in-store with employee" score ${Math.round(store.nps! - restNps)} points higher than the rest (NPS +31 vs +13; 95% CI ${Math.round(r.flags[0].ci[0])} to ${Math.round(r.flags[0].ci[1])}, p < 0.001); treat them separately.`,
    );
    // 31.4 − 12.8 = +18.6 points: the header's "+31 vs +13" are rounded NPS values.
    expect(r.summary.startsWith(`NPS depends on how the answers were collected (column "nps_context"): "in-store with employee" +${Math.round(store.nps! - restNps)} points (p < 0.001)`)).toBe(true);
    for (const f of r.flags) expect(f.pAdjusted).toBeLessThan(0.05);
    expect(r.context).toBe('column "nps_context"');
  });

  it('by plan with a period-free 90% level: intervals narrow with the level', async () => {
    const r95: NpsResult = await h.services.handlers['nps.analyze']({ jobId: 'job_plan95', spec: { dataset: DATASET, score: 'nps_score', by: 'plan' } });
    const r90: NpsResult = await h.services.handlers['nps.analyze']({ jobId: 'job_plan90', spec: { dataset: DATASET, score: 'nps_score', by: 'plan', level: 0.9 } });
    for (let i = 0; i < r95.groups.length; i++) {
      const [a, b] = [r95.groups[i].ci!, r90.groups[i].ci!];
      expect(b[0]).toBeGreaterThan(a[0]);
      expect(b[1]).toBeLessThan(a[1]);
    }
    expect(r90.level).toBe(0.9);
  });

  it('refuses a 1–5 rating as NPS, and reads it when told how', async () => {
    const bad = h.services.handlers['nps.analyze']({ jobId: 'job_bad', spec: { dataset: DATASET, score: 'satisfaction_delivery' } });
    await expect(bad).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    await expect(bad).rejects.toThrow('Pass --map rescale:1-5 if this is a 1–5 rating');
    const ok: NpsResult = await h.services.handlers['nps.analyze']({
      jobId: 'job_ok',
      spec: { dataset: DATASET, score: 'satisfaction_delivery', mapping: { kind: 'rescale', from: [1, 5] } },
    });
    const fives = csvRecords(generateDemoCsvs(42).customers).filter((r) => r.satisfaction_delivery === '5').length;
    expect(ok.overall.promoters).toBe(fives);
    expect(ok.mappingNote).toContain('promoters are 5, passives 4, detractors 1–3');
  });

  it('refuses a text column as the score, naming it', async () => {
    await expect(h.services.handlers['nps.analyze']({ jobId: 'job_txt', spec: { dataset: DATASET, score: 'plan' } })).rejects.toThrow(
      'Column "plan" of dataset "Demo customers" is text, but NPS needs a numeric 0–10 recommend score.',
    );
  });
});
