// Two survey waves for the demo workspace's Waves area and for the drift "done when" test: Q1 and Q2 2025 of a
// relationship survey, 4,000 answers each, generated deterministically (mulberry32, seed 7). Nothing here is real.
//
// Columns: response_id (R1-00001…, ID-like), email (example.org: personal, pseudonymised by the import), survey_date
// (a day in the wave's quarter), channel, region (2% blank), plan, repeat_customer (Yes/No), age, tenure_months,
// monthly_spend, delivery_days, wait_minutes, contact_reason, nps_score (0–10).
//
// Planted, so the comparison has exactly three true findings:
// 1. channel: the survey moved from web to phone (web 45% → 20%, phone 20% → 45%; app 25%, store 10% unchanged);
// 2. wait_minutes: waiting got longer (gamma, mean 6 → 9 minutes);
// 3. contact_reason: a new reason "Outage" takes 12% of Q2's answers.
// Everything else is drawn from the same distributions in both waves. NPS: each channel's answers are allocated to
// promoters / passives / detractors by fixed quotas, identical in both waves (web 50/30/20 → NPS 30, app 45/35/20 →
// 25, phone 35/35/30 → 5, store 55/30/15 → 40), so within every channel opinion did not move: the NPS change
// (≈ 24.8 → 18.5) is all mix, and the standardised change is ≈ 0. The score's own distribution moves only through
// the channel shift (normalised Wasserstein ≈ 0.07, under the 0.1 threshold), so it is not one of the three.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, type Rng } from '../../../analysis/random';
import { runImport, type ImportRunContext } from '../../import/index';

export const WAVE_ROWS = 4000;
export const WAVE_NAMES = ['Survey wave Q1 2025', 'Survey wave Q2 2025'] as const;
export const PLANTED_DRIFT = ['channel', 'wait_minutes', 'contact_reason'] as const;

const CHANNELS = ['web', 'app', 'phone', 'store'] as const;
const CHANNEL_SHARES = [
  [0.45, 0.25, 0.2, 0.1],
  [0.2, 0.25, 0.45, 0.1],
];
/** Promoter, passive, detractor quotas per channel (same in both waves). */
const QUOTAS: Record<(typeof CHANNELS)[number], [number, number, number]> = {
  web: [0.5, 0.3, 0.2],
  app: [0.45, 0.35, 0.2],
  phone: [0.35, 0.35, 0.3],
  store: [0.55, 0.3, 0.15],
};
const REGIONS = ['London', 'South East', 'North West', 'Midlands', 'Scotland'];
const REGION_W = [0.3, 0.22, 0.18, 0.18, 0.12];
const PLANS = ['Basic', 'Standard', 'Premium'];
const PLAN_W = [0.45, 0.35, 0.2];
const REASONS = ['Delivery', 'Billing', 'Returns', 'Product question', 'Account'];
const REASON_W = [0.35, 0.2, 0.2, 0.15, 0.1];
const DETRACTOR_SCORES = [6, 5, 4, 3, 2, 1, 0];
const DETRACTOR_W = [0.35, 0.25, 0.15, 0.1, 0.07, 0.04, 0.04];

/** Gamma(k, θ) for integer k (sum of exponentials). */
function gamma(rng: Rng, k: number, theta: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += -Math.log(1 - rng.next());
  return s * theta;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Exactly round(share × n) rows of each channel, in random order. */
function channelsOf(rng: Rng, shares: number[], n: number): (typeof CHANNELS)[number][] {
  const out: (typeof CHANNELS)[number][] = [];
  CHANNELS.forEach((c, i) => {
    const k = i === CHANNELS.length - 1 ? n - out.length : Math.round(shares[i] * n);
    for (let j = 0; j < k; j++) out.push(c);
  });
  return shuffle(rng, out);
}

/** Scores for `n` answers of one channel, by its quotas. */
function scoresOf(rng: Rng, quota: [number, number, number], n: number): number[] {
  const p = Math.round(quota[0] * n);
  const d = Math.round(quota[2] * n);
  const out: number[] = [];
  for (let i = 0; i < p; i++) out.push(rng.chance(0.5) ? 10 : 9);
  for (let i = 0; i < n - p - d; i++) out.push(rng.chance(0.5) ? 8 : 7);
  for (let i = 0; i < d; i++) out.push(rng.weighted(DETRACTOR_SCORES, DETRACTOR_W));
  return shuffle(rng, out);
}

function waveCsv(rng: Rng, wave: 0 | 1): string {
  const n = WAVE_ROWS;
  const channels = channelsOf(rng, CHANNEL_SHARES[wave], n);
  const scorePools = new Map(CHANNELS.map((c) => [c, scoresOf(rng, QUOTAS[c], channels.filter((x) => x === c).length)]));
  const header = 'response_id,email,survey_date,channel,region,plan,repeat_customer,age,tenure_months,monthly_spend,delivery_days,wait_minutes,contact_reason,nps_score';
  const lines = [header];
  const quarterStart = Date.UTC(2025, wave * 3, 1);
  const quarterDays = wave === 0 ? 90 : 91;
  for (let i = 0; i < n; i++) {
    const id = `R${wave + 1}-${String(i + 1).padStart(5, '0')}`;
    const day = new Date(quarterStart + rng.int(0, quarterDays - 1) * 86_400_000).toISOString().slice(0, 10);
    const channel = channels[i];
    const region = rng.chance(0.02) ? '' : rng.weighted(REGIONS, REGION_W);
    const age = Math.round(Math.min(85, Math.max(18, rng.normal(45, 14))));
    const tenure = Math.round(-Math.log(1 - rng.next()) * 30);
    const spend = Math.exp(rng.normal(3.6, 0.5)).toFixed(2);
    const delivery = 1 + Math.round(gamma(rng, 2, 1.2));
    const wait = gamma(rng, 3, wave === 0 ? 2 : 3).toFixed(1);
    const reason = wave === 1 && rng.chance(0.12) ? 'Outage' : rng.weighted(REASONS, REASON_W);
    const score = scorePools.get(channel)!.pop()!;
    lines.push(
      [id, `respondent${wave + 1}.${i + 1}@example.org`, day, channel, region, rng.weighted(PLANS, PLAN_W), rng.chance(0.6) ? 'Yes' : 'No', age, tenure, spend, delivery, wait, reason, score].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The two waves as CSV text (seed 7 by default). */
export function generateWaveCsvs(seed = 7): [string, string] {
  const rng = createRng(seed);
  return [waveCsv(rng, 0), waveCsv(rng, 1)];
}

/** Import both waves into the demo workspace being built (CSV files written to `dir` first). */
export function importDemoWaves(ctx: ImportRunContext, dir: string): void {
  generateWaveCsvs().forEach((csv, i) => {
    const file = join(dir, `survey_wave_q${i + 1}_2025.csv`);
    writeFileSync(file, csv);
    runImport(ctx, { path: file, fileName: `survey_wave_q${i + 1}_2025.csv`, name: WAVE_NAMES[i] });
  });
}
