// Shared by the journey data tests: a small event log with every kind of time value and missing value, and a
// temp workspace (services in-process) it is imported into.
import { join } from 'node:path';
import type { JourneySpec } from '../../../shared/journeys';
import { AppError } from '../../../shared/errors';
import { openWorkspaceDb, type Db } from '../../../main/workspace/db';
import { harness, type Harness } from '../segment-service/helpers';

export const EVENTS = [
  'customer_id,ts,step,channel,sat,nps',
  'C1,2024-03-01T10:00:00+02:00,visit,web,,9', // offset: 08:00 UTC
  'C1,2024-03-01T09:30:00Z,search,web,4,',
  'C2,2024-03-01 12:00:00,visit,app,5,10', // naive: read as UTC wall clock
  'C2,2024-03-02,buy,,3,', // date only in a datetime column: midnight
  ',2024-03-02T08:00:00Z,visit,web,2,7', // no customer
  'C3,,visit,store,1,3', // no time
  'C3,2024-03-03T23:59:59.123Z,,store,,', // no step
  'C3,2024-03-04T00:00:00.5,buy,store,2.5,11', // naive with a fraction; NPS 11 is out of range
  '10,2024-03-05T01:00:00-05:30,visit,web,,0', // 06:30 UTC
].join('\n');

export const SPEC: JourneySpec = { dataset: 'events', customer: 'customer_id', time: 'ts', step: 'step', channel: 'channel', satisfaction: 'sat', nps: 'nps' };

export async function workspaceWith(files: Record<string, string>): Promise<Harness> {
  const h = await harness();
  for (const [name, text] of Object.entries(files)) {
    await h.services.handlers['dataset.import']({ jobId: `imp_${name}`, path: h.csv(`${name}.csv`, `${text}\n`), name });
  }
  return h;
}

/** A read-only connection, as the journey job opens one. */
export function jobDb(h: Harness): Db {
  return openWorkspaceDb(join(h.dir, 'ws.cxw'), { readonly: true, skipIntegrityCheck: true });
}

export function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}
