// Disparities: every metric of every group against its attribute's reference group. Pure functions, no I/O.
//
// - difference = group − reference; ratio = group / reference (null when either rate is undefined, or the
//   reference rate is 0).
// - Significance: Fisher's exact test when an expected cell is below 5, else chi-square (1 df), on the 2×2
//   table group vs reference × numerator vs the rest of the denominator (see significance.ts).
// - Multiple comparisons: Holm's step-down adjustment over every distinct comparison of the audit (all
//   attributes and intersections together). Complementary rates share one table and so one test — TPR/FNR,
//   FPR/TNR, PPV/FDR, NPV/FOR — and are counted once in the family, so they do not inflate it.
// - Flag: adjusted p < alpha AND the ratio outside [0.8, 1.25] (the four-fifths band and its mirror). When the
//   ratio is undefined because the reference rate is 0, the magnitude test is |difference| ≥ 0.05 instead:
//   any ratio to 0 is infinite, so a size threshold on the difference keeps "0 vs 0.1%" from counting as huge.
// - A comparison resting on an unreliable rate (the group's or the reference's denominator below the minimum group
//   size) is still computed, tested and can be flagged — the data are what they are, and it stays in the Holm
//   family so the other adjusted p-values do not depend on it — but it is marked `reliable: false`, its note says
//   so, and the verdicts and the widest gap leave it out (shared/audit-gaps.ts).
import type { AuditGroup, AuditMetric, Disparity, Rate } from '../../../shared/audit';
import { disparityReliable, MIN_DIFFERENCE_WITHOUT_RATIO, outsideBand, RATIO_BAND } from '../../../shared/audit-gaps';
import { holm } from '../nps/compare';
import { METRIC_LABELS } from './rates';
import { compareProportions, type ProportionTest } from './significance';
import { fraction, pWords } from './words';

export { MIN_DIFFERENCE_WITHOUT_RATIO, outsideBand, RATIO_BAND };

/** The metric whose test a complementary metric shares (same 2×2 table, rows swapped). */
const TEST_OF: Record<AuditMetric, AuditMetric> = {
  selectionRate: 'selectionRate',
  tpr: 'tpr',
  fnr: 'tpr',
  fpr: 'fpr',
  tnr: 'fpr',
  ppv: 'ppv',
  fdr: 'ppv',
  npv: 'npv',
  for: 'npv',
};

export interface ColumnGroups {
  attribute: string;
  groups: AuditGroup[];
  reference: AuditGroup;
}

export interface DisparityOptions {
  metrics: readonly AuditMetric[];
  alpha: number;
  minGroupSize: number;
}

export interface DisparityResult {
  disparities: Disparity[];
  adjustment: string;
  /** Distinct tests in the Holm family. */
  tests: number;
}

function rateOf(g: AuditGroup, m: AuditMetric): Rate | null {
  return g[m];
}

