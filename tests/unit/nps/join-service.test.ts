// NPS by a saved segmentation (same dataset: by row; another dataset: through the id columns), the trend by
// month, and the delay context from an event log — each checked against a recount in this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NpsContextResult, NpsResult } from '../../../shared/nps';
import { harness, groupsCsv, labelsOf, type Harness } from '../segment-service/helpers';
import { csvRecords, recount } from './csv';

let h: Harness;
let customers: Record<string, string>[];
let segmentNames: string[];
const SEG = 'four groups';

beforeAll(async () => {
  h = await harness();
  const text = groupsCsv(50).text;
  customers = csvRecords(text);
  await h.services.handlers['dataset.import']({ jobId: 'job_imp_c', path: h.csv('customers.csv', text), name: 'customers' });
  const seg = await h.services.handlers['segment.run']({ jobId: 'job_seg', params: { dataset: 'customers', features: ['spend', 'visits'], k: 4, name: SEG } });
  segmentNames = seg.segments.sort((a, b) => a.index - b.index).map((s) => s.name);
}, 60_000);

afterAll(() => h?.dispose());

describe('NPS by segmentation', () => {
  it('on the segmented dataset itself: each row\'s segment', async () => {
    const labels = labelsOf(h.dir + '/ws.cxw', SEG);
    const r: NpsResult = await h.services.handlers['nps.analyze']({ jobId: 'job_nps_seg', spec: { dataset: 'customers', score: 'nps', segmentation: SEG } });
    expect(r.groups.map((g) => g.group)).toEqual(segmentNames);
    segmentNames.forEach((name, k) => {
      const t = recount(customers.filter((_, i) => labels[i] === k).map((c) => Number(c.nps)));
      expect(r.groups[k]).toMatchObject({ group: name, n: t.n, promoters: t.promoters, detractors: t.detractors });
    });
    expect(r.test?.kind).toBe('several-groups');
  });

  it('on another dataset: joined through the id columns, unknown ids apart', async () => {
    const labels = labelsOf(h.dir + '/ws.cxw', SEG);
    const segOf = new Map(customers.map((c, i) => [c.customer_id, labels[i]]));
    // Every third customer answered a survey, plus five ids the customers file does not have.
    const answers = customers.filter((_, i) => i % 3 === 0).map((c, j) => ({ id: c.customer_id, ltr: (j * 7) % 11 }));
    for (let j = 0; j < 5; j++) answers.push({ id: `X${j}`, ltr: 10 });
    const csv = ['customer_id,ltr', ...answers.map((a) => `${a.id},${a.ltr}`)].join('\n') + '\n';
    await h.services.handlers['dataset.import']({ jobId: 'job_imp_s', path: h.csv('survey.csv', csv), name: 'survey' });
    const r: NpsResult = await h.services.handlers['nps.analyze']({ jobId: 'job_nps_join', spec: { dataset: 'survey', score: 'ltr', segmentation: SEG, minN: 10 } });
    expect(r.groups.map((g) => g.group)).toEqual([...segmentNames, '(not in segmentation)']);
    segmentNames.forEach((_, k) => {
      const t = recount(answers.filter((a) => segOf.get(a.id) === k).map((a) => a.ltr));
      expect([r.groups[k].n, r.groups[k].promoters, r.groups[k].detractors]).toEqual([t.n, t.promoters, t.detractors]);
    });
    expect(r.groups[4]).toMatchObject({ n: 5, promoters: 5, small: true });
    expect(r.warnings.some((w) => w.startsWith(`Answers were matched to segmentation "${SEG}" through "customer_id" = "customers"."customer_id": 67 of 72 rows matched`))).toBe(true);
  });

  it('refuses an unknown segmentation and a reference that is not a group', async () => {
    await expect(h.services.handlers['nps.analyze']({ jobId: 'job_x1', spec: { dataset: 'customers', score: 'nps', segmentation: 'nope' } })).rejects.toThrow('No segmentation named "nope"');
    await expect(h.services.handlers['nps.analyze']({ jobId: 'job_x2', spec: { dataset: 'customers', score: 'nps', by: 'plan', reference: 'Gold' } })).rejects.toThrow(
      'There is no group "Gold" to compare against. Groups: "Basic", "Plus", "Premium".',
    );
  });
});

