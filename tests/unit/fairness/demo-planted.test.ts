// The demo data's planted fairness effects (main/workspace/demo-data.ts header, seed 42) found by the pure audit:
// offer_approved penalises women (41% vs 48%) and the 18-24 band; risk_score over-states seniors' churn risk
// against churned_12m. Rows are read from the generated CSV here and every rate is recounted by a plain loop.
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import type { CodedColumn } from '../../../main/analysis/fairness/types';
import { generateDemoCsvs } from '../../../main/workspace/demo-data';

const { customers } = generateDemoCsvs(42);
const [head, ...rows] = customers
  .trim()
  .split(/\r?\n/)
  .map((l) => l.split(',')); // the demo customers file has no quoted fields
const col = (name: string) => rows.map((r) => r[head.indexOf(name)]);
const n = rows.length;

function coded(name: string, values: string[]): CodedColumn {
  const levels = [...new Set(values)].sort();
  return { name, levels, codes: Int32Array.from(values.map((v) => levels.indexOf(v))) };
}

/** Selection rate of `decision` per value of `by`, by a plain recount. */
function recount(by: string[], positive: boolean[]): Map<string, { n: number; yes: number }> {
  const m = new Map<string, { n: number; yes: number }>();
  by.forEach((g, i) => {
    const c = m.get(g) ?? { n: 0, yes: 0 };
    c.n++;
    if (positive[i]) c.yes++;
    m.set(g, c);
  });
  return m;
}

describe('offer_approved (assistive, no label) by gender and age band', () => {
  const approved = col('offer_approved').map((v) => v === 'Yes');
  const r = auditDecision(
    {
      n,
      predicted: Uint8Array.from(approved, (a) => (a ? 1 : 0)),
      label: null,
      score: null,
      attributes: [coded('gender', col('gender')), coded('age_band', col('age_band'))],
      proxies: [coded('plan', col('plan')), coded('region', col('region'))],
      decisionNote: 'offer_approved = "Yes"',
    },
    { dataset: 'Demo customers', protected: ['gender', 'age_band'], intersect: true },
  );

  it('every group n and selection rate equal the recount; Fairlearn parity difference and ratio too', () => {
    for (const attribute of ['gender', 'age_band']) {
      const counts = recount(col(attribute), approved);
      const groups = r.groups.filter((g) => g.attribute === attribute);
      expect(groups.map((g) => g.group).sort()).toEqual([...counts.keys()].sort());
      for (const g of groups) {
        const c = counts.get(g.group)!;
        expect(g.n).toBe(c.n);
        expect(g.selectionRate.value).toBe(c.yes / c.n);
      }
      const rates = [...counts.values()].map((c) => c.yes / c.n);
      const s = r.summary.byAttribute.find((x) => x.attribute === attribute)!;
      expect(s.demographicParityDifference).toBe(Math.max(...rates) - Math.min(...rates));
      expect(s.demographicParityRatio).toBe(Math.min(...rates) / Math.max(...rates));
    }
  });

  it('finds the planted penalties: women 41% vs men 48%, the 18-24 band below four-fifths', () => {
    const parity = r.verdicts[0];
    expect(parity.status).toBe('fail');
    expect(parity.finding).toContain('gender "Male" has selection rate 48% vs 41% for "Female"');
    expect(r.summary.byAttribute.find((s) => s.attribute === 'age_band')!.fourFifthsFailing).toContain('18-24');
    expect(parity.finding).toContain('age_band "18-24" has selection rate 21%');
  });

  it('flags plan as a proxy for age band', () => {
    const p = r.proxies.find((x) => x.feature === 'plan' && x.attribute === 'age_band')!;
    expect(p.flag).toBe(true);
    expect(p.explanation).toMatch(/^plan "\w+" is \d+% [\d+-]+ \(vs \d+% overall\): treating it differently treats an age_band group differently/);
  });
});

describe('risk_score ≥ 0.3 (punitive) against churned_12m by senior citizen', () => {
  const score = Float64Array.from(col('risk_score').map(Number));
  const churned = col('churned_12m').map((v) => v === 'Yes');
  const r = auditDecision(
    {
      n,
      predicted: Uint8Array.from(score, (s) => (s >= 0.3 ? 1 : 0)),
      label: Uint8Array.from(churned, (c) => (c ? 1 : 0)),
      score,
      attributes: [coded('senior_citizen', col('senior_citizen'))],
      proxies: [],
      decisionNote: 'risk_score ≥ 0.3',
    },
    { dataset: 'Demo customers', protected: ['senior_citizen'], direction: 'punitive', score: 'risk_score', threshold: 0.3 },
  );

  it('TPR and FPR per group equal the recount', () => {
    const senior = col('senior_citizen');
    for (const g of r.groups) {
      let tp = 0;
      let fp = 0;
      let pos = 0;
      let neg = 0;
      senior.forEach((s, i) => {
        if (s !== g.group) return;
        if (churned[i]) {
          pos++;
          if (score[i] >= 0.3) tp++;
        } else {
          neg++;
          if (score[i] >= 0.3) fp++;
        }
      });
      expect(g.tpr!.value).toBe(tp / pos);
      expect(g.fpr!.value).toBe(fp / neg);
    }
  });

  it('finds that the score over-states seniors’ risk at the same score', () => {
    const v = r.verdicts.find((x) => x.metric === 'Calibration within groups')!;
    expect(v.status).toBe('fail');
    expect(v.finding).toMatch(/^senior_citizen "Yes" turns out positive [\d.]+ points less often than "No" at the same score .*the score over-states its risk\.$/);
  });
});
