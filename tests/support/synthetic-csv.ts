// Deterministic synthetic CSV files for CLI, crash and e2e tests: a customer table and an event log whose
// exact counts (rows, missing values) are known by construction, so tests can assert them exactly.
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../../main/analysis/random';

/** The app's own seeded PRNG, so every run writes byte-identical files. */
export const rng = mulberry32;

export interface CustomerFileFacts {
  rows: number;
  /** Missing counts by column, exact. */
  missing: Record<string, number>;
}

const PLANS = ['Basic', 'Standard', 'Premium'];
const REGIONS = ['North', 'South', 'East', 'West'];

/** customer_id,age,monthly_spend,is_member,signup_date,last_login,plan,region — every 17th spend and every 50th region blank. */
export function writeCustomersCsv(path: string, rows: number, seed = 7): CustomerFileFacts {
  const r = rng(seed);
  const lines = ['customer_id,age,monthly_spend,is_member,signup_date,last_login,plan,region'];
  let missingSpend = 0;
  let missingRegion = 0;
  for (let i = 1; i <= rows; i++) {
    const age = 18 + Math.floor(r() * 70);
    const spend = i % 17 === 0 ? '' : (5 + r() * 200).toFixed(2);
    if (spend === '') missingSpend++;
    const member = r() < 0.4 ? 'Yes' : 'No';
    const d = new Date(Date.UTC(2019, 0, 1) + Math.floor(r() * 1800) * 86_400_000);
    const signup = d.toISOString().slice(0, 10);
    const login = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 300 * 86_400_000)).toISOString().replace('Z', '+00:00');
    const region = i % 50 === 0 ? '' : REGIONS[Math.floor(r() * REGIONS.length)];
    if (region === '') missingRegion++;
    lines.push(`${i},${age},${spend},${member},${signup},${login},${PLANS[Math.floor(r() * 3)]},${region}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { rows, missing: { customer_id: 0, age: 0, monthly_spend: missingSpend, is_member: 0, signup_date: 0, last_login: 0, plan: 0, region: missingRegion } };
}

const STEPS = ['Visit', 'Browse', 'Basket', 'Checkout', 'Payment', 'Delivery', 'Review'];
const CHANNELS = ['web', 'app', 'store', 'phone'];

/** event_id,customer_id,timestamp,step,channel,satisfaction — satisfaction only on Delivery and Review steps. */
export function writeEventsCsv(path: string, rows: number, customers: number, seed = 11): { rows: number; missingSatisfaction: number } {
  const r = rng(seed);
  const lines = ['event_id,customer_id,timestamp,step,channel,satisfaction'];
  let missing = 0;
  for (let i = 1; i <= rows; i++) {
    const step = STEPS[i % STEPS.length];
    const ts = new Date(Date.UTC(2024, 2, 1) + Math.floor(r() * 90 * 86_400_000) + (i % 1000)).toISOString();
    const sat = step === 'Delivery' || step === 'Review' ? String(1 + Math.floor(r() * 5)) : '';
    if (sat === '') missing++;
    lines.push(`${i},${1 + Math.floor(r() * customers)},${ts},${step},${CHANNELS[Math.floor(r() * 4)]},${sat}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { rows, missingSatisfaction: missing };
}
