/*
 * Synthetic demo data for the built-in demo workspace: two CSV files generated deterministically from a seed
 * (mulberry32, main/analysis/random.ts), so every install shows the same numbers. Nothing here is real: names
 * are drawn from lists, e-mails use only example.com / example.org, phone numbers only Ofcom's ranges reserved
 * for drama (+44 7700 900xxx, +44 20 7946 0xxx, +44 1632 960xxx, ...).
 *
 * demo_customers.csv — 3,000 customers of a UK online retailer, one row each, 29 columns:
 *   customer_id (C00001...), name, email, phone (PII: the importer proposes pseudonymising them), city, region,
 *   gender (Female / Male / Non-binary ~3%), age (18-85), age_band, senior_citizen (Yes for 65+), tenure_months,
 *   plan (Basic / Standard / Premium), monthly_spend (GBP, 2 decimals), orders_12m, support_tickets_12m,
 *   days_since_last_order, app_user (true/false), signup_date (YYYY-MM-DD), nps_score (0-10, blank for the ~8%
 *   never surveyed), nps_context (email after delivery / in-store with employee / in-app prompt / phone call),
 *   nps_asked_days_after_event, nps_surveyed_at (ISO datetime: that many days after the customer's last Delivery,
 *   else their last event; blank when not surveyed), satisfaction_delivery / _price / _support / _app (1-5; _app blank for customers
 *   who do not use the app), offer_approved (Yes/No: a loyalty-credit offer), risk_score (0-1, a churn model's
 *   output), churned_12m (Yes/No).
 * demo_journey_events.csv — 22,809 events (seed 42) of those customers' 2025 shopping journeys: customer_id, timestamp
 *   (ISO 8601 UTC with milliseconds; the web feed writes "+00:00", the other channels "Z"), step (Visit, Browse,
 *   Add to basket, Checkout, Payment, Delivery, Support contact, Review), channel (web / app / store / phone),
 *   satisfaction (1-5 on some Checkout, most Delivery and Support contact, and every Review event).
 *
 * Planted effects, so every analysis has something true to find:
 * - Five latent segments (never exported), well separated on age, tenure, spend, orders, tickets and recency:
 *   young app-first bargain hunters (~27%), loyal premium families (~24%), at-risk low engagement (~20%),
 *   high-value business travellers (~13%), seniors preferring the phone (~16%).
 * - NPS is driven by the four satisfaction ratings with known weights on the 0-10 scale per rating point:
 *   delivery 0.9, support 0.7, price 0.45, app 0.35 (app only for app users), plus noise.
 * - Measurement bias: answers collected "in-store with employee" are inflated by 0.55 points on the 0-10 scale,
 *   which moves NPS by ~+18 points against the other contexts pooled (seed 42: +31 vs +13); answers collected
 *   more than 30 days after the event (phone calls) are 0.6 lower. Overall NPS is about +16.
 * - Fairness: offer_approved depends on spend, tenure, tickets and risk, and also carries a direct penalty for
 *   the 18-24 age band and for women (seed 42: women 41% approved vs men 48%; 18-24 21% vs 35-44 59%). Most of
 *   the age gap is explained by the young spending less and being newer customers; a residual disparity remains
 *   after controlling for spend. risk_score over-estimates churn risk for senior citizens (mean score 0.21 vs
 *   15% churned: a calibration gap by group); churned_12m is its ground truth.
 * - Churn rises with support tickets, short tenure, low satisfaction and long recency (at-risk segment ~50%).
 * - Journeys: a funnel with drop-off at every stage; web checkout loses more baskets than app checkout; seniors
 *   fail more app payments; support contacts loop (repeat contacts) and carry the lowest satisfaction, most of
 *   all for the at-risk segment, which also reviews least.
 * - Hygiene: satisfaction_app is missing for non-app users (~45%, a "high missing" warning); gender's
 *   Non-binary group is under 5% (an "imbalanced protected group" note).
 */
import { createRng, type Rng } from '../analysis/random';

export interface DemoCsvs {
  customers: string;
  events: string;
}

export const DEMO_CUSTOMERS = 3000;
/** Everything is dated relative to this day, never to the clock, so the output is the same every day. */
const REFERENCE_DAY = Date.UTC(2025, 11, 31);
const DAY_MS = 86_400_000;

