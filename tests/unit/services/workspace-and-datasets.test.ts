// The services as every face calls them: create/open/save-as/recent, the activity log, dataset edits, and
// grid reads with sort and filters. Runs in-process (no built worker under vitest).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, Events } from '../../../shared/api';
import { createServices, type Services } from '../../../main/services/index';
import { MIGRATIONS } from '../../../main/workspace/migrations';

let dir: string;
let services: Services;
let events: { event: EventName; payload: Events[EventName] }[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxw-svc-'));
  events = [];
  services = createServices({ stateDir: join(dir, 'state'), emit: (event, payload) => events.push({ event, payload }), useWorkers: false });
});
afterEach(() => {
  services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const csv = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('workspace service', () => {
  it('creates a workspace (adding .cxw), refuses to overwrite one, and lists it as recent', async () => {
    const h = services.handlers;
    const info = await h['workspace.create']({ path: join(dir, 'client-a') });
    expect(info).toMatchObject({ path: join(dir, 'client-a.cxw'), name: 'client-a', datasets: 0, isDemo: false, schemaVersion: MIGRATIONS.length });
    await expect(Promise.resolve().then(() => h['workspace.create']({ path: join(dir, 'client-a.cxw') }))).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    const recent = await h['workspace.recent']({});
    expect(recent.map((r) => [r.name, r.exists])).toEqual([['client-a', true]]);
    expect(events.some((e) => e.event === 'workspace.changed' && (e.payload as Events['workspace.changed']).reason === 'created')).toBe(true);
  });

  it('save-as copies datasets and the pseudonymisation key, then works on the copy', async () => {
    const h = services.handlers;
    await h['workspace.create']({ path: join(dir, 'a.cxw') });
    await h['dataset.import']({ jobId: 'job_import1', path: csv('c.csv', 'email,spend\nana@example.com,10\nbo@example.org,20\n'), name: 'c' });
    const copy = await h['workspace.saveAs']({ path: join(dir, 'b.cxw') });
    expect(copy.path).toBe(join(dir, 'b.cxw'));
    expect(copy.datasets).toBe(1);
    expect(existsSync(join(dir, 'b.cxw.partial'))).toBe(false);
    // Same key: importing the same e-mail into the copy yields the same token as in the original.
    await h['dataset.import']({ jobId: 'job_import2', path: csv('d.csv', 'email,visits\nbo@example.org,3\n'), name: 'd' });
    const original = new Database(join(dir, 'a.cxw'), { readonly: true });
    const copied = new Database(join(dir, 'b.cxw'), { readonly: true });
    const token = (db: Database.Database, ds: string, row: number) =>
      db.prepare(`SELECT c0 FROM ${db.prepare('SELECT table_name FROM datasets WHERE name = ?').pluck().get(ds) as string} WHERE _row = ?`).pluck().get(row);
    expect(token(copied, 'd', 1)).toBe(token(original, 'c', 2));
    expect(String(token(original, 'c', 2))).toMatch(/^p_[0-9a-f]{16}$/);
    original.close();
    copied.close();
    await expect(h['workspace.saveAs']({ path: join(dir, 'a.cxw') })).rejects.toMatchObject({ code: 'NAME_TAKEN' });
  });

  it('keeps an activity log of imports and edits with their parameters, newest first', async () => {
    const h = services.handlers;
    await h['workspace.create']({ path: join(dir, 'log.cxw') });
    await h['dataset.import']({ jobId: 'job_import3', path: csv('p.csv', 'id,gender,score\n1,F,7\n2,M,9\n'), name: 'people' });
    await h['dataset.setColumn']({ dataset: 'people', column: 'score', role: 'nps' });
    await h['dataset.rename']({ dataset: 'people', name: 'survey' });
    const log = await h['workspace.activity']({});
    // key.create: the pseudonymisation key made for the new workspace and kept outside it (keys.ts).
    expect(log.map((e) => e.action)).toEqual(['dataset.rename', 'dataset.setColumn', 'dataset.import', 'key.create', 'workspace.create']);
    expect(log[1].params).toMatchObject({ dataset: 'people', column: 'score', to: { role: 'nps' } });
    expect(log[2].params).toMatchObject({ rows: 2 });
    const list = await h['dataset.list']({});
    expect(list.map((d) => d.name)).toEqual(['survey']);
    expect(list[0].columns.find((c) => c.name === 'score')?.role).toBe('nps');
  });

  it('delete removes the data table and metadata and is logged', async () => {
    const h = services.handlers;
    const ws = join(dir, 'del.cxw');
    await h['workspace.create']({ path: ws });
    await h['dataset.import']({ jobId: 'job_import4', path: csv('x.csv', 'a,b\n1,2\n'), name: 'x' });
    await h['dataset.delete']({ dataset: 'x' });
    const db = new Database(ws, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'ds_%'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM dataset_columns').pluck().get()).toBe(0);
    db.close();
    expect((await h['workspace.activity']({}))[0]).toMatchObject({ action: 'dataset.delete', params: { dataset: 'x', rows: 1 } });
  });
});

describe('grid reads', () => {
  beforeEach(async () => {
    await services.handlers['workspace.create']({ path: join(dir, 'grid.cxw') });
    const rows = ['id,city,spend,member'];
    const cities = ['Leeds', 'York', '100% Bath_', 'Hull'];
    for (let i = 1; i <= 40; i++) rows.push(`${i},${cities[i % 4]},${i % 5 === 0 ? '' : i * 1.5},${i % 2 ? 'Yes' : 'No'}`);
    await services.handlers['dataset.import']({ jobId: 'job_grid01', path: csv('g.csv', `${rows.join('\n')}\n`), name: 'g' });
  });

  it('pages in file order and reports the total', async () => {
    const page = await services.handlers['dataset.rows']({ dataset: 'g', offset: 10, limit: 3 });
    expect(page.columns).toEqual(['id', 'city', 'spend', 'member']);
    expect(page.rows.map((r) => r[0])).toEqual([11, 12, 13]);
    expect(page.total).toBe(40);
  });

  it('sorts with missing values last in both directions', async () => {
    const desc = await services.handlers['dataset.rows']({ dataset: 'g', offset: 0, limit: 40, sort: { column: 'spend', direction: 'desc' } });
    expect(desc.rows[0]).toEqual([39, 'Hull', 58.5, 1]); // 39 % 4 = 3 → Hull; 39 × 1.5 = 58.5
    expect(desc.rows.slice(-8).every((r) => r[2] === null)).toBe(true);
    const asc = await services.handlers['dataset.rows']({ dataset: 'g', offset: 0, limit: 1, sort: { column: 'spend', direction: 'asc' } });
    expect(asc.rows[0][2]).toBe(1.5);
  });

  it('filters by boolean label, by number and by text with LIKE wildcards taken literally', async () => {
    const h = services.handlers['dataset.rows'];
    expect((await h({ dataset: 'g', offset: 0, limit: 100, filters: [{ column: 'member', op: 'equals', value: 'Yes' }] })).total).toBe(20);
    expect((await h({ dataset: 'g', offset: 0, limit: 100, filters: [{ column: 'spend', op: 'gt', value: '30' }] })).total).toBe(16);
    expect((await h({ dataset: 'g', offset: 0, limit: 100, filters: [{ column: 'spend', op: 'isMissing' }] })).total).toBe(8);
    const literal = await h({ dataset: 'g', offset: 0, limit: 100, filters: [{ column: 'city', op: 'contains', value: '% Bath_' }] });
    expect(literal.total).toBe(10);
    expect((await h({ dataset: 'g', offset: 0, limit: 100, filters: [{ column: 'city', op: 'contains', value: '_' }] })).total).toBe(10);
  });

  it('an unknown column is a clear error naming the known ones', async () => {
    await expect(
      Promise.resolve().then(() => services.handlers['dataset.rows']({ dataset: 'g', offset: 0, limit: 1, sort: { column: 'nope', direction: 'asc' } })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Columns: id, city, spend, member') });
  });
});