describe('trend and delay on a survey with an event log', () => {
  // 400 customers; customer i's Delivery is on day i % 50 of 2025 at 10:00 UTC and the survey follows after
  // 0.5, 3, 10 or 40 days (i % 4). Late answers (40 days) are mostly detractors: the planted delay effect.
  // Customers 396–399 have no Delivery; 392–395 answered before their Delivery; 390–391 have no survey time.
  const N = 400;
  const DAY = 86_400_000;
  const delayOf = (i: number) => [0.5, 3, 10, 40][i % 4];
  const scoreOf = (i: number) => (delayOf(i) === 40 ? [3, 5, 9, 6, 7][Math.floor(i / 4) % 5] : [9, 10, 8, 10, 6, 9][Math.floor(i / 4) % 6]);
  const deliveryMs = (i: number) => Date.UTC(2025, 0, 1 + (i % 50), 10);
  const surveyMs = (i: number) => (i >= 392 && i < 396 ? deliveryMs(i) - DAY : deliveryMs(i) + delayOf(i) * DAY);
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    const survey = ['customer_id,ltr,surveyed_at'];
    const events = ['customer_id,at,step'];
    for (let i = 0; i < N; i++) {
      survey.push(`S${i},${scoreOf(i)},${i === 390 || i === 391 ? '' : iso(surveyMs(i))}`);
      events.push(`S${i},${iso(deliveryMs(i) - 2 * DAY)},Checkout`);
      if (i < 396) events.push(`S${i},${iso(deliveryMs(i))},Delivery`);
    }
    await h.services.handlers['dataset.import']({ jobId: 'job_imp_sv', path: h.csv('sv.csv', survey.join('\n') + '\n'), name: 'sv' });
    await h.services.handlers['dataset.import']({ jobId: 'job_imp_ev', path: h.csv('ev.csv', events.join('\n') + '\n'), name: 'ev' });
  }, 60_000);

  it('NPS per month, straight from the survey dates', async () => {
    const r: NpsResult = await h.services.handlers['nps.analyze']({ jobId: 'job_trend', spec: { dataset: 'sv', score: 'ltr', period: 'surveyed_at', periodUnit: 'month' } });
    const byMonth = new Map<string, number[]>();
    for (let i = 0; i < N; i++) {
      if (i === 390 || i === 391) continue;
      const m = iso(surveyMs(i)).slice(0, 7);
      byMonth.set(m, [...(byMonth.get(m) ?? []), scoreOf(i)]);
    }
    expect(r.trend!.map((t) => t.period)).toEqual([...byMonth.keys()].sort());
    for (const t of r.trend!) {
      const c = recount(byMonth.get(t.period)!);
      expect([t.n, t.promoters, t.detractors]).toEqual([c.n, c.promoters, c.detractors]);
    }
    expect(r.warnings).toContain('2 answers have no date, so they are left out of the trend.');
  });

  it('bins the days since the last Delivery and flags the late answers', async () => {
    const spec = { dataset: 'sv', score: 'ltr', delay: { surveyTime: 'surveyed_at', events: 'ev', customer: 'customer_id', time: 'at', step: 'step', stepValue: 'Delivery' } };
    const r: NpsContextResult = await h.services.handlers['nps.context']({ jobId: 'job_delay', spec });
    const bin = (i: number) => {
      if (i === 390 || i === 391) return '(no survey time)';
      if (i >= 392) return '(no prior event)';
      return { 0.5: '0–1 days', 3: '1–7 days', 10: '7–30 days', 40: '30+ days' }[delayOf(i)]!;
    };
    const expected = new Map<string, number[]>();
    for (let i = 0; i < N; i++) expected.set(bin(i), [...(expected.get(bin(i)) ?? []), scoreOf(i)]);
    expect(r.groups.map((g) => g.group)).toEqual(['0–1 days', '1–7 days', '7–30 days', '30+ days', '(no prior event)', '(no survey time)']);
    for (const g of r.groups) {
      const c = recount(expected.get(g.group)!);
      expect([g.n, g.promoters, g.detractors]).toEqual([c.n, c.promoters, c.detractors]);
    }
    expect(r.context).toBe('days from the last "Delivery" event to the survey');
    // The late answers are the biggest difference; against a pool that holds them, the timely bins look higher.
    expect(r.flags[0]).toMatchObject({ group: '30+ days', direction: 'deflated' });
    expect(r.flags.slice(1).every((f) => f.direction === 'inflated' && Math.abs(f.difference) < Math.abs(r.flags[0].difference))).toBe(true);
    expect(r.flags[0].sentence.startsWith('Answers given 30+ days after the last "Delivery" score ')).toBe(true);
    expect(r.warnings).toContain('Answers were matched to the "Delivery" events of "ev" through "customer_id" = "customer_id": 396 of 400 rows have such an event.');
  });

  it('names the steps when the chosen one does not exist', async () => {
    const spec = { dataset: 'sv', score: 'ltr', delay: { surveyTime: 'surveyed_at', events: 'ev', customer: 'customer_id', time: 'at', step: 'step', stepValue: 'Delivered' } };
    await expect(h.services.handlers['nps.context']({ jobId: 'job_delay_bad', spec })).rejects.toThrow('No event of "ev" has the step "Delivered" in column "step". Steps there: ');
  });
});
