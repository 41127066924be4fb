// JobRunner's scheduling: at most `maxConcurrent` jobs run at once (issue 12 item 12: 200 parallel API calls started
// 200 workers and the host reached 17.5 GiB), the rest wait in order, report a 'waiting' phase, and can be cancelled
// while they wait. Tasks here are in-process fakes that block until the test releases them, so the counts are exact
// by construction: with N slots and 50 jobs, the running count must never exceed N and must reach N.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../shared/domain';
import { JobRunner } from '../../../main/jobs/runner';
import type { TaskContext } from '../../../main/jobs/tasks';

/** A fake 'profile' task: counts how many run at once and finishes when released (or stops when cancelled). */
function gate() {
  let running = 0;
  let peak = 0;
  const started: string[] = [];
  const waiters: (() => void)[] = [];
  const task = async (payload: { dataset: string }, ctx: TaskContext) => {
    running++;
    peak = Math.max(peak, running);
    started.push(payload.dataset);
    try {
      await new Promise<void>((resolve) => waiters.push(resolve));
      if (ctx.isCancelled()) throw new Error('cancelled inside');
      return { dataset: payload.dataset } as never;
    } finally {
      running--;
    }
  };
  const releaseOne = () => waiters.shift()?.();
  return { task, releaseOne, started, get running() { return running; }, get peak() { return peak; }, get blocked() { return waiters.length; } };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('JobRunner: a queue sized to the cores', () => {
  it('runs 50 parallel jobs at most N at once, in the order they came, every one to completion', async () => {
    const g = gate();
    const progress: JobProgress[] = [];
    const runner = new JobRunner({ onProgress: (p) => progress.push(p), useWorkers: false, maxConcurrent: 3, tasks: { profile: g.task } });
    const jobs = Array.from({ length: 50 }, (_, i) => runner.run(`job_${String(i).padStart(3, '0')}`, 'profile', { workspacePath: '/w.cxw', dataset: `d${i}` }));
    await tick();
    expect(g.running).toBe(3);
    expect(runner.runningJobs).toBe(3);
    expect(runner.queuedJobs).toBe(47);
    expect(runner.activeJobs).toBe(50);
    // Every queued job says it is waiting (47 of them), naming the limit.
    const waiting = progress.filter((p) => p.phase === 'waiting');
    expect(waiting).toHaveLength(47);
    expect(waiting[0].message).toMatch(/3 jobs are running/);
    while (g.blocked > 0) {
      g.releaseOne();
      await tick();
      await tick();
      expect(g.running).toBeLessThanOrEqual(3);
    }
    const results = await Promise.all(jobs);
    expect(results.map((r) => (r as unknown as { dataset: string }).dataset)).toEqual(Array.from({ length: 50 }, (_, i) => `d${i}`));
    expect(g.peak).toBe(3);
    expect(g.started).toEqual(Array.from({ length: 50 }, (_, i) => `d${i}`));
    expect(runner.runningJobs).toBe(0);
    expect(runner.activeJobs).toBe(0);
  });

  it('cancels a queued job at once, without ever starting it, and gives its place to the next', async () => {
    const g = gate();
    const runner = new JobRunner({ onProgress: () => undefined, useWorkers: false, maxConcurrent: 1, tasks: { profile: g.task } });
    const first = runner.run('job_first', 'profile', { workspacePath: '/w.cxw', dataset: 'a' });
    const second = runner.run('job_second', 'profile', { workspacePath: '/w.cxw', dataset: 'b' });
    const third = runner.run('job_third', 'profile', { workspacePath: '/w.cxw', dataset: 'c' });
    await tick();
    expect(runner.cancel('job_second')).toBe(true);
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(runner.queuedJobs).toBe(1);
    g.releaseOne();
    await expect(first).resolves.toEqual({ dataset: 'a' });
    await tick();
    g.releaseOne();
    await expect(third).resolves.toEqual({ dataset: 'c' });
    expect(g.started).toEqual(['a', 'c']);
  });

  it('sizes the queue to the machine by default (at least 2, so one long import never blocks every analysis)', () => {
    const runner = new JobRunner({ onProgress: () => undefined, useWorkers: false });
    expect(runner.maxConcurrent).toBeGreaterThanOrEqual(2);
  });
});

const BUILT_WORKER = join(__dirname, '../../../out/main/worker.js');

describe.skipIf(!existsSync(BUILT_WORKER))('JobRunner: a worker started ahead (built worker)', () => {
  // The job's answer must be the same whether its worker was started ahead (input by message) or with the job
  // (input as workerData): here a profile of a workspace that does not exist, refused by the task in the worker.
  const missing = join(__dirname, 'no-such-workspace.cxw');
  const run = (runner: JobRunner, id: string) => runner.run(id, 'profile', { workspacePath: missing, dataset: 'x' }).then(() => 'resolved', (e: Error) => e.message);

  it('takes the first job (the same answer as a worker started with it), and the next job starts its own', async () => {
    const fresh = await run(new JobRunner({ onProgress: () => undefined, workerPath: BUILT_WORKER }), 'a');
    expect(fresh).toMatch(/no-such-workspace/);
    const runner = new JobRunner({ onProgress: () => undefined, workerPath: BUILT_WORKER });
    runner.startWorkerEarly();
    expect(await run(runner, 'b')).toBe(fresh);
    expect(await run(runner, 'c')).toBe(fresh);
  });

  it('a runner closed before any job stops the worker it started ahead (nothing keeps the process alive)', async () => {
    const runner = new JobRunner({ onProgress: () => undefined, workerPath: BUILT_WORKER });
    runner.startWorkerEarly();
    runner.cancelAll();
    // a job after that simply starts a fresh worker
    expect(await run(runner, 'd')).toMatch(/no-such-workspace/);
  });
});
