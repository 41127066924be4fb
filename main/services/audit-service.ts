// Handlers for the fairness and bias audit: a read-only worker job (main/workspace/audit/run.ts).
import type { Handlers } from '../../shared/api';
import type { JobRunner } from '../jobs/runner';
import type { WorkspaceState } from './workspace-state';

type AuditHandlers = Pick<Handlers, 'audit.run'>;

export function auditHandlers(state: WorkspaceState, jobs: JobRunner): AuditHandlers {
  const path = () => state.current().path;
  return {
    'audit.run': ({ jobId, spec }) => jobs.run(jobId, 'audit.run', { workspacePath: path(), spec }),
  };
}
