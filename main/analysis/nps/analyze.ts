// NPS of a survey: overall, the 0–10 distribution, by group with comparisons and a test, and the trend by
// period. Pure: receives the scores (already read and checked by scores.ts), group codes and period indices.
import type { NpsGroup, NpsSummary, NpsTest } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { zForLevel } from './distributions';
import { tallyByGroup, type Grouping } from './grouping';
import { compareWithReference, pickReference, smallGroupsWarning, tallyGroups, testAcrossGroups } from './groups';
import { NO_PERIOD, periodLabel, type PeriodUnit } from './periods';
import { countsOf, summarize } from './summary';
import { pushAll } from '../../../shared/extent';

export interface NpsAnalysisInput {
  /** 0…10 per row, −1 missing. */
  scores: Int8Array;
  /** Answers per score 0…10. */
  distribution: number[];
  grouping: Grouping | null;
  /** What the groups are, plural ("groups", "segments"), for the notes. */
  groupWords?: string;
  periods: { index: Int32Array; unit: PeriodUnit } | null;
  level: number;
  minN: number;
  reference?: string;
}

export interface NpsAnalysis {
  overall: NpsSummary;
  distribution: { score: number; count: number }[];
  groups: NpsGroup[];
  reference: string | null;
  test: NpsTest | null;
  trend: (NpsSummary & { period: string; small: boolean })[] | null;
  warnings: string[];
}

/** More periods than this is a unit too fine for the dates (e.g. weeks over decades). */
export const MAX_PERIODS = 2000;

export function analyzeNps(input: NpsAnalysisInput): NpsAnalysis {
  const z = zForLevel(input.level);
  const overall = summarize(countsOf(input.distribution), z);
  const warnings: string[] = [];
  if (overall.n === 0) warnings.push('No row has a score, so there is no NPS to report.');
  let groups: NpsGroup[] = [];
  let reference: string | null = null;
  let test: NpsTest | null = null;
  if (input.grouping) {
    const g = input.grouping;
    const what = input.groupWords ?? 'groups';
    const tallied = tallyGroups(tallyByGroup(input.scores, g.codes, g.labels.length), g, z, input.minN);
    const ref = pickReference(tallied, input.reference);
    if (ref) compareWithReference(tallied, ref, z, input.level);
    test = testAcrossGroups(tallied, ref, z, input.level, what);
    groups = tallied.map((t) => t.group);
    reference = ref?.label ?? null;
    pushAll(warnings, g.notes);
    const small = smallGroupsWarning(tallied, input.minN, what);
    if (small) warnings.push(small);
  }
  const trend = input.periods ? trendOf(input.scores, input.periods.index, input.periods.unit, z, input.minN, warnings) : null;
  return { overall, distribution: input.distribution.map((count, score) => ({ score, count })), groups, reference, test, trend, warnings };
}

/** NPS per period from the first to the last period with an answer, empty periods included (n 0). */
function trendOf(scores: Int8Array, index: Int32Array, unit: PeriodUnit, z: number, minN: number, warnings: string[]): NpsAnalysis['trend'] {
  let lo = Infinity;
  let hi = -Infinity;
  let undated = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] < 0) continue;
    const p = index[i];
    if (p === NO_PERIOD) {
      undated++;
      continue;
    }
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  if (undated > 0) warnings.push(`${undated.toLocaleString('en-US')} answer${undated === 1 ? ' has' : 's have'} no date, so ${undated === 1 ? 'it is' : 'they are'} left out of the trend.`);
  if (lo > hi) return [];
  const span = hi - lo + 1;
  if (span > MAX_PERIODS) {
    throw new AppError('BAD_ARGUMENTS', `The answers span ${span.toLocaleString('en-US')} ${unit}s (${periodLabel(lo, unit)} to ${periodLabel(hi, unit)}); choose a longer period unit (month, quarter or year).`);
  }
  const tallies = new Float64Array(span * 11);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const p = index[i];
    if (s >= 0 && p !== NO_PERIOD) tallies[(p - lo) * 11 + s]++;
  }
  const out: NonNullable<NpsAnalysis['trend']> = [];
  for (let k = 0; k < span; k++) {
    const summary = summarize(countsOf(tallies, k * 11), z);
    out.push({ period: periodLabel(lo + k, unit), ...summary, small: summary.n < minN });
  }
  const empty = out.filter((t) => t.n === 0).length;
  if (empty > 0) warnings.push(`${empty} ${unit}${empty === 1 ? '' : 's'} between the first and the last answer ${empty === 1 ? 'has' : 'have'} no answers (shown with n 0).`);
  return out;
}
