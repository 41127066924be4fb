// Experiments (A/B tests) as a saved-result kind: run by the 'experiment.run' job (main/workspace/monitor/experiment),
// kept whole as the saved result's JSON (the same JSON `cxw experiment --json` prints).
import { experimentSpecSchema, EXPERIMENT_KIND_LABELS } from '../../../shared/monitor-experiment';
import { formatDifference, pPhrase } from '../../analysis/monitor/experiment/words';
import { experimentSlides } from './slides/experiment';
import { n, quoted, renameOwnDataset, type AnalysisModule } from './types';

export const experimentModule: AnalysisModule<'experiment.run'> = {
  kind: 'experiment',
  handler: 'experiment.run',
  specSchema: experimentSpecSchema,
  cliCommand: 'cxw experiment',
  inputs: (spec) => [spec.dataset],
  describe: (spec) =>
    `Experiment on ${quoted(spec.dataset)}: ${spec.outcome}${spec.kind === 'binary' ? ` = ${spec.positive}` : ''} (${EXPERIMENT_KIND_LABELS[spec.kind]}) by arm ${spec.arm}` +
    `${spec.control ? `, control ${quoted(spec.control)}` : ''}${spec.covariate ? `, CUPED on ${spec.covariate}` : ''}${spec.by ? `, by ${spec.by}` : spec.segmentation ? `, by segmentation ${quoted(spec.segmentation)}` : ''}`,
  defaultName: (spec) => `Experiment ${spec.arm} → ${spec.outcome}`,
  ranSentence: (spec, r) => {
    const arms = r.arms.map((a) => `${a.arm} ${n(a.n)}`).join(', ');
    const srm = r.srm.flagged ? ` Sample-ratio mismatch (${pPhrase(r.srm.pValue)})${r.srm.acknowledged ? ', acknowledged' : ': verdict withheld'}.` : '';
    const first = r.comparisons[0];
    const effect = first && r.verdict.status !== 'withheld' ? ` ${r.verdict.sentences[0]}` : first ? ` ${first.arm} − ${first.control}: ${formatDifference(r.kind, first.difference, true)}.` : '';
    return `Measured the experiment in ${quoted(spec.dataset)} (${r.outcomeLabel}; arms ${arms}).${srm}${effect}`;
  },
  logFigures: (r) => ({
    control: r.control,
    arms: r.arms.map((a) => ({ arm: a.arm, n: a.n, estimate: a.estimate })),
    srmP: r.srm.pValue,
    srmFlagged: r.srm.flagged,
    verdict: r.verdict.status,
  }),
  headline: (r) => [
    { label: 'Verdict', value: r.verdict.status },
    ...r.comparisons.map((c) => ({ label: `${c.arm} − ${c.control}`, value: Number(c.difference.toPrecision(6)) })),
    { label: 'Sample-ratio p', value: Number(r.srm.pValue.toPrecision(4)) },
  ],
  renameDataset: renameOwnDataset,
  ignoreOnRerun: [],
  slides: experimentSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'experiment.run', { workspacePath: ctx.path, spec }),
};