// ------------------------------------------------------------------ segments

type Plan = 'Basic' | 'Standard' | 'Premium';
type Channel = 'web' | 'app' | 'store' | 'phone';

interface Segment {
  share: number;
  age: [number, number];
  tenure: [number, number];
  spend: [number, number];
  orders: [number, number];
  tickets: number;
  recencyDays: number;
  appShare: number;
  plans: [number, number, number];
  /** Mean satisfaction: delivery, price, support, app. */
  sat: [number, number, number, number];
  churnShift: number;
  journeys: [number, number];
  channels: [number, number, number];
  basket: number;
  support: number;
  review: number;
}

const SEGMENTS: readonly Segment[] = [
  // Young app-first bargain hunters.
  { share: 0.27, age: [18, 32], tenure: [2, 30], spend: [28, 8], orders: [14, 4], tickets: 0.8, recencyDays: 12, appShare: 0.92, plans: [0.6, 0.35, 0.05], sat: [3.9, 3.2, 3.4, 4.3], churnShift: 0.1, journeys: [2, 3], channels: [0.25, 0.7, 0.05], basket: 0.55, support: 0.1, review: 0.4 },
  // Loyal premium families.
  { share: 0.24, age: [30, 58], tenure: [36, 120], spend: [95, 18], orders: [10, 3], tickets: 0.7, recencyDays: 20, appShare: 0.55, plans: [0.05, 0.35, 0.6], sat: [4.4, 3.8, 4.1, 3.9], churnShift: -0.6, journeys: [1, 3], channels: [0.5, 0.35, 0.15], basket: 0.7, support: 0.1, review: 0.55 },
  // At-risk, low engagement.
  { share: 0.2, age: [22, 70], tenure: [3, 48], spend: [35, 10], orders: [2, 1.2], tickets: 3.6, recencyDays: 170, appShare: 0.35, plans: [0.55, 0.4, 0.05], sat: [2.8, 2.6, 2.3, 3.0], churnShift: 0.6, journeys: [1, 2], channels: [0.6, 0.25, 0.15], basket: 0.4, support: 0.45, review: 0.3 },
  // High-value business travellers.
  { share: 0.13, age: [28, 62], tenure: [12, 72], spend: [165, 30], orders: [22, 5], tickets: 1.4, recencyDays: 6, appShare: 0.85, plans: [0, 0.15, 0.85], sat: [3.5, 3.9, 3.6, 4.0], churnShift: -0.2, journeys: [2, 4], channels: [0.35, 0.6, 0.05], basket: 0.8, support: 0.15, review: 0.35 },
  // Seniors preferring the phone.
  { share: 0.16, age: [65, 85], tenure: [24, 150], spend: [55, 12], orders: [5, 2], tickets: 1.8, recencyDays: 35, appShare: 0.12, plans: [0.2, 0.65, 0.15], sat: [3.9, 3.5, 4.2, 2.8], churnShift: 0, journeys: [1, 2], channels: [0.45, 0.1, 0.45], basket: 0.6, support: 0.25, review: 0.45 },
];

// ------------------------------------------------------------------ people

const FEMALE = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Sophia', 'Grace', 'Emily', 'Aisha', 'Fatima', 'Priya', 'Ananya', 'Mei', 'Yuki', 'Zoë', 'Siobhán', 'Chloé', 'Amara', 'Chiamaka', 'Ngozi', 'Sofia', 'Lucía', 'Maja', 'Ewa', 'Leila', 'Noor', 'Hannah', 'Sarah', 'Aoife', 'Ama', 'Thandiwe', 'Hana', 'Linh', 'Ingrid'];
const MALE = ['Oliver', 'George', 'Harry', 'Jack', 'Noah', 'Muhammad', 'Arjun', 'Rohan', 'Wei', 'Hiroshi', 'Kwame', 'Chinedu', 'Tomás', 'José', 'Mateo', 'Łukasz', 'Piotr', 'Ahmed', 'Omar', 'Yusuf', 'Liam', 'Seán', 'Daniel', 'James', 'Kofi', 'Minh', 'Ravi', 'Ethan', 'Lars', 'Dmitri', 'Jamal', 'Callum'];
const NEUTRAL = ['Alex', 'Sam', 'Jordan', 'Charlie', 'Robin', 'Kai', 'Rowan', 'Jesse', 'Riley', 'Morgan'];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Evans', 'Patel', 'Khan', 'Singh', 'Ahmed', 'Begum', 'Chen', 'Wang', 'Li', 'Nguyen', 'Kowalski', 'Nowak', 'Okafor', 'Mensah', 'Adeyemi', "O'Brien", 'Murphy', 'García', 'Fernández', 'Silva', 'Rossi', 'Müller', 'Jansen', 'Yılmaz', 'Haddad', 'Kim', 'Park', 'Sato', 'Tanaka', 'MacDonald', 'Campbell', 'Hughes', 'Ali', 'Hussain', 'Shah', 'Das', 'Novak', 'Papadopoulos', 'Andersson', 'Walker', 'Wright', 'Robinson', 'Thompson', 'Clarke', 'Osei', 'Kaur', 'Ó Súilleabháin'];

