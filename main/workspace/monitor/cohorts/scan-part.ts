// The helper thread's side of the cohorts scan (task 'cohorts.scan-part', started by scan-helper.ts): decode its
// range of rows into a LogSink; opening the workspace, posting the part and failures is ../../scan-helper-thread.ts.
import { runScanPartThread } from '../../scan-helper-thread';
import { cachedColumns, LogSink, scanBlocks, type CohortColumns, type LogPart } from './scan';
import type { CohortScanPartInput } from './scan-helper';

/** The part's arrays live in shared memory (LogSink): nothing to transfer; a plain buffer would be. */
function buffersOf(p: LogPart): ArrayBuffer[] {
  return [p.customer, p.time, p.value, p.score, p.by].filter((a) => a !== null && a.buffer instanceof ArrayBuffer).map((a) => a!.buffer as ArrayBuffer);
}

export function runCohortScanPart(input: CohortScanPartInput, isCancelled: () => boolean): { events: number } {
  return runScanPartThread(
    input,
    (db, ds, at, onBlock) => {
      const c = input.columns;
      const cols: CohortColumns = { customer: at(c.customer)!, time: at(c.time)!, value: at(c.value), score: at(c.score), by: at(c.by) };
      const sink = new LogSink(input.to - input.from + 1, cols, ds);
      const cached = cachedColumns(db, ds, cols, input.cache.first, input.cache.fromTable);
      scanBlocks(db, ds, cols, cached, sink, input.from, input.to, { isCancelled, blockRows: input.blockRows }, onBlock);
      return sink.part();
    },
    buffersOf,
  );
}
