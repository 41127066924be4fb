// cxw cohorts --workspace W --dataset N --customer COL --time COL [--unit week|month] [--by COL | --segmentation SEG]
//   [--value COL] [--nps COL] [--as-of YYYY-MM-DD] [--show retention|repeat|revenue|cumulative-revenue|nps]
//   [--save NAME] [--json]
// JSON (../shared/SPEC.md): {cohorts:[{cohort, size, retention:[…]}]} — the whole CohortsResult (also active,
// incomplete, repeat, revenue, nps per cohort; pooled curves per group in `groups`; summary, warnings).
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import { COHORT_UNITS, type CohortsResult } from '../../../shared/monitor-cohorts';
import { phaseTimer } from '../../workspace/segments/timings';
import { requireWorkspace, saveArg, UsageError } from '../args';
import { savedLine } from '../saved';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';
import { COHORT_TABLES, columnNeeded, type CohortTable, formatCohorts, missingForTable, neededMessage } from './cohorts-text';

const OPTIONS = {
  workspace: { type: 'string' },
  dataset: { type: 'string' },
  customer: { type: 'string' },
  time: { type: 'string' },
  unit: { type: 'string' },
  by: { type: 'string' },
  segmentation: { type: 'string' },
  value: { type: 'string' },
  nps: { type: 'string' },
  'as-of': { type: 'string' },
  show: { type: 'string' },
  save: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function cohortsCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<CohortsResult>> {
  const timer = phaseTimer(true);
  timer.mark('startup');
  const { values } = parseCli({ args: argv, options: OPTIONS });
  const workspace = requireWorkspace(values.workspace);
  for (const flag of ['dataset', 'customer', 'time'] as const) {
    if (!values[flag]) throw new UsageError(`--${flag} is required (cxw cohorts --workspace W --dataset N --customer COL --time COL [--unit week|month]).`);
  }
  const unit = values.unit;
  if (unit !== undefined && !(COHORT_UNITS as readonly string[]).includes(unit)) throw new UsageError(`--unit must be week or month; got "${unit}".`);
  if (values.by !== undefined && values.segmentation !== undefined) throw new UsageError('Split by --by COL or by --segmentation SEG, not both.');
  const show = (values.show ?? 'retention') as CohortTable;
  if (!(COHORT_TABLES as readonly string[]).includes(show)) throw new UsageError(`--show must be one of ${COHORT_TABLES.join(', ')}; got "${values.show}".`);
  const needed = columnNeeded(show);
  if (needed && values[needed] === undefined) throw new UsageError(neededMessage(show, needed));
  const { spec, jobId, save } = parseContract('cohorts.run', {
    jobId: cliJobId(),
    ...saveArg(values.save),
    spec: {
      dataset: values.dataset,
      customer: values.customer,
      time: values.time,
      ...(unit !== undefined ? { unit } : {}),
      ...(values.by !== undefined ? { by: values.by } : {}),
      ...(values.segmentation !== undefined ? { segmentation: values.segmentation } : {}),
      ...(values.value !== undefined ? { value: values.value } : {}),
      ...(values.nps !== undefined ? { nps: values.nps } : {}),
      ...(values['as-of'] !== undefined ? { asOf: values['as-of'] } : {}),
    },
  });
  timer.mark('arguments');
  try {
    const result = await withServices(workspace, progress, (h) => Promise.resolve(h['cohorts.run']({ jobId, spec, save })), { timer, checkWhileRunning: true, runsJob: true });
    timer.mark('job (worker) and close');
    const missing = missingForTable(result, show);
    return { json: result, text: savedLine(missing ? `${formatCohorts(result)}\n\n${missing}` : formatCohorts(result, show), result.saved) };
  } finally {
    timer.report('cli');
  }
}
