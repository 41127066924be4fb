// Cohort analyses as a saved-result kind: run by the 'cohorts.run' job (main/workspace/monitor/cohorts/run.ts), kept
// whole as the saved result's JSON (the same object `cxw cohorts --json` prints).
import { cohortsSpecSchema } from '../../../shared/monitor-cohorts';
import { cohortSlides } from './slides/cohorts';
import { n, pct, quoted, renameOwnDataset, type AnalysisModule } from './types';

const splitWords = (spec: { by?: string; segmentation?: string }) => (spec.segmentation ? ` by segmentation ${quoted(spec.segmentation)}` : spec.by ? ` by ${spec.by}` : '');

export const cohortsModule: AnalysisModule<'cohorts.run'> = {
  kind: 'cohorts',
  handler: 'cohorts.run',
  specSchema: cohortsSpecSchema,
  cliCommand: 'cxw cohorts',
  inputs: (spec) => [spec.dataset],
  describe: (spec) => `${spec.unit === 'week' ? 'Weekly' : 'Monthly'} acquisition cohorts of ${quoted(spec.dataset)} (customer ${spec.customer}, time ${spec.time})${splitWords(spec)}`,
  defaultName: (spec) => `Cohorts of ${spec.dataset} by ${spec.unit ?? 'month'}${splitWords(spec)}`,
  ranSentence: (spec, r) =>
    `Computed ${r.cohorts.length} ${r.unit}ly cohorts of ${quoted(spec.dataset)}${splitWords(spec)}: ${n(r.customers)} customers, ${n(r.events)} events observed ${r.firstDay} to ${r.observedThrough}. ${r.summary}`,
  logFigures: (r) => ({ cohorts: r.cohorts.length, customers: r.customers, events: r.events, periods: r.periods, observedThrough: r.observedThrough, oneEventCustomers: r.oneEventCustomers }),
  headline: (r) => {
    const all = r.groups.length === 1 ? r.groups[0] : null;
    return [
      { label: 'Customers', value: r.customers },
      { label: 'Cohorts', value: r.cohorts.length },
      { label: `Retention at ${r.unit} 1 (%, pooled)`, value: all ? pct(all.retention[1]) : null },
    ];
  },
  renameDataset: renameOwnDataset,
  ignoreOnRerun: [],
  slides: cohortSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'cohorts.run', { workspacePath: ctx.path, spec }),
};
