// Job ids are chosen here so progress can be matched and the job cancelled before its result arrives.
import { useEffect, useState } from 'react';
import type { JobProgress } from '../../shared/domain';
import { useClient } from './bridge';

export function newJobId(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${random}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64);
}

/** The latest progress event for one job (null until the first arrives or when no job runs). */
export function useJobProgress(jobId: string | null): JobProgress | null {
  const client = useClient();
  const [progress, setProgress] = useState<JobProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!jobId) return;
    return client.on('job.progress', (p) => {
      if (p.jobId === jobId) setProgress(p);
    });
  }, [client, jobId]);
  return progress;
}
