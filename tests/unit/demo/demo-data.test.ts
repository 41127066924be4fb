// The demo generator: deterministic, exact shape, fictional PII only, and the planted effects really present
// (the README and the demo walkthrough rely on them).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_COLUMNS, EVENT_COLUMNS, generateDemoCsvs, NPS_CONTEXTS } from '../../../main/workspace/demo-data';
import { nps, parseCsv, records } from './csv';

const demo = generateDemoCsvs(42);
const customers = records(demo.customers);
const events = records(demo.events);
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const share = (rows: Record<string, string>[], pred: (r: Record<string, string>) => boolean): number => rows.filter(pred).length / rows.length;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('generateDemoCsvs', () => {
  it('is deterministic for a seed and fast', () => {
    const t = performance.now();
    const again = generateDemoCsvs(42);
    const ms = performance.now() - t;
    expect(sha(again.customers)).toBe(sha(demo.customers));
    expect(sha(again.events)).toBe(sha(demo.events));
    expect(sha(generateDemoCsvs(7).customers)).not.toBe(sha(demo.customers));
    expect(generateDemoCsvs().customers).toBe(demo.customers); // default seed is 42
    // Budget is < 1 s; the margin absorbs a busy shared CI machine.
    expect(ms).toBeLessThan(1500);
  });

  it('has the exact headers, row counts and a field per column on every row', () => {
    const c = parseCsv(demo.customers);
    const e = parseCsv(demo.events);
    expect(c[0]).toEqual([...CUSTOMER_COLUMNS]);
    expect(e[0]).toEqual([...EVENT_COLUMNS]);
    expect(c.length - 1).toBe(3000);
    expect(e.length - 1).toBe(22809);
    expect(c.every((r) => r.length === CUSTOMER_COLUMNS.length)).toBe(true);
    expect(e.every((r) => r.length === EVENT_COLUMNS.length)).toBe(true);
    expect(demo.customers.endsWith('\r\n')).toBe(true);
  });

  it('uses only fictional contact details, unique per customer', () => {
    expect(new Set(customers.map((r) => r.customer_id)).size).toBe(3000);
    expect(customers[0].customer_id).toBe('C00001');
    expect(customers.every((r) => /^[a-z]+\.[a-z]+\d*@example\.(com|org)$/.test(r.email))).toBe(true);
    expect(new Set(customers.map((r) => r.email)).size).toBe(3000);
    const phones = customers.map((r) => r.phone).filter((p) => p !== '');
    const drama = /^\+44 (7700 900\d{3}|20 7946 0\d{3}|1\d1 49[68] 0\d{3}|11[3-7] 496 0\d{3}|29 2018 0\d{3}|28 9649 6\d{3}|1632 960\d{3})$/;
    expect(phones.filter((p) => !drama.test(p))).toEqual([]);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('has valid values in every column', () => {
    for (const r of customers) {
      expect(Number(r.age)).toBeGreaterThanOrEqual(18);
      expect(Number(r.age)).toBeLessThanOrEqual(85);
      expect(r.senior_citizen).toBe(Number(r.age) >= 65 ? 'Yes' : 'No');
      expect(r.monthly_spend).toMatch(/^\d+\.\d\d$/);
      expect(r.signup_date).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(['true', 'false']).toContain(r.app_user);
      expect(Number(r.risk_score)).toBeGreaterThanOrEqual(0);
      expect(Number(r.risk_score)).toBeLessThanOrEqual(1);
      if (r.nps_score !== '') expect(Number.isInteger(Number(r.nps_score)) && Number(r.nps_score) <= 10).toBe(true);
      // Not surveyed means no context and no timing either; the app rating exists exactly for app users.
      expect(r.nps_context === '').toBe(r.nps_score === '');
      expect(r.satisfaction_app === '').toBe(r.app_user === 'false');
    }
    const ts = /^2025-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|\+00:00)$/;
    expect(events.every((e) => ts.test(e.timestamp))).toBe(true);
    expect(events.some((e) => e.timestamp.endsWith('+00:00'))).toBe(true);
    const ids = new Set(customers.map((r) => r.customer_id));
    expect(events.every((e) => ids.has(e.customer_id))).toBe(true);
    // The log is in time order.
    const ms = events.map((e) => Date.parse(e.timestamp));
    expect(ms.every((t, i) => i === 0 || t >= ms[i - 1])).toBe(true);
  });

  it('plants the NPS measurement bias: in-store with an employee present reads higher', () => {
    const byContext = (ctx: string): number[] => customers.filter((r) => r.nps_context === ctx).map((r) => Number(r.nps_score));
    const inStore = nps(byContext('in-store with employee'));
    const others = NPS_CONTEXTS.filter((c) => c !== 'in-store with employee');
    const pooled = nps(others.flatMap(byContext));
    expect(inStore - pooled).toBeGreaterThanOrEqual(8);
    for (const c of others) expect(inStore).toBeGreaterThan(nps(byContext(c)));
    const missing = share(customers, (r) => r.nps_score === '');
    expect(missing).toBeGreaterThan(0.06);
    expect(missing).toBeLessThan(0.1);
  });

  it('drives NPS by the satisfaction ratings', () => {
    const answered = customers.filter((r) => r.nps_score !== '');
    const high = answered.filter((r) => Number(r.satisfaction_delivery) >= 4).map((r) => Number(r.nps_score));
    const low = answered.filter((r) => Number(r.satisfaction_delivery) <= 2).map((r) => Number(r.nps_score));
    expect(mean(high) - mean(low)).toBeGreaterThan(1.5);
  });

  it('plants a fairness disparity and a calibration gap', () => {
    const approved = (pred: (r: Record<string, string>) => boolean): number => share(customers.filter(pred), (r) => r.offer_approved === 'Yes');
    expect(approved((r) => r.gender === 'Female')).toBeLessThan(approved((r) => r.gender === 'Male') - 0.04);
    expect(approved((r) => r.age_band === '18-24')).toBeLessThan(0.8 * approved((r) => r.age_band === '35-44'));
    const seniors = customers.filter((r) => r.senior_citizen === 'Yes');
    expect(mean(seniors.map((r) => Number(r.risk_score)))).toBeGreaterThan(share(seniors, (r) => r.churned_12m === 'Yes') + 0.03);
  });

  it('relates churn to support tickets and shows segment structure', () => {
    const churn = (pred: (r: Record<string, string>) => boolean): number => share(customers.filter(pred), (r) => r.churned_12m === 'Yes');
    expect(churn((r) => Number(r.support_tickets_12m) >= 4)).toBeGreaterThan(churn((r) => Number(r.support_tickets_12m) === 0) + 0.2);
    expect(share(customers.filter((r) => Number(r.age) >= 65), (r) => r.app_user === 'true')).toBeLessThan(0.2);
    expect(mean(customers.filter((r) => Number(r.monthly_spend) > 130).map((r) => Number(r.orders_12m)))).toBeGreaterThan(15);
  });

  it('has a decreasing purchase funnel, repeat support contacts and a low-satisfaction support stage', () => {
    const funnel = ['Visit', 'Browse', 'Add to basket', 'Checkout', 'Payment', 'Delivery'];
    const reached = funnel.map((s) => new Set(events.filter((e) => e.step === s).map((e) => e.customer_id)).size);
    expect(reached[0]).toBe(3000);
    for (let i = 1; i < reached.length; i++) expect(reached[i]).toBeLessThan(reached[i - 1]);
    // Loops: consecutive support contacts of one customer.
    let loops = 0;
    const last = new Map<string, string>();
    for (const e of events) {
      if (e.step === 'Support contact' && last.get(e.customer_id) === 'Support contact') loops++;
      last.set(e.customer_id, e.step);
    }
    expect(loops).toBeGreaterThan(50);
    const sat = (step: string): number => mean(events.filter((e) => e.step === step && e.satisfaction !== '').map((e) => Number(e.satisfaction)));
    expect(sat('Support contact')).toBeLessThan(sat('Delivery') - 0.8);
    expect(sat('Support contact')).toBeLessThan(sat('Checkout'));
    expect(events.filter((e) => e.step === 'Review').every((e) => e.satisfaction !== '')).toBe(true);
  });
});
