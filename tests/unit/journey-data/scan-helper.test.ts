// The scan split in two: a second part decoded separately and appended (codes remapped) gives exactly the arrays
// of one pass, in-process; and through the built worker (the helper thread), when the build exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/workspace/db';
import { getDataset } from '../../../main/workspace/datasets';
import { EventSink, scanBlockRange } from '../../../main/workspace/journeys/event-scan';
import { loadJourney } from '../../../main/workspace/journeys/load';
import { resolveJourneyColumns } from '../../../main/workspace/journeys/spec-columns';
import type { Harness } from '../segment-service/helpers';
import { EVENTS, jobDb, SPEC, workspaceWith } from './helpers';

const WORKER = join(import.meta.dirname, '../../../out/main/worker.js');
// A second half with values the first half never saw (customer, step, channel), and one it did.
const LOG = [...EVENTS.split('\n'), 'C9,2024-03-06T00:00:00Z,refund,phone,1,2', 'C1,2024-03-07T00:00:00Z,visit,web,,'].join('\n');

let h: Harness | null = null;
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
  h?.dispose();
  h = null;
});

describe('the journey scan in two parts', () => {
  it('appending a later part remaps its codes so the arrays equal one sequential pass', async () => {
    h = await workspaceWith({ events: LOG });
    db = jobDb(h);
    const whole = loadJourney(db, SPEC);
    const ds = getDataset(db, 'events');
    const cols = resolveJourneyColumns(ds, SPEC);
    for (const split of [2, 5, 7, 10, 11]) {
      const first = new EventSink(ds.rows, cols, 'exact');
      const second = new EventSink(ds.rows, cols, 'exact');
      scanBlockRange(db, ds, cols, first, 1, split - 1, { precision: 'exact', blockRows: 3 }, () => undefined);
      scanBlockRange(db, ds, cols, second, split, ds.rows, { precision: 'exact', blockRows: 3 }, () => undefined);
      first.append(second.part());
      const p = first.part();
      const x = whole.input;
      expect(p.n).toBe(x.n);
      expect(p.customerNames).toEqual(whole.customerIds);
      expect(p.stepNames).toEqual(x.stepNames);
      expect(p.channelNames).toEqual(x.channelNames);
      expect(p.customer).toEqual(x.customer);
      expect(p.step).toEqual(x.step);
      expect(p.channel).toEqual(x.channel);
      expect(p.time).toEqual(x.time);
      expect(p.row).toEqual(x.row);
      expect(p.satisfaction).toEqual(x.satisfaction);
      expect(p.nps).toEqual(x.nps);
      expect(p.counts.skipped).toBe(whole.skippedEvents);
    }
    expect(whole.customerIds).toEqual(['C1', 'C2', 'C3', '10', 'C9']);
    expect(whole.input.stepNames).toEqual(['visit', 'search', 'buy', 'refund']);
    expect(whole.input.channelNames).toEqual(['web', 'app', 'store', 'phone']);
  });

  it.skipIf(!existsSync(WORKER))('on the helper thread (built worker): the same input, warnings and progress to the end', async () => {
    h = await workspaceWith({ events: LOG });
    db = jobDb(h);
    const whole = loadJourney(db, SPEC);
    const progress: number[] = [];
    const split = loadJourney(db, SPEC, { helperMinRows: 0, workerPath: WORKER, blockRows: 2, onProgress: (d) => progress.push(d) });
    expect(split.scanPath).toBe('blocks+helper');
    expect(split.input).toEqual(whole.input);
    expect(split.customerIds).toEqual(whole.customerIds);
    expect(split.warnings).toEqual(whole.warnings);
    expect(progress.at(-1)).toBe(11);
  });
});
