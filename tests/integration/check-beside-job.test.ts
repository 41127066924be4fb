// `cxw drift` and `cxw cohorts` run the workspace's integrity check beside their job instead of before it
// (main/services/deferred-check.ts). What must still hold, through the built CLI:
// - a workspace whose structure is damaged is refused with WORKSPACE_CORRUPT ("failed its integrity check"), exit 1,
//   and nothing is written into it: the file's bytes are the same afterwards (no activity entry, no column-cache
//   entry, although the drift job decodes text columns it would otherwise keep) — the damage is one leaf page of a
//   dataset table whose page-type byte is overwritten (quick_check: "invalid page type"), found with dbstat;
// - on an intact workspace every run gives the same result — the first reading whole waves, the next comparing the
//   cached columns pair by pair (column-pairs.ts), NPS and mix included — and each run is logged once.
import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftResult } from '../../shared/monitor-drift';
import { generateWaveCsvs } from '../../main/workspace/monitor/drift/demo-waves';
import { BUILT, cxw, NOT_BUILT_MESSAGE } from '../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe.skipIf(!BUILT)('the integrity check beside the job', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });
  const drift = () => ['drift', '--workspace', ws, '--reference', 'q1', '--current', 'q2'];
  const activityCount = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM activity').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-check-beside-'));
    ws = join(dir, 'w.cxw');
    const [q1, q2] = generateWaveCsvs();
    writeFileSync(join(dir, 'q1.csv'), q1);
    writeFileSync(join(dir, 'q2.csv'), q2);
    for (const name of ['q1', 'q2']) expect(cxw(['import', join(dir, `${name}.csv`), '--workspace', ws, '--name', name], env()).status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an intact workspace: the same result on every run, whole waves or pair by pair from the cache, each run logged once', () => {
    const before = activityCount(ws);
    const withNps = [...drift(), '--nps', 'nps_score', '--mix', 'channel'];
    // The import cached the waves' text columns as codes; with those entries deleted, the first run reads whole waves
    // and keeps them again; the second compares the columns pair by pair from the cache on two threads
    // (main/workspace/monitor/drift/column-pairs.ts).
    const db = new Database(ws);
    expect(db.prepare("DELETE FROM column_cache WHERE kind = 'codes'").run().changes).toBeGreaterThan(0);
    db.close();
    const first = cxw([...withNps, '--json'], { ...env(), CXW_TIMINGS: '1' });
    const second = cxw([...withNps, '--json'], { ...env(), CXW_TIMINGS: '1' });
    expect(first.stderr).toContain('reference wave (this thread)');
    expect(second.stderr).toContain('columns compared on this thread (cached)');
    const a = JSON.parse(first.stdout) as DriftResult;
    const b = JSON.parse(second.stdout) as DriftResult;
    expect(b.columns).toEqual(a.columns);
    expect(b.skipped).toEqual(a.skipped);
    expect(b.nps).toEqual(a.nps);
    expect(a.drifted).toBeGreaterThan(0);
    expect(a.nps?.mixAdjustedChange).not.toBeNull();
    expect(activityCount(ws)).toBe(before + 2);
  }, 120_000);

  it('a cached column damaged after the check: the pair-by-pair run falls back to whole waves, same result, damage reported', () => {
    const good = JSON.parse(cxw([...drift(), '--json'], env()).stdout) as DriftResult;
    // Zero the bytes of one cached text column of each wave (its CRC no longer matches; the entry still looks cached).
    const db = new Database(ws);
    const zeroed = db
      .prepare("UPDATE column_cache SET data = zeroblob(length(data)) WHERE kind = 'codes' AND position = (SELECT MIN(position) FROM column_cache WHERE kind = 'codes' AND position >= 0)")
      .run().changes;
    db.close();
    expect(zeroed).toBe(2);
    const run = cxw([...drift(), '--json'], { ...env(), CXW_TIMINGS: '1' });
    expect(run.status, run.stderr).toBe(0);
    const again = JSON.parse(run.stdout) as DriftResult;
    expect(again.columns).toEqual(good.columns);
    expect(again.skipped).toEqual(good.skipped);
    // Both waves' entries failed their check, whichever thread met them; the run says so (and logs it).
    for (const wave of ['q1', 'q2']) expect(again.warnings.join('\n')).toContain(`The column cache of dataset "${wave}" failed its check`);
    const db2 = new Database(ws, { readonly: true });
    const logged = db2.prepare("SELECT COUNT(*) FROM activity WHERE action = 'workspace.cacheRebuilt'").pluck().get() as number;
    db2.close();
    expect(logged).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('a damaged workspace is refused, and not one byte of it changes', () => {
    const bad = join(dir, 'bad.cxw');
    writeFileSync(bad, readFileSync(ws));
    // A leaf page of the first wave's table, from SQLite's own page map.
    const probe = new Database(bad, { readonly: true });
    const table = probe.prepare("SELECT table_name FROM datasets WHERE name = 'q1'").pluck().get() as string;
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const leaves = probe.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[];
    probe.close();
    expect(leaves.length).toBeGreaterThan(2);
    const page = leaves[Math.floor(leaves.length / 2)];
    const fd = openSync(bad, 'r+');
    writeSync(fd, Buffer.from([0x07]), 0, 1, (page - 1) * pageSize); // 7 is no b-tree page type
    closeSync(fd);
    const hash = sha(bad);

    const run = cxw(['drift', '--workspace', bad, '--reference', 'q1', '--current', 'q2'], env());
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('failed its integrity check');
    expect(sha(bad)).toBe(hash);

    const cohorts = cxw(['cohorts', '--workspace', bad, '--dataset', 'q1', '--customer', 'response_id', '--time', 'survey_date'], env());
    expect(cohorts.status).toBe(1);
    expect(cohorts.stderr).toContain('failed its integrity check');
    expect(sha(bad)).toBe(hash);
  }, 120_000);
});
