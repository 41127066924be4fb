// cxw segment --workspace W --dataset N --features a,b,c [--k K | --k auto] [--k-range 2-10] [--seed S]
//   (a name with a comma is quoted, --features '"spend, monthly",visits'; #3 is the dataset's 3rd column)
//   [--name SEG] [--restarts N] [--log a,b] [--missing impute|exclude] [--category-weight W] [--no-standardize]
import { randomBytes } from 'node:crypto';
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import type { SegmentationResult } from '../../../shared/segments';
import { createServices } from '../../services/index';
import { phaseTimer } from '../../workspace/segments/timings';
import { requireWorkspace, stateDir, UsageError } from '../args';
import { hasPositions, parseColumnList, resolveColumnRefs, type ColumnRef } from '../column-list';
import { fmtNumber, table } from '../format';
import { savedLine, withSaved } from '../saved';
import type { CommandOutput } from '../run';

export interface SegmentJson {
  segmentation: string;
  k: number;
  inertia: number;
  silhouette: number;
  silhouetteSampleSize: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
  rows: number;
  excludedRows: number;
  imputed: Record<string, number>;
  method: string;
  /** index is 0-based (as in the app); number = index + 1 is what the assignments CSV calls the segment. */
  segments: { index: number; number: number; name: string; size: number; share: number; stability: number; lowConfidence: number; centroid: Record<string, number | string> }[];
  kScores?: { k: number; inertia: number; silhouette: number; calinskiHarabasz: number; daviesBouldin: number }[];
  recommendation?: { k: number; reason: string };
  /** Constant features, unseen levels, a damaged column cache rebuilt from the table. */
  warnings: string[];
}

/** #N positions pass the contract's checks as "#N" and become names once the dataset is read (segmentCommand). */
const asText = (refs: ColumnRef[]): string[] => refs.map((r) => ('name' in r ? r.name : `#${r.position}`));

