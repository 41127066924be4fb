// Acquisition cohorts × periods since acquisition from an event log held in typed arrays: a few linear passes, no
// sorting, so 10M events take well under a second. Events may come in any order.
//
// Definitions (docs/monitor-cohorts.md):
// - A customer's cohort is the week or month of their first event (earliest time; equal times: the earlier row).
// - Period p of a customer = (week or month index of the event) − (that of their first event); p = 0 is the
//   acquisition period, so retention[0] = 1 by definition.
// - Retention in period p: share of the cohort with at least one event in period p (p ≥ 1: "came back").
// - Repeat purchase by period p: share of the cohort with 2 or more events in periods 0…p (cumulative).
// - Revenue per cohort customer in period p: Σ value of the cohort's events in p ÷ cohort size (everyone counts,
//   not only the active); missing values add nothing.
// - NPS in period p: % of scores 9–10 − % of scores 0–6 among the scores the cohort gave in p (each answer counts).
// - Period p is incomplete when it ends after the end of observation: shown, marked, never read as a drop.
// - The split group is the customer's group at acquisition (the value on the first event), or a per-customer group.
import type { CohortGroupCurve, CohortRow, CohortUnit } from '../../../../shared/monitor-cohorts';
import { DAY_MS, isoDay, unitKey, unitLabel, unitOfDay, unitStartDay } from './periods';

export interface CohortInput {
  n: number;
  /** Customer code per event (0…customers−1; −1 = missing). */
  customer: Int32Array;
  customers: number;
  /** Epoch ms (UTC) per event; NaN = missing. */
  time: Float64Array;
  value: Float64Array | null;
  /** 0–10 score per event; NaN = no score. */
  score: Float64Array | null;
  /** Group code per event (the customer takes their first event's); −1 = missing. */
  groupOfEvent: Int32Array | null;
  /** Group code per customer (a segmentation); −1 = not in it. Exclusive with groupOfEvent. */
  groupOfCustomer: Int32Array | null;
  groupNames: string[];
  /** What a customer without a group is called ("(missing)", "(not in the segmentation)"). */
  missingGroupName: string;
  unit: CohortUnit;
  /** Exclusive end of observation (epoch ms): events at or after it are left out. Null: the day after the last event. */
  endMs: number | null;
}

/** Thrown when no event falls before the end of observation (an as-of day before the first event). */
export class NoEventsInWindow extends Error {}

export interface CohortTable {
  cohorts: CohortRow[];
  groups: CohortGroupCurve[];
  periods: number;
  firstDay: string;
  observedThrough: string;
  events: number;
  customers: number;
  oneEventCustomers: number;
  afterEnd: number;
  missingValues: number;
  badScores: { count: number; example: number | null };
}

const NONE = 0x7fffffff;

