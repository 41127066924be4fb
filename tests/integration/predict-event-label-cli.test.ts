// `cxw predict train --label-events …`: the outcome made from an event log with a cut-off (issue 15, item 1), on the
// fixture tests/fixtures/predict/event-label/{customers,events}.csv made by make_event_label_reference.py (its header
// says how the data and every number below were made; scikit-learn 1.2.1, pandas):
//   cut-off 2024-09-30, horizon 60 days, churned = no event in the window: 984 customers in the model, 561 churned,
//   216 not customers yet; 25 events of unknown ids and 5 without a time ignored; --test cohort=B: 421 test rows,
//   247 positive; logistic regression on plan, region and the four history features: test AUC 0.921424915073;
//   C0001's history as of the log's last day (2024-12-31): 8 events, 1 in the last 60 days.
// last_contact holds dates after the cut-off (up to 2024-12-25), so the run stops until that column is confirmed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';

const FIXTURE = join(__dirname, '..', 'fixtures', 'predict', 'event-label');
if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

interface TrainOut {
  rows: number;
  positives: number;
  target: string;
  positive: string;
  test: { rows: number; positives: number; auc: number };
  features: { name: string }[];
  threshold: { value: number };
  warnings: string[];
  label: { cutoff: string; horizonDays: number; windowLastDay: string; lastEventDay: string; notYetCustomers: number; unmatchedEvents: number; history: string[] };
  detail: { threshold: { test: { tp: number; fp: number; tn: number; fn: number } } };
}

describe.skipIf(!BUILT)('cxw predict with a label made from an event log', () => {
  let dir: string;
  let ws: string;
  let trained: TrainOut;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  const label = (cutoff = '2024-09-30', horizon = '60') => [
    '--label-events',
    'events',
    '--event-customer',
    'customer_id',
    '--event-time',
    'timestamp',
    '--cutoff',
    cutoff,
    '--horizon',
    horizon,
    '--positive-when',
    'no-event',
  ];
  const train = (...more: string[]) => ['predict', 'train', '--workspace', ws, '--dataset', 'customers', '--id', 'customer_id', '--features', 'plan,region', '--include-protected', 'region', '--test', 'cohort=B', ...more];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-predict-events-'));
    ws = join(dir, 'w.cxw');
    for (const [file, name, extra] of [
      ['customers.csv', 'customers', ['--role', 'region=protected']],
      ['events.csv', 'events', []],
    ] as const) {
      const r = cxw(['import', join(FIXTURE, file), '--workspace', ws, '--name', name, ...extra], env());
      expect(r.status, r.stderr).toBe(0);
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops when the customer table holds dates after the cut-off, naming the column and how to confirm it', () => {
    const r = cxw([...train('--model', 'logistic'), ...label()], env());
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('“last_contact” up to 2024-12-25');
    expect(r.stderr).toContain('--confirm-leak last_contact');
  });

  it('refuses an outcome window the log does not cover, saying the latest cut-off that works', () => {
    const r = cxw([...train('--model', 'logistic', '--confirm-leak', 'last_contact'), ...label('2024-11-15')], env());
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ends on 2024-12-31');
    expect(r.stderr).toContain('on or before 2024-11-01');
  });

  it('refuses a label without its direction (never assumed)', () => {
    const args = [...train('--model', 'logistic'), ...label()];
    args.splice(args.indexOf('--positive-when'), 2);
    const r = cxw(args, env());
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--positive-when is required');
  });

  it('labels, counts and trains as the reference computed independently (logistic test AUC of scikit-learn)', () => {
    const r = (trained = cxwJson<TrainOut>([...train('--model', 'logistic', '--confirm-leak', 'last_contact', '--name', 'Churn 60d'), ...label()], env()));
    expect(r).toMatchObject({ target: 'churned', positive: 'yes', rows: 984, positives: 561 });
    expect(r.label).toMatchObject({ cutoff: '2024-09-30', horizonDays: 60, windowLastDay: '2024-11-29', lastEventDay: '2024-12-31', notYetCustomers: 216, unmatchedEvents: 25 });
    expect(r.label.history).toEqual(['history: days since last event', 'history: days since first event', 'history: events', 'history: events in the last 60 days']);
    expect(r.test).toMatchObject({ rows: 421, positives: 247 });
    expect(Math.abs(r.test.auc - 0.921424915073)).toBeLessThan(1e-6);
    expect(r.features.map((f) => f.name)).toContain('history: days since last event');
    expect(r.warnings.join(' ')).toContain('5 events of “events” have no readable “timestamp”');
  });

  it('scores "now" from the log (history up to its last day) and explains a customer with that history', () => {
    const s = cxwJson<{ rows: number; asOf: string }>(['predict', 'score', '--workspace', ws, '--model', 'Churn 60d', '--dataset', 'customers'], env());
    expect(s).toMatchObject({ rows: 1200, asOf: '2024-12-31' });
    const e = cxwJson<{ contributions: { feature: string; value: string; contribution: number }[]; base: number; logOdds: number }>(
      ['predict', 'explain', '--workspace', ws, '--model', 'Churn 60d', '--dataset', 'customers', '--id', 'C0001'],
      env(),
    );
    const value = (f: string) => e.contributions.find((c) => c.feature === f)!.value;
    expect(value('history: events')).toBe('8');
    expect(value('history: events in the last 60 days')).toBe('1');
    const sum = e.contributions.reduce((s, c) => s + c.contribution, e.base);
    expect(Math.abs(sum - e.logOdds)).toBeLessThan(1e-9);
  });

  it('audits the model on its test rows with the label as the outcome: the audit’s confusion is the model’s', () => {
    const a = cxwJson<{ rows: number; groups: { confusion: { tp: number; fp: number; tn: number; fn: number } }[] }>(['predict', 'audit', '--workspace', ws, '--model', 'Churn 60d', '--direction', 'punitive'], env());
    expect(a.rows).toBe(421);
    const total = a.groups.reduce((s, g) => ({ tp: s.tp + g.confusion.tp, fp: s.fp + g.confusion.fp, tn: s.tn + g.confusion.tn, fn: s.fn + g.confusion.fn }), { tp: 0, fp: 0, tn: 0, fn: 0 });
    const { tp, fp, tn, fn } = trained.detail.threshold.test;
    expect(total).toEqual({ tp, fp, tn, fn });
  });
});
