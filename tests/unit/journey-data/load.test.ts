// The journey data path on small CSV files imported through the real services: the typed arrays exactly as
// expected (times with offsets, naive times, date-only values, missing values, codes in first-seen order), the
// block scan and the row-by-row scan giving the same arrays across block edges, the fallback when a value
// contains the scan's separators, the segment join (after a reassignment), and the errors an analyst sees.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { JourneySpec } from '../../../shared/journeys';
import type { Db } from '../../../main/workspace/db';
import { loadJourney, type LoadedJourney, type LoadOptions } from '../../../main/workspace/journeys/load';
import { labelsOf, type Harness } from '../segment-service/helpers';
import { errorOf, EVENTS, jobDb, SPEC, workspaceWith as importInto } from './helpers';

let h: Harness | null = null;
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
  h?.dispose();
  h = null;
});

async function workspaceWith(files: Record<string, string>): Promise<Harness> {
  h = await importInto(files);
  return h;
}

function load(hh: Harness, spec: JourneySpec, opts: LoadOptions = {}): LoadedJourney {
  db = jobDb(hh);
  return loadJourney(db, spec, opts);
}

const utc = (...a: [number, number, number, number?, number?, number?, number?]) => Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0, a[6] ?? 0);

describe('loadJourney: typed arrays', () => {
  it('decodes customers, times, steps, channels and ratings exactly, leaving out incomplete events', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    const r = load(hh, SPEC);
    const x = r.input;
    expect(r.scanPath).toBe('blocks');
    expect(x.n).toBe(6);
    expect(Array.from(x.row)).toEqual([1, 2, 3, 4, 8, 9]);
    // Codes in first-seen order; C3 is first seen on an event that is left out (no time) and keeps its code.
    expect(r.customerIds).toEqual(['C1', 'C2', 'C3', '10']);
    expect(x.customerCount).toBe(4);
    expect(Array.from(x.customer)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(Array.from(x.time)).toEqual([utc(2024, 3, 1, 8), utc(2024, 3, 1, 9, 30), utc(2024, 3, 1, 12), utc(2024, 3, 2), utc(2024, 3, 4, 0, 0, 0, 500), utc(2024, 3, 5, 6, 30)]);
    expect(x.stepNames).toEqual(['visit', 'search', 'buy']);
    expect(Array.from(x.step)).toEqual([0, 1, 0, 2, 2, 0]);
    expect(x.channelNames).toEqual(['web', 'app', 'store']);
    expect(Array.from(x.channel!)).toEqual([0, 0, 1, -1, 2, 0]);
    expect(Array.from(x.satisfaction!)).toEqual([NaN, 4, 5, 3, 2.5, NaN]);
    expect(Array.from(x.nps!)).toEqual([9, NaN, 10, NaN, NaN, 0]);
    expect(x.segmentOfCustomer).toBeNull();
    expect(x.segmentNames).toEqual([]);
    expect(r.skippedEvents).toBe(3);
    expect(r.warnings).toContain('3 events were left out: 1 without a customer ("customer_id"), 1 without a time ("ts"), 1 without a step ("step").');
    expect(r.warnings.some((w) => /mixes times with a time zone offset \(3, normalised to UTC.*without one \(3, read as UTC wall clock\)/.test(w))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('1 values of "nps" lie outside 0–10 (e.g. 11)'))).toBe(true);
  });

  it('gives the same arrays row by row and in blocks of any size (block edges inside the data)', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    const blocks = load(hh, SPEC);
    db!.close();
    for (const opts of [{ rowByRow: true }, { blockRows: 1 }, { blockRows: 2 }, { blockRows: 4 }]) {
      const other = load(hh, SPEC, opts);
      db!.close();
      db = null;
      expect(other.scanPath).toBe(opts.rowByRow ? 'rows' : 'blocks');
      expect(other.input).toEqual(blocks.input);
      expect(other.customerIds).toEqual(blocks.customerIds);
      expect(other.skippedEvents).toBe(blocks.skippedEvents);
      expect(other.warnings).toEqual(blocks.warnings);
    }
  });

  it('truncates times to the UTC day with precision "day"', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    const x = load(hh, { ...SPEC, precision: 'day' }).input;
    expect(Array.from(x.time)).toEqual([utc(2024, 3, 1), utc(2024, 3, 1), utc(2024, 3, 1), utc(2024, 3, 2), utc(2024, 3, 4), utc(2024, 3, 5)]);
  });

  it('reads a date column (any input format) as midnight UTC and numeric ids as their text', async () => {
    const hh = await workspaceWith({
      visits: ['member,visited,page', '7,03/02/2024,home', '7,04/02/2024,cart', '12,03/02/2024,home', '7,,home'].join('\n'),
    });
    const r = load(hh, { dataset: 'visits', customer: 'member', time: 'visited', step: 'page' });
    const x = r.input;
    expect(r.customerIds).toEqual(['7', '12']);
    expect(Array.from(x.customer)).toEqual([0, 0, 1]);
    // dd/mm/yyyy or mm/dd/yyyy is decided from the values; 03/02 and 04/02 only fit one way if the import says so.
    const ds = hh.services.handlers;
    const summary = (await ds['dataset.list']({})).find((d) => d.name === 'visits')!;
    expect(summary.columns.find((c) => c.name === 'visited')!.type).toBe('date');
    const sqlite = new Database(join(hh.dir, 'ws.cxw'), { readonly: true });
    const stored = sqlite.prepare('SELECT c1 FROM ds_1 ORDER BY _row').pluck().all() as (string | null)[];
    sqlite.close();
    const expected = stored.filter((v): v is string => v !== null).map((v) => Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, Number(v.slice(8, 10))));
    expect(Array.from(x.time)).toEqual(expected);
    expect(expected).toHaveLength(3);
    expect(r.skippedEvents).toBe(1);
  });

  it('falls back to the row-by-row scan when a value contains the block separators', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    const before = load(hh, SPEC);
    db!.close();
    db = null;
    const w = new Database(join(hh.dir, 'ws.cxw'));
    w.prepare("UPDATE ds_1 SET c2 = 'vi' || char(31) || 'sit' || char(30) WHERE _row = 9").run();
    w.close();
    const r = load(hh, SPEC);
    expect(r.scanPath).toBe('rows');
    expect(r.input.stepNames).toEqual(['visit', 'search', 'buy', 'vi\x1fsit\x1e']);
    expect(Array.from(r.input.step)).toEqual([0, 1, 0, 2, 2, 3]);
    expect(Array.from(r.input.time)).toEqual(Array.from(before.input.time));
  });

  it('warns when one step carries dates only among timed steps (exact order), not with precision "day"', async () => {
    const lines = ['id,at,step'];
    for (let i = 0; i < 12; i++) lines.push(`c${i},2024-05-0${1 + (i % 5)} 14:2${i % 10}:00,delivered`, `c${i},2024-05-0${1 + (i % 5)},review`);
    const hh = await workspaceWith({ ev: lines.join('\n') });
    const exact = load(hh, { dataset: 'ev', customer: 'id', time: 'at', step: 'step' });
    expect(exact.warnings).toEqual([
      'Step "review" carries a date without a time of day (midnight) in 12 of its 12 events, so under exact ordering it comes before every event of the same day. Use precision "day" to compare dates only and let the stage order break same-day ties.',
    ]);
    db!.close();
    db = null;
    expect(load(hh, { dataset: 'ev', customer: 'id', time: 'at', step: 'step', precision: 'day' }).warnings).toEqual([]);
  });

  it('reports progress and stops with CANCELLED when asked', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    const seen: [number, number][] = [];
    load(hh, SPEC, { blockRows: 4, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([
      [4, 9],
      [8, 9],
      [9, 9],
    ]);
    db!.close();
    db = null;
    const err = errorOf(() => load(hh, SPEC, { isCancelled: () => true }));
    expect(err.code).toBe('CANCELLED');
  });
});

