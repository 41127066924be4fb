// Handlers for NPS, the measurement-bias (collection context) check and key drivers: read-only worker jobs
// (main/workspace/nps/*) so a 1M-row survey never blocks the UI. The host records each finished analysis in the
// activity log with the spec that reproduces it.
import type { Handlers } from '../../shared/api';
import type { JobRunner } from '../jobs/runner';
import { logActivity } from '../workspace/activity';
import type { WorkspaceState } from './workspace-state';

type NpsHandlers = Pick<Handlers, 'nps.analyze' | 'nps.context' | 'drivers.analyze'>;

const fmt = (x: number | null, digits = 0) => (x === null ? 'n/a' : x.toFixed(digits));

export function npsHandlers(state: WorkspaceState, jobs: JobRunner): NpsHandlers {
  const path = () => state.current().path;
  /** Log a finished analysis; a busy workspace (a long import) costs a warning, never the result. */
  function logged<R extends { warnings: string[] }>(result: R, action: string, summary: string, params: Record<string, unknown>): R {
    try {
      logActivity(state.current().db, action, summary, params);
      return result;
    } catch (err) {
      return { ...result, warnings: [...result.warnings, `This analysis is not in the activity log: the workspace was busy (${(err as Error).message}).`] };
    }
  }
  return {
    'nps.analyze': async ({ jobId, spec }) => {
      const r = await jobs.run(jobId, 'nps.analyze', { workspacePath: path(), spec });
      const by = spec.by ? ` by ${spec.by}` : spec.segmentation ? ` by segments of "${spec.segmentation}"` : '';
      return logged(r, 'nps.analyze', `NPS of "${spec.dataset}".${spec.score}${by}: ${fmt(r.overall.nps)} (n = ${r.overall.n})`, { spec, nps: r.overall.nps, n: r.overall.n, groups: r.groups.length });
    },
    'nps.context': async ({ jobId, spec }) => {
      const r = await jobs.run(jobId, 'nps.context', { workspacePath: path(), spec });
      return logged(r, 'nps.context', `NPS collection-context check of "${spec.dataset}" (${r.context}): ${r.flags.length} context(s) flagged`, { spec, flags: r.flags.map((f) => ({ group: f.group, difference: f.difference, pAdjusted: f.pAdjusted })) });
    },
    'drivers.analyze': async ({ jobId, spec }) => {
      const r = await jobs.run(jobId, 'drivers.analyze', { workspacePath: path(), spec });
      return logged(r, 'drivers.analyze', `Key drivers of "${spec.dataset}".${spec.target} (${r.model}, R² = ${fmt(r.r2, 3)}, n = ${r.n})`, { spec, r2: r.r2, n: r.n, weights: r.drivers.map((d) => ({ name: d.name, weight: d.weight })) });
    },
  };
}
