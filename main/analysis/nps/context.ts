// The measurement-bias check: does NPS depend on how or when the answer was collected? Pure, no I/O.
//
// Each context (a value of a context column, or a delay bin) is compared with ALL OTHER answers pooled — the
// question is "would the headline NPS change if this context were reported apart?", not "which two contexts
// differ". Per context: difference of the plain NPS (context − rest), the adjusted-Wald interval and z test of
// compare.ts, and Holm's adjustment over the contexts compared. With exactly two contexts the two comparisons
// are one and the same test mirrored, so no adjustment is made (m = 1). A context is flagged when its adjusted
// p is below 1 − level; inflated when it scores higher than the rest, deflated when lower. The comparison of
// each context is also stored as its group's `vsReference` (the reference being the rest).
import type { ContextFlag, NpsGroup, NpsSummary, NpsTest } from '../../../shared/nps';
import { compareNps, holm, type Difference } from './compare';
import { zForLevel } from './distributions';
import { tallyByGroup, type Grouping } from './grouping';
import { pickReference, smallGroupsWarning, tallyGroups, testAcrossGroups, toComparison, type TalliedGroup } from './groups';
import { countsOf, minus, summarize } from './summary';
import { count, levelText, points, pText, signedPoints } from './words';
import { minOf } from '../../../shared/extent';

export interface ContextInput {
  scores: Int8Array;
  distribution: number[];
  grouping: Grouping;
  level: number;
  minN: number;
  /** What was compared, e.g. 'column "nps_context"'. */
  contextName: string;
  /** The subject of a sentence about one context: 'Answers where nps_context is "in-store with employee"'. */
  subject: (label: string) => string;
}

export interface ContextAnalysis {
  overall: NpsSummary;
  groups: NpsGroup[];
  test: NpsTest | null;
  flags: ContextFlag[];
  summary: string;
  warnings: string[];
}

function sentence(t: TalliedGroup, rest: NpsSummary, d: Difference, pAdjusted: number, input: ContextInput): string {
  const higher = d.difference > 0;
  const small = t.group.small ? ` (only ${count(t.group.n)} answers)` : '';
  // Lower differences read as magnitudes: "9 to 27 points lower", not "−27 to −9".
  const [lo, hi] = higher ? d.ci : [-d.ci[1], -d.ci[0]];
  return (
    `${input.subject(t.label)}${small} score ${points(Math.abs(d.difference))} points ${higher ? 'higher' : 'lower'} than the rest ` +
    `(NPS ${signedPoints(t.group.nps ?? 0)} vs ${signedPoints(rest.nps ?? 0)}; ${levelText(input.level)} CI ${points(lo)} to ${points(hi)}${higher ? '' : ' points lower'}, ${pText(pAdjusted)}); treat them separately.`
  );
}

export function analyzeContext(input: ContextInput): ContextAnalysis {
  const z = zForLevel(input.level);
  const totals = countsOf(input.distribution);
  const overall = summarize(totals, z);
  const g = input.grouping;
  const tallied = tallyGroups(tallyByGroup(input.scores, g.codes, g.labels.length), g, z, input.minN);
  const made: { t: TalliedGroup; d: Difference; rest: NpsSummary }[] = [];
  for (const t of tallied) {
    const restCounts = minus(totals, t.counts);
    const d = compareNps(t.counts, restCounts, z);
    if (d) made.push({ t, d, rest: summarize(restCounts, z) });
  }
  const adjusted = made.length === 2 ? made.map((m) => m.d.pValue) : holm(made.map((m) => m.d.pValue));
  made.forEach((m, i) => (m.t.group.vsReference = toComparison(m.d, adjusted[i], input.level)));

  const flags: ContextFlag[] = made
    .map((m, i) => ({ m, pAdjusted: adjusted[i] }))
    .filter(({ pAdjusted }) => pAdjusted < 1 - input.level)
    // Biggest first; on a tie (two mirrored contexts) the inflated one first.
    .sort((a, b) => Math.abs(b.m.d.difference) - Math.abs(a.m.d.difference) || b.m.d.difference - a.m.d.difference)
    .map(({ m, pAdjusted }) => ({
      group: m.t.label,
      difference: m.d.difference,
      ci: m.d.ci,
      pValue: m.d.pValue,
      pAdjusted,
      direction: m.d.difference > 0 ? ('inflated' as const) : ('deflated' as const),
      sentence: sentence(m.t, m.rest, m.d, pAdjusted, input),
    }));

  const ref = pickReference(tallied, undefined);
  const test = testAcrossGroups(tallied, ref, z, input.level, 'contexts', 'rest');
  const warnings = [...g.notes];
  const small = smallGroupsWarning(tallied, input.minN, 'contexts');
  if (small) warnings.push(small);
  return { overall, groups: tallied.map((t) => t.group), test, flags, summary: summaryOf(overall, made.length, adjusted, flags, input), warnings };
}

function summaryOf(overall: NpsSummary, compared: number, adjusted: number[], flags: ContextFlag[], input: ContextInput): string {
  if (overall.n === 0) return `No answers have a score, so there is nothing to check across ${input.contextName}.`;
  if (compared < 2) return `All ${count(overall.n)} answers share one context (${input.contextName}), so there is nothing to compare.`;
  const adjustNote = compared === 2 ? '' : ` (p-values Holm-adjusted over the ${compared} contexts)`;
  if (flags.length === 0) {
    const best = minOf(adjusted);
    return (
      `No context differs from the rest beyond chance (${input.contextName}, ${compared} contexts; smallest adjusted ${pText(best)}), ` +
      `so the NPS of ${signedPoints(overall.nps ?? 0)} (n ${count(overall.n)}) can be reported across them.`
    );
  }
  const parts = flags.map((f) => `"${f.group}" ${signedPoints(f.difference)} points (${pText(f.pAdjusted)})`);
  const inflated = flags.filter((f) => f.direction === 'inflated').length;
  const lead = inflated > 0 ? 'NPS depends on how the answers were collected' : 'Some collection contexts score lower than the rest';
  return (
    `${lead} (${input.contextName}): ${parts.join('; ')} against all other answers${adjustNote}. ` +
    `Report ${flags.length === 1 ? 'that context' : 'those contexts'} separately rather than inside the headline NPS of ${signedPoints(overall.nps ?? 0)} (n ${count(overall.n)}).`
  );
}