interface City {
  name: string;
  region: string;
  weight: number;
  /** Ofcom drama-reserved landline prefix (1,000 numbers follow), or null to use +44 1632 960xxx. */
  landline: string | null;
}

const CITIES: readonly City[] = [
  { name: 'London', region: 'London', weight: 20, landline: '+44 20 7946 0' },
  { name: 'Manchester', region: 'North West', weight: 9, landline: '+44 161 496 0' },
  { name: 'Birmingham', region: 'West Midlands', weight: 9, landline: '+44 121 496 0' },
  { name: 'Leeds', region: 'Yorkshire and the Humber', weight: 7, landline: '+44 113 496 0' },
  { name: 'Glasgow', region: 'Scotland', weight: 7, landline: '+44 141 496 0' },
  { name: 'Edinburgh', region: 'Scotland', weight: 5, landline: '+44 131 496 0' },
  { name: 'Bristol', region: 'South West', weight: 6, landline: '+44 117 496 0' },
  { name: 'Cardiff', region: 'Wales', weight: 5, landline: '+44 29 2018 0' },
  { name: 'Belfast', region: 'Northern Ireland', weight: 4, landline: '+44 28 9649 6' },
  { name: 'Newcastle', region: 'North East', weight: 5, landline: '+44 191 498 0' },
  { name: 'Nottingham', region: 'East Midlands', weight: 5, landline: '+44 115 496 0' },
  { name: 'Sheffield', region: 'Yorkshire and the Humber', weight: 5, landline: '+44 114 496 0' },
  { name: 'Liverpool', region: 'North West', weight: 6, landline: '+44 151 496 0' },
  { name: 'Brighton', region: 'South East', weight: 4, landline: null },
  { name: 'Norwich', region: 'East of England', weight: 3, landline: null },
];

/** Hands out each fictional number once: 1,000 per prefix, probing linearly from a random start. */
class PhoneBook {
  private used = new Map<string, Set<number>>();
  take(rng: Rng, prefix: string): string | null {
    const set = this.used.get(prefix) ?? new Set<number>();
    this.used.set(prefix, set);
    if (set.size >= 900) return null;
    let n = rng.int(0, 999);
    while (set.has(n)) n = (n + 1) % 1000;
    set.add(n);
    return prefix + String(n).padStart(3, '0');
  }
}

