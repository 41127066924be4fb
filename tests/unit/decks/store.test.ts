// The deck store (migration 7) and the deck.* handlers that only move documents: versioned saves with the
// journey map's stale-save guard, name rules (unique, clear refusal), rename / duplicate / delete, a JSON round trip
// of every block type, validation of what deck.save receives, and one activity-log sentence per change. Fixtures are
// hand-written slides; every expected value is the fixture's own.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deck, Slide } from '../../../shared/decks';
import { MIGRATIONS, migrate } from '../../../main/workspace/migrations';
import { harness, type Harness } from '../segment-service/helpers';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h?.dispose());

type H = Harness['services']['handlers'];
/** Handlers may throw synchronously; through an async function every refusal is a rejection. */
const call = async <K extends keyof H>(name: K, args: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> =>
  (await (h.services.handlers[name] as (a: typeof args) => unknown)(args)) as Awaited<ReturnType<H[K]>>;

/** One slide with every block type, figures with bases and a partition table, as a builder would make it. */
const RICH: Slide = {
  id: 'slide_rich_01',
  kind: 'nps.byGroup',
  title: 'NPS by region',
  headline: 'North leads: NPS +31.0 (n = 120).',
  notes: 'Speaker notes\nwith a line break and “quotes”.',
  source: { resultId: 3, resultName: 'NPS by region', resultKind: 'nps', dataset: 'customers', base: 200, snapshotAt: '2026-01-02T03:04:05.000Z' },
  layout: 'single',
  body: [
    { type: 'figures', items: [{ label: 'NPS', figure: { value: 23.4, format: 'nps', base: 200, digits: 1, ci: [15.2, 31.1] }, note: 'all answers' }] },
    {
      type: 'table',
      columns: [
        { key: 'group', label: 'Region' },
        { key: 'n', label: 'Answers', align: 'right' },
      ],
      rows: [
        { group: 'North', n: { value: 120, format: 'count', base: 120 } },
        { group: 'South', n: { value: 80, format: 'count', base: 80 } },
      ],
      partition: true,
      total: { group: 'All', n: { value: 200, format: 'count', base: 200 } },
    },
    { type: 'crosstab', rowTitle: 'From', columnTitle: 'To', rowKeys: ['A'], columnKeys: ['B', 'C'], counts: [[{ value: 3, format: 'count', base: 3 }, { value: null, format: 'count' }]] },
    { type: 'chart', title: 'Bars', chart: { kind: 'bar', orientation: 'horizontal', categories: ['North'], series: [{ name: 'NPS', values: [{ value: 31, format: 'nps', base: 120 }] }], valueAxis: 'NPS', reference: { value: 23.4, label: 'all' }, partition: true }, summary: 's' },
    { type: 'cards', cards: [{ title: 'Seg 1', figure: { value: 50, format: 'count', base: 50 }, lines: ['Higher spend'], tone: 'positive' }], partition: true },
    { type: 'text', paragraphs: ['p'], bullets: ['b'] },
  ],
};

const text = (id: string, title = 'Section'): Slide => ({ id, kind: 'section', title, headline: '', notes: '', source: null, body: [{ type: 'text', paragraphs: [title] }] });

describe('deck store', () => {
  it('creates an empty deck at version 1 and refuses a second deck of the same name', async () => {
    const d = await call('deck.create', { name: 'Workshop' });
    expect(d).toMatchObject({ name: 'Workshop', slides: [], version: 1 });
    expect(d.createdAt).toBe(d.updatedAt);
    await expect(call('deck.create', { name: 'Workshop' })).rejects.toMatchObject({ code: 'NAME_TAKEN', message: 'A deck named “Workshop” already exists. Choose another name, or rename or delete that one first.' });
  });

  it('saves whole documents: each save is version + 1, the slides come back exactly (JSON round trip of every block)', async () => {
    const d = (await call('deck.get', { name: 'Workshop' })) as Deck;
    const saved = await call('deck.save', { deck: { name: 'Workshop', slides: [RICH, text('sec_0001')], version: d.version } });
    expect(saved.version).toBe(2);
    const again = await call('deck.get', { name: 'Workshop' });
    expect(again.slides).toEqual([RICH, text('sec_0001')]);
    expect(again.version).toBe(2);
    expect(again.createdAt).toBe(d.createdAt);
    expect(await call('deck.list', {})).toEqual([{ name: 'Workshop', slides: 2, version: 2, updatedAt: again.updatedAt }]);
  });

  it('refuses a stale save with a clear message and changes nothing', async () => {
    await expect(call('deck.save', { deck: { name: 'Workshop', slides: [], version: 1 } })).rejects.toMatchObject({
      code: 'BAD_ARGUMENTS',
      message:
        'Someone else saved “Workshop” in between: the workspace holds version 2, these edits started from version 1. Reload the deck to see their changes, or save yours under a new name.',
      details: { reason: 'STALE_VERSION', storedVersion: 2, version: 1 },
    });
    expect((await call('deck.get', { name: 'Workshop' })).slides).toHaveLength(2);
  });

  it('refuses a version-0 save over an existing deck, a save of a deck that is gone, duplicate slide ids and malformed slides', async () => {
    await expect(call('deck.save', { deck: { name: 'Workshop', slides: [], version: 0 } })).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await expect(call('deck.save', { deck: { name: 'Gone', slides: [], version: 3 } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'The deck “Gone” was deleted or renamed since it was opened. Save your copy under a new name.' });
    await expect(call('deck.save', { deck: { name: 'Dupes', slides: [text('same_id'), text('same_id')], version: 0 } })).rejects.toMatchObject({
      message: 'Deck “Dupes”: two slides share the id “same_id”; slide ids must be unique.',
    });
    const bad = { ...text('bad_0001'), kind: 'no kind!' };
    await expect(call('deck.save', { deck: { name: 'Bad', slides: [bad], version: 0 } })).rejects.toMatchObject({ code: 'BAD_ARGUMENTS', message: 'The deck cannot be saved: slides.0.kind: unknown slide kind.' });
    expect((await call('deck.list', {})).map((d) => d.name)).toEqual(['Workshop']);
  });

  it('renames, duplicates (a free name made when none is given) and deletes, refusing taken names', async () => {
    await call('deck.create', { name: 'Other' });
    await expect(call('deck.rename', { name: 'Workshop', to: 'Other' })).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    expect(await call('deck.rename', { name: 'Workshop', to: 'Q3 workshop' })).toMatchObject({ name: 'Q3 workshop', slides: 2, version: 2 });
    await expect(call('deck.get', { name: 'Workshop' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('deck.duplicate', { name: 'Q3 workshop' })).toMatchObject({ name: 'Q3 workshop (copy)', slides: 2, version: 1 });
    expect(await call('deck.duplicate', { name: 'Q3 workshop' })).toMatchObject({ name: 'Q3 workshop (copy) (2)' });
    await expect(call('deck.duplicate', { name: 'Q3 workshop', to: 'Other' })).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    expect((await call('deck.get', { name: 'Q3 workshop (copy)' })).slides).toEqual((await call('deck.get', { name: 'Q3 workshop' })).slides);
    expect(await call('deck.delete', { name: 'Other' })).toEqual({ deleted: 'Other' });
    await expect(call('deck.delete', { name: 'Other' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes one sentence per change in the activity log', async () => {
    const d = await call('deck.get', { name: 'Q3 workshop' });
    // Reorder, edit one, add one, remove none.
    const edited = { ...RICH, headline: 'Edited.' };
    await call('deck.save', { deck: { ...d, slides: [text('sec_0001'), edited, text('sec_0002', 'New')] } });
    const log = (await call('workspace.activity', { limit: 20 })).filter((e) => e.action.startsWith('deck.')).map((e) => e.summary);
    expect(log).toEqual([
      'Saved the deck “Q3 workshop” as version 3: 3 slides; added 1, edited 1, reordered.',
      'Deleted the deck “Other” (0 slides, version 1).',
      'Duplicated the deck “Q3 workshop” as “Q3 workshop (copy) (2)” (2 slides).',
      'Duplicated the deck “Q3 workshop” as “Q3 workshop (copy)” (2 slides).',
      'Renamed the deck “Workshop” to “Q3 workshop”.',
      'Created the deck “Other”.',
      'Saved the deck “Workshop” as version 2: 2 slides; added 2.',
      'Created the deck “Workshop”.',
    ]);
  });
});

describe('schema version 7', () => {
  it('adds the decks table; a workspace written by this version is refused by the previous one', () => {
    const db = new Database(':memory:');
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 7))).toBe(7);
    const cols = (db.prepare("SELECT name FROM pragma_table_info('decks')").all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'name', 'version', 'slides', 'created_at', 'updated_at']);
    expect(() => migrate(db, MIGRATIONS.filter((m) => m.version < 7))).toThrow(/written by a newer CX Workbench \(schema version 7\)\. Update the app to open it\./);
    db.close();
  });
});
