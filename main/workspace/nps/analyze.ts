// The 'nps.analyze' job: read the score (and grouping / period) columns of a survey dataset, check the scores,
// and run the pure NPS analysis (main/analysis/nps). Read-only on the workspace.
import type { NpsResult, NpsSpec } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { analyzeNps } from '../../analysis/nps/analyze';
import { MISSING_GROUP, type Grouping } from '../../analysis/nps/grouping';
import { periodsOf } from '../../analysis/nps/periods';
import { readScores } from '../../analysis/nps/scores';
import type { Db } from '../db';
import { getDataset } from '../datasets';
import { count, groupingOf, loadSurvey, numericValues, readTimes, resolveColumn, scoreColumn, timeColumn, type LoadProgress } from './nps-columns';
import { segmentGrouping } from './nps-segments';
import { pushAll } from '../../../shared/extent';

export type AnalysisProgress = LoadProgress;

export const DEFAULT_LEVEL = 0.95;
export const DEFAULT_MIN_N = 30;

function checkSpec(spec: NpsSpec): void {
  if (spec.periodUnit && !spec.period) throw new AppError('BAD_ARGUMENTS', 'A period unit needs a period column: name the date or datetime column to group the answers by.');
  if (spec.reference !== undefined && !spec.by && !spec.segmentation) {
    throw new AppError('BAD_ARGUMENTS', `A reference group ("${spec.reference}") needs a grouping: group by a column or by a segmentation.`);
  }
}

export function runNpsAnalysis(db: Db, spec: NpsSpec, ctx: AnalysisProgress): NpsResult {
  checkSpec(spec);
  const level = spec.level ?? DEFAULT_LEVEL;
  const minN = spec.minN ?? DEFAULT_MIN_N;
  const ds = getDataset(db, spec.dataset);
  const scoreCol = scoreColumn(ds, spec.score);
  const byCol = spec.by ? resolveColumn(ds, spec.by, 'grouping column') : null;
  const periodCol = spec.period ? timeColumn(ds, spec.period, 'period column') : null;
  const loaded = loadSurvey(db, ds, scoreCol, byCol, ctx);
  const read = readScores(numericValues(loaded.score), spec.mapping, { dataset: ds.name, column: scoreCol.name, rowOf: (i) => loaded.rows[i] });

  const warnings: string[] = [...read.warnings];
  let grouping: Grouping | null = null;
  let groupWords = 'groups';
  if (loaded.group) grouping = groupingOf(ds, loaded.group);
  else if (spec.segmentation) {
    const seg = segmentGrouping(db, spec.segmentation, ds, loaded.rows, ctx);
    grouping = seg.grouping;
    groupWords = 'segments';
    pushAll(warnings, seg.warnings);
  }
  let periods: { index: Int32Array; unit: NonNullable<NpsSpec['periodUnit']> } | null = null;
  if (periodCol) {
    const unit = spec.periodUnit ?? 'month';
    const times = readTimes(db, ds, periodCol, ctx);
    if (times.unreadable > 0) warnings.push(`${count(times.unreadable)} values of "${periodCol.name}" are not dates or times (e.g. "${times.example}") and count as missing.`);
    periods = { index: periodsOf(times.ms, unit), unit };
  }
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while analysing NPS.');
  ctx.onProgress({ phase: 'analyze', done: 0, total: null });

  const a = analyzeNps({ scores: read.scores, distribution: read.distribution, grouping, groupWords, periods, level, minN, reference: spec.reference });
  if (read.missing > 0) warnings.unshift(`${count(read.missing)} of ${count(ds.rows)} rows have no score in "${scoreCol.name}" (not answered) and are left out.`);
  const missingGroup = byCol ? a.groups.find((g) => g.group === MISSING_GROUP) : undefined;
  if (missingGroup && missingGroup.n > 0) warnings.push(`${count(missingGroup.n)} answers have no value in "${byCol!.name}"; they form the group "${MISSING_GROUP}".`);
  return {
    spec,
    overall: a.overall,
    distribution: a.distribution,
    groups: a.groups,
    reference: a.reference,
    test: a.test,
    trend: a.trend,
    missing: read.missing,
    mappingNote: read.mappingNote,
    ...(read.suggestedMapping ? { suggestedMapping: read.suggestedMapping } : {}),
    level,
    minN,
    warnings: [...warnings, ...a.warnings],
  };
}
