// Services for one CLI command on one workspace, with job progress forwarded to the command's progress line.
import { createServices, type Services } from '../services/index';
import type { PhaseTimer } from '../workspace/segments/timings';
import { stateDir } from './args';

/** `timer` (CXW_TIMINGS=1) gets an 'open workspace' mark: opening includes the integrity check of the whole file. */
export async function withServices<T>(
  workspace: string,
  progress: (line: string) => void,
  work: (handlers: Services['handlers']) => Promise<T>,
  timer?: PhaseTimer,
): Promise<T> {
  const services = createServices({
    stateDir: stateDir(),
    workspacePath: workspace,
    emit: (event, payload) => {
      if (event !== 'job.progress') return;
      const p = payload as { done: number; total: number | null; phase: string };
      progress(p.total ? `${p.phase} ${Math.round((100 * p.done) / p.total)}%` : p.phase);
    },
  });
  timer?.mark('open workspace');
  try {
    return await work(services.handlers);
  } finally {
    services.dispose();
  }
}

/** A job id for a CLI run (the contract wants one; nobody else can see or cancel it). */
export function cliJobId(): string {
  return `cli-${process.pid}-${Date.now().toString(36)}`;
}
