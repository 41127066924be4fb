// cxw nps --workspace W --dataset N --score COL [--by COL | --segmentation SEG] [--reference G]
//   [--period COL [--period-unit week|month|quarter|year]] [--level 0.95] [--min-n 30] [--map round|rescale:1-5] [--json]
// cxw nps … --context COL                                 the collection-context (measurement-bias) check
// cxw nps … --delay-events DATASET --delay-step VALUE --survey-time COL --events-customer COL --events-time COL
//   --events-step COL [--delay-bins 0,1,7,30]            the same check on the days since a journey event
// JSON (../shared/SPEC.md): {overall:{nps, n, ci:[lo, hi]}, groups:[{group, nps, n, ci}], test} — the whole
// NpsResult; with --context or --delay-events the whole NpsContextResult (the same keys plus flags and summary).
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { NpsContextResult, NpsMapping, NpsResult } from '../../../shared/nps';
import { phaseTimer } from '../../workspace/segments/timings';
import { requireWorkspace, saveArg, UsageError, numberFlag } from '../args';
import { savedLine } from '../saved';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';
import { formatNps, formatNpsContext } from './nps-text';

const UNITS = ['week', 'month', 'quarter', 'year'] as const;
const DELAY_FLAGS = ['delay-step', 'survey-time', 'events-customer', 'events-time', 'events-step'] as const;

/** "round" or "rescale:1-5" (also "rescale:0-100", "rescale:1.5-4.5"). */
export function parseMapping(raw: string): NpsMapping {
  if (raw === 'round') return { kind: 'round' };
  const m = /^rescale:(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (!m || !(Number(m[1]) < Number(m[2]))) {
    throw new UsageError(`--map takes "round" or "rescale:LOW-HIGH" with LOW < HIGH (e.g. --map rescale:1-5 for a 1–5 rating), got "${raw}".`);
  }
  return { kind: 'rescale', from: [Number(m[1]), Number(m[2])] };
}


function bins(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  const out = parts.map(Number);
  if (parts.some((p) => p === '') || out.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new UsageError(`--delay-bins takes day edges separated by commas (e.g. 0,1,7,30), got "${raw}".`);
  }
  return out;
}

const OPTIONS = {
  workspace: { type: 'string' },
  dataset: { type: 'string' },
  score: { type: 'string' },
  by: { type: 'string' },
  segmentation: { type: 'string' },
  reference: { type: 'string' },
  period: { type: 'string' },
  'period-unit': { type: 'string' },
  level: { type: 'string' },
  'min-n': { type: 'string' },
  map: { type: 'string' },
  context: { type: 'string' },
  'delay-events': { type: 'string' },
  'delay-step': { type: 'string' },
  'survey-time': { type: 'string' },
  'events-customer': { type: 'string' },
  'events-time': { type: 'string' },
  'events-step': { type: 'string' },
  'delay-bins': { type: 'string' },
  save: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function npsCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<NpsResult | NpsContextResult>> {
  const timer = phaseTimer(true);
  timer.mark('startup');
  const { values } = parseCli({ args: argv, options: OPTIONS });
  const workspace = requireWorkspace(values.workspace);
  for (const flag of ['dataset', 'score'] as const) {
    if (!values[flag]) throw new UsageError(`--${flag} is required (cxw nps --workspace W --dataset N --score COL [--by COL]).`);
  }
  const level = numberFlag(values.level, 'level', (v) => v >= 0.5 && v <= 0.999, 'a confidence level from 0.5 to 0.999 (e.g. 0.95)');
  const minN = numberFlag(values['min-n'], 'min-n', (v) => Number.isInteger(v) && v >= 1, 'a whole number of answers, 1 or more');
  const mapping = values.map !== undefined ? parseMapping(values.map) : undefined;
  const common = {
    dataset: values.dataset,
    score: values.score,
    ...(level !== undefined ? { level } : {}),
    ...(minN !== undefined ? { minN } : {}),
    ...(mapping ? { mapping } : {}),
  };

  const delay = values['delay-events'] !== undefined;
  if (values.context !== undefined || delay) {
    if (values.context !== undefined && delay) throw new UsageError('Give --context COL or --delay-events DATASET (with its flags), not both.');
    const grouped = (['by', 'segmentation', 'reference', 'period', 'period-unit'] as const).filter((f) => values[f] !== undefined);
    if (grouped.length) throw new UsageError(`--${grouped[0]} does not apply to the context check (--context / --delay-events compare each context with all other answers).`);
    if (delay) {
      const absent = DELAY_FLAGS.filter((f) => !values[f]);
      if (absent.length) {
        throw new UsageError(`--delay-events needs --${absent.join(', --')} (the step value that counts as the event, the survey's time column, and the event log's customer, time and step columns).`);
      }
    } else {
      const stray = [...DELAY_FLAGS, 'delay-bins' as const].find((f) => values[f] !== undefined);
      if (stray) throw new UsageError(`--${stray} belongs to the delay check; add --delay-events DATASET.`);
    }
    const { spec, jobId, save } = parseContract('nps.context', {
      jobId: cliJobId(),
      ...saveArg(values.save),
      spec: {
        ...common,
        ...(delay
          ? {
              delay: {
                surveyTime: values['survey-time'],
                events: values['delay-events'],
                customer: values['events-customer'],
                time: values['events-time'],
                step: values['events-step'],
                stepValue: values['delay-step'],
                ...(values['delay-bins'] !== undefined ? { bins: bins(values['delay-bins']) } : {}),
              },
            }
          : { context: values.context }),
      },
    });
    timer.mark('arguments');
    try {
      const result = await withServices(workspace, progress, (h) => Promise.resolve(h['nps.context']({ jobId, spec, save })), { checkWhileRunning: true, runsJob: true });
      timer.mark('job (worker)');
      return { json: result, text: savedLine(formatNpsContext(result), result.saved) };
    } finally {
      timer.mark('close');
      timer.report('cli');
    }
  }

  const stray = [...DELAY_FLAGS, 'delay-bins' as const].find((f) => values[f] !== undefined);
  if (stray) throw new UsageError(`--${stray} belongs to the delay check; add --delay-events DATASET.`);
  if (values.by !== undefined && values.segmentation !== undefined) throw new UsageError('Group by --by COL or by --segmentation SEG, not both.');
  const unit = values['period-unit'];
  if (unit !== undefined && !(UNITS as readonly string[]).includes(unit)) throw new UsageError(`--period-unit must be ${UNITS.join(', ')}; got "${unit}".`);
  if (unit !== undefined && values.period === undefined) throw new UsageError('--period-unit needs --period COL (a date or datetime column).');
  const { spec, jobId, save } = parseContract('nps.analyze', {
    jobId: cliJobId(),
    ...saveArg(values.save),
    spec: {
      ...common,
      ...(values.by !== undefined ? { by: values.by } : {}),
      ...(values.segmentation !== undefined ? { segmentation: values.segmentation } : {}),
      ...(values.reference !== undefined ? { reference: values.reference } : {}),
      ...(values.period !== undefined ? { period: values.period } : {}),
      ...(unit !== undefined ? { periodUnit: unit } : {}),
    },
  });
  timer.mark('arguments');
  try {
    const result = await withServices(workspace, progress, (h) => Promise.resolve(h['nps.analyze']({ jobId, spec, save })), { checkWhileRunning: true, runsJob: true });
    timer.mark('job (worker)');
    return { json: result, text: savedLine(formatNps(result), result.saved) };
  } finally {
    timer.mark('close');
    timer.report('cli');
  }
}
