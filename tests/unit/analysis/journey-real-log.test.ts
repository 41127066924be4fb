// A real event log (CoSeLoG receipt phase, 8,577 events, 1,434 cases, as shipped with pm4py) against figures
// computed independently by tests/fixtures/journey/make_receipt_reference.py (Python standard library + numpy).
// The log has no same-time ties within a case, so the order is unambiguous. Skips when ../shared/data is absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { JourneyStageSpec } from '../../../shared/journeys';
import { analyzeJourney } from '../../../main/analysis/journey';
import { type Ev, logOf, spec } from './journey-helpers';

const CSV = resolve(__dirname, '../../../../shared/data/receipt-eventlog/receipt.csv');

interface Reference {
  events: number;
  customers: number;
  sameTimeTies: number;
  transitions: { from: string; to: string; customers: number; events: number; medianSeconds: number; p90Seconds: number }[];
  variantCount: number;
  variants: { path: string[]; customers: number }[];
  stages: JourneyStageSpec[];
  funnel: number[];
  casesPerChannel: Record<string, number>;
}

/** "2011-10-11 13:45:40.276000+02:00" → ms since the epoch (the fraction is milliseconds padded to 6 digits). */
function parseTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?([+-]\d{2}:\d{2})$/.exec(text);
  if (!m) throw new Error(`unexpected timestamp ${text}`);
  const ms = Date.parse(`${m[1]}T${m[2]}${m[4]}`);
  return ms + (m[3] ? Number(`0.${m[3]}`) * 1000 : 0);
}

describe.skipIf(!existsSync(CSV))('receipt event log (real data) vs an independent Python computation', () => {
  const ref = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/journey/receipt-reference.json'), 'utf8')) as Reference;
  const rows = Papa.parse<Record<string, string>>(readFileSync(CSV, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const events: Ev[] = rows.map((r) => ({ c: r['case:concept:name'], t: parseTime(r['time:timestamp']), step: r['concept:name'], ch: r['case:channel'] }));
  const input = logOf(events, { channel: true });

  it('transitions, variants and the funnel match', () => {
    expect(ref.sameTimeTies).toBe(0);
    const r = analyzeJourney(input, spec({ stages: ref.stages, channel: 'case:channel' }));
    expect([r.events, r.customers]).toEqual([ref.events, ref.customers]);
    expect(r.transitions.length).toBe(ref.transitions.length);
    r.transitions.forEach((t, i) => {
      const w = ref.transitions[i];
      expect([t.from, t.to, t.customers, t.events]).toEqual([w.from, w.to, w.customers, w.events]);
      expect(t.medianSeconds).toBeCloseTo(w.medianSeconds, 3);
      expect(t.p90Seconds).toBeCloseTo(w.p90Seconds, 3);
    });
    expect(r.variantCount).toBe(ref.variantCount);
    expect(r.variants.slice(0, 10).map((v) => ({ path: v.path, customers: v.customers }))).toEqual(ref.variants);
    // The three analyst stages come first; unlisted activities follow as their own stages.
    expect(r.funnel.slice(0, 3).map((f) => f.customers)).toEqual(ref.funnel);
    expect(r.stages.length).toBe(3 + 23);
  });

  it('a channel filter keeps exactly the cases of that channel (the channel is a case attribute here)', () => {
    for (const [channel, cases] of Object.entries(ref.casesPerChannel)) {
      const r = analyzeJourney(input, spec({ channel: 'case:channel', filter: { channels: [channel] } }));
      expect(r.customers).toBe(cases);
    }
    const all = analyzeJourney(input, spec({ channel: 'case:channel', compareBy: 'channel' }));
    expect(Object.fromEntries((all.groups ?? []).map((g) => [g.group, g.customers]))).toEqual(ref.casesPerChannel);
  });
});
