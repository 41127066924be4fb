// Columns of another one-row-per-customer dataset as model features ("DATASET: column", matched through the ids),
// and the RFM guard of a label made from an event log. Fixtures generated here (mulberry32 seed 77):
//   700 customers C0001… with plan (3 values) and cohort (every 4th "test"), and a numeric driver x ~ U(0, 10) and a
//   yes/no flag; churned ~ Bernoulli(σ(−2 + 0.35·x + 0.8·[plan = basic] + 0.6·flag)).
//   "Wide": one table with every column, x and flag blank for the 10% of customers (every 10th) the extract lacks.
//   "Base" + "Extract": the same split in two — the extract holds x and flag for the other 90% only.
// Reference: a logistic model of the joined features must be the same model as on the wide table (same columns in the
// same order, same missing values): the same test AUC and the same probabilities, to 1e-12. A hand count: 70
// customers are missing from the extract.
//   Transactions: 200 customers T001…, purchases on days of 2024 (each customer one purchase in January, then every
//   7–60 days until a random stop); RFM made by 'segment.rfm' as of 2024-12-31 and as of the cut-off 2024-08-31.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictResult } from '../../shared/predict';
import { createRng } from '../../main/analysis/random';
import { harness, type Harness } from '../unit/segment-service/helpers';

let h: Harness;
type H = Harness['services']['handlers'];
const call = async <K extends keyof H>(name: K, args: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> =>
  (await (h.services.handlers[name] as (a: typeof args) => unknown)(args)) as Awaited<ReturnType<H[K]>>;

function tables(): { wide: string; base: string; extract: string } {
  const rng = createRng(77);
  const wide = ['customer_id,plan,x,flag,churned,cohort'];
  const base = ['customer_id,plan,churned,cohort'];
  const extract = ['cid,x,flag'];
  for (let i = 0; i < 700; i++) {
    const id = `C${String(i + 1).padStart(4, '0')}`;
    const plan = rng.pick(['basic', 'plus', 'pro']);
    const x = Math.round(rng.uniform(0, 10) * 1000) / 1000;
    const flag = rng.next() < 0.4 ? 'yes' : 'no';
    const logit = -2 + 0.35 * x + (plan === 'basic' ? 0.8 : 0) + (flag === 'yes' ? 0.6 : 0);
    const churned = rng.next() < 1 / (1 + Math.exp(-logit)) ? 'Yes' : 'No';
    const cohort = i % 4 === 0 ? 'test' : 'main';
    const lacking = i % 10 === 0;
    wide.push(`${id},${plan},${lacking ? '' : x},${lacking ? '' : flag},${churned},${cohort}`);
    base.push(`${id},${plan},${churned},${cohort}`);
    if (!lacking) extract.push(`${id},${x},${flag}`);
  }
  return { wide: `${wide.join('\n')}\n`, base: `${base.join('\n')}\n`, extract: `${extract.join('\n')}\n` };
}

function transactions(): { customers: string; orders: string } {
  const rng = createRng(78);
  const customers = ['customer_id,region'];
  const orders = ['customer_id,ordered_on,amount'];
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 200; i++) {
    const id = `T${String(i + 1).padStart(3, '0')}`;
    customers.push(`${id},${rng.pick(['north', 'south'])}`);
    let d = rng.int(0, 30);
    const stop = rng.int(60, 400);
    while (d < Math.min(stop, 365)) {
      orders.push(`${id},${day(d)},${rng.int(5, 200)}`);
      d += rng.int(7, 60);
    }
  }
  return { customers: `${customers.join('\n')}\n`, orders: `${orders.join('\n')}\n` };
}

const test = { column: 'cohort', value: 'test' };

beforeAll(async () => {
  h = await harness();
  const t = tables();
  await call('dataset.import', { jobId: 'imp_wide', path: h.csv('wide.csv', t.wide), name: 'Wide' });
  await call('dataset.import', { jobId: 'imp_base', path: h.csv('base.csv', t.base), name: 'Base' });
  await call('dataset.import', { jobId: 'imp_extract', path: h.csv('extract.csv', t.extract), name: 'Extract' });
  const tx = transactions();
  await call('dataset.import', { jobId: 'imp_txc', path: h.csv('tx-customers.csv', tx.customers), name: 'Shoppers' });
  await call('dataset.import', { jobId: 'imp_tx', path: h.csv('orders.csv', tx.orders), name: 'Orders' });
}, 120_000);
afterAll(() => h?.dispose());

