// The journey data path: a JourneySpec checked against its dataset (spec-columns.ts), the event columns read
// in one pass (event-scan.ts), the saved segmentation joined (segment-join.ts), assembled as the pure analytics'
// JourneyInput, with the warnings an analyst needs about what was left out or read with an assumption.
import type { JourneySpec } from '../../../shared/journeys';
import { AppError } from '../../../shared/errors';
import type { JourneyInput } from '../../analysis/journey/types';
import type { Db } from '../db';
import { getDataset } from '../datasets';
import { scanEvents, type ScannedEvents } from './event-scan';
import { joinSegmentation } from './segment-join';
import { checkSpecOptions, resolveJourneyColumns, type JourneyColumns } from './spec-columns';
import { pushAll } from '../../../shared/extent';

export interface LoadOptions {
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Tests: rows per block of the scan, the row-by-row path, the helper thread's threshold and worker file. */
  blockRows?: number;
  rowByRow?: boolean;
  helperMinRows?: number;
  workerPath?: string;
}

export interface LoadedJourney {
  input: JourneyInput;
  /** Events without a customer, a time or a step. */
  skippedEvents: number;
  warnings: string[];
  /** Customer ids as text by code (the join key; also handy for tests). */
  customerIds: string[];
  scanPath: ScannedEvents['path'];
}

const MS_PER_DAY = 86_400_000;
const fmt = (n: number) => n.toLocaleString('en-US');

export function loadJourney(db: Db, spec: JourneySpec, opts: LoadOptions = {}): LoadedJourney {
  checkSpecOptions(spec);
  const ds = getDataset(db, spec.dataset);
  const cols = resolveJourneyColumns(ds, spec);
  const precision = spec.precision ?? 'exact';
  const scan = scanEvents(db, ds, cols, { ...opts, precision });
  if (scan.n === 0) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `No event of dataset "${ds.name}" has a customer ("${cols.customer.name}"), a time ("${cols.time.name}") and a step ("${cols.step.name}") all filled in, so there is no journey to analyse.`,
      { dataset: ds.name },
    );
  }
  const warnings = scanWarnings(scan, cols, precision);
  checkChannelFilter(spec, scan, cols);

  let segmentOfCustomer: Int32Array | null = null;
  let segmentNames: string[] = [];
  if (spec.segmentation) {
    const join = joinSegmentation(db, spec.segmentation, scan.customerIds, spec.filter?.segments ?? []);
    segmentOfCustomer = join.segmentOfCustomer;
    segmentNames = join.segmentNames;
    pushAll(warnings, join.warnings);
  }
  const input: JourneyInput = {
    n: scan.n,
    customer: scan.customer,
    customerCount: scan.customerIds.length,
    time: scan.time,
    step: scan.step,
    stepNames: scan.stepNames,
    channel: scan.channel,
    channelNames: scan.channelNames,
    satisfaction: scan.satisfaction,
    nps: scan.nps,
    segmentOfCustomer,
    segmentNames,
    row: scan.row,
  };
  return { input, skippedEvents: scan.skipped, warnings, customerIds: scan.customerIds, scanPath: scan.path };
}

function checkChannelFilter(spec: JourneySpec, scan: ScannedEvents, cols: JourneyColumns): void {
  const wanted = spec.filter?.channels ?? [];
  const unknown = wanted.filter((c) => !scan.channelNames.includes(c));
  if (unknown.length && cols.channel) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Channel ${unknown.map((c) => `"${c}"`).join(', ')} does not occur in column "${cols.channel.name}". Its values: ${scan.channelNames.slice(0, 30).join(', ')}${scan.channelNames.length > 30 ? ', …' : ''}.`,
      { columnName: cols.channel.name },
    );
  }
}

function scanWarnings(scan: ScannedEvents, cols: JourneyColumns, precision: 'exact' | 'day'): string[] {
  const warnings: string[] = [];
  if (scan.skipped > 0) {
    const parts = [
      scan.missing.customer ? `${fmt(scan.missing.customer)} without a customer ("${cols.customer.name}")` : '',
      scan.missing.time ? `${fmt(scan.missing.time)} without a time ("${cols.time.name}")` : '',
      scan.missing.step ? `${fmt(scan.missing.step)} without a step ("${cols.step.name}")` : '',
    ].filter(Boolean);
    warnings.push(`${fmt(scan.skipped)} events were left out: ${parts.join(', ')}.`);
  }
  if (scan.unreadableTimes.count > 0) {
    warnings.push(
      `${fmt(scan.unreadableTimes.count)} values of "${cols.time.name}" are not dates or datetimes (e.g. "${scan.unreadableTimes.example}") and count as missing times.`,
    );
  }
  if (scan.timeKinds.naive > 0 && scan.timeKinds.utc > 0) {
    warnings.push(
      `Column "${cols.time.name}" mixes times with a time zone offset (${fmt(scan.timeKinds.utc)}, normalised to UTC at import) and times without one (${fmt(scan.timeKinds.naive)}, read as UTC wall clock); events of the two kinds may be misordered by up to the zone difference.`,
    );
  }
  if (scan.npsOutOfRange.count > 0 && cols.nps) {
    warnings.push(
      `${fmt(scan.npsOutOfRange.count)} values of "${cols.nps.name}" lie outside 0–10 (e.g. ${scan.npsOutOfRange.example}) and are left out of NPS: NPS needs the 0–10 recommend score.`,
    );
  }
  if (precision === 'exact') pushAll(warnings, midnightWarnings(scan));
  return warnings;
}

/**
 * A step stamped only with dates (midnight) among steps with times of day sorts before every same-day event
 * under exact ordering (Olist's review dates before same-day deliveries). Say so, and what changes it.
 */
function midnightWarnings(scan: ScannedEvents): string[] {
  const S = scan.stepNames.length;
  const midnight = new Int32Array(S);
  const events = new Int32Array(S);
  for (let i = 0; i < scan.n; i++) {
    const s = scan.step[i];
    events[s]++;
    if (scan.time[i] % MS_PER_DAY === 0) midnight[s]++;
  }
  const timed = Array.from(events.keys()).some((s) => events[s] > 0 && midnight[s] < 0.5 * events[s]);
  if (!timed) return [];
  const dateOnly = Array.from(events.keys()).filter((s) => events[s] >= 10 && midnight[s] >= 0.95 * events[s]);
  return dateOnly.map(
    (s) =>
      `Step "${scan.stepNames[s]}" carries a date without a time of day (midnight) in ${fmt(midnight[s])} of its ${fmt(events[s])} events, so under exact ordering it comes before every event of the same day. Use precision "day" to compare dates only and let the stage order break same-day ties.`,
  );
}
