// The helper thread's side of the journey scan (task 'journey.scan-part', started by scan-helper.ts): decode its
// range of rows into an EventSink; opening the workspace, posting the part and failures is ../scan-helper-thread.ts.
import { runScanPartThread } from '../scan-helper-thread';
import { EventSink, scanBlockRange, type SinkPart } from './event-scan';
import type { ScanPartInput } from './scan-helper';
import type { JourneyColumns } from './spec-columns';

function buffersOf(p: SinkPart): ArrayBuffer[] {
  const arrays = [p.customer, p.time, p.step, p.channel, p.satisfaction, p.nps, p.row].filter((a) => a !== null);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

export function runScanPart(input: ScanPartInput, isCancelled: () => boolean): { events: number } {
  return runScanPartThread(
    input,
    (db, ds, at, onBlock) => {
      const c = input.columns;
      const cols: JourneyColumns = { customer: at(c.customer)!, time: at(c.time)!, step: at(c.step)!, channel: at(c.channel), satisfaction: at(c.satisfaction), nps: at(c.nps) };
      const sink = new EventSink(input.to - input.from + 1, cols, input.precision);
      scanBlockRange(db, ds, cols, sink, input.from, input.to, { precision: input.precision, isCancelled, blockRows: input.blockRows }, onBlock);
      return sink.part();
    },
    buffersOf,
  );
}
