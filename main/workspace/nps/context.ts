// The 'nps.context' job, the measurement-bias check: NPS by collection context — a context column (employee
// present, survey channel…) or the delay since a journey event (nps-delay.ts) — each context against all other
// answers (main/analysis/nps/context.ts). Read-only on the workspace.
import type { NpsContextResult, NpsContextSpec } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { analyzeContext } from '../../analysis/nps/context';
import { MISSING_GROUP } from '../../analysis/nps/grouping';
import { readScores } from '../../analysis/nps/scores';
import type { Db } from '../db';
import { getDataset } from '../datasets';
import { DEFAULT_LEVEL, DEFAULT_MIN_N } from './analyze';
import { count, groupingOf, loadSurvey, numericValues, resolveColumn, scoreColumn, type LoadProgress } from './nps-columns';
import { delayGrouping, type DelayGrouping } from './nps-delay';

export type AnalysisProgress = LoadProgress;

export function runNpsContext(db: Db, spec: NpsContextSpec, ctx: AnalysisProgress): NpsContextResult {
  if (!spec.context === !spec.delay) throw new AppError('BAD_ARGUMENTS', 'Give either a context column or a delay (survey time + event log), not both.');
  const level = spec.level ?? DEFAULT_LEVEL;
  const minN = spec.minN ?? DEFAULT_MIN_N;
  const ds = getDataset(db, spec.dataset);
  const scoreCol = scoreColumn(ds, spec.score);
  const contextCol = spec.context ? resolveColumn(ds, spec.context, 'context column') : null;
  if (contextCol === scoreCol) throw new AppError('BAD_ARGUMENTS', `Column "${scoreCol.name}" is the score; the context must be another column (how or when the answer was collected).`);
  const loaded = loadSurvey(db, ds, scoreCol, contextCol, ctx);
  const read = readScores(numericValues(loaded.score), spec.mapping, { dataset: ds.name, column: scoreCol.name, rowOf: (i) => loaded.rows[i] });

  let context: Pick<DelayGrouping, 'grouping' | 'contextName' | 'subject' | 'warnings'>;
  if (contextCol) {
    const name = contextCol.name;
    context = {
      grouping: groupingOf(ds, loaded.group!),
      contextName: `column "${name}"`,
      subject: (label) => (label === MISSING_GROUP ? `Answers without a value in ${name}` : `Answers where ${name} is "${label}"`),
      warnings: [],
    };
  } else context = delayGrouping(db, ds, spec.delay!, ctx);
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while checking the collection contexts.');
  ctx.onProgress({ phase: 'analyze', done: 0, total: null });

  const a = analyzeContext({ scores: read.scores, distribution: read.distribution, grouping: context.grouping, level, minN, contextName: context.contextName, subject: context.subject });
  const warnings = [...read.warnings, ...context.warnings, ...a.warnings];
  if (read.missing > 0) warnings.unshift(`${count(read.missing)} of ${count(ds.rows)} rows have no score in "${scoreCol.name}" (not answered) and are left out.`);
  if (read.mappingNote) warnings.unshift(read.mappingNote);
  return { spec, context: context.contextName, overall: a.overall, groups: a.groups, test: a.test, flags: a.flags, summary: a.summary, level, minN, warnings };
}
