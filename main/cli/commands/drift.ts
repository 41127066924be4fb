// cxw drift --workspace W --reference DATASET --current DATASET [--columns a,b] [--nps COL [--mix COL]] [--json]
// cxw drift --workspace W --dataset N --period COL --reference-range A..B --current-range C..D [...]
//   thresholds: [--small-wave-rows 1000] [--alpha 0.05] [--wasserstein 0.1] [--jensen-shannon 0.1]
//               [--psi-moderate 0.1] [--psi-major 0.25] [--dataset-share 0.5]   [--level 0.95] [--save NAME]
// JSON (../shared/SPEC.md): {columns:[{name, type, test, statistic, pValue, psi, distance, drifted}], drifted, total,
// verdict}, with --nps also nps:{reference, current, change, changeCi, mixAdjustedChange, mixShare} — the whole
// DriftResult (more keys: thresholds, skipped columns with reasons, bins, the NPS groups).
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { DriftResult, DriftThresholds } from '../../../shared/monitor-drift';
import { commaList, numberFlag, requireWorkspace, saveArg, UsageError } from '../args';
import { savedLine } from '../saved';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';
import { formatDrift } from './drift-text';
import { phaseTimer } from '../../workspace/segments/timings';

const OPTIONS = {
  workspace: { type: 'string' },
  reference: { type: 'string' },
  current: { type: 'string' },
  dataset: { type: 'string' },
  period: { type: 'string' },
  'reference-range': { type: 'string' },
  'current-range': { type: 'string' },
  columns: { type: 'string' },
  nps: { type: 'string' },
  mix: { type: 'string' },
  level: { type: 'string' },
  'small-wave-rows': { type: 'string' },
  alpha: { type: 'string' },
  wasserstein: { type: 'string' },
  'jensen-shannon': { type: 'string' },
  'psi-moderate': { type: 'string' },
  'psi-major': { type: 'string' },
  'dataset-share': { type: 'string' },
  save: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const THRESHOLD_FLAGS: [keyof DriftThresholds, keyof typeof OPTIONS, (v: number) => boolean, string][] = [
  ['smallWaveRows', 'small-wave-rows', (v) => Number.isInteger(v) && v >= 1, 'a whole number of rows, 1 or more'],
  ['alpha', 'alpha', (v) => v > 0 && v < 1, 'a significance level between 0 and 1 (e.g. 0.05)'],
  ['wasserstein', 'wasserstein', (v) => v > 0 && v <= 100, 'a positive distance (e.g. 0.1)'],
  ['jensenShannon', 'jensen-shannon', (v) => v > 0 && v <= 1, 'a distance between 0 and 1 (e.g. 0.1)'],
  ['psiModerate', 'psi-moderate', (v) => v > 0 && v <= 100, 'a positive PSI (e.g. 0.1)'],
  ['psiMajor', 'psi-major', (v) => v > 0 && v <= 100, 'a positive PSI (e.g. 0.25)'],
  ['datasetShare', 'dataset-share', (v) => v > 0 && v <= 1, 'a share of columns between 0 and 1 (e.g. 0.5)'],
];

/** "2026-01-01..2026-03-31" → the two days. */
export function parseRange(raw: string, flag: string): [string, string] {
  const m = /^\s*(\S+?)\s*\.\.\s*(\S+?)\s*$/.exec(raw);
  if (!m) throw new UsageError(`--${flag} takes two days joined by "..", e.g. 2026-01-01..2026-03-31; got "${raw}".`);
  return [m[1], m[2]];
}

export async function driftCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<DriftResult>> {
  // CXW_TIMINGS=1: the whole command's phases on stderr (start-up counts from process start).
  const timer = phaseTimer(true);
  timer.mark('startup');
  const { values } = parseCli({ args: argv, options: OPTIONS });
  const workspace = requireWorkspace(values.workspace);
  const twoDatasets = values.reference !== undefined || values.current !== undefined;
  const period = values.dataset !== undefined || values.period !== undefined || values['reference-range'] !== undefined || values['current-range'] !== undefined;
  if (twoDatasets && period) throw new UsageError('Compare two datasets (--reference and --current) or two periods of one dataset (--dataset --period --reference-range --current-range), not both.');
  if (!twoDatasets && !period) throw new UsageError('Name the waves: --reference DATASET --current DATASET, or --dataset N --period COL --reference-range A..B --current-range C..D.');
  if (twoDatasets && (!values.reference || !values.current)) throw new UsageError('--reference and --current are both needed (the earlier wave and the one to compare with it).');
  if (period) {
    const absent = (['dataset', 'period', 'reference-range', 'current-range'] as const).filter((f) => !values[f]);
    if (absent.length) throw new UsageError(`Comparing two periods of one dataset needs --${absent.join(', --')} (e.g. --period survey_date --reference-range 2026-01-01..2026-03-31 --current-range 2026-04-01..2026-06-30).`);
  }
  if (values.mix !== undefined && values.nps === undefined) throw new UsageError('--mix COL standardises the NPS change: add --nps COL (the 0–10 recommend score).');
  const thresholds: Partial<DriftThresholds> = {};
  for (const [key, flag, check, expected] of THRESHOLD_FLAGS) {
    const v = numberFlag(values[flag] as string | undefined, flag, check, expected);
    if (v !== undefined) thresholds[key] = v;
  }
  const level = numberFlag(values.level, 'level', (v) => v >= 0.5 && v <= 0.999, 'a confidence level from 0.5 to 0.999 (e.g. 0.95)');
  const columns = values.columns !== undefined ? commaList(values.columns) : undefined;
  if (columns && columns.length === 0) throw new UsageError('--columns takes column names separated by commas, e.g. --columns age,channel.');
  const { spec, jobId, save } = parseContract('drift.run', {
    jobId: cliJobId(),
    ...saveArg(values.save),
    spec: {
      ...(twoDatasets ? { reference: values.reference, current: values.current } : {}),
      ...(period
        ? { dataset: values.dataset, period: values.period, referenceRange: parseRange(values['reference-range']!, 'reference-range'), currentRange: parseRange(values['current-range']!, 'current-range') }
        : {}),
      ...(columns ? { columns } : {}),
      ...(values.nps !== undefined ? { nps: values.nps } : {}),
      ...(values.mix !== undefined ? { mix: values.mix } : {}),
      ...(Object.keys(thresholds).length ? { thresholds } : {}),
      ...(level !== undefined ? { level } : {}),
    },
  });
  timer.mark('arguments');
  try {
    const result = await withServices(workspace, progress, (h) => Promise.resolve(h['drift.run']({ jobId, spec, save })), { timer, checkWhileRunning: true, runsJob: true });
    timer.mark('job (worker) and close');
    return { json: result, text: savedLine(formatDrift(result), result.saved) };
  } finally {
    timer.report('cli');
  }
}
