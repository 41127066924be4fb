// cxw experiment --workspace W --dataset N --arm COL --outcome COL [--kind binary|mean|nps] [--positive V]
//   [--control V] [--expected-split 50,50 | A=50,B=50] [--covariate COL] [--by COL | --segmentation SEG]
//   [--acknowledge-srm] [--level 0.95] [--map round|rescale:1-5] [--min-segment-n 30] [--save NAME] [--json]
// cxw experiment plan --kind binary --baseline 0.1 (--mde 0.02 | --n 3000) [--alpha 0.05] [--power 0.8] [--json]
// cxw experiment plan --kind mean --sd 12 (--mde 1.5 | --n 3000) …
// JSON (../shared/SPEC.md): {arms:[{arm, n, estimate, ci}], comparisons:[{arm, difference, ci, relativeLift, pValue}],
// srm:{pValue, flagged}} — the whole ExperimentResult (verdict, cuped, segments, warnings…); plan: the PlanResult.
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { ExperimentResult, PlanResult } from '../../../shared/monitor-experiment';
import { planExperiment } from '../../analysis/monitor/experiment/planner';
import { assertKnown, numberFlag, requireWorkspace, saveArg, UsageError } from '../args';
import type { CommandOutput } from '../run';
import { savedLine } from '../saved';
import { cliJobId, withServices } from '../with-services';
import { parseMapping } from './nps';
import { formatExperiment, formatPlan } from './experiment-text';

const KINDS = ['binary', 'mean', 'nps'] as const;
const USAGE = 'cxw experiment --workspace W --dataset N --arm COL --outcome COL --kind binary|mean|nps [--positive V] [--control V]';

/** "50,50" (in the arms' natural order) or "A=50,B=50" (by name). */
export function parseSplit(raw: string): number[] | Record<string, number> {
  const parts = raw.split(',').map((s) => s.trim());
  const named = parts.every((p) => p.includes('='));
  const bad = () => new UsageError(`--expected-split takes shares separated by commas in the arms' order (50,50) or by name (A=50,B=50), each a positive number; got "${raw}".`);
  if (named) {
    const out: Record<string, number> = {};
    for (const p of parts) {
      const at = p.lastIndexOf('=');
      const v = Number(p.slice(at + 1));
      if (at <= 0 || !(v > 0) || !Number.isFinite(v)) throw bad();
      out[p.slice(0, at)] = v;
    }
    return out;
  }
  const out = parts.map(Number);
  if (out.length < 2 || parts.some((p) => p === '') || out.some((v) => !(v > 0) || !Number.isFinite(v))) throw bad();
  return out;
}

const OPTIONS = {
  workspace: { type: 'string' },
  dataset: { type: 'string' },
  arm: { type: 'string' },
  outcome: { type: 'string' },
  kind: { type: 'string' },
  positive: { type: 'string' },
  control: { type: 'string' },
  'expected-split': { type: 'string' },
  covariate: { type: 'string' },
  by: { type: 'string' },
  segmentation: { type: 'string' },
  'acknowledge-srm': { type: 'boolean' },
  level: { type: 'string' },
  map: { type: 'string' },
  'min-segment-n': { type: 'string' },
  save: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function experimentCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<ExperimentResult | PlanResult>> {
  if (argv[0] === 'plan') return planCommand(argv.slice(1));
  const { values } = parseCli({ args: argv, options: OPTIONS });
  const workspace = requireWorkspace(values.workspace);
  for (const flag of ['dataset', 'arm', 'outcome'] as const) if (!values[flag]) throw new UsageError(`--${flag} is required (${USAGE}).`);
  let kind = values.kind === undefined ? undefined : assertKnown(values.kind, KINDS, '--kind');
  if (kind === undefined) {
    // A positive value says the outcome is yes/no; otherwise a number could be a mean or a 0–10 score: ask.
    if (values.positive !== undefined) kind = 'binary';
    else {
      throw new UsageError(
        `How should “${values.outcome}” be read? Pass --kind binary --positive V (a yes/no outcome and the value that counts as a success), --kind mean (a number such as spend), or --kind nps (a 0–10 recommend score).`,
      );
    }
  }
  if (values.by !== undefined && values.segmentation !== undefined) throw new UsageError('Show effects by --by COL or by --segmentation SEG, not both.');
  const level = numberFlag(values.level, 'level', (v) => v >= 0.5 && v <= 0.999, 'a confidence level from 0.5 to 0.999 (e.g. 0.95)');
  const minSegmentN = numberFlag(values['min-segment-n'], 'min-segment-n', (v) => Number.isInteger(v) && v >= 2, 'a whole number of rows, 2 or more');
  const { spec, jobId, save } = parseContract('experiment.run', {
    jobId: cliJobId(),
    ...saveArg(values.save),
    spec: {
      dataset: values.dataset,
      arm: values.arm,
      outcome: values.outcome,
      kind,
      ...(values.positive !== undefined ? { positive: values.positive } : {}),
      ...(values.control !== undefined ? { control: values.control } : {}),
      ...(values['expected-split'] !== undefined ? { expectedSplit: parseSplit(values['expected-split']) } : {}),
      ...(values.covariate !== undefined ? { covariate: values.covariate } : {}),
      ...(values.by !== undefined ? { by: values.by } : {}),
      ...(values.segmentation !== undefined ? { segmentation: values.segmentation } : {}),
      ...(values['acknowledge-srm'] ? { acknowledgeSrm: true } : {}),
      ...(level !== undefined ? { level } : {}),
      ...(values.map !== undefined ? { mapping: parseMapping(values.map) } : {}),
      ...(minSegmentN !== undefined ? { minSegmentN } : {}),
    },
  });
  const result = await withServices(workspace, progress, (h) => Promise.resolve(h['experiment.run']({ jobId, spec, save })), { checkWhileRunning: true, runsJob: true });
  return { json: result, text: savedLine(formatExperiment(result), result.saved) };
}

const PLAN_OPTIONS = {
  workspace: { type: 'string' },
  kind: { type: 'string' },
  baseline: { type: 'string' },
  sd: { type: 'string' },
  mde: { type: 'string' },
  n: { type: 'string' },
  alpha: { type: 'string' },
  power: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The planning calculator: pure arithmetic, so it needs no workspace (--workspace is accepted and ignored). */
function planCommand(argv: string[]): CommandOutput<PlanResult> {
  const { values } = parseCli({ args: argv, options: PLAN_OPTIONS });
  if (!values.kind) throw new UsageError('cxw experiment plan needs --kind binary (with --baseline RATE) or --kind mean (with --sd SD), and --mde EFFECT or --n PER_ARM.');
  const num = (flag: 'baseline' | 'sd' | 'mde' | 'n' | 'alpha' | 'power') => numberFlag(values[flag], flag, (v) => Number.isFinite(v), 'a number');
  const { spec } = parseContract('experiment.plan', {
    spec: {
      kind: assertKnown(values.kind, ['binary', 'mean'] as const, '--kind'),
      ...Object.fromEntries((['baseline', 'sd', 'mde', 'n', 'alpha', 'power'] as const).flatMap((f) => (values[f] !== undefined ? [[f, num(f)]] : []))),
    },
  });
  const result = planExperiment(spec);
  return { json: result, text: formatPlan(result) };
}
