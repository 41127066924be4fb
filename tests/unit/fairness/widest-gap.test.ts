// One "widest gap" per run (issue 11: the audit printed "21% vs 59%" in the executive summary and "20.7% vs 39.6%"
// in a verdict line for the same run). The services' executive summary and the view's verdict headline now call one
// function (shared/audit-gaps.ts widestGap); this checks on the demo customers (seed 42, offer_approved by gender and
// age_band with their intersection — the Audit view's default run) that both print the same statement, and that it
// is the gap a plain recount finds: per single attribute, each group of at least 30 people against the largest
// group, the largest |log(selection ratio)|.
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import type { CodedColumn } from '../../../main/analysis/fairness/types';
import { generateDemoCsvs } from '../../../main/workspace/demo-data';
import { verdictHeadline } from '../../../renderer/views/audit/verdict-gaps';

const { customers } = generateDemoCsvs(42);
const [head, ...rows] = customers
  .trim()
  .split(/\r?\n/)
  .map((l) => l.split(',')); // the demo customers file has no quoted fields
const col = (name: string) => rows.map((r) => r[head.indexOf(name)]);

function coded(name: string, values: string[]): CodedColumn {
  const levels = [...new Set(values)].sort();
  return { name, levels, codes: Int32Array.from(values.map((v) => levels.indexOf(v))) };
}

const approved = col('offer_approved').map((v) => v === 'Yes');
const attributes = ['gender', 'age_band'];
const result = auditDecision(
  {
    n: rows.length,
    predicted: Uint8Array.from(approved, (a) => (a ? 1 : 0)),
    label: null,
    score: null,
    attributes: attributes.map((a) => coded(a, col(a))),
    proxies: [],
    decisionNote: 'offer_approved = "Yes"',
  },
  { dataset: 'Demo customers', protected: attributes, intersect: true },
);

/** The widest gap by a plain recount, in the statement's words. */
function recountWidest(): string {
  let best: { text: string; size: number } | null = null;
  for (const a of attributes) {
    const counts = new Map<string, { n: number; yes: number }>();
    col(a).forEach((g, i) => {
      const c = counts.get(g) ?? { n: 0, yes: 0 };
      c.n++;
      if (approved[i]) c.yes++;
      counts.set(g, c);
    });
    const [refName, ref] = [...counts.entries()].sort((x, y) => y[1].n - x[1].n)[0];
    for (const [g, c] of counts) {
      if (g === refName || c.n < 30 || ref.n < 30) continue;
      const ratio = c.yes / c.n / (ref.yes / ref.n);
      const size = Math.abs(Math.log(ratio));
      const p = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
      if (!best || size > best.size) best = { size, text: `${a} "${g}" ${p(c.yes / c.n)} vs ${p(ref.yes / ref.n)} for "${refName}" (ratio ${ratio.toFixed(2)})` };
    }
  }
  return best!.text;
}

describe('one widest gap on the demo audit', () => {
  const expected = recountWidest();

  it('the executive summary states the recounted widest gap', () => {
    expect(result.executiveSummary).toContain(`The widest gap in selection rates: ${expected}.`);
  });

  it("the view's demographic parity line names the same gap, in the same words", () => {
    const parity = result.verdicts.find((v) => v.metric.startsWith('Demographic parity'))!;
    expect(verdictHeadline(parity, result)).toContain(`widest: ${expected}`);
    // And no other percentage pair is called "widest" anywhere in the run's text.
    const all = [result.executiveSummary, ...result.verdicts.map((v) => verdictHeadline(v, result))].join(' ');
    const widest = [...all.matchAll(/widest[^:]*: ([^.]*\.\d%[^.]*\.\d%[^)]*\))/g)].map((m) => m[1]);
    expect(widest.length).toBeGreaterThanOrEqual(2);
    expect(new Set(widest)).toEqual(new Set([expected]));
  });
});