describe('loadJourney: the segment join', () => {
  /** 40 customers in two far-apart groups (C1, C2, C3, 10 among them) and the journeys of four of them + one unknown. */
  async function segmented(): Promise<Harness> {
    const customers = ['customer_id,spend,visits'];
    for (let i = 0; i < 40; i++) {
      const id = i === 0 ? 'C1' : i === 1 ? 'C2' : i === 2 ? 'C3' : i === 3 ? '10' : `X${i}`;
      const high = i % 2 === 1;
      customers.push(`${id},${high ? 200 + i : 10 + i},${high ? 30 : 2}`);
    }
    const events = [...EVENTS.split('\n'), 'NOBODY,2024-03-06T00:00:00Z,visit,web,,'].join('\n');
    const hh = await workspaceWith({ customers: customers.join('\n'), events });
    await hh.services.handlers['segment.run']({ jobId: 'seg1', params: { dataset: 'customers', features: ['spend', 'visits'], k: 2, name: 'two' } });
    return hh;
  }

  it('maps each journey to the segment of the customer row with the same id, after reassignments', async () => {
    const hh = await segmented();
    const labels = labelsOf(join(hh.dir, 'ws.cxw'), 'two');
    const r = load(hh, { ...SPEC, segmentation: 'two' });
    // Customer rows 1..4 hold C1, C2, C3, 10; the journey codes are C1, C2, C3, 10, NOBODY.
    expect(r.customerIds).toEqual(['C1', 'C2', 'C3', '10', 'NOBODY']);
    expect(Array.from(r.input.segmentOfCustomer!)).toEqual([labels[0], labels[1], labels[2], labels[3], -1]);
    expect(labels[0]).not.toBe(labels[1]);
    const cards = await hh.services.handlers['segment.get']({ segmentation: 'two' });
    expect(r.input.segmentNames).toEqual(cards.segments.map((s) => s.name));
    db!.close();
    db = null;
    // Move C1 (row 1) to the other segment: the join follows the analyst's move.
    await hh.services.handlers['segment.reassign']({ segmentation: 'two', row: 1, segment: 1 - labels[0] });
    const moved = load(hh, { ...SPEC, segmentation: 'two' });
    expect(moved.input.segmentOfCustomer![0]).toBe(1 - labels[0]);
  });

  it('says to mark an id column when the segmentation dataset has none, and refuses unknown segment indices', async () => {
    const hh = await segmented();
    expect(errorOf(() => load(hh, { ...SPEC, segmentation: 'two', filter: { segments: [0, 2] } })).message).toMatch(/has segments 0–1 .*there is no segment 2\./);
    db!.close();
    db = null;
    await hh.services.handlers['dataset.setColumn']({ dataset: 'customers', column: 'customer_id', role: 'feature' });
    const err = errorOf(() => load(hh, { ...SPEC, segmentation: 'two' }));
    expect(err.code).toBe('BAD_ARGUMENTS');
    expect(err.message).toMatch(/run on dataset "customers", which has no column with the role "id".*Mark the customer id column of "customers" as id/);
  });
});

