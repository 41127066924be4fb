// cxw journey --workspace W --dataset N --customer COL --time COL --step COL [--channel COL] [--satisfaction COL]
//   [--nps COL] [--segmentation SEG] [--stages "Browse=home,search;Buy=cart,checkout"] [--precision exact|day]
//   [--off-funnel "Support contact,Other"]
//   [--segments 0,2] [--channels app,web] [--compare segment|channel] [--variants [N]] [--timing] [--json]
// Path analytics of an event log. JSON (../shared/SPEC.md): {steps:[{step, customers, events, meanSatisfaction}],
// transitions:[{from, to, customers}], funnel:[{step, customers, dropOff}]} — funnel entries carry `step` = the stage
// name beside the contract's fields — plus the rest of the JourneyResult (variants and timing always).
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { FunnelStage, JourneyResult, JourneySpec, JourneyStageSpec } from '../../../shared/journeys';
import { phaseTimer } from '../../workspace/segments/timings';
import { requireWorkspace, saveArg, UsageError, commaList as list } from '../args';
import { savedLine, withSaved } from '../saved';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';
import { formatJourney } from './journey-text';

export type JourneyJson = Omit<JourneyResult, 'funnel'> & { funnel: (FunnelStage & { step: string })[] };


/** "Browse=home,search;Buy=cart,checkout" → stages in that order. */
export function parseStages(raw: string): JourneyStageSpec[] {
  const stages = raw
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      const name = at < 0 ? '' : part.slice(0, at).trim();
      const steps = at < 0 ? [] : list(part.slice(at + 1));
      if (!name || steps.length === 0) throw new UsageError(`--stages expects "Stage=step,step;Stage=step" (each stage a name, "=", and its steps), got "${part}".`);
      return { name, steps };
    });
  if (stages.length === 0) throw new UsageError('--stages is empty; give "Stage=step,step;Stage=step".');
  return stages;
}

function segmentIndices(raw: string): number[] {
  const parts = list(raw);
  const bad = parts.find((p) => !/^\d+$/.test(p));
  if (bad !== undefined || parts.length === 0) {
    throw new UsageError(`--segments expects segment indices separated by commas, 0-based as in the app and in \`cxw segment --json\` (e.g. 0,2), got "${raw}".`);
  }
  return parts.map(Number);
}

/** `--variants` takes an optional count: "--variants", "--variants 5" and "--variants=5" all work. */
function withVariantsValue(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--variants') {
      const next = argv[i + 1];
      if (next !== undefined && /^\d+$/.test(next)) {
        out.push(`--variants=${next}`);
        i++;
      } else out.push('--variants=');
    } else out.push(argv[i]);
  }
  return out;
}

function oneOf<T extends string>(raw: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, got "${raw}".`);
  return raw as T;
}

export function toJourneyJson(r: JourneyResult): JourneyJson {
  return { ...r, funnel: r.funnel.map((f) => ({ step: f.stage, ...f })) };
}

export async function journeyCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<JourneyJson>> {
  const timer = phaseTimer(true);
  timer.mark('startup');
  const { values } = parseCli({
    args: withVariantsValue(argv),
    options: {
      workspace: { type: 'string' },
      dataset: { type: 'string' },
      customer: { type: 'string' },
      time: { type: 'string' },
      step: { type: 'string' },
      channel: { type: 'string' },
      satisfaction: { type: 'string' },
      nps: { type: 'string' },
      segmentation: { type: 'string' },
      stages: { type: 'string' },
      'off-funnel': { type: 'string' },
      precision: { type: 'string' },
      segments: { type: 'string' },
      channels: { type: 'string' },
      compare: { type: 'string' },
      variants: { type: 'string' },
      timing: { type: 'boolean' },
      save: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const workspace = requireWorkspace(values.workspace);
  for (const flag of ['dataset', 'customer', 'time', 'step'] as const) {
    if (!values[flag]) throw new UsageError(`--${flag} is required (cxw journey --workspace W --dataset N --customer COL --time COL --step COL).`);
  }
  const variants = values.variants;
  if (variants !== undefined && variants !== '' && !/^\d+$/.test(variants)) throw new UsageError(`--variants takes an optional count of paths to list, got "${variants}".`);
  const offFunnel = values['off-funnel'] === undefined ? undefined : list(values['off-funnel']);
  if (offFunnel !== undefined && offFunnel.length === 0) throw new UsageError('--off-funnel expects step names separated by commas, e.g. --off-funnel "Support contact,Other".');
  const filter: NonNullable<JourneySpec['filter']> = {
    ...(values.segments !== undefined ? { segments: segmentIndices(values.segments) } : {}),
    ...(values.channels !== undefined ? { channels: list(values.channels) } : {}),
  };
  // Validated with the contract's schema, so the command accepts exactly what the app accepts.
  const { spec, jobId, save } = parseContract('journey.analyze', {
    jobId: cliJobId(),
    ...saveArg(values.save),
    spec: {
      dataset: values.dataset,
      customer: values.customer,
      time: values.time,
      step: values.step,
      ...(values.channel !== undefined ? { channel: values.channel } : {}),
      ...(values.satisfaction !== undefined ? { satisfaction: values.satisfaction } : {}),
      ...(values.nps !== undefined ? { nps: values.nps } : {}),
      ...(values.segmentation !== undefined ? { segmentation: values.segmentation } : {}),
      ...(values.stages !== undefined ? { stages: parseStages(values.stages) } : {}),
      ...(offFunnel !== undefined ? { offFunnel } : {}),
      ...(values.precision !== undefined ? { precision: oneOf(values.precision, ['exact', 'day'] as const, 'precision') } : {}),
      ...(Object.keys(filter).length ? { filter } : {}),
      ...(values.compare !== undefined ? { compareBy: oneOf(values.compare, ['segment', 'channel'] as const, 'compare') } : {}),
      ...(variants ? { variantsLimit: Number(variants) } : {}),
    },
  });
  timer.mark('arguments');
  try {
    const result = await withServices(workspace, progress, (h) => Promise.resolve(h['journey.analyze']({ jobId, spec, save })), { checkWhileRunning: true, runsJob: true });
    timer.mark('job (worker)');
    const text = formatJourney(result, { variants: variants !== undefined, timing: values.timing === true });
    const { saved, ...plain } = result;
    return { json: withSaved(toJourneyJson(plain), saved), text: savedLine(text, saved) };
  } finally {
    timer.mark('close');
    timer.report('cli');
  }
}
