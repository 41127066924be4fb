// Opt-in phase timings for the segmentation jobs (CXW_TIMINGS=1): one line per job on stderr, so the benchmark
// (tests/bench/segment-command-bench.mjs) can say where a whole `cxw segment` goes without a profiler. Off by
// default; when off, mark() is a no-op and nothing is printed.
const enabled = (): boolean => process.env.CXW_TIMINGS === '1';

export interface PhaseTimer {
  /** Close the current phase under `name` (time since the previous mark). */
  mark: (name: string) => void;
  /** Print `cxw-timings <label> {"phase": ms, ...}` to stderr. */
  report: (label: string) => void;
}

const NOOP: PhaseTimer = { mark: () => undefined, report: () => undefined };

/** With `fromProcessStart`, the first phase starts at performance.timeOrigin (the process's, on the main thread). */
export function phaseTimer(fromProcessStart = false): PhaseTimer {
  if (!enabled()) return NOOP;
  const phases: Record<string, number> = {};
  // This thread's CPU time per phase too: on a busy machine wall time mostly measures the other load.
  const cpu: Record<string, number> = {};
  const cpuNow = (): number => {
    const u = process.threadCpuUsage();
    return (u.user + u.system) / 1000;
  };
  let last = fromProcessStart ? 0 : performance.now();
  let lastCpu = fromProcessStart ? 0 : cpuNow();
  return {
    mark: (name) => {
      const now = performance.now();
      const nowCpu = cpuNow();
      phases[name] = Math.round((phases[name] ?? 0) + now - last);
      cpu[name] = Math.round((cpu[name] ?? 0) + nowCpu - lastCpu);
      last = now;
      lastCpu = nowCpu;
    },
    report: (label) => {
      process.stderr.write(`cxw-timings ${label} ${JSON.stringify(phases)}\n`);
      process.stderr.write(`cxw-timings ${label}.cpu ${JSON.stringify(cpu)}\n`);
    },
  };
}

/** With CXW_TIMINGS=1, print `cxw-timings <label> {...}` with facts (not ms) the benchmark prints beside the phases. */
export function reportFacts(label: string, facts: Record<string, number>): void {
  if (enabled()) process.stderr.write(`cxw-timings ${label} ${JSON.stringify(facts)}\n`);
}
