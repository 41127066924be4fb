// The journey scan's helper thread (task 'journey.scan-part', see scan-part.ts): the shared mechanism is
// ../scan-helper-thread.ts; this file names the journey columns and options the helper needs.
import type { Db } from '../db';
import type { StoredDataset } from '../datasets';
import { startScanHelperThread, type ScanHelper as ScanHelperThread, type ScanPartRange } from '../scan-helper-thread';
import type { ScanOptions, SinkPart } from './event-scan';
import type { JourneyColumns } from './spec-columns';

export interface ScanPartInput extends ScanPartRange {
  /** Column positions (StoredColumn.index). */
  columns: { customer: number; time: number; step: number; channel: number | null; satisfaction: number | null; nps: number | null };
  precision: 'exact' | 'day';
}

export type ScanHelper = ScanHelperThread<SinkPart>;

/** Start decoding rows from..to on a helper thread; null where no built worker exists. */
export function startScanHelper(db: Db, ds: StoredDataset, cols: JourneyColumns, opts: ScanOptions, from: number, to: number): ScanHelper | null {
  const columns = {
    customer: cols.customer.index,
    time: cols.time.index,
    step: cols.step.index,
    channel: cols.channel?.index ?? null,
    satisfaction: cols.satisfaction?.index ?? null,
    nps: cols.nps?.index ?? null,
  };
  return startScanHelperThread<SinkPart, 'journey.scan-part'>('journey.scan-part', db, ds, { columns, precision: opts.precision }, opts, from, to);
}
