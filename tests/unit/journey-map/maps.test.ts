// journeyMap.* handlers on a real temporary workspace (in-process services): save → get identical, versions,
// stale saves and taken names refused, invariants beyond the schema, activity logged, delete, HTML export.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { JourneyMap } from '../../../shared/journeys';
import { createServices, type Services } from '../../../main/services/index';
import { handMap } from './fixture';

let dir: string;
let services: Services;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxw-map-'));
  services = createServices({ stateDir: join(dir, 'state'), emit: () => undefined, useWorkers: false });
  await services.handlers['workspace.create']({ path: join(dir, 'ws.cxw') });
});
afterEach(() => {
  services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const h = () => services.handlers;
/** Handlers may throw at once (synchronous) or reject; both are refusals. */
async function refused(call: () => unknown): Promise<AppError> {
  try {
    await call();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('journeyMap save / get / list', () => {
  it('round-trips a map, counts versions and logs every save', async () => {
    const saved = await h()['journeyMap.save']({ map: handMap() });
    expect(saved.version).toBe(1);
    expect(Date.parse(saved.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(saved).toEqual({ ...handMap(), version: 1, updatedAt: saved.updatedAt });
    expect(await h()['journeyMap.get']({ name: 'Checkout workshop' })).toEqual(saved);

    const edited: JourneyMap = { ...saved, cards: [...saved.cards, { id: 'c5', lane: 'opportunities', stageId: 's2', text: 'Explain declines', evidence: 'assumed' }] };
    const second = await h()['journeyMap.save']({ map: edited });
    expect(second.version).toBe(2);
    expect((await h()['journeyMap.get']({ name: 'Checkout workshop' })).cards.map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(await h()['journeyMap.list']({})).toEqual([{ name: 'Checkout workshop', stages: 2, cards: 5, updatedAt: second.updatedAt }]);

    const log = (await h()['workspace.activity']({})).filter((e) => e.action === 'journeyMap.save');
    expect(log.map((e) => e.summary)).toEqual([
      'Saved journey map "Checkout workshop" as version 2: 2 stages, 5 cards (2 measured, 3 assumed) (was 2 stages, 4 cards).',
      'Saved journey map "Checkout workshop" as version 1: 2 stages, 4 cards (2 measured, 2 assumed).',
    ]);
    expect(log[0].params).toMatchObject({ name: 'Checkout workshop', version: 2, stages: 2, cards: 5, measured: 2, assumed: 3, before: { cards: 4 } });
  });

  it('refuses a stale version without writing, and says someone else saved in between', async () => {
    const v1 = await h()['journeyMap.save']({ map: handMap() });
    await h()['journeyMap.save']({ map: { ...v1, stages: [...v1.stages, { id: 's3', name: 'Theirs' }] } });
    const err = await refused(() => h()['journeyMap.save']({ map: { ...v1, stages: [...v1.stages, { id: 's3', name: 'Mine' }] } }));
    expect(err.code).toBe('BAD_ARGUMENTS');
    expect(err.message).toMatch(/Someone else saved "Checkout workshop" in between: the workspace holds version 2, these edits started from version 1/);
    expect(err.details).toMatchObject({ reason: 'STALE_VERSION', storedVersion: 2, version: 1 });
    const stored = await h()['journeyMap.get']({ name: 'Checkout workshop' });
    expect(stored.version).toBe(2);
    expect(stored.stages.map((s) => s.name)).toEqual(['Discover', 'Buy', 'Theirs']);
  });

  it('refuses a new map under a taken name, and a save of a map deleted meanwhile', async () => {
    await h()['journeyMap.save']({ map: handMap() });
    const taken = await refused(() => h()['journeyMap.save']({ map: handMap() }));
    expect(taken.code).toBe('NAME_TAKEN');
    expect(taken.message).toMatch(/already exists/);
    const gone = await refused(() => h()['journeyMap.save']({ map: { ...handMap('Never saved'), version: 3 } }));
    expect(gone.code).toBe('NOT_FOUND');
    expect(await h()['journeyMap.list']({})).toHaveLength(1);
  });

  it('refuses maps that break the invariants the schema cannot express', async () => {
    const base = handMap();
    const cases: [JourneyMap, RegExp][] = [
      [{ ...base, cards: [...base.cards, { id: 'c9', lane: 'kpis', stageId: 's7', text: 'x', evidence: 'assumed' }] }, /card "c9" sits on stage "s7", which the map does not have/],
      [{ ...base, cards: [...base.cards, { ...base.cards[0] }] }, /two cards share the id "c1"/],
      [{ ...base, stages: [...base.stages, { id: 's1', name: 'Again' }] }, /two stages share the id "s1"/],
      [{ ...base, cards: [{ id: 'c1', lane: 'kpis', stageId: 's1', text: '42%', evidence: 'measured' }] }, /card "c1" is marked measured but has no n/],
      [{ ...base, emotionScale: [5, 1] }, /emotion scale \[5, 1\]/],
      [{ ...base, persona: { name: 'p', note: '', segment: 1 } }, /names a segment but no segmentation/],
    ];
    for (const [map, message] of cases) {
      const err = await refused(() => h()['journeyMap.save']({ map }));
      expect(err.code).toBe('BAD_ARGUMENTS');
      expect(err.message).toMatch(message);
    }
    expect(await h()['journeyMap.list']({})).toEqual([]);
    expect((await h()['workspace.activity']({})).filter((e) => e.action.startsWith('journeyMap'))).toEqual([]);
  });

  it('the contract schema refuses unknown lanes and fields before the service sees them', () => {
    const map = { ...handMap(), cards: [{ id: 'c1', lane: 'feelings', stageId: 's1', text: 'x', evidence: 'assumed' }] };
    expect(() => parseArgs('journeyMap.save', { map })).toThrow(/lane/);
    expect(() => parseArgs('journeyMap.save', { map: { ...handMap(), colour: 'red' } })).toThrow();
  });

  it('stores one row per map with the document and its version in columns', async () => {
    const saved = await h()['journeyMap.save']({ map: handMap() });
    await h()['journeyMap.save']({ map: saved });
    const db = new Database(join(dir, 'ws.cxw'), { readonly: true });
    try {
      const rows = db.prepare('SELECT name, version, doc, created_at, updated_at FROM journey_maps').all() as { name: string; version: number; doc: string; created_at: string; updated_at: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ name: 'Checkout workshop', version: 2, created_at: saved.updatedAt });
      expect(JSON.parse(rows[0].doc)).toMatchObject({ version: 2, updatedAt: rows[0].updated_at });
    } finally {
      db.close();
    }
  });
});

describe('journeyMap delete and export', () => {
  it('deletes with a log entry; an unknown name is NOT_FOUND', async () => {
    await h()['journeyMap.save']({ map: handMap() });
    expect(await h()['journeyMap.delete']({ name: 'Checkout workshop' })).toEqual({ deleted: 'Checkout workshop' });
    expect(await h()['journeyMap.list']({})).toEqual([]);
    expect((await h()['workspace.activity']({}))[0]).toMatchObject({
      action: 'journeyMap.delete',
      summary: 'Deleted journey map "Checkout workshop" (version 1: 2 stages, 4 cards).',
    });
    expect((await refused(() => h()['journeyMap.delete']({ name: 'Checkout workshop' }))).code).toBe('NOT_FOUND');
    expect((await refused(() => h()['journeyMap.get']({ name: 'Checkout workshop' }))).code).toBe('NOT_FOUND');
  });

  it('exports the stored map as a named HTML file', async () => {
    await h()['journeyMap.save']({ map: handMap('Q3 / checkout: draft') });
    const out = await h()['journeyMap.exportHtml']({ name: 'Q3 / checkout: draft' });
    expect(out.fileName).toBe('Q3 _ checkout_ draft journey map.html');
    expect(out.html).toContain('<h1>Q3 / checkout: draft</h1>');
    expect(out.html).toContain('Card declined\nno reason given');
  });
});

describe('journeyMap.seed', () => {
  it('refuses a taken name before running the analytics', async () => {
    await h()['journeyMap.save']({ map: handMap() });
    const err = await refused(() => h()['journeyMap.seed']({ jobId: 'job_seed_1', name: 'Checkout workshop', spec: { dataset: 'nope', customer: 'a', time: 'b', step: 'c' } }));
    expect(err.code).toBe('NAME_TAKEN');
  });
});

describe('journeyMap.seed on an imported event log', () => {
  // Four journeys: A, B and D reach Buy (after 30, 60 and 10 minutes), only D reviews (a day after buying).
  const EVENTS = [
    'customer_id,ts,step,channel,csat',
    'A,2025-01-01T10:00:00Z,Visit,web,',
    'A,2025-01-01T10:30:00Z,Buy,web,4',
    'B,2025-01-01T10:00:00Z,Visit,app,',
    'B,2025-01-01T11:00:00Z,Buy,app,2',
    'C,2025-01-01T10:00:00Z,Visit,web,',
    'D,2025-01-01T10:00:00Z,Visit,web,',
    'D,2025-01-01T10:10:00Z,Buy,web,',
    'D,2025-01-02T10:10:00Z,Review,web,5',
  ].join('\n');

  it('runs the analytics job, saves version 1 with measured cards and logs the seeding', async () => {
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, `${EVENTS}\n`);
    await h()['dataset.import']({ jobId: 'job_imp_events', path: csv, name: 'events' });
    const spec = { dataset: 'events', customer: 'customer_id', time: 'ts', step: 'step', channel: 'channel', satisfaction: 'csat' };
    const map = await h()['journeyMap.seed']({ jobId: 'job_seed_2', name: 'Seeded', spec });
    expect(map.version).toBe(1);
    expect(await h()['journeyMap.get']({ name: 'Seeded' })).toEqual(map);
    expect(map.stages).toEqual([
      { id: 's1', name: 'Visit' },
      { id: 's2', name: 'Buy' },
      { id: 's3', name: 'Review' },
    ]);
    expect(map.emotionScale).toEqual([2, 5]);
    expect(map.seededFrom).toEqual(spec);
    const card = (lane: string, stageId: string) => map.cards.filter((c) => c.lane === lane && c.stageId === stageId).map((c) => ({ text: c.text, n: c.n }));
    expect(card('touchpoints', 's1')).toEqual([{ text: 'Visit: 4 journeys (100% of all)', n: 4 }]);
    expect(card('touchpoints', 's2')).toEqual([{ text: 'Buy: 3 journeys (75% of all)', n: 3 }]);
    expect(card('kpis', 's1')).toEqual([
      { text: '4 journeys enter the funnel here', n: 4 },
      // median of 30, 60 and 10 minutes
      { text: 'Median time to Buy: 30 min', n: 3 },
    ]);
    expect(card('kpis', 's2')).toEqual([
      { text: '3 journeys reach this stage in order (75% of entrants); 25% drop off after Visit', n: 4 },
      { text: 'Median time to Review: 24 h', n: 1 },
    ]);
    expect(card('kpis', 's3')).toEqual([{ text: '1 journey reaches this stage in order (25% of entrants); 66.7% drop off after Buy', n: 3 }]);
    expect(card('channels', 's1')).toEqual([{ text: 'web 75% · app 25%', n: 4 }]);
    expect(card('channels', 's2')).toEqual([{ text: 'web 66.7% · app 33.3%', n: 3 }]);
    // Ratings 4 and 2 at Buy (D's purchase has none): mean 3 on the observed 2–5 scale.
    const buy = map.cards.find((c) => c.lane === 'emotions' && c.stageId === 's2')!;
    expect(buy).toMatchObject({ value: 3, n: 2, evidence: 'measured' });
    expect(buy.text).toMatch(/^Satisfaction 3 on 2–5 /);
    expect(card('emotions', 's1')).toEqual([]);
    // Pain point at Buy: 25% drop-off × (1 − (3 − 2) / 3) > 0; Review's 5 of 5 scores 0 and is left out.
    expect(map.cards.filter((c) => c.lane === 'painPoints').map((c) => [c.stageId, c.n])).toEqual([['s2', 4]]);
    expect(map.cards.every((c) => c.evidence === 'measured' && c.n !== undefined)).toBe(true);
    expect(map.cards).toHaveLength(14);
    const log = await h()['workspace.activity']({});
    expect(log[0]).toMatchObject({ action: 'journeyMap.seed', summary: 'Seeded journey map "Seeded" from "events" (4 journeys): 3 stages, 14 measured cards.' });
    expect(log[0].params).toMatchObject({ spec, journeys: 4, events: 8, version: 1 });
  });
});