export function computeDisparities(columns: readonly ColumnGroups[], o: DisparityOptions): DisparityResult {
  const rows: { d: Disparity; testIndex: number }[] = [];
  const tests: ProportionTest[] = [];
  for (const col of columns) {
    for (const g of col.groups) {
      if (g === col.reference) continue;
      const shared = new Map<AuditMetric, number>();
      for (const metric of o.metrics) {
        const r = rateOf(g, metric);
        const ref = rateOf(col.reference, metric);
        if (!r || !ref) continue;
        const defined = r.value !== null && ref.value !== null;
        const difference = defined ? r.value! - ref.value! : null;
        const ratio = defined && ref.value! !== 0 ? r.value! / ref.value! : null;
        let testIndex = -1;
        if (defined) {
          const family = TEST_OF[metric];
          const known = shared.get(family);
          if (known !== undefined) testIndex = known;
          else {
            const t = compareProportions(r.numerator, r.denominator, ref.numerator, ref.denominator);
            if (t) {
              testIndex = tests.push(t) - 1;
              shared.set(family, testIndex);
            }
          }
        }
        const t = testIndex >= 0 ? tests[testIndex] : null;
        rows.push({
          d: {
            attribute: col.attribute,
            group: g.group,
            reference: col.reference.group,
            metric,
            difference,
            ratio,
            test: t ? t.test : null,
            pValue: t ? t.pValue : null,
            pAdjusted: null,
            flag: false,
            note: '',
          },
          testIndex,
        });
      }
    }
  }
  const adjusted = holm(tests.map((t) => t.pValue));
  const byKey = new Map<string, AuditGroup>();
  for (const col of columns) for (const g of col.groups) byKey.set(`${col.attribute}\u0000${g.group}`, g);
  for (const { d, testIndex } of rows) {
    if (testIndex >= 0) d.pAdjusted = adjusted[testIndex];
    const judged = judge(d, o.alpha);
    d.flag = judged.flag;
    d.reliable = disparityReliable(d, byKey, o.minGroupSize);
    d.note = judged.note + (d.difference !== null && !d.reliable ? ` ${unreliableNote(d, byKey, o.minGroupSize)}` : '');
  }
  const m = tests.length;
  const adjustment =
    `Holm's step-down adjustment over the ${m} distinct comparison${m === 1 ? '' : 's'} of this audit ` +
    `(every group against its reference, every attribute and intersection; complementary rates such as TPR and FNR share one test). ` +
    `A disparity is flagged when its adjusted p is below ${o.alpha} and its ratio lies outside ${RATIO_BAND[0]}–${RATIO_BAND[1]} ` +
    `(|difference| ≥ ${MIN_DIFFERENCE_WITHOUT_RATIO} when the reference rate is 0).`;
  return { disparities: rows.map((r) => r.d), adjustment, tests: m };
}

/** Which rate is too thin: "Unreliable: the FPR of "X" rests on 4 people (fewer than 30); not judged." */
function unreliableNote(d: Disparity, byKey: Map<string, AuditGroup>, minGroupSize: number): string {
  const g = byKey.get(`${d.attribute}\u0000${d.group}`)?.[d.metric];
  const r = byKey.get(`${d.attribute}\u0000${d.reference}`)?.[d.metric];
  const thin = g && g.denominator < minGroupSize ? { who: d.group, n: g.denominator } : { who: `the reference "${d.reference}"`, n: r?.denominator ?? 0 };
  const who = thin.who === d.group ? `"${d.group}"` : thin.who;
  return `Unreliable: the ${METRIC_LABELS[d.metric]} of ${who} rests on ${thin.n} ${thin.n === 1 ? 'person' : 'people'} (fewer than ${minGroupSize}); left out of the verdicts.`;
}

function judge(d: Disparity, alpha: number): { flag: boolean; note: string } {
  const label = METRIC_LABELS[d.metric];
  if (d.difference === null) return { flag: false, note: `Not compared: the ${label} of "${d.group}" or of the reference "${d.reference}" is undefined.` };
  const size = d.ratio !== null ? `ratio ${d.ratio.toFixed(2)}` : `difference ${fraction(d.difference)} (the reference rate is 0, so no ratio)`;
  const band = d.ratio !== null ? `${RATIO_BAND[0]}–${RATIO_BAND[1]}` : `±${MIN_DIFFERENCE_WITHOUT_RATIO}`;
  const outside = outsideBand(d);
  if (d.pAdjusted === null) return { flag: false, note: `${size}; not tested.` };
  const significant = d.pAdjusted < alpha;
  if (outside && significant) return { flag: true, note: `Flagged: ${size} is outside ${band} and significant after Holm (${pWords(d.pAdjusted, 'adjusted')}).` };
  if (outside) return { flag: false, note: `Not flagged: ${size} is outside ${band} but not significant after Holm (${pWords(d.pAdjusted, 'adjusted')}).` };
  return { flag: false, note: `Not flagged: ${size} is within ${band}${significant ? ` (significant, ${pWords(d.pAdjusted, 'adjusted')}, but small)` : ''}.` };
}