function intFlag(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${flag} expects a whole number, got "${raw}".`);
  return Number(raw);
}

function kRange(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\s*[-:,]\s*(\d+)$/.exec(raw);
  if (!m) throw new UsageError(`--k-range expects LOW-HIGH (e.g. 2-10), got "${raw}".`);
  return [Number(m[1]), Number(m[2])];
}

export function toSegmentJson(r: SegmentationResult): SegmentJson {
  return {
    segmentation: r.name,
    k: r.k,
    inertia: r.inertia,
    silhouette: r.silhouette,
    silhouetteSampleSize: r.silhouetteSampleSize,
    calinskiHarabasz: r.calinskiHarabasz,
    daviesBouldin: r.daviesBouldin,
    rows: r.rows,
    excludedRows: r.excludedRows,
    imputed: r.imputed,
    method: r.method,
    segments: r.segments.map((s) => ({
      index: s.index,
      number: s.index + 1,
      name: s.name,
      size: s.size,
      share: s.share,
      stability: s.stability,
      lowConfidence: s.lowConfidence,
      centroid: s.centroid,
    })),
    ...(r.kScores ? { kScores: r.kScores, recommendation: r.recommendation ?? undefined } : {}),
    warnings: r.warnings ?? [],
  };
}

function formatSegment(r: SegmentationResult): string {
  const features = Object.keys(r.segments[0]?.centroid ?? {});
  const lines = [
    `Segmentation "${r.name}" of "${r.dataset}": k = ${r.k}, ${r.rows.toLocaleString('en-US')} customers${r.excludedRows ? ` (${r.excludedRows} excluded)` : ''}.`,
    `Inertia ${fmtNumber(r.inertia)}, silhouette ${r.silhouette.toFixed(3)}${r.silhouetteSampleSize < r.rows ? ` (sample of ${r.silhouetteSampleSize})` : ''}, Calinski–Harabasz ${fmtNumber(r.calinskiHarabasz)}, Davies–Bouldin ${r.daviesBouldin.toFixed(3)}.`,
  ];
  if (r.kScores) {
    lines.push('', table(['k', 'inertia', 'silhouette', 'CH', 'DB'], r.kScores.map((s) => [String(s.k), fmtNumber(s.inertia), s.silhouette.toFixed(3), fmtNumber(s.calinskiHarabasz), s.daviesBouldin.toFixed(3)])));
    if (r.recommendation) lines.push(`Recommended: ${r.recommendation.reason}`);
  }
  lines.push(
    '',
    table(
      ['#', 'name', 'size', 'share', 'stability', ...features],
      r.segments.map((s) => [String(s.index + 1), s.name, s.size.toLocaleString('en-US'), `${(100 * s.share).toFixed(1)}%`, s.stability.toFixed(2), ...features.map((f) => fmtNumber(s.centroid[f]))]),
    ),
    '',
    `How: ${r.method}`,
  );
  if (r.warnings?.length) for (const line of ['', 'Warnings:', ...r.warnings.map((w) => `  - ${w}`)]) lines.push(line);
  return lines.join('\n');
}

export async function segmentCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<SegmentJson>> {
  // CXW_TIMINGS=1: performance.now() counts from process start, so the first mark is Node start-up + module loading.
  const timer = phaseTimer(true);
  timer.mark('startup');
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      dataset: { type: 'string' },
      features: { type: 'string' },
      k: { type: 'string' },
      'k-range': { type: 'string' },
      seed: { type: 'string' },
      name: { type: 'string' },
      save: { type: 'string' },
      restarts: { type: 'string' },
      log: { type: 'string' },
      missing: { type: 'string' },
      'category-weight': { type: 'string' },
      'no-standardize': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const workspace = requireWorkspace(values.workspace);
  if (!values.dataset) throw new UsageError('--dataset NAME is required.');
  // A segmentation is always saved; --save NAME (as on the other analyses) is another way to name it.
  if (values.save !== undefined && values.name !== undefined && values.save !== values.name) throw new UsageError('Give the segmentation one name: --name or --save, not both.');
  const name = values.name ?? values.save;
  const featureRefs = parseColumnList(values.features ?? '', 'features');
  if (!featureRefs.length) throw new UsageError('--features a,b,c is required (the columns to segment on; quote a name with a comma, "a,b", or give its position, #3).');
  const logRefs = values.log !== undefined ? parseColumnList(values.log, 'log') : undefined;
  const kRaw = values.k ?? 'auto';
  const k = kRaw === 'auto' ? ('auto' as const) : intFlag(kRaw, 'k');
  const weight = values['category-weight'];
  if (weight !== undefined && !Number.isFinite(Number(weight))) throw new UsageError(`--category-weight expects a number, got "${weight}".`);
  // Validate with the contract's schema, so the CLI accepts exactly what the app accepts.
  const params = parseContract('segment.run', {
    jobId: `cli-${randomBytes(6).toString('hex')}`,
    params: {
      dataset: values.dataset,
      features: asText(featureRefs),
      k,
      ...(values['k-range'] !== undefined ? { kRange: kRange(values['k-range']) } : {}),
      ...(values.seed !== undefined ? { seed: intFlag(values.seed, 'seed') } : {}),
      ...(values.restarts !== undefined ? { restarts: intFlag(values.restarts, 'restarts') } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(logRefs !== undefined ? { logTransform: asText(logRefs) } : {}),
      ...(values.missing !== undefined ? { missing: values.missing } : {}),
      ...(weight !== undefined ? { categoryWeight: Number(weight) } : {}),
      ...(values['no-standardize'] ? { standardize: false } : {}),
    },
  });
  const services = createServices({
    stateDir: stateDir(),
    workspacePath: workspace,
    startJobWorkerEarly: true,
    emit: (event, payload) => {
      if (event === 'job.progress') {
        // "step 3/3 sweep (k = 5 (4 of 9)) 31%": the whole job's fraction when the job sends one.
        const p = payload as { done: number; total: number | null; phase: string; message?: string; fraction?: number; stage?: number; stages?: number };
        const share = p.fraction ?? (p.total ? p.done / p.total : null);
        progress(`${p.stage && p.stages ? `step ${p.stage}/${p.stages} ` : ''}${p.phase}${p.message ? ` (${p.message})` : ''}${share === null ? '' : ` ${Math.round(100 * share)}%`}`);
      }
    },
  });
  timer.mark('open workspace');
  try {
    if (hasPositions(featureRefs) || (logRefs && hasPositions(logRefs))) {
      // An unknown dataset is left to segment.run, which names it.
      const ds = (await services.handlers['dataset.list']({})).find((d) => d.name === values.dataset);
      if (ds) {
        params.params.features = resolveColumnRefs(featureRefs, ds, 'features');
        if (logRefs) params.params.logTransform = resolveColumnRefs(logRefs, ds, 'log');
      }
    }
    const result = await services.handlers['segment.run'](params);
    timer.mark('job (worker)');
    return { json: withSaved(toSegmentJson(result), result.saved), text: savedLine(formatSegment(result), result.saved) };
  } finally {
    services.dispose();
    timer.mark('close');
    timer.report('cli');
  }
}
