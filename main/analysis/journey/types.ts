// The pure journey analytics' input: an event log already decoded into typed arrays by the data path
// (main/workspace/journeys/load.ts). No I/O here; the same input always gives the same result.

export interface JourneyInput {
  /** Events (after dropping those without customer, time or step). */
  n: number;
  /** Customer (journey) code per event, 0..customerCount-1. */
  customer: Int32Array;
  customerCount: number;
  /** Milliseconds since the epoch (UTC), already truncated to the day when precision is 'day'. */
  time: Float64Array;
  /** Step code per event into stepNames. */
  step: Int32Array;
  stepNames: string[];
  /** Channel code per event into channelNames (−1 missing), or null when no channel column. */
  channel: Int32Array | null;
  channelNames: string[];
  /** NaN where missing; null when no column. */
  satisfaction: Float64Array | null;
  nps: Float64Array | null;
  /** Segment per customer code (−1 unmatched), or null when no segmentation is joined. */
  segmentOfCustomer: Int32Array | null;
  segmentNames: string[];
  /** Dataset row order per event (the last tie-break). */
  row: Int32Array;
}
