// Saved results on the demo workspace (built through the real import, seed 42): every kind of analysis is saved with
// its spec, inputs and app version, survives a reload (new services on the same file), re-runs to an identical
// result, and is renamed, duplicated and deleted with a sentence in the activity log. The changed-data case uses a
// 10-answer survey written here, whose NPS is counted by hand: answers 10,10,9,9,8,7,6,3,0,10 → 5 promoters,
// 3 detractors of 10 → NPS 20; re-imported with 9,9,9,9,9 added → 10 promoters, 3 detractors of 15 → NPS 46.67.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Args, HandlerName } from '../../../shared/api';
import type { RerunOutcome, ResultKind, SavedResultSummary } from '../../../shared/results';
import { createServices } from '../../../main/services/index';
import { MIGRATIONS, migrate } from '../../../main/workspace/migrations';
import { rmSync } from 'node:fs';
import { groupsCsv, harness, type Harness } from '../segment-service/helpers';

const CUSTOMERS = 'Demo customers';
const EVENTS = 'Demo journey events';
let h: Harness;
let demoPath: string;

/** One run per kind, each saved; the handler's own result kept to compare with what the store gives back. */
const runs: { kind: ResultKind; id: number; result: Record<string, unknown> }[] = [];

function strip(r: object): Record<string, unknown> {
  const { saved: _saved, ...rest } = r as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

async function run<K extends HandlerName>(kind: ResultKind, name: K, args: Args<K>) {
  const r = (await (h.services.handlers[name] as (a: Args<K>) => unknown)(args)) as { saved?: { id: number; kind: string } };
  expect(r.saved?.kind).toBe(kind);
  runs.push({ kind, id: r.saved!.id, result: strip(r) });
  return r;
}

beforeAll(async () => {
  h = await harness();
  demoPath = (await h.services.handlers['workspace.openDemo']({})).path;
  const save = {};
  await run('segmentation', 'segment.run', { jobId: 'job_seg_saved', params: { dataset: CUSTOMERS, features: ['age', 'monthly_spend', 'orders_12m'], k: 3 } });
  await run('journey', 'journey.analyze', { jobId: 'job_jny_saved', spec: { dataset: EVENTS, customer: 'customer_id', time: 'timestamp', step: 'step' }, save });
  await run('nps', 'nps.analyze', { jobId: 'job_nps_saved', spec: { dataset: CUSTOMERS, score: 'nps_score', by: 'region' }, save });
  await run('npsContext', 'nps.context', { jobId: 'job_ctx_saved', spec: { dataset: CUSTOMERS, score: 'nps_score', context: 'nps_context' }, save });
  await run('drivers', 'drivers.analyze', {
    jobId: 'job_drv_saved',
    spec: { dataset: CUSTOMERS, target: 'nps_score', drivers: ['satisfaction_delivery', 'satisfaction_price', 'satisfaction_support'], bootstrap: 40 },
    save,
  });
  await run('audit', 'audit.run', { jobId: 'job_aud_saved', spec: { dataset: CUSTOMERS, decision: 'offer_approved', protected: ['gender'], proxySegmentations: [] }, save });
  await run('cohorts', 'cohorts.run', { jobId: 'job_coh_saved', spec: { dataset: EVENTS, customer: 'customer_id', time: 'timestamp', by: 'channel' }, save });
  await run('drift', 'drift.run', { jobId: 'job_drift_saved', spec: { reference: 'Survey wave Q1 2025', current: 'Survey wave Q2 2025', nps: 'nps_score', mix: 'channel' }, save });
  await run('experiment', 'experiment.run', { jobId: 'job_exp_saved', spec: { dataset: 'Demo checkout experiment', arm: 'arm', outcome: 'converted', kind: 'binary', positive: 'Yes', by: 'device' }, save });
}, 240_000);

afterAll(() => h?.dispose());

describe('saved results', () => {
  it('keep every kind with its spec, dataset version and app version, and give the result back exactly', async () => {
    const list = await h.services.handlers['results.list']({});
    expect(list.map((r) => r.kind).sort()).toEqual(['audit', 'cohorts', 'drift', 'drivers', 'experiment', 'journey', 'nps', 'npsContext', 'segmentation']);
    const datasets = await h.services.handlers['dataset.list']({});
    for (const { kind, id, result } of runs) {
      const saved = await h.services.handlers['results.get']({ id });
      expect(saved.kind).toBe(kind);
      expect(saved.appVersion).toBe('0.2.0');
      const ds = datasets.find((d) => d.name === saved.dataset)!;
      expect(saved.inputs[0]).toEqual({ dataset: ds.name, version: ds.importedAt, rows: ds.rows });
      expect(saved.datasetVersion).toBe(ds.importedAt);
      expect(saved.headline.length).toBeGreaterThan(0);
      expect(strip(saved.result as object)).toEqual(result);
    }
    // Newest first.
    expect(list.map((r) => r.id)).toEqual([...list.map((r) => r.id)].sort((a, b) => b - a));
    expect((await h.services.handlers['results.list']({ kind: 'nps' })).map((r) => r.kind)).toEqual(['nps']);
  });

  it('survive a reload: new services on the same workspace list and open them', async () => {
    const again = createServices({ stateDir: `${h.dir}/state2`, workspacePath: demoPath, emit: () => undefined, useWorkers: false });
    try {
      const list = await again.handlers['results.list']({});
      expect(list).toHaveLength(runs.length);
      for (const { id, result } of runs) expect(strip((await again.handlers['results.get']({ id })).result as object)).toEqual(result);
    } finally {
      again.dispose();
    }
  });

  it('re-run every kind on unchanged data to an identical result, and say so', async () => {
    for (const { kind, id, result } of runs) {
      const r: RerunOutcome = await h.services.handlers['results.rerun']({ jobId: `job_rerun_${kind}`, id });
      expect(r.differences, kind).toEqual([]);
      expect(r.identical).toBe(true);
      expect(r.dataChanged).toBe(false);
      expect(r.message).toMatch(/^Re-ran the .+: identical\.$/);
      for (const hl of r.headline) expect(hl.after).toEqual(hl.before);
      if (kind !== 'segmentation') expect(strip(r.output as object)).toEqual(result);
    }
    // The segmentation re-run fits under a scratch name and removes it again.
    expect((await h.services.handlers['segment.list']({})).map((s) => s.name)).toEqual([`${CUSTOMERS} k=3`]);
    const log = await h.services.handlers['workspace.activity']({ limit: 50 });
    expect(log.filter((e) => e.action === 'results.rerun')).toHaveLength(runs.length);
    expect(log.some((e) => e.summary.includes('re-run check'))).toBe(false);
  });

  it('are renamed, duplicated and deleted, each in the activity log as a sentence; names stay unique', async () => {
    const nps = runs.find((r) => r.kind === 'nps')!;
    const renamed = await h.services.handlers['results.rename']({ id: nps.id, name: 'NPS by region, Q3' });
    expect(renamed.name).toBe('NPS by region, Q3');
    const seg = runs.find((r) => r.kind === 'segmentation')!;
    expect(() => h.services.handlers['results.rename']({ id: seg.id, name: 'NPS by region, Q3' })).toThrow(expect.objectContaining({ code: 'NAME_TAKEN' }));
    // A segmentation's result name is its name: renaming one renames the other.
    await h.services.handlers['results.rename']({ id: seg.id, name: 'Customer segments' });
    expect((await h.services.handlers['segment.get']({ segmentation: 'Customer segments' })).k).toBe(3);
    // Once a saved result names it, a segmentation keeps its name (a re-run of that result would not find it).
    const bySeg = await h.services.handlers['nps.analyze']({ jobId: 'job_nps_byseg', spec: { dataset: CUSTOMERS, score: 'nps_score', segmentation: 'Customer segments' }, save: {} });
    expect(() => h.services.handlers['results.rename']({ id: seg.id, name: 'Other name' })).toThrow(/Segmentation “Customer segments” keeps its name: saved result “NPS Demo customers by Customer segments” use it by name/);
    await h.services.handlers['results.delete']({ id: bySeg.saved!.id });

    const copy = await h.services.handlers['results.duplicate']({ id: nps.id });
    expect(copy.name).toBe('NPS by region, Q3 (copy)');
    expect(strip((await h.services.handlers['results.get']({ id: copy.id })).result as object)).toEqual(nps.result);
    const segCopy = await h.services.handlers['results.duplicate']({ id: seg.id, name: 'Segments copy' });
    const original = await h.services.handlers['segment.get']({ segmentation: 'Customer segments' });
    const copied = await h.services.handlers['segment.get']({ segmentation: 'Segments copy' });
    expect(copied.segments.map((s) => s.size)).toEqual(original.segments.map((s) => s.size));
    expect((await h.services.handlers['results.rerun']({ jobId: 'job_rerun_segcopy', id: segCopy.id })).identical).toBe(true);

    await h.services.handlers['results.delete']({ id: copy.id });
    await h.services.handlers['results.delete']({ id: segCopy.id });
    expect((await h.services.handlers['segment.list']({})).map((s) => s.name)).toEqual(['Customer segments']);
    expect(() => h.services.handlers['results.get']({ id: copy.id })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    const log = await h.services.handlers['workspace.activity']({ limit: 20 });
    const said = log.map((e) => e.summary);
    expect(said).toContain('Renamed the NPS “NPS Demo customers by region” to “NPS by region, Q3”.');
    expect(said).toContain('Duplicated the NPS “NPS by region, Q3” as “NPS by region, Q3 (copy)”.');
    expect(said.some((s) => s.startsWith('Deleted the NPS “NPS by region, Q3 (copy)” (NPS of “Demo customers” (score nps_score) by region).'))).toBe(true);
  });

  it('log every run as a sentence with its spec, never as a bare handler id', async () => {
    const log = await h.services.handlers['workspace.activity']({ limit: 200 });
    const audit = log.find((e) => e.action === 'audit.run')!;
    expect(audit.summary).toMatch(/^Audited the decision offer_approved in “Demo customers” for fairness by gender \(3,000 rows\): \d of \d checks failed\. Saved as “Audit offer_approved by gender”\.$/);
    expect(audit.params.spec).toEqual({ dataset: CUSTOMERS, decision: 'offer_approved', protected: ['gender'], proxySegmentations: [] });
    // A sentence: a capitalised past-tense verb first, a full stop last.
    for (const e of log) expect(e.summary).toMatch(/^(Created|Imported|Segmented|Mapped|Measured|Checked|Found|Audited|Re-ran|Renamed|Duplicated|Deleted|Saved|Seeded|Moved|Edited|Changed|Scored|Computed|Exported) .*\.$/s);
    const csv = await h.services.handlers['workspace.exportActivity']({ format: 'csv' });
    expect(csv.text.split('\r\n')[0]).toBe('id,at,what,summary,action,params');
    expect(csv.text).toContain(',Audit,"Audited the decision offer_approved');
    expect(csv.entries).toBe(log.length);
    const json = JSON.parse((await h.services.handlers['workspace.exportActivity']({ format: 'json' })).text) as { entries: { summary: string }[] };
    expect(json.entries.map((e) => e.summary)).toEqual([...log].reverse().map((e) => e.summary));
  });

  it('list segmentations made before saved results existed', async () => {
    const db = new Database(demoPath);
    db.prepare("DELETE FROM saved_results WHERE kind = 'segmentation'").run();
    db.close();
    const list: SavedResultSummary[] = await h.services.handlers['results.list']({ kind: 'segmentation' });
    expect(list.map((r) => r.name)).toEqual(['Customer segments']);
    expect(list[0].spec).toMatchObject({ dataset: CUSTOMERS, features: ['age', 'monthly_spend', 'orders_12m'], k: 3 });
  });
});

describe('re-running on changed data', () => {
  const before = 'id,score\n' + [10, 10, 9, 9, 8, 7, 6, 3, 0, 10].map((s, i) => `${i + 1},${s}`).join('\n') + '\n';
  const after = before + [9, 9, 9, 9, 9].map((s, i) => `${i + 11},${s}`).join('\n') + '\n';

  it('says which rows changed and the headline numbers before → after', async () => {
    await h.services.handlers['dataset.import']({ jobId: 'job_imp_small1', path: h.csv('survey.csv', before), name: 'Small survey' });
    const first = await h.services.handlers['nps.analyze']({ jobId: 'job_nps_small1', spec: { dataset: 'Small survey', score: 'score' }, save: { name: 'Small NPS' } });
    expect(first.overall.nps).toBeCloseTo(20, 10);
    await h.services.handlers['dataset.delete']({ dataset: 'Small survey' });
    await expect(h.services.handlers['results.rerun']({ jobId: 'job_rerun_gone', id: first.saved!.id })).rejects.toThrow(/“Small survey” is no longer in this workspace/);
    await h.services.handlers['dataset.import']({ jobId: 'job_imp_small2', path: h.csv('survey2.csv', after), name: 'Small survey' });
    const r = await h.services.handlers['results.rerun']({ jobId: 'job_rerun_small', id: first.saved!.id });
    expect(r.identical).toBe(false);
    expect(r.dataChanged).toBe(true);
    expect(r.inputs[0].before?.rows).toBe(10);
    expect(r.inputs[0].after?.rows).toBe(15);
    expect(r.headline[0].label).toBe('NPS');
    expect(r.headline[0].before).toBeCloseTo(20, 10);
    expect(r.headline[0].after).toBeCloseTo((100 * (10 - 3)) / 15, 10);
    expect(r.differences.find((d) => d.path === 'overall.n')).toEqual({ path: 'overall.n', before: 10, after: 15 });
    expect(r.message).toBe('Re-ran the NPS “Small NPS”: the data changed (“Small survey” 10 → 15 rows (re-imported)); NPS 20 → 46.67, Answers 10 → 15.');
    // The saved result is left as it was.
    expect((await h.services.handlers['results.get']({ id: first.saved!.id })).headline[0].value).toBeCloseTo(20, 10);
  });

  it('follows a renamed dataset: the saved spec reads it under its new name, and a re-run is identical', async () => {
    await h.services.handlers['dataset.import']({ jobId: 'job_imp_rename', path: h.csv('rename.csv', before), name: 'Panel A' });
    const first = await h.services.handlers['nps.analyze']({ jobId: 'job_nps_rename', spec: { dataset: 'Panel A', score: 'score' }, save: { name: 'Panel NPS' } });
    h.services.handlers['dataset.rename']({ dataset: 'Panel A', name: 'Panel B' });
    const saved = await h.services.handlers['results.get']({ id: first.saved!.id });
    expect(saved.spec).toEqual({ dataset: 'Panel B', score: 'score' });
    expect(saved.dataset).toBe('Panel B');
    const r = await h.services.handlers['results.rerun']({ jobId: 'job_rerun_rename', id: first.saved!.id });
    expect(r.identical).toBe(true);
    expect(r.dataChanged).toBe(false);
    const log = await h.services.handlers['workspace.activity']({ limit: 5 });
    expect(log.map((e) => e.summary)).toContain('Renamed dataset "Panel A" to "Panel B" (1 saved result now reads it under its new name).');
  });

  it('a run that supersedes a saved result replaces it (the Journeys view\'s automatic second run)', async () => {
    const spec = { dataset: EVENTS, customer: 'customer_id', time: 'timestamp', step: 'step' };
    const a = await h.services.handlers['journey.analyze']({ jobId: 'job_jny_rep1', spec, save: {} });
    const b = await h.services.handlers['journey.analyze']({ jobId: 'job_jny_rep2', spec: { ...spec, offFunnel: ['Support contact'] }, save: { replaces: a.saved!.id } });
    const ids = (await h.services.handlers['results.list']({ kind: 'journey' })).map((r) => r.id);
    expect(ids).toContain(b.saved!.id);
    expect(ids).not.toContain(a.saved!.id);
  });
});

describe('schema history', () => {
  it('a workspace written by this version is refused by the previous one, with a clear message', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const previous = MIGRATIONS.filter((m) => m.version < 5);
    expect(() => migrate(db, previous)).toThrow(/written by a newer CX Workbench \(schema version 5\)\. Update the app to open it\./);
    db.close();
  });

  it('a workspace from before saved results is migrated: its segmentation is listed and re-runs identical', async () => {
    const old = await harness();
    try {
      const path = `${old.dir}/ws.cxw`;
      const csv = groupsCsv(40).text;
      await old.services.handlers['dataset.import']({ jobId: 'job_imp_v4', path: old.csv('groups.csv', csv), name: 'groups' });
      await old.services.handlers['segment.run']({ jobId: 'job_seg_v4', params: { dataset: 'groups', features: ['spend', 'visits'], k: 4, name: 'Before v5' } });
      old.services.dispose();
      // Back to the schema before v5: no saved_results table, no record of migration 5.
      const raw = new Database(path);
      raw.exec('DROP TABLE saved_results; DELETE FROM schema_migrations WHERE version = 5;');
      raw.close();
      const again = createServices({ stateDir: `${old.dir}/state2`, workspacePath: path, emit: () => undefined, useWorkers: false });
      try {
        const list = await again.handlers['results.list']({});
        expect(list.map((r) => [r.name, r.kind])).toEqual([['Before v5', 'segmentation']]);
        expect(list[0].spec).toMatchObject({ dataset: 'groups', features: ['spend', 'visits'], k: 4 });
        const r = await again.handlers['results.rerun']({ jobId: 'job_rerun_v4', id: list[0].id });
        expect(r.identical).toBe(true);
      } finally {
        again.dispose();
      }
    } finally {
      rmSync(old.dir, { recursive: true, force: true });
    }
  });
});