export function computeCohorts(input: CohortInput): CohortTable {
  const { n, customer, time, unit } = input;
  // Observation window: from the first event to endMs (exclusive).
  let tMax = -Infinity;
  let tMin = Infinity;
  for (let e = 0; e < n; e++) {
    const t = time[e];
    if (customer[e] < 0 || t !== t) continue;
    if (input.endMs !== null && t >= input.endMs) continue;
    if (t > tMax) tMax = t;
    if (t < tMin) tMin = t;
  }
  if (tMax === -Infinity) throw new NoEventsInWindow('no events with a customer and a time inside the observation window');
  const endMs = input.endMs ?? (Math.floor(tMax / DAY_MS) + 1) * DAY_MS;
  const dayMin = Math.floor(tMin / DAY_MS);
  const lastDay = Math.floor((endMs - 1) / DAY_MS);
  // Unit of each day in the window, looked up instead of computed per event.
  const unitOfDayTable = new Int32Array(lastDay - dayMin + 1);
  for (let d = 0; d < unitOfDayTable.length; d++) unitOfDayTable[d] = unitOfDay(unit, dayMin + d);

  // Pass 1: each event's unit; per customer the two smallest units with multiplicity (u1 = the cohort; u2 = the
  // period of the second event, NONE for a customer with one event) and, for a split by event, the first event.
  const C = input.customers;
  const byEvent = input.groupOfEvent !== null && input.groupOfCustomer === null;
  const eventUnit = new Int32Array(n);
  const firstTime = byEvent ? new Float64Array(C).fill(Infinity) : null;
  const firstEvent = byEvent ? new Int32Array(C).fill(-1) : null;
  const u1 = new Int32Array(C).fill(NONE);
  const u2 = new Int32Array(C).fill(NONE);
  let events = 0;
  let afterEnd = 0;
  for (let e = 0; e < n; e++) {
    const c = customer[e];
    const t = time[e];
    if (c < 0 || t !== t) {
      eventUnit[e] = NONE;
      continue;
    }
    if (t >= endMs) {
      afterEnd++;
      eventUnit[e] = NONE;
      continue;
    }
    events++;
    const u = unitOfDayTable[Math.floor(t / DAY_MS) - dayMin];
    eventUnit[e] = u;
    if (firstTime !== null && firstEvent !== null && t < firstTime[c]) {
      firstTime[c] = t;
      firstEvent[c] = e;
    }
    if (u < u1[c]) {
      u2[c] = u1[c];
      u1[c] = u;
    } else if (u < u2[c]) u2[c] = u;
  }

  // Cohort slots: groups × (first cohort unit … last cohort unit); periods up to the last observed unit.
  let minU = NONE;
  let maxU = -NONE;
  for (let c = 0; c < C; c++) {
    if (u1[c] === NONE) continue;
    if (u1[c] < minU) minU = u1[c];
    if (u1[c] > maxU) maxU = u1[c];
  }
  const lastU = unitOfDayTable[lastDay - dayMin];
  const slots = maxU - minU + 1;
  const P = lastU - minU + 1;
  const G = input.groupNames.length + 1; // the last group: no group
  const keyOf = new Int32Array(C).fill(-1);
  const size = new Float64Array(G * slots);
  const repeatAt = new Float64Array(G * slots * P);
  let customers = 0;
  let oneEvent = 0;
  for (let c = 0; c < C; c++) {
    if (u1[c] === NONE) continue;
    customers++;
    let g = input.groupOfCustomer ? input.groupOfCustomer[c] : firstEvent && input.groupOfEvent ? input.groupOfEvent[firstEvent[c]] : 0;
    if (g < 0) g = G - 1;
    const k = g * slots + (u1[c] - minU);
    keyOf[c] = k;
    size[k]++;
    if (u2[c] !== NONE) repeatAt[k * P + (u2[c] - u1[c])]++;
    else oneEvent++;
  }

  // Pass 2: the periods each customer was active in, as a bitset per customer (one pass, no sorting), then counted.
  const active = new Float64Array(G * slots * P);
  const words = (P + 31) >>> 5;
  const bits = new Int32Array(C * words);
  for (let e = 0; e < n; e++) {
    const u = eventUnit[e];
    if (u === NONE) continue;
    const c = customer[e];
    const p = u - u1[c];
    bits[c * words + (p >>> 5)] |= 1 << (p & 31);
  }
  for (let c = 0; c < C; c++) {
    const k = keyOf[c];
    if (k < 0) continue;
    for (let w = 0; w < words; w++) {
      let b = bits[c * words + w];
      while (b !== 0) {
        const low = b & -b;
        active[k * P + 32 * w + (31 - Math.clz32(low))]++;
        b ^= low;
      }
    }
  }

  // Pass 3: revenue and scores per cohort slot and period (event order, so re-runs add in the same order).
  const revenue = input.value ? new Float64Array(G * slots * P) : null;
  const npsN = input.score ? new Float64Array(G * slots * P) : null;
  const npsNet = input.score ? new Float64Array(G * slots * P) : null;
  let missingValues = 0;
  const badScores = { count: 0, example: null as number | null };
  if (revenue || npsN) {
    const value = input.value;
    const score = input.score;
    for (let e = 0; e < n; e++) {
      const u = eventUnit[e];
      if (u === NONE) continue;
      const c = customer[e];
      const cell = keyOf[c] * P + (u - u1[c]);
      if (revenue && value) {
        const v = value[e];
        if (v === v) revenue[cell] += v;
        else missingValues++;
      }
      if (npsN && npsNet && score) {
        const s = score[e];
        if (s !== s) continue;
        if (s < 0 || s > 10 || Math.floor(s) !== s) {
          badScores.count++;
          badScores.example ??= s;
          continue;
        }
        npsN[cell]++;
        if (s >= 9) npsNet[cell]++;
        else if (s <= 6) npsNet[cell]--;
      }
    }
  }

  // Rows: group by group, cohorts in time order; only slots with customers.
  const rows: CohortRow[] = [];
  const curves: CohortGroupCurve[] = [];
  let periods = 0;
  for (let g = 0; g < G; g++) {
    const groupName = input.groupOfCustomer || input.groupOfEvent ? (g === G - 1 ? input.missingGroupName : input.groupNames[g]) : null;
    const pooledActive = new Float64Array(P);
    const pooledBase = new Float64Array(P);
    let groupSize = 0;
    let groupCohorts = 0;
    for (let s = 0; s < slots; s++) {
      const k = g * slots + s;
      const sz = size[k];
      if (sz === 0) continue;
      const u = minU + s;
      const len = lastU - u + 1;
      periods = Math.max(periods, len);
      const row: CohortRow = {
        cohort: unitKey(unit, u),
        start: isoDay(unitStartDay(unit, u)),
        label: unitLabel(unit, u),
        group: groupName,
        size: sz,
        retention: [],
        active: [],
        incomplete: [],
        repeat: [],
        revenue: revenue ? { perCustomer: [], cumulative: [] } : null,
        nps: npsN ? { nps: [], n: [] } : null,
      };
      let repeated = 0;
      let cumulative = 0;
      for (let p = 0; p < len; p++) {
        const cell = k * P + p;
        const complete = unitStartDay(unit, u + p + 1) * DAY_MS <= endMs;
        row.active.push(active[cell]);
        row.retention.push(active[cell] / sz);
        row.incomplete.push(!complete);
        repeated += repeatAt[cell];
        row.repeat.push(repeated / sz);
        if (revenue && row.revenue) {
          cumulative += revenue[cell];
          row.revenue.perCustomer.push(revenue[cell] / sz);
          row.revenue.cumulative.push(cumulative / sz);
        }
        if (npsN && npsNet && row.nps) {
          row.nps.n.push(npsN[cell]);
          row.nps.nps.push(npsN[cell] > 0 ? (100 * npsNet[cell]) / npsN[cell] : null);
        }
        if (complete) {
          pooledActive[p] += active[cell];
          pooledBase[p] += sz;
        }
      }
      rows.push(row);
      groupSize += sz;
      groupCohorts++;
    }
    if (groupCohorts === 0) continue;
    curves.push({ group: groupName, cohorts: groupCohorts, size: groupSize, retention: [], base: [] });
    const curve = curves[curves.length - 1];
    for (let p = 0; p < P; p++) {
      curve.base.push(pooledBase[p]);
      curve.retention.push(pooledBase[p] > 0 ? pooledActive[p] / pooledBase[p] : null);
    }
  }
  for (const c of curves) {
    c.retention.length = periods;
    c.base.length = periods;
  }
  return {
    cohorts: rows,
    groups: curves,
    periods,
    firstDay: isoDay(dayMin),
    observedThrough: isoDay(lastDay),
    events,
    customers,
    oneEventCustomers: oneEvent,
    afterEnd,
    missingValues,
    badScores,
  };
}
