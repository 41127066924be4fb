// Real public datasets with their quirks (see /work/shared/data/README.md). Read in place, never copied.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../../main/workspace/import';
import { DATA, tableRows, tempWorkspace, type TempWorkspace } from './helpers';

const dataMissing = !existsSync(DATA);
if (dataMissing) console.warn(`Skipping real-data import tests: ${DATA} is absent.`);

describe.skipIf(dataMissing)('import of real datasets', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('Telco churn: 7043 rows, blank TotalCharges are missing reals, Yes/No and 0/1 booleans, customerID is the id', async () => {
    const path = join(DATA, 'telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
    const preview = await previewImport(path);
    const col = (n: string) => preview.columns.find((c) => c.name === n)!;
    expect(preview.delimiter).toBe(',');
    expect(preview.encoding).toBe('utf-8');
    expect(col('TotalCharges').type).toBe('real');
    expect(col('TotalCharges').missingInSample).toBe(11);
    expect(col('Churn')).toMatchObject({ type: 'boolean', booleanLabels: { true: 'Yes', false: 'No' }, role: 'outcome' });
    expect(col('Partner')).toMatchObject({ type: 'boolean', booleanLabels: { true: 'Yes', false: 'No' } });
    expect(col('SeniorCitizen')).toMatchObject({ type: 'boolean', booleanLabels: { true: '1', false: '0' }, role: 'protected' });
    expect(col('gender').role).toBe('protected');
    expect(col('customerID').role).toBe('id');
    expect(col('tenure')).toMatchObject({ type: 'integer', role: 'feature' });
    expect(col('Contract')).toMatchObject({ type: 'text', role: 'category' });
    // A Yes/No flag named "PhoneService" is not a phone number: no column of this file is personal data.
    expect(col('PhoneService')).toMatchObject({ type: 'boolean', piiKind: null, piiAction: 'keep' });
    expect(preview.columns.filter((c) => c.piiKind !== null).map((c) => c.name)).toEqual([]);

    const result = runImport(ws.ctx, { path });
    expect(result.rows).toBe(7043);
    expect(result.rejectedRows).toBe(0);
    const rows = tableRows(ws.db, result.datasetId);
    const idx = (n: string) => `c${result.columns.findIndex((c) => c.name === n)}`;
    expect(rows.filter((r) => r[idx('TotalCharges')] === null)).toHaveLength(11);
    expect(rows[0][idx('TotalCharges')]).toBe(29.85);
    expect(rows[0][idx('customerID')]).toBe('7590-VHVEG');
    expect(rows[0][idx('Churn')]).toBe(0);
    expect(rows[2][idx('Churn')]).toBe(1);
    expect(rows.filter((r) => r[idx('SeniorCitizen')] === 1).length).toBe(1142); // 16.2% of 7,043, as the published dataset's mean 0.162
  });

  it('marketing campaign: tab-separated, Dt_Customer dd-mm-yyyy read as dates, 24 missing Income', () => {
    const path = join(DATA, 'marketing-campaign/marketing_campaign.csv');
    const result = runImport(ws.ctx, { path });
    expect(result.delimiter).toBe('\t');
    expect(result.rows).toBe(2240);
    const meta = ws.db.prepare('SELECT name, type, date_format, role FROM dataset_columns WHERE dataset_id = ? ORDER BY position').all(result.datasetId) as {
      name: string;
      type: string;
      date_format: string | null;
      role: string;
    }[];
    const m = (n: string) => meta.find((c) => c.name === n)!;
    expect(m('Dt_Customer')).toMatchObject({ type: 'date', date_format: 'DD-MM-YYYY', role: 'timestamp' });
    expect(m('Income').type).toBe('integer');
    expect(m('ID').role).toBe('id');
    expect(m('Response')).toMatchObject({ type: 'boolean', role: 'outcome' });
    const rows = tableRows(ws.db, result.datasetId);
    const dt = `c${meta.findIndex((c) => c.name === 'Dt_Customer')}`;
    const income = `c${meta.findIndex((c) => c.name === 'Income')}`;
    expect(rows[0][dt]).toBe('2012-09-04');
    expect(rows.filter((r) => r[income] === null)).toHaveLength(24);
  });

  it('receipt event log: colon headers are plain names, offset timestamps with fractions become UTC datetimes', () => {
    const path = join(DATA, 'receipt-eventlog/receipt.csv');
    const result = runImport(ws.ctx, { path });
    expect(result.rows).toBe(8577);
    const byName = Object.fromEntries(result.columns.map((c, i) => [c.name, { ...c, sql: `c${i}` }]));
    expect(byName['time:timestamp']).toMatchObject({ type: 'datetime', role: 'timestamp' });
    expect(byName['case:deadline'].type).toBe('datetime');
    expect(byName['case:concept:name'].role).toBe('id');
    expect(byName['concept:name'].role).toBe('journeyStep');
    const rows = tableRows(ws.db, result.datasetId);
    // 2011-12-06 13:41:31.788000+01:00 → 12:41:31.788 UTC
    expect(rows[0][byName['case:deadline'].sql]).toBe('2011-12-06T12:41:31.788Z');
    expect(rows.every((r) => typeof r[byName['time:timestamp'].sql] === 'string' && String(r[byName['time:timestamp'].sql]).endsWith('Z'))).toBe(true);
  });

  it('Olist reviews: line breaks inside quoted comments keep 3986 rows', () => {
    const path = join(DATA, 'olist-sample/olist_order_reviews_dataset.csv');
    const result = runImport(ws.ctx, { path });
    expect(result.rows).toBe(3986);
    const byName = Object.fromEntries(result.columns.map((c, i) => [c.name, { ...c, sql: `c${i}` }]));
    // A 1-5 star rating is a driver, not NPS (an NPS computed from it would read -100).
    expect(byName['review_score']).toMatchObject({ type: 'integer', role: 'feature' });
    expect(byName['review_creation_date'].type).toBe('datetime');
    const rows = tableRows(ws.db, result.datasetId);
    expect(rows.some((r) => String(r[byName['review_comment_message'].sql] ?? '').includes('\n'))).toBe(true);
  });

  it('airline survey: the blank first header becomes column_1 with a warning', async () => {
    const preview = await previewImport(join(DATA, 'airline-satisfaction/airline_passenger_satisfaction.csv'));
    expect(preview.headerFixes).toEqual([{ index: 0, original: '', name: 'column_1', reason: 'blank' }]);
    expect(preview.warnings.some((w) => w.includes('column_1'))).toBe(true);
    expect(preview.columns.find((c) => c.name === 'satisfaction')!.role).toBe('outcome');
  });

  it('bank marketing: semicolons and quoted strings, y is the outcome', async () => {
    const preview = await previewImport(join(DATA, 'bank-marketing/bank.csv'));
    expect(preview.delimiter).toBe(';');
    expect(preview.columns.map((c) => c.name).slice(0, 3)).toEqual(['age', 'job', 'marital']);
    expect(preview.columns.find((c) => c.name === 'y')).toMatchObject({ type: 'boolean', role: 'outcome' });
    expect(preview.columns.find((c) => c.name === 'marital')!.role).toBe('protected');
  });

  it('mall customers: no trailing newline still yields all 200 rows', () => {
    const result = runImport(ws.ctx, { path: join(DATA, 'mall-customers/Mall_Customers.csv') });
    expect(result.rows).toBe(200);
  });
});
