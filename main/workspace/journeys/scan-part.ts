// The helper thread's side of the journey scan (task 'journey.scan-part', started by scan-helper.ts): open the
// workspace read-only, decode its range of rows, post the part on the port (typed arrays transferred, not
// copied) and raise the shared status word. Failures go through the port too, so the job thread hears of them
// while it waits synchronously.
import { serializeError } from '../../../shared/errors';
import { openWorkspaceDb } from '../db';
import { getDataset, type StoredColumn } from '../datasets';
import { EventSink, scanBlockRange, type SinkPart } from './event-scan';
import { FramingError } from './framing-error';
import type { PartMessage, ScanPartInput } from './scan-helper';
import type { JourneyColumns } from './spec-columns';

/** The job thread already waits on the dataset's lock; the helper reads the same snapshot right after it. */
const BUSY_TIMEOUT_MS = 60_000;

function buffersOf(p: SinkPart): ArrayBuffer[] {
  const arrays = [p.customer, p.time, p.step, p.channel, p.satisfaction, p.nps, p.row].filter((a) => a !== null);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

export function runScanPart(input: ScanPartInput, isCancelled: () => boolean): { events: number } {
  let message: PartMessage;
  let transfer: ArrayBuffer[] = [];
  let events = 0;
  try {
    const db = openWorkspaceDb(input.workspacePath, { readonly: true, skipIntegrityCheck: true, busyTimeoutMs: BUSY_TIMEOUT_MS });
    try {
      const ds = getDataset(db, input.dataset);
      const at = (index: number | null): StoredColumn | null => (index === null ? null : (ds.columns.find((c) => c.index === index) ?? null));
      const c = input.columns;
      const cols: JourneyColumns = { customer: at(c.customer)!, time: at(c.time)!, step: at(c.step)!, channel: at(c.channel), satisfaction: at(c.satisfaction), nps: at(c.nps) };
      const sink = new EventSink(input.to - input.from + 1, cols, input.precision);
      scanBlockRange(db, ds, cols, sink, input.from, input.to, { precision: input.precision, isCancelled, blockRows: input.blockRows }, (done) => Atomics.store(input.status, 0, done));
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
