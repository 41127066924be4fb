// The helper thread's side of the cohorts scan (task 'cohorts.scan-part', started by scan-helper.ts): open the
// workspace read-only, decode its range of rows, post the part on the port (typed arrays transferred, not copied)
// and raise the shared status word. Failures go through the port too, so the job thread hears of them.
import { serializeError } from '../../../../shared/errors';
import { openWorkspaceDb } from '../../db';
import { getDataset, type StoredColumn } from '../../datasets';
import { FramingError } from '../../journeys/framing-error';
import { LogSink, scanBlocks, type CohortColumns, type LogPart } from './scan';
import type { CohortPartMessage, CohortScanPartInput } from './scan-helper';

const BUSY_TIMEOUT_MS = 60_000;

function buffersOf(p: LogPart): ArrayBuffer[] {
  return [p.customer, p.time, p.value, p.score, p.by].filter((a) => a !== null).map((a) => a.buffer as ArrayBuffer);
}

export function runCohortScanPart(input: CohortScanPartInput, isCancelled: () => boolean): { events: number } {
  let message: CohortPartMessage;
  let transfer: ArrayBuffer[] = [];
  let events = 0;
  try {
    const db = openWorkspaceDb(input.workspacePath, { readonly: true, skipIntegrityCheck: true, busyTimeoutMs: BUSY_TIMEOUT_MS });
    try {
      const ds = getDataset(db, input.dataset);
      const at = (index: number | null): StoredColumn | null => (index === null ? null : (ds.columns.find((c) => c.index === index) ?? null));
      const c = input.columns;
      const cols: CohortColumns = { customer: at(c.customer)!, time: at(c.time)!, value: at(c.value), score: at(c.score), by: at(c.by) };
      const sink = new LogSink(input.to - input.from + 1, cols, ds);
      scanBlocks(db, ds, cols, sink, input.from, input.to, { isCancelled, blockRows: input.blockRows }, (done) => Atomics.store(input.status, 0, done));
      const part = sink.part();
      events = part.n;
      message = { part };
      transfer = buffersOf(part);
    } finally {
      db.close();
    }
  } catch (err) {
    message = err instanceof FramingError ? { framing: true } : { error: serializeError(err) };
  }
  input.port.postMessage(message, transfer);
  input.port.close();
  Atomics.store(input.status, 1, 1);
  Atomics.notify(input.status, 1);
  return { events };
}