describe('loadJourney: bad specs', () => {
  it('names the unknown column, the field it was given for, and the columns there are', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    const err = errorOf(() => load(hh, { ...SPEC, step: 'Step' }));
    expect(err.code).toBe('BAD_ARGUMENTS');
    expect(err.message).toBe('Dataset "events" has no column "Step" (given as the step column). Did you mean "step"? Columns: customer_id, ts, step, channel, sat, nps.');
  });

  it('refuses a time column that is not a date or datetime, and a text satisfaction column, saying what to do', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    const time = errorOf(() => load(hh, { ...SPEC, time: 'channel' }));
    expect(time.code).toBe('BAD_ARGUMENTS');
    expect(time.message).toMatch(/^Column "channel" of dataset "events" is text, not a date or datetime, so it cannot order the events\. Date\/datetime columns here: "ts"\. .*--type "channel=datetime"/);
    const sat = errorOf(() => load(hh, { ...SPEC, satisfaction: 'step' }));
    expect(sat.message).toMatch(/^Column "step" of dataset "events" is text, but the satisfaction column must hold a numeric rating/);
  });

  it('refuses filters and comparisons without what they need, and channels that do not occur', async () => {
    const hh = await workspaceWith({ events: EVENTS });
    expect(errorOf(() => load(hh, { ...SPEC, filter: { segments: [0] } })).message).toMatch(/segment filter needs a segmentation/);
    expect(errorOf(() => load(hh, { ...SPEC, compareBy: 'segment' })).message).toMatch(/Comparing by segment needs a segmentation/);
    const { channel: _c, ...noChannel } = SPEC;
    expect(errorOf(() => load(hh, { ...noChannel, compareBy: 'channel' })).message).toMatch(/Comparing by channel needs the channel column/);
    expect(errorOf(() => load(hh, { ...SPEC, filter: { channels: ['web', 'phone'] } })).message).toBe('Channel "phone" does not occur in column "channel". Its values: web, app, store.');
    expect(errorOf(() => load(hh, { ...SPEC, step: 'customer_id' })).message).toMatch(/"customer_id" is given for more than one of customer, time and step/);
  });
});
