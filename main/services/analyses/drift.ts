// Drift between two waves as a saved-result kind: run by the 'drift.run' job (main/workspace/monitor/drift/run.ts),
// kept whole as the saved result's JSON (the same JSON `cxw drift --json` prints).
import { driftSpecSchema, type DriftSpec } from '../../../shared/monitor-drift';
import { driftSlides } from './slides/drift';
import { fixed, n, quoted, type AnalysisModule } from './types';

function waves(spec: DriftSpec): string {
  return spec.dataset !== undefined
    ? `${quoted(spec.dataset)} ${spec.referenceRange?.join('..')} vs ${spec.currentRange?.join('..')} (by ${spec.period})`
    : `${quoted(spec.reference ?? '')} vs ${quoted(spec.current ?? '')}`;
}

export const driftModule: AnalysisModule<'drift.run'> = {
  kind: 'drift',
  handler: 'drift.run',
  specSchema: driftSpecSchema,
  cliCommand: 'cxw drift',
  inputs: (spec) => (spec.dataset !== undefined ? [spec.dataset] : [spec.current ?? '', spec.reference ?? '']),
  describe: (spec) => `Drift of ${waves(spec)}${spec.columns ? ` in ${spec.columns.length} columns` : ''}${spec.nps ? `, NPS of ${spec.nps}${spec.mix ? ` with the mix of ${spec.mix}` : ''}` : ''}`,
  defaultName: (spec) => (spec.dataset !== undefined ? `Drift ${spec.dataset} ${spec.currentRange?.[0] ?? ''}` : `Drift ${spec.reference} → ${spec.current}`),
  ranSentence: (spec, r) =>
    `Measured the drift of ${waves(spec)} (${n(r.reference.rows)} and ${n(r.current.rows)} rows): ${r.drifted} of ${r.total} columns drifted` +
    `${r.nps ? `; NPS ${fixed(r.nps.change, 1)} points${r.nps.mixShare !== null ? `, ${Math.round(r.nps.mixShare * 100)}% of it mix` : ''}` : ''}.`,
  logFigures: (r) => ({
    drifted: r.drifted,
    total: r.total,
    judgedBy: r.judgedBy,
    driftedColumns: r.columns.filter((c) => c.drifted).map((c) => c.name),
    npsChange: r.nps?.change ?? null,
    mixShare: r.nps?.mixShare ?? null,
  }),
  headline: (r) => [
    { label: 'Columns drifted', value: r.drifted },
    { label: 'Columns compared', value: r.total },
    ...(r.nps ? [{ label: 'NPS change', value: Math.round(r.nps.change * 10) / 10 }, { label: 'Mix-adjusted NPS change', value: r.nps.mixAdjustedChange === null ? null : Math.round(r.nps.mixAdjustedChange * 10) / 10 }] : []),
  ],
  renameDataset: (spec, from, to) => ({
    ...spec,
    ...(spec.dataset === from ? { dataset: to } : {}),
    ...(spec.reference === from ? { reference: to } : {}),
    ...(spec.current === from ? { current: to } : {}),
  }),
  // The spec echoed in the result is what was asked, not a finding.
  ignoreOnRerun: ['spec'],
  slides: driftSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'drift.run', { workspacePath: ctx.path, spec }),
};