function asciiSlug(s: string): string {
  return s
    .replace(/[łŁ]/g, 'l')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

// ------------------------------------------------------------------ small helpers

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const rating = (rng: Rng, mean: number): number => clamp(Math.round(rng.normal(mean, 0.8)), 1, 5);

function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function ageBand(age: number): string {
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65+';
}

/** RFC 4180: quote a field holding a delimiter, quote or line break; double inner quotes. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header.join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

// ------------------------------------------------------------------ customers

export const CUSTOMER_COLUMNS = [
  'customer_id', 'name', 'email', 'phone', 'city', 'region', 'gender', 'age', 'age_band', 'senior_citizen',
  'tenure_months', 'plan', 'monthly_spend', 'orders_12m', 'support_tickets_12m', 'days_since_last_order', 'app_user',
  'signup_date', 'nps_score', 'nps_context', 'nps_asked_days_after_event', 'nps_surveyed_at', 'satisfaction_delivery',
  'satisfaction_price', 'satisfaction_support', 'satisfaction_app', 'offer_approved', 'risk_score', 'churned_12m',
] as const;

export const EVENT_COLUMNS = ['customer_id', 'timestamp', 'step', 'channel', 'satisfaction'] as const;

export const NPS_CONTEXTS = ['email after delivery', 'in-store with employee', 'in-app prompt', 'phone call'] as const;

interface Customer {
  id: string;
  segment: Segment;
  segmentIndex: number;
  age: number;
  app: boolean;
  sat: [number, number, number, number | null];
  row: (string | number | null)[];
}

function makeCustomer(rng: Rng, i: number, phones: PhoneBook, emails: Set<string>): Customer {
  const segmentIndex = SEGMENTS.indexOf(rng.weighted(SEGMENTS, SEGMENTS.map((s) => s.share)));
  const seg = SEGMENTS[segmentIndex];
  const id = `C${String(i + 1).padStart(5, '0')}`;
  const gender = rng.weighted(['Female', 'Male', 'Non-binary'], [0.49, 0.48, 0.03]);
  const first = rng.pick(gender === 'Female' ? FEMALE : gender === 'Male' ? MALE : NEUTRAL);
  const last = rng.pick(SURNAMES);
  const base = `${asciiSlug(first)}.${asciiSlug(last)}`;
  let email = base;
  for (let n = 2; emails.has(email); n++) email = `${base}${n}`;
  emails.add(email);
  const domain = rng.chance(0.7) ? 'example.com' : 'example.org';
  const city = rng.weighted(CITIES, CITIES.map((c) => c.weight * (segmentIndex === 3 && c.name === 'London' ? 3 : 1)));
  let phone: string | null = null;
  if (!rng.chance(0.04)) {
    phone = (rng.chance(0.6) ? phones.take(rng, '+44 7700 900') : null) ?? (city.landline ? phones.take(rng, city.landline) : null) ?? phones.take(rng, '+44 1632 960');
  }

  const age = rng.int(seg.age[0], seg.age[1]);
  const tenure = rng.int(seg.tenure[0], seg.tenure[1]);
  const signup = REFERENCE_DAY - tenure * 30.44 * DAY_MS - rng.int(0, 27) * DAY_MS;
  const plan = rng.weighted<Plan>(['Basic', 'Standard', 'Premium'], seg.plans);
  const planFactor = plan === 'Premium' ? 1.15 : plan === 'Basic' ? 0.9 : 1;
  const spend = Math.max(5, rng.normal(seg.spend[0], seg.spend[1]) * planFactor);
  const orders = Math.max(0, Math.round(rng.normal(seg.orders[0], seg.orders[1])));
  const tickets = poisson(rng, seg.tickets);
  const recency = orders === 0 ? rng.int(366, 720) : Math.min(365, Math.round(-Math.log(1 - rng.next()) * seg.recencyDays));
  const app = rng.chance(seg.appShare);
  const sd = rating(rng, seg.sat[0]);
  const sp = rating(rng, seg.sat[1]);
  const ss = rating(rng, seg.sat[2] - 0.15 * Math.max(0, tickets - 2));
  const sa = app ? rating(rng, seg.sat[3]) : null;

  // Survey: ~8% never answered; the context and timing shift the answer (planted measurement bias).
  let nps: number | null = null;
  let context: string | null = null;
  let askedAfter: number | null = null;
  if (!rng.chance(0.08)) {
    context = rng.weighted(NPS_CONTEXTS, [0.5, 0.15, app ? 0.35 : 0, segmentIndex === 4 ? 0.35 : 0.08]);
    askedAfter =
      context === 'in-store with employee' ? 0 : context === 'in-app prompt' ? rng.int(0, 3) : context === 'phone call' ? rng.int(5, 60) : rng.int(1, 21);
    const latent =
      7.5 + 0.9 * (sd - 3.5) + 0.45 * (sp - 3.3) + 0.7 * (ss - 3.5) + (sa === null ? 0 : 0.35 * (sa - 3.5)) + rng.normal(0, 1.1) +
      (context === 'in-store with employee' ? 0.55 : 0) + (askedAfter > 30 ? -0.6 : 0);
    nps = clamp(Math.round(latent), 0, 10);
  }

  // Churn: tickets, short tenure, low satisfaction, long recency. risk_score is a model of it that is
  // noisy and over-estimates risk for seniors (planted calibration gap).
  const meanSat = (sd + sp + ss) / 3;
  const churnLogit = -2.1 + 0.4 * tickets - 0.012 * tenure - 0.8 * (meanSat - 3.4) + 0.004 * Math.min(recency, 365) + seg.churnShift;
  const churned = rng.chance(sigmoid(churnLogit));
  const risk = sigmoid(churnLogit + rng.normal(0, 0.45) + (age >= 65 ? 0.5 : 0));

  // Loyalty-credit offer: mostly merit (spend, tenure, tickets, risk) plus a direct penalty for 18-24s and women.
  const offerLogit =
    0.3 + 0.012 * (spend - 70) + 0.01 * (tenure - 40) - 0.3 * tickets - 2 * (risk - 0.3) - (age < 25 ? 0.45 : 0) - (gender === 'Female' ? 0.7 : 0);
  const approved = rng.chance(sigmoid(offerLogit));

  const row = [
    id, `${first} ${last}`, `${email}@${domain}`, phone, city.name, city.region, gender, age, ageBand(age), age >= 65 ? 'Yes' : 'No',
    tenure, plan, spend.toFixed(2), orders, tickets, recency, app ? 'true' : 'false', new Date(signup).toISOString().slice(0, 10),
    nps, context, askedAfter, sd, sp, ss, sa, approved ? 'Yes' : 'No', risk.toFixed(3), churned ? 'Yes' : 'No',
  ];
  return { id, segment: seg, segmentIndex, age, app, sat: [sd, sp, ss, sa], row };
}

// ------------------------------------------------------------------ journeys

interface EventRow {
  ms: number;
  customer: string;
  seq: number;
  step: string;
  channel: Channel;
  satisfaction: number | null;
}

const MINUTE = 60_000;

function journeyEvents(rng: Rng, c: Customer, out: EventRow[]): void {
  const seg = c.segment;
  const n = rng.int(seg.journeys[0], seg.journeys[1]);
  // Journeys of one customer never overlap (each starts after the previous one ended), so a customer's
  // events read as consecutive journeys; starts fall in 2025 before 1 December, so every journey ends in 2025.
  const starts = Array.from({ length: n }, () => rng.int(0, 333)).sort((a, b) => a - b);
  let lastEnd = 0;
  for (let j = 0; j < n; j++) {
    let channel = rng.weighted<Channel>(['web', 'app', 'store'], seg.channels);
    if (channel === 'app' && !c.app) channel = 'web';
    let t = Date.UTC(2025, 0, 1) + starts[j] * DAY_MS + rng.int(7 * 60, 22 * 60) * MINUTE + rng.int(0, 59_999);
    if (t <= lastEnd) t = lastEnd + DAY_MS;
    if (t > Date.UTC(2025, 11, 1)) break;
    let seq = 0;
    const push = (step: string, ch: Channel, satisfaction: number | null): void => {
      out.push({ ms: t, customer: c.id, seq: seq++, step, channel: ch, satisfaction });
      lastEnd = t;
    };
    const later = (minMin: number, maxMin: number): void => {
      t += rng.int(minMin * MINUTE, maxMin * MINUTE);
    };
    const supportLoop = (pFirst: number): void => {
      if (!rng.chance(pFirst)) return;
      const loop = c.segmentIndex === 2 ? 0.5 : 0.3;
      for (let k = 0; k < 4; k++) {
        later(60, 3 * 24 * 60);
        const ch: Channel = c.segmentIndex === 4 ? (rng.chance(0.8) ? 'phone' : 'store') : rng.weighted<Channel>(['phone', 'web', 'app'], [0.4, 0.3, c.app ? 0.3 : 0]);
        push('Support contact', ch, rng.chance(0.8) ? rating(rng, c.sat[2] - 0.9 - 0.3 * k) : null);
        if (!rng.chance(loop)) break;
      }
    };

    push('Visit', channel, null);
    if (!rng.chance(0.85)) continue;
    later(1, 10);
    push('Browse', channel, null);
    if (!rng.chance(seg.basket)) continue;
    later(2, 25);
    push('Add to basket', channel, null);
    if (!rng.chance(channel === 'web' ? 0.68 : 0.85)) continue; // web checkout loses more baskets
    later(1, 30);
    push('Checkout', channel, rng.chance(0.3) ? rating(rng, c.sat[1] + 0.2) : null);
    const payOk = c.segmentIndex === 4 && channel === 'app' ? 0.7 : 0.93; // seniors struggle with app payment
    if (!rng.chance(0.92)) continue; // left at the payment page
    later(0.5, 4);
    push('Payment', channel, null);
    if (!rng.chance(payOk)) {
      supportLoop(0.3);
      continue;
    }
    later(1 * 24 * 60, (c.segmentIndex === 3 ? 2 : 5) * 24 * 60);
    push('Delivery', channel === 'store' ? 'store' : channel, rng.chance(0.7) ? rating(rng, c.sat[0]) : null);
    supportLoop(seg.support);
    if (!rng.chance(seg.review)) continue;
    later(24 * 60, 10 * 24 * 60);
    const overall = (c.sat[0] + c.sat[1] + c.sat[2]) / 3;
    push('Review', c.app && channel === 'app' ? 'app' : 'web', rating(rng, overall + 0.2));
  }
}

/**
 * nps_surveyed_at: when the NPS question was asked, nps_asked_days_after_event whole days after the customer's
 * last Delivery (without one, their last event of any kind), so the NPS view's delay check (days from the last
 * Delivery to the survey) finds the planted "asked > 30 days later" effect. Derived without drawing from the
 * random stream, so every other demo value stays as it was.
 */
function addSurveyTimes(customers: Customer[], events: readonly EventRow[]): void {
  const lastDelivery = new Map<string, number>();
  const lastAny = new Map<string, number>();
  for (const e of events) {
    lastAny.set(e.customer, Math.max(lastAny.get(e.customer) ?? 0, e.ms));
    if (e.step === 'Delivery') lastDelivery.set(e.customer, Math.max(lastDelivery.get(e.customer) ?? 0, e.ms));
  }
  const at = CUSTOMER_COLUMNS.indexOf('nps_surveyed_at');
  const after = CUSTOMER_COLUMNS.indexOf('nps_asked_days_after_event');
  for (const c of customers) {
    const days = c.row[after];
    const base = lastDelivery.get(c.id) ?? lastAny.get(c.id);
    const when = typeof days === 'number' && base !== undefined ? new Date(base + days * DAY_MS).toISOString() : null;
    c.row.splice(at, 0, when);
  }
}

/** ISO 8601 in UTC with milliseconds; the web-analytics feed writes the offset as +00:00, the others as Z. */
function timestamp(ms: number, channel: Channel): string {
  const iso = new Date(ms).toISOString();
  return channel === 'web' ? iso.slice(0, -1) + '+00:00' : iso;
}

/**
 * The latent segment (index into the five planted ones, in the order of SEGMENTS) of each demo customer, in row
 * order: never exported to the CSV, only for tests that check what the Segments view recovers of them.
 */
export function demoLatentSegments(seed = 42): number[] {
  const rng = createRng(seed);
  const phones = new PhoneBook();
  const emails = new Set<string>();
  const out: number[] = [];
  for (let i = 0; i < DEMO_CUSTOMERS; i++) out.push(makeCustomer(rng, i, phones, emails).segmentIndex);
  return out;
}

/** Both demo CSV files (RFC 4180, header row, ',' delimiter, CRLF line ends, UTF-8 without BOM). */
export function generateDemoCsvs(seed = 42): DemoCsvs {
  const rng = createRng(seed);
  const phones = new PhoneBook();
  const emails = new Set<string>();
  const customers: Customer[] = [];
  for (let i = 0; i < DEMO_CUSTOMERS; i++) customers.push(makeCustomer(rng, i, phones, emails));
  const events: EventRow[] = [];
  for (const c of customers) journeyEvents(rng, c, events);
  events.sort((a, b) => a.ms - b.ms || (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.seq - b.seq));
  addSurveyTimes(customers, events);
  return {
    customers: csv(CUSTOMER_COLUMNS, customers.map((c) => c.row)),
    events: csv(
      EVENT_COLUMNS,
      events.map((e) => [e.customer, timestamp(e.ms, e.channel), e.step, e.channel, e.satisfaction]),
    ),
  };
}
