// The demo customers, stored with the types and roles the importer should infer, profile to exactly the
// hygiene findings the demo is meant to show — and no false alarms; the demo events read as an event log.
import { describe, expect, it } from 'vitest';
import type { ColumnRole, ColumnType } from '../../../shared/domain';
import { getDataset } from '../../../main/workspace/datasets';
import { CUSTOMER_COLUMNS, generateDemoCsvs } from '../../../main/workspace/demo-data';
import { runImport } from '../../../main/workspace/import';
import { profileDataset } from '../../../main/workspace/profile';
import { tempWorkspace } from '../import/helpers';
import { makeDataset, memoryDb, type ColumnSpec } from '../profile/helpers';
import { parseCsv } from './csv';

const TYPES: Record<string, [ColumnType, ColumnRole]> = {
  customer_id: ['text', 'id'],
  name: ['text', 'pii'],
  email: ['text', 'pii'],
  phone: ['text', 'pii'],
  city: ['text', 'category'],
  region: ['text', 'category'],
  gender: ['text', 'protected'],
  age_band: ['text', 'protected'],
  senior_citizen: ['boolean', 'protected'],
  plan: ['text', 'category'],
  monthly_spend: ['real', 'feature'],
  app_user: ['boolean', 'feature'],
  signup_date: ['date', 'timestamp'],
  nps_surveyed_at: ['datetime', 'timestamp'],
  nps_score: ['integer', 'nps'],
  nps_context: ['text', 'category'],
  offer_approved: ['boolean', 'decision'],
  risk_score: ['real', 'score'],
  churned_12m: ['boolean', 'outcome'],
};

describe('profile of the demo customers', () => {
  it('shows the planted hygiene findings only', () => {
    const [header, ...rows] = parseCsv(generateDemoCsvs(42).customers);
    expect(header).toEqual([...CUSTOMER_COLUMNS]);
    const specs: ColumnSpec[] = header.map((name) => {
      const [type, role] = TYPES[name] ?? ['integer', 'feature'];
      const labels = name === 'app_user' ? { true: 'true', false: 'false' } : { true: 'Yes', false: 'No' };
      return { name, type, role, ...(type === 'boolean' ? { booleanLabels: labels } : {}) };
    });
    const values = rows.map((r) =>
      r.map((v, i) => {
        if (v === '') return null;
        const t = specs[i].type;
        if (t === 'boolean') return v === 'Yes' || v === 'true' ? 1 : 0;
        return t === 'integer' || t === 'real' ? Number(v) : v;
      }),
    );
    const db = memoryDb();
    try {
      const p = profileDataset(db, makeDataset(db, 'demo', specs, values), { now: new Date('2026-06-01T00:00:00Z') });
      const found = p.issues.map((i) => `${i.kind}:${i.column}`).sort();
      expect(found).toEqual(['highMissing:satisfaction_app', 'imbalancedGroups:gender'].sort());
      const nps = p.columns.find((c) => c.name === 'nps_score');
      expect(nps?.missing).toBe(208);
      // One bar per observed score (integers over a short range).
      expect(nps?.histogram).toHaveLength(Number(nps?.max) - Number(nps?.min) + 1);
      expect(p.columns.find((c) => c.name === 'senior_citizen')?.topValues?.map((t) => t.value)).toEqual(['No', 'Yes']);
      // Ratings, the NPS answer and the 0–1 risk score are bounded scales: no outlier count on their cards.
      for (const name of ['nps_score', 'satisfaction_support', 'satisfaction_delivery', 'risk_score']) {
        expect(p.columns.find((c) => c.name === name)?.outliers, name).toBeNull();
      }
      expect(p.columns.find((c) => c.name === 'monthly_spend')?.outliers).not.toBeNull();
    } finally {
      db.close();
    }
  });
});

describe('profile of the demo journey events, imported as the demo workspace imports them', () => {
  it('reads as an event log: no red error, the repeating id and the sparse rating are notes', () => {
    const ws = tempWorkspace();
    try {
      runImport(ws.ctx, { path: ws.file('demo_journey_events.csv', generateDemoCsvs(42).events), name: 'Demo journey events' });
      const ds = getDataset(ws.db, 'Demo journey events');
      expect(ds.columns.map((c) => [c.name, c.role])).toEqual([
        ['customer_id', 'id'],
        ['timestamp', 'timestamp'],
        ['step', 'journeyStep'],
        ['channel', 'category'],
        ['satisfaction', expect.any(String)],
      ]);
      const p = profileDataset(ws.db, ds, { now: new Date('2026-06-01T00:00:00Z') });
      expect(p.issues.map((i) => [i.kind, i.column, i.severity])).toEqual([
        ['duplicateIds', 'customer_id', 'info'],
        ['highMissing', 'satisfaction', 'info'],
      ]);
      expect(p.issues[0].message).toContain(`(${p.rows.toLocaleString('en-US')} rows for 3,000 ids`);
      expect(p.issues[0].message).toContain('told apart by "timestamp"');
    } finally {
      ws.cleanup();
    }
  });
});
