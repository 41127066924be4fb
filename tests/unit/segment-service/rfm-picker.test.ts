// Which datasets the RFM panel offers and which columns it proposes (renderer/views/segments/rfm-model.ts), on the
// real demo workspace (built by the services from main/workspace/demo-data.ts) plus a hand-made purchases table,
// with the distinct counts from the real profiles. Expected by reading the demo's columns: "Demo customers" has a
// date (signup_date), a spend (monthly_spend) and a customer id, but the id never repeats (3,000 ids in 3,000
// rows), so it is not transactions; "Demo journey events" repeats its id but has no amount-like column (its only
// number is a 1–5 satisfaction). The purchases table (8 rows, customers A, B, C) is offered with customer_id,
// order_date and amount; its integer "age" and "store_no" are never proposed as the amount.
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../shared/domain';
import {
  amountColumns,
  customerColumns,
  defaultRfmColumns,
  distinctCounts,
  looksLikeTransactions,
  rfmCandidates,
  type DistinctCounts,
} from '../../../renderer/views/segments/rfm-model';
import { harness, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(() => {
  h?.dispose();
  h = null;
});

async function load(x: Harness): Promise<{ list: DatasetSummary[]; distinct: Record<string, DistinctCounts> }> {
  const list = await x.services.handlers['dataset.list']({});
  const distinct: Record<string, DistinctCounts> = {};
  for (const d of list) distinct[d.name] = distinctCounts(await x.services.handlers['dataset.profile']({ dataset: d.name }));
  return { list, distinct };
}

describe('RFM dataset and column picker', () => {
  it('offers no demo dataset, and never age as the amount', async () => {
    h = await harness();
    await h.services.handlers['workspace.openDemo']({});
    const { list, distinct } = await load(h);
    const customers = list.find((d) => d.name === 'Demo customers')!;
    const events = list.find((d) => d.name === 'Demo journey events')!;
    expect(distinct['Demo customers'].customer_id).toBe(3000);
    expect(looksLikeTransactions(customers, distinct['Demo customers'])).toBe(false);
    expect(looksLikeTransactions(events, distinct['Demo journey events'])).toBe(false);
    expect(looksLikeTransactions(customers, undefined)).toBeNull(); // metadata fits; waits for the counts
    expect(rfmCandidates(list, distinct)).toEqual([]);
    expect(amountColumns(customers)).toEqual(['monthly_spend']); // not age (protected), risk_score (a score), satisfaction_price (a 1–5 rating)
    expect(amountColumns(events)).toEqual([]);
    // The service refuses a customer table with the reason and the flags to change.
    await expect(
      h.services.handlers['segment.rfm']({ jobId: 'job_rfm_demo', dataset: 'Demo customers', customer: 'customer_id', date: 'signup_date', amount: 'monthly_spend' }),
    ).rejects.toThrow(/RFM needs a transactions table: one row per purchase with a customer id, a date and an amount\. Every "customer_id" occurs once in "Demo customers".*--dataset/);
  });

  it('offers a purchases table with customer, date and amount proposed', async () => {
    h = await harness();
    const csv = [
      'order_id,customer_id,order_date,age,store_no,amount',
      '1,A,2024-01-01,31,4,10.50',
      '2,A,2024-03-01,31,4,30.00',
      '3,B,2024-02-15,47,2,100.00',
      '4,C,2024-01-10,25,4,5.25',
      '5,C,2024-02-10,25,1,5.25',
      '6,C,2024-03-10,25,1,5.00',
      '7,B,2024-03-20,47,2,12.00',
      '8,A,2024-03-30,31,3,7.75',
    ].join('\n');
    await h.services.handlers['dataset.import']({ jobId: 'job_tx', path: h.csv('tx.csv', csv), name: 'purchases' });
    const { list, distinct } = await load(h);
    const tx = list.find((d) => d.name === 'purchases')!;
    expect(rfmCandidates(list, distinct).map((d) => d.name)).toEqual(['purchases']);
    expect(customerColumns(tx)[0]).toBe('customer_id');
    expect(amountColumns(tx)).toEqual(['amount']);
    expect(defaultRfmColumns(tx, distinct.purchases)).toEqual({ customer: 'customer_id', date: 'order_date', amount: 'amount' });

    // One row per customer, with a repeating description of the customer ("customer_type"): no transactions table.
    const accounts = ['customer_id,customer_type,signup_date,monthly_spend', '1,Retail,2024-01-01,10.5', '2,Retail,2024-01-02,20', '3,Business,2024-01-03,35', '4,Business,2024-01-04,12'].join('\n');
    await h.services.handlers['dataset.import']({ jobId: 'job_acc', path: h.csv('accounts.csv', accounts), name: 'accounts' });
    const again = await load(h);
    expect(rfmCandidates(again.list, again.distinct).map((d) => d.name)).toEqual(['purchases']);
    expect(customerColumns(again.list.find((d) => d.name === 'accounts')!)).not.toContain('customer_type');
  });
});
