// A cancellable job with progress: start(prefix, call) names the job, subscribes to its progress and resolves with
// the result; cancel() asks the services to stop it. A cancelled job settles as { cancelled: true }.
import { useCallback, useRef, useState } from 'react';
import type { JobProgress } from '../../shared/domain';
import { useClient } from '../state/bridge';
import { newJobId, useJobProgress } from '../state/jobs';
import { isCancelled } from './errors';

export type JobOutcome<T> = { ok: true; value: T } | { ok: false; cancelled: boolean; error: unknown };

export interface Job {
  running: boolean;
  cancelling: boolean;
  progress: JobProgress | null;
  start: <T>(prefix: string, call: (jobId: string) => Promise<T>) => Promise<JobOutcome<T>>;
  cancel: () => void;
}

export function useJob(): Job {
  const client = useClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const progress = useJobProgress(jobId);
  const current = useRef<string | null>(null);

  const start = useCallback(async <T,>(prefix: string, call: (jobId: string) => Promise<T>): Promise<JobOutcome<T>> => {
    const id = newJobId(prefix);
    current.current = id;
    setCancelling(false);
    setJobId(id);
    try {
      const value = await call(id);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, cancelled: isCancelled(error), error };
    } finally {
      if (current.current === id) {
        current.current = null;
        setJobId(null);
        setCancelling(false);
      }
    }
  }, []);

  const cancel = useCallback(() => {
    const id = current.current;
    if (!id) return;
    setCancelling(true);
    client.invoke('job.cancel', { jobId: id }).catch(() => undefined);
  }, [client]);

  return { running: jobId !== null, cancelling, progress, start, cancel };
}
