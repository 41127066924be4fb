// cxw drivers --workspace W --dataset N --target COL --drivers a,b,c [--model auto|linear|logistic|detractor|promoter]
//   [--positive V] [--direction higher-is-better|higher-is-worse] [--missing-codes 0,99] [--missing exclude|impute]
//   [--bootstrap N] [--seed S] [--level L] [--compare-with DATASET] [--json]
// --compare-with runs the same spec on a second wave (the reference) and adds stability: each driver's weight in
// both waves with intervals, the difference with its interval and `changed` (docs/drivers-stability.md).
// --direction says whether a higher target (or the value counted as 1) is the good outcome; without it the
// direction is inferred from the target's role and name, and the command refuses when it cannot be.
// Key-driver analysis: relative weights summing to R² (or the logistic pseudo-R²), shares, bootstrap intervals,
// signs and the importance × performance quadrant. JSON is the whole DriversResult ({r2, drivers:[{name, weight,
// share, ci, …}], …}, ../shared/SPEC.md).
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { DriversResult } from '../../../shared/nps';
import { requireWorkspace, saveArg, UsageError, commaList as list, numberFlag as number } from '../args';
import { savedLine } from '../saved';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';
import { formatDrivers } from './drivers-text';

const MODELS = ['auto', 'linear', 'logistic', 'detractor', 'promoter'] as const;



export async function driversCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<DriversResult>> {
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      dataset: { type: 'string' },
      target: { type: 'string' },
      drivers: { type: 'string' },
      model: { type: 'string' },
      positive: { type: 'string' },
      'missing-codes': { type: 'string' },
      direction: { type: 'string' },
      missing: { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      level: { type: 'string' },
      'compare-with': { type: 'string' },
      save: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const workspace = requireWorkspace(values.workspace);
  for (const flag of ['dataset', 'target', 'drivers'] as const) {
    if (!values[flag]) throw new UsageError(`--${flag} is required (cxw drivers --workspace W --dataset N --target COL --drivers a,b,c).`);
  }
  const model = values.model;
  if (model !== undefined && !(MODELS as readonly string[]).includes(model)) throw new UsageError(`--model must be ${MODELS.join(', ')}; got "${model}".`);
  const codes = values['missing-codes'] === undefined ? undefined : list(values['missing-codes']);
  if (codes && codes.some((c) => !Number.isFinite(Number(c)))) throw new UsageError(`--missing-codes takes numbers separated by commas (e.g. 0 or 0,99), got "${values['missing-codes']}".`);
  const direction = values.direction;
  if (direction !== undefined && direction !== 'higher-is-better' && direction !== 'higher-is-worse') {
    throw new UsageError(`--direction must be higher-is-better or higher-is-worse (is a higher target, or the value counted as 1, the good outcome?); got "${direction}".`);
  }
  const missing = values.missing;
  if (missing !== undefined && missing !== 'exclude' && missing !== 'impute') {
    throw new UsageError(`--missing must be exclude (leave out rows with a missing driver) or impute (fill with the driver's median); got "${missing}".`);
  }
  const bootstrap = number(values.bootstrap, 'bootstrap', (v) => Number.isInteger(v) && v >= 0 && v <= 10_000, 'a whole number of resamples from 0 to 10000');
  const seed = number(values.seed, 'seed', (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 31, 'a whole number from 0 to 2147483647');
  const level = number(values.level, 'level', (v) => v > 0 && v < 1, 'a confidence level between 0 and 1 (e.g. 0.95)');
  // Validated with the contract's schema, so the command accepts exactly what the app accepts.
  const { spec, jobId, save } = parseContract('drivers.analyze', {
    jobId: cliJobId(),
    ...saveArg(values.save),
    spec: {
      dataset: values.dataset,
      target: values.target,
      drivers: list(values.drivers!),
      ...(model !== undefined ? { model } : {}),
      ...(values.positive !== undefined ? { positive: values.positive } : {}),
      ...(codes ? { missingCodes: codes.map(Number) } : {}),
      ...(direction !== undefined ? { direction } : {}),
      ...(missing !== undefined ? { missing } : {}),
      ...(bootstrap !== undefined ? { bootstrap } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(level !== undefined ? { level } : {}),
      ...(values['compare-with'] !== undefined ? { compareWith: values['compare-with'] } : {}),
    },
  });
  const result = await withServices(workspace, progress, (h) => Promise.resolve(h['drivers.analyze']({ jobId, spec, save })), { checkWhileRunning: true, runsJob: true });
  return { json: result, text: savedLine(formatDrivers(result), result.saved) };
}
