// cxw audit --workspace W --dataset N (--decision COL [--favorable V] | --score COL --threshold T)
//   [--label COL [--label-positive V]] --protected a[,b] [--intersect] [--reference [attr=]G ...]
//   [--direction assistive|punitive] [--min-group N] [--missing group|exclude] [--bins age=18,25,35,45,55,65 ...]
//   [--proxies a,b | --proxies none] [--proxy-segmentations s1,s2 | none] [--proxy-threshold 0.3] [--alpha 0.05]
//   [--population gender=Female:0.51,Male:0.49 ...] [--json]
// JSON: see audit-json.ts (SPEC keys with plain fractions, the whole result under `detail`).
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { AuditSpec } from '../../../shared/audit';
import { phaseTimer } from '../../workspace/segments/timings';
import { requireWorkspace, saveArg, UsageError, commaList as list, numberFlag as number } from '../args';
import { savedLine, withSaved } from '../saved';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';
import { auditJson, type AuditJson } from './audit-json';
import { formatAudit } from './audit-text';

const OPTIONS = {
  workspace: { type: 'string' },
  dataset: { type: 'string' },
  decision: { type: 'string' },
  favorable: { type: 'string' },
  favourable: { type: 'string' },
  score: { type: 'string' },
  threshold: { type: 'string' },
  label: { type: 'string' },
  'label-positive': { type: 'string' },
  protected: { type: 'string' },
  intersect: { type: 'boolean' },
  reference: { type: 'string', multiple: true },
  direction: { type: 'string' },
  'min-group': { type: 'string' },
  missing: { type: 'string' },
  bins: { type: 'string', multiple: true },
  proxies: { type: 'string' },
  'proxy-segmentations': { type: 'string' },
  'proxy-threshold': { type: 'string' },
  alpha: { type: 'string' },
  population: { type: 'string', multiple: true },
  save: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const SHAPE = 'cxw audit --workspace W --dataset N (--decision COL [--favorable V] | --score COL --threshold T) --protected a[,b]';



/** "attr=rest" when the value starts with a protected attribute's name (or the "a × b" intersection) and "=". */
function splitAttr(raw: string, attrs: string[]): [string, string] | null {
  const names = [...attrs, ...(attrs.length > 1 ? [attrs.join(' × ')] : [])].sort((a, b) => b.length - a.length);
  const hit = names.find((a) => raw.startsWith(`${a}=`));
  return hit ? [hit, raw.slice(hit.length + 1)] : null;
}

function references(raw: string[] | undefined, attrs: string[]): Record<string, string> | undefined {
  if (!raw?.length) return undefined;
  const out: Record<string, string> = {};
  for (const r of raw) {
    const pair = splitAttr(r, attrs);
    if (pair) out[pair[0]] = pair[1];
    else if (attrs.length === 1) out[attrs[0]] = r;
    else throw new UsageError(`--reference "${r}": with several protected attributes (${attrs.join(', ')}), write --reference ATTRIBUTE=GROUP (e.g. --reference ${attrs[0]}=GROUP).`);
  }
  return out;
}

function bins(raw: string[] | undefined): Record<string, number[]> | undefined {
  if (!raw?.length) return undefined;
  const out: Record<string, number[]> = {};
  for (const b of raw) {
    const eq = b.lastIndexOf('=');
    const edges = eq > 0 ? b.slice(eq + 1).split(',').map((s) => s.trim()) : [];
    const nums = edges.map(Number);
    if (eq <= 0 || edges.length === 0 || edges.some((e) => e === '') || nums.some((v) => !Number.isFinite(v))) {
      throw new UsageError(`--bins takes COLUMN=EDGE,EDGE,… (e.g. --bins age=18,25,35,45,55,65), got "${b}".`);
    }
    out[b.slice(0, eq)] = nums;
  }
  return out;
}

function population(raw: string[] | undefined, attrs: string[]): Record<string, Record<string, number>> | undefined {
  if (!raw?.length) return undefined;
  const out: Record<string, Record<string, number>> = {};
  const example = `${attrs[0]}=GROUP:0.51,OTHER:0.49`;
  for (const r of raw) {
    const pair = splitAttr(r, attrs) ?? (attrs.length === 1 && !r.includes('=') ? ([attrs[0], r] as [string, string]) : null);
    if (!pair) throw new UsageError(`--population takes ATTRIBUTE=GROUP:SHARE,GROUP:SHARE (e.g. --population ${example}), got "${r}".`);
    const shares: Record<string, number> = {};
    for (const item of pair[1].split(',')) {
      const at = item.lastIndexOf(':');
      const share = at > 0 ? Number(item.slice(at + 1)) : Number.NaN;
      if (at <= 0 || item.slice(at + 1).trim() === '' || !(share >= 0 && share <= 1)) {
        throw new UsageError(`--population: "${item}" should be GROUP:SHARE with a share from 0 to 1 (e.g. --population ${example}).`);
      }
      shares[item.slice(0, at)] = share;
    }
    const sum = Object.values(shares).reduce((s, v) => s + v, 0);
    if (Math.abs(sum - 1) > 0.01) throw new UsageError(`--population shares for "${pair[0]}" add up to ${Number(sum.toFixed(4))}; they should add up to 1.`);
    out[pair[0]] = shares;
  }
  return out;
}

export async function auditCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<AuditJson>> {
  const timer = phaseTimer(true);
  timer.mark('startup');
  const { values } = parseCli({ args: argv, options: OPTIONS });
  const workspace = requireWorkspace(values.workspace);
  if (!values.dataset) throw new UsageError(`--dataset is required (${SHAPE}).`);
  if (!values.protected) throw new UsageError(`--protected is required: the protected attribute(s) to audit, e.g. --protected gender,age_band (${SHAPE}).`);
  if (values.decision === undefined && values.score === undefined) throw new UsageError(`Name the decision: --decision COL, or --score COL --threshold T (${SHAPE}).`);
  if (values.decision !== undefined && values.score !== undefined) throw new UsageError('Give --decision COL or --score COL --threshold T, not both.');
  const threshold = number(values.threshold, 'threshold', () => true, 'a number (the positive prediction is score ≥ threshold)');
  if (values.score !== undefined && threshold === undefined) throw new UsageError(`--score needs --threshold T (the positive prediction is "${values.score}" ≥ T).`);
  if (values.score === undefined && threshold !== undefined) throw new UsageError('--threshold goes with --score COL.');
  const favorable = values.favorable ?? values.favourable;
  if (favorable !== undefined && values.score !== undefined) throw new UsageError('--favorable names a value of a decision column; with --score, the positive prediction is score ≥ threshold.');
  if (values['label-positive'] !== undefined && values.label === undefined) throw new UsageError('--label-positive goes with --label COL.');
  const direction = values.direction;
  if (direction !== undefined && direction !== 'assistive' && direction !== 'punitive') {
    throw new UsageError(`--direction must be assistive (the decision is a benefit) or punitive (a sanction), got "${direction}".`);
  }
  const missing = values.missing;
  if (missing !== undefined && missing !== 'group' && missing !== 'exclude') throw new UsageError(`--missing must be group or exclude, got "${missing}".`);
  const minGroup = number(values['min-group'], 'min-group', (v) => Number.isInteger(v) && v >= 1, 'a whole number of rows, 1 or more');
  const proxyThreshold = number(values['proxy-threshold'], 'proxy-threshold', (v) => v >= 0 && v <= 1, "a Cramér's V from 0 to 1");
  const alpha = number(values.alpha, 'alpha', (v) => v >= 0.0001 && v <= 0.5, 'a significance level from 0.0001 to 0.5 (e.g. 0.05)');
  const attrs = list(values.protected);
  const noneOr = (raw: string | undefined) => (raw === undefined ? undefined : raw.trim().toLowerCase() === 'none' ? [] : list(raw));

  const spec: AuditSpec = {
    dataset: values.dataset,
    protected: attrs,
    ...(values.decision !== undefined ? { decision: values.decision } : {}),
    ...(favorable !== undefined ? { favorable } : {}),
    ...(values.score !== undefined ? { score: values.score, threshold } : {}),
    ...(values.label !== undefined ? { label: values.label } : {}),
    ...(values['label-positive'] !== undefined ? { labelPositive: values['label-positive'] } : {}),
    ...(values.intersect ? { intersect: true } : {}),
    ...(direction !== undefined ? { direction } : {}),
    ...(minGroup !== undefined ? { minGroupSize: minGroup } : {}),
    ...(missing !== undefined ? { missing } : {}),
    ...(alpha !== undefined ? { alpha } : {}),
    ...(proxyThreshold !== undefined ? { proxyThreshold } : {}),
  };
  const ref = references(values.reference, attrs);
  if (ref) spec.reference = ref;
  const b = bins(values.bins);
  if (b) spec.bins = b;
  const pop = population(values.population, attrs);
  if (pop) spec.population = pop;
  const proxies = noneOr(values.proxies);
  if (proxies) spec.proxyColumns = proxies;
  const segs = noneOr(values['proxy-segmentations']);
  if (segs) spec.proxySegmentations = segs;

  const args = parseContract('audit.run', { jobId: cliJobId(), spec, ...saveArg(values.save) });
  timer.mark('arguments');
  try {
    const result = await withServices(workspace, progress, (h) => Promise.resolve(h['audit.run'](args)), { checkWhileRunning: true, runsJob: true });
    timer.mark('job (worker)');
    const { saved, ...plain } = result;
    return { json: withSaved(auditJson(plain), saved), text: savedLine(formatAudit(plain), saved) };
  } finally {
    timer.mark('close');
    timer.report('cli');
  }
}
