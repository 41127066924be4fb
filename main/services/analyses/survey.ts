// The survey analyses as modules: NPS, the collection-context check and key drivers (read-only worker jobs).
import { driversSpecSchema, npsContextSpecSchema, npsSpecSchema } from '../../../shared/api';
import { driversSlides } from './slides/drivers';
import { npsContextSlides, npsSlides } from './slides/nps';
import type { AnalysisModule, SpecOf } from './types';
import { fixed, n, quoted, renameOwnDataset } from './types';

const nps1 = (x: number | null) => fixed(x, 1);

function npsGrouping(spec: SpecOf<'nps.analyze'>): string {
  if (spec.by) return ` by ${spec.by}`;
  if (spec.segmentation) return ` by the segments of ${quoted(spec.segmentation)}`;
  return '';
}

export const npsModule: AnalysisModule<'nps.analyze'> = {
  kind: 'nps',
  handler: 'nps.analyze',
  specSchema: npsSpecSchema,
  cliCommand: 'cxw nps',
  inputs: (spec) => [spec.dataset],
  describe: (spec) => `NPS of ${quoted(spec.dataset)} (score ${spec.score})${npsGrouping(spec)}${spec.period ? `, trend by ${spec.periodUnit ?? 'month'} of ${spec.period}` : ''}`,
  defaultName: (spec) => `NPS ${spec.dataset}${spec.by ? ` by ${spec.by}` : spec.segmentation ? ` by ${spec.segmentation}` : ''}`,
  ranSentence: (spec, r) =>
    `Measured the NPS of ${quoted(spec.dataset)} (score ${spec.score})${npsGrouping(spec)}: ${nps1(r.overall.nps)} from ${n(r.overall.n)} answers${r.groups.length ? `, ${r.groups.length} groups` : ''}.`,
  logFigures: (r) => ({ nps: r.overall.nps, n: r.overall.n, groups: r.groups.length }),
  headline: (r) => [
    { label: 'NPS', value: r.overall.nps },
    { label: 'Answers', value: r.overall.n },
    { label: 'Groups', value: r.groups.length },
  ],
  renameDataset: renameOwnDataset,
  // The spec echoed in the result is what was asked (the same saved spec), not a finding.
  ignoreOnRerun: ['spec'],
  slides: npsSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'nps.analyze', { workspacePath: ctx.path, spec }),
};

export const npsContextModule: AnalysisModule<'nps.context'> = {
  kind: 'npsContext',
  handler: 'nps.context',
  specSchema: npsContextSpecSchema,
  cliCommand: 'cxw nps --context',
  inputs: (spec) => [spec.dataset, ...(spec.delay ? [spec.delay.events] : [])],
  describe: (spec) =>
    `Collection-context check of ${quoted(spec.dataset)} (score ${spec.score}) ${spec.context ? `by ${spec.context}` : `by days from ${spec.delay?.stepValue} in ${quoted(spec.delay?.events ?? '')} to the survey`}`,
  defaultName: (spec) => `Context check ${spec.dataset}${spec.context ? ` by ${spec.context}` : ' by delay'}`,
  ranSentence: (spec, r) =>
    `Checked the NPS of ${quoted(spec.dataset)} for collection-context bias (${r.context}): ${r.flags.length === 0 ? 'no context' : r.flags.length === 1 ? '1 context' : `${r.flags.length} contexts`} flagged among ${n(r.overall.n)} answers.`,
  logFigures: (r) => ({ n: r.overall.n, flags: r.flags.map((f) => ({ group: f.group, difference: f.difference, pAdjusted: f.pAdjusted })) }),
  headline: (r) => [
    { label: 'NPS', value: r.overall.nps },
    { label: 'Answers', value: r.overall.n },
    { label: 'Contexts flagged', value: r.flags.length },
  ],
  renameDataset: (spec, from, to) => {
    const own = renameOwnDataset(spec, from, to);
    return own.delay?.events === from ? { ...own, delay: { ...own.delay, events: to } } : own;
  },
  // The spec echoed in the result is what was asked (the same saved spec), not a finding.
  ignoreOnRerun: ['spec'],
  slides: npsContextSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'nps.context', { workspacePath: ctx.path, spec }),
};

export const driversModule: AnalysisModule<'drivers.analyze'> = {
  kind: 'drivers',
  handler: 'drivers.analyze',
  specSchema: driversSpecSchema,
  cliCommand: 'cxw drivers',
  inputs: (spec) => [spec.dataset, ...(spec.compareWith ? [spec.compareWith] : [])],
  describe: (spec) =>
    `Key drivers of ${spec.target} in ${quoted(spec.dataset)} (${spec.drivers.length} drivers: ${spec.drivers.slice(0, 4).join(', ')}${spec.drivers.length > 4 ? ', …' : ''})${spec.compareWith ? `, compared with ${quoted(spec.compareWith)}` : ''}`,
  defaultName: (spec) => `Drivers of ${spec.target} ${spec.dataset}`,
  ranSentence: (spec, r) => {
    const top = [...r.drivers].sort((a, b) => b.weight - a.weight)[0];
    const changed = r.stability ? r.stability.drivers.filter((d) => d.changed).length : 0;
    const compared = r.stability ? ` Compared with ${quoted(r.stability.reference)}: ${changed === 0 ? 'no driver' : changed === 1 ? '1 driver' : `${changed} drivers`} changed weight.` : '';
    return `Found the key drivers of ${spec.target} in ${quoted(spec.dataset)} (${r.model} model, ${n(r.n)} rows): they explain ${fixed(r.r2 * 100, 1)}% of it${top ? `, most of all ${top.name}` : ''}.${compared}`;
  },
  logFigures: (r) => ({ model: r.model, r2: r.r2, n: r.n, excludedRows: r.excludedRows, weights: r.drivers.map((d) => ({ name: d.name, weight: d.weight })) }),
  headline: (r) => {
    const top = [...r.drivers].sort((a, b) => b.weight - a.weight)[0];
    return [
      { label: r.model === 'linear' ? 'R²' : 'Pseudo-R²', value: r.r2 },
      { label: 'Rows used', value: r.n },
      { label: 'Top driver', value: top ? top.name : null },
    ];
  },
  renameDataset: (spec, from, to) => {
    const own = renameOwnDataset(spec, from, to);
    return own.compareWith === from ? { ...own, compareWith: to } : own;
  },
  // The spec echoed in the result is what was asked (the same saved spec), not a finding.
  ignoreOnRerun: ['spec'],
  slides: driversSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'drivers.analyze', { workspacePath: ctx.path, spec }),
};
