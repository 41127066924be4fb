// Journey analytics and the fairness audit as modules (read-only worker jobs).
import { auditSpecSchema, journeySpecSchema } from '../../../shared/api';
import type { AuditResult } from '../../../shared/audit';
import { DEFAULT_ALPHA, DEFAULT_MIN_GROUP_SIZE, widestGap } from '../../../shared/audit-gaps';
import { isScratchSegmentation } from './segmentation';
import { auditSlides } from './slides/audit';
import { journeySlides } from './slides/journey';
import type { AnalysisModule } from './types';
import { fixed, n, pct, quoted, renameOwnDataset } from './types';

export const journeyModule: AnalysisModule<'journey.analyze'> = {
  kind: 'journey',
  handler: 'journey.analyze',
  specSchema: journeySpecSchema,
  cliCommand: 'cxw journey',
  inputs: (spec) => [spec.dataset],
  describe: (spec) =>
    `Journeys in ${quoted(spec.dataset)} (customer ${spec.customer}, time ${spec.time}, step ${spec.step}${spec.segmentation ? `, segments of ${quoted(spec.segmentation)}` : ''}${spec.compareBy ? `, compared by ${spec.compareBy}` : ''})`,
  defaultName: (spec) => `Journeys ${spec.dataset}${spec.compareBy ? ` by ${spec.compareBy}` : ''}`,
  ranSentence: (spec, r) => {
    const last = r.funnel.at(-1);
    const reach = last && r.funnel.length > 1 ? `; ${fixed(last.conversion * 100, 1)}% reach ${last.stage}` : '';
    return `Mapped the journeys in ${quoted(spec.dataset)}: ${n(r.customers)} journeys, ${n(r.events)} events, ${r.stages.length} stages${reach}.`;
  },
  logFigures: (r) => ({ journeys: r.customers, events: r.events, skippedEvents: r.skippedEvents, stages: r.stages.length }),
  headline: (r) => {
    const last = r.funnel.at(-1);
    return [
      { label: 'Journeys', value: r.customers },
      { label: 'Events', value: r.events },
      { label: last ? `% reaching ${last.stage}` : '% reaching the last stage', value: last ? pct(last.conversion) : null },
    ];
  },
  renameDataset: renameOwnDataset,
  ignoreOnRerun: ['spec'],
  slides: journeySlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'journey.analyze', { workspacePath: ctx.path, spec }),
};

export const auditModule: AnalysisModule<'audit.run'> = {
  kind: 'audit',
  handler: 'audit.run',
  specSchema: auditSpecSchema,
  cliCommand: 'cxw audit',
  inputs: (spec) => [spec.dataset],
  describe: (spec) =>
    `Fairness audit of ${spec.decision ? `decision ${spec.decision}` : `score ${spec.score} ≥ ${spec.threshold}`} in ${quoted(spec.dataset)} by ${spec.protected.join(', ')}${spec.label ? ` against ${spec.label}` : ''}`,
  defaultName: (spec) => `Audit ${spec.decision ?? spec.score} by ${spec.protected.join(', ')}`,
  ranSentence: (spec, r) => {
    const fails = r.verdicts.filter((v) => v.status === 'fail').length;
    const checks = r.verdicts.filter((v) => v.status !== 'not applicable').length;
    return `Audited ${spec.decision ? `the decision ${spec.decision}` : `the score ${spec.score} at ${spec.threshold}`} in ${quoted(spec.dataset)} for fairness by ${spec.protected.join(', ')} (${n(r.rows)} rows): ${fails} of ${checks} checks failed.`;
  },
  logFigures: (r) => ({
    rows: r.rows,
    excludedRows: r.excludedRows,
    demographicParityDifference: r.summary.demographicParityDifference,
    verdicts: r.verdicts.map((v) => ({ metric: v.metric, status: v.status })),
  }),
  headline: (r) => [
    { label: 'Rows', value: r.rows },
    // The gap the audit's own summary states: reliable groups only (a rate over 2 people never headlines).
    { label: 'Widest selection-rate gap (points)', value: reliableSelectionGap(r) },
    { label: 'Checks failed', value: r.verdicts.filter((v) => v.status === 'fail').length },
  ],
  renameDataset: renameOwnDataset,
  ignoreOnRerun: ['spec'],
  // The default proxy segmentations are "every segmentation of the dataset" at run time; a later segmentation
  // must not change what a saved audit checks.
  resolveSpec: (db, spec) => {
    if (spec.proxySegmentations !== undefined) return spec;
    const names = db
      .prepare('SELECT s.name FROM segmentations s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = ? ORDER BY s.id')
      .pluck()
      .all(spec.dataset) as string[];
    return { ...spec, proxySegmentations: names.filter((x) => !isScratchSegmentation(x)) };
  },
  slides: auditSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'audit.run', { workspacePath: ctx.path, spec }),
};

function reliableSelectionGap(r: AuditResult): number | null {
  const w = widestGap(
    { groups: r.groups, disparities: r.disparities, minGroupSize: r.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE, alpha: r.spec.alpha ?? DEFAULT_ALPHA },
    'selectionRate',
  );
  return w ? pct(Math.abs(w.difference)) : null;
}
