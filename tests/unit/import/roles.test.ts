// Role inference for ratings, NPS and scores: a 1-5 satisfaction rating is a driver (feature), not NPS; only a
// 0-10 likelihood-to-recommend is NPS; "score" alone is a model score only when its values are probabilities.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ColumnRole } from '../../../shared/domain';
import { previewImport } from '../../../main/workspace/import';
import { generateDemoCsvs } from '../../../main/workspace/demo-data';
import { loadWithExtras } from '../../../main/workspace/segments/prepare';
import { makeDataset, memoryDb } from '../profile/helpers';
import { DATA, tempWorkspace, type TempWorkspace } from './helpers';

const N = 80;

/** Preview a CSV whose columns are generated per row index; returns name → proposed role. */
async function rolesOf(ws: TempWorkspace, cols: Record<string, (i: number) => string | number>): Promise<Record<string, ColumnRole>> {
  const names = Object.keys(cols);
  const csv = [names.join(','), ...Array.from({ length: N }, (_, i) => names.map((n) => cols[n](i)).join(','))].join('\n');
  const p = await previewImport(ws.file('roles.csv', csv));
  return Object.fromEntries(p.columns.map((c) => [c.name, c.role]));
}

describe('roles of ratings, NPS and scores', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('1-5 satisfaction / CSAT / review ratings are features, never NPS', async () => {
    const r = await rolesOf(ws, {
      satisfaction: (i) => 1 + (i % 5),
      satisfaction_delivery: (i) => 1 + ((i * 3) % 5),
      csat: (i) => 1 + ((i * 7) % 5),
      review_score: (i) => 1 + ((i * 2) % 5),
      product_rating: (i) => 1 + ((i * 4) % 5),
    });
    expect(r).toEqual({ satisfaction: 'feature', satisfaction_delivery: 'feature', csat: 'feature', review_score: 'feature', product_rating: 'feature' });
  });

  it('0-10 likelihood to recommend is NPS; the same header on a 1-5 scale is not', async () => {
    const r = await rolesOf(ws, {
      nps_score: (i) => i % 11,
      likelihood_to_recommend: (i) => (i * 3) % 11,
      NPS: (i) => (i * 7) % 11,
      nps_five_point: (i) => 1 + (i % 5),
    });
    expect(r).toEqual({ nps_score: 'nps', likelihood_to_recommend: 'nps', NPS: 'nps', nps_five_point: 'feature' });
  });

  it('"score" is a model score only for probabilities in [0, 1]; behaviour scores stay features', async () => {
    const r = await rolesOf(ws, {
      Spending_Score: (i) => 1 + ((i * 37) % 100),
      credit_score: (i) => 300 + ((i * 53) % 551),
      churn_probability: (i) => ((i * 13) % 100) / 100,
      model_score: (i) => (i % 7) / 7 + 0.0001,
      risk_score: (i) => (i * 17) % 1000,
      purchase_likelihood: (i) => (i * 11) % 90,
      propensity: (i) => ((i * 3) % 100) / 100,
    });
    expect(r).toEqual({
      Spending_Score: 'feature',
      credit_score: 'feature',
      churn_probability: 'score',
      model_score: 'score',
      risk_score: 'score',
      purchase_likelihood: 'score',
      propensity: 'score',
    });
  });

  it('survey-collection metadata is never NPS: numbers stay features, short text is a category', async () => {
    const contexts = ['email after delivery', 'in-store with employee', 'in-app prompt', 'phone call'];
    const r = await rolesOf(ws, {
      nps_asked_days_after_event: (i) => i % 9,
      nps_context: (i) => contexts[i % 4],
      survey_channel: (i) => ['email', 'app', 'phone'][i % 3],
      survey_response_channel: (i) => ['email', 'app'][i % 2],
      survey_nps: (i) => (i * 3) % 11,
    });
    expect(r).toEqual({
      nps_asked_days_after_event: 'feature',
      nps_context: 'category',
      survey_channel: 'category',
      survey_response_channel: 'category',
      survey_nps: 'nps',
    });
  });

  it('a text satisfaction label stays the outcome', async () => {
    const r = await rolesOf(ws, { satisfaction: (i) => (i % 3 ? 'satisfied' : 'neutral or dissatisfied') });
    expect(r.satisfaction).toBe('outcome');
  });

  it('the demo customers have exactly one NPS column, nps_score; its satisfaction ratings are features', async () => {
    const { customers, events } = generateDemoCsvs(42);
    const p = await previewImport(ws.file('customers.csv', customers));
    const role = Object.fromEntries(p.columns.map((c) => [c.name, c.role]));
    expect(p.columns.filter((c) => c.role === 'nps').map((c) => c.name)).toEqual(['nps_score']);
    for (const n of ['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support', 'satisfaction_app']) expect(role[n]).toBe('feature');
    expect(role.nps_context).toBe('category');
    expect(role.nps_asked_days_after_event).toBe('feature');
    expect(role.risk_score).toBe('score');
    const e = await previewImport(ws.file('events.csv', events));
    expect(e.columns.find((c) => c.name === 'satisfaction')!.role).toBe('feature');
    expect(e.columns.some((c) => c.role === 'nps')).toBe(false);
  });
});

describe('segment cards and a mislabelled NPS column', () => {
  const ctx = { isCancelled: () => false, onProgress: () => {} };

  it('ignore an nps-role column whose observed max is at most 5 (no NPS rather than a wrong one)', () => {
    const db = memoryDb();
    try {
      const rows = Array.from({ length: 30 }, (_, i) => [i * 1.5, 1 + (i % 5)]);
      const ds = makeDataset(db, 'rated', [{ name: 'spend', type: 'real' }, { name: 'stars', type: 'integer', role: 'nps' }], rows);
      expect(loadWithExtras(db, ds, [ds.columns[0]], ctx).nps).toBeNull();
    } finally {
      db.close();
    }
  });

  it('keep a genuine 0-10 nps column', () => {
    const db = memoryDb();
    try {
      const rows = Array.from({ length: 30 }, (_, i) => [i * 1.5, i % 11]);
      const ds = makeDataset(db, 'nps', [{ name: 'spend', type: 'real' }, { name: 'nps', type: 'integer', role: 'nps' }], rows);
      expect(loadWithExtras(db, ds, [ds.columns[0]], ctx).nps?.name).toBe('nps');
    } finally {
      db.close();
    }
  });
});

const dataMissing = !existsSync(DATA);

describe.skipIf(dataMissing)('roles on real datasets', () => {
  it('Mall Customers: Spending_Score is a behaviour feature, not a model score', async () => {
    const p = await previewImport(join(DATA, 'mall-customers/Mall_Customers.csv'));
    expect(p.columns.find((c) => c.name === 'Spending_Score')!.role).toBe('feature');
  });
});
