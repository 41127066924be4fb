// Services for one CLI command on one workspace, with job progress forwarded to the command's progress line.
import { createServices, type Services } from '../services/index';
import type { PhaseTimer } from '../workspace/segments/timings';
import { stateDir } from './args';

export interface WithServicesOptions {
  /** CXW_TIMINGS=1: an 'open workspace' mark (with the integrity check, unless it runs beside the call). */
  timer?: PhaseTimer;
  /**
   * Run the workspace's integrity check while the call starts its job instead of before it (services/deferred-check.ts:
   * nothing is written and no result used until it has passed).
   */
  checkWhileRunning?: boolean;
  /** The command runs a job: start its worker before opening the workspace (services' startJobWorkerEarly). */
  runsJob?: boolean;
}

export async function withServices<T>(
  workspace: string,
  progress: (line: string) => void,
  work: (handlers: Services['handlers']) => Promise<T>,
  opts: WithServicesOptions = {},
): Promise<T> {
  const { timer, checkWhileRunning = false, runsJob = false } = opts;
  const services = createServices({
    stateDir: stateDir(),
    workspacePath: workspace,
    deferIntegrityCheck: checkWhileRunning,
    startJobWorkerEarly: runsJob,
    emit: (event, payload) => {
      if (event !== 'job.progress') return;
      const p = payload as { done: number; total: number | null; phase: string };
      progress(p.total ? `${p.phase} ${Math.round((100 * p.done) / p.total)}%` : p.phase);
    },
  });
  timer?.mark('open workspace');
  try {
    return await services.runChecked(() => work(services.handlers));
  } finally {
    services.dispose();
  }
}

/** A job id for a CLI run (the contract wants one; nobody else can see or cancel it). */
export function cliJobId(): string {
  return `cli-${process.pid}-${Date.now().toString(36)}`;
}