describe('columns of another dataset as features', () => {
  it('are the same model as the one table with those columns (missing where the customer is not in the extract)', async () => {
    const wide = await call('predict.train', { jobId: 'tr_wide', spec: { dataset: 'Wide', target: 'churned', positive: 'Yes', features: ['plan', 'x', 'flag'], id: 'customer_id', model: 'logistic', test } });
    const joined: PredictResult = await call('predict.train', {
      jobId: 'tr_joined',
      spec: { dataset: 'Base', target: 'churned', positive: 'Yes', features: ['plan'], id: 'customer_id', model: 'logistic', test, joined: [{ dataset: 'Extract', id: 'cid', columns: ['x', 'flag'] }] },
      save: { name: 'Joined' },
    });
    expect(joined.frozen.inputs.map((i) => i.column)).toEqual(['plan', 'Extract: x', 'Extract: flag']);
    expect(joined.test.rows).toBe(wide.test.rows);
    expect(Math.abs(joined.test.auc - wide.test.auc)).toBeLessThan(1e-12);
    expect(joined.warnings).toContain('70 customers are not in “Extract”: its columns are missing for them.');
    // Explaining a customer finds the joined values through the id.
    const e = await call('predict.explain', { model: 'Joined', dataset: 'Base', id: 'C0002' });
    expect(e.contributions.map((c) => c.feature).sort()).toEqual(['Extract: flag', 'Extract: x', 'plan']);
    const sum = e.contributions.reduce((s, c) => s + c.contribution, e.base);
    expect(Math.abs(sum - e.logOdds)).toBeLessThan(1e-9);
  }, 120_000);

  it('refuses an identifier column, and duplicate ids in the joined dataset', async () => {
    await expect(
      call('predict.train', { jobId: 'tr_bad', spec: { dataset: 'Base', target: 'churned', positive: 'Yes', features: ['plan'], id: 'customer_id', joined: [{ dataset: 'Extract', id: 'cid', columns: ['cid'] }] } }),
    ).rejects.toThrow(/identifier|is the target/);
    await expect(
      call('predict.train', { jobId: 'tr_dup', spec: { dataset: 'Base', target: 'churned', positive: 'Yes', features: ['plan'], id: 'customer_id', joined: [{ dataset: 'Orders', id: 'customer_id', columns: ['amount'] }] } }),
    ).rejects.toThrow(/more than one row of “Orders”/);
  });

  it('an event-log label refuses RFM counted past the cut-off, and takes RFM as of the cut-off', async () => {
    await call('segment.rfm', { jobId: 'rfm_late', dataset: 'Orders', customer: 'customer_id', date: 'ordered_on', amount: 'amount', asOf: '2024-12-31', name: 'RFM year end' });
    await call('segment.rfm', { jobId: 'rfm_cut', dataset: 'Orders', customer: 'customer_id', date: 'ordered_on', amount: 'amount', asOf: '2024-08-31', name: 'RFM at cut-off' });
    const spec = (rfm: string) => ({
      dataset: 'Shoppers',
      target: 'lapsed',
      positive: 'yes',
      features: ['region'],
      id: 'customer_id',
      model: 'logistic' as const,
      label: { events: 'Orders', customer: 'customer_id', time: 'ordered_on', cutoff: '2024-08-31', horizonDays: 60, positiveWhen: 'no-event' as const },
      joined: [{ dataset: rfm, id: 'customer_id', columns: ['r', 'f', 'm'] }],
    });
    await expect(call('predict.train', { jobId: 'tr_rfm_late', spec: spec('RFM year end') })).rejects.toThrow('“RFM year end” is RFM counted up to 2024-12-31, after the cut-off 2024-08-31');
    const ok = await call('predict.train', { jobId: 'tr_rfm_cut', spec: spec('RFM at cut-off') });
    expect(ok.frozen.inputs.map((i) => i.column)).toContain('RFM at cut-off: r');
  }, 120_000);
});
