// Bad-input corpus (issue 12 "clear errors"): the workspace's write-ahead log (-wal) deleted or replaced by another
// program while this host has the workspace open. Before: the host went on writing into the unlinked log (lost for
// good if the host then crashed) and jobs failed with "disk I/O error" (WORKSPACE_CORRUPT). Now:
// - every call after the loss is refused with WORKSPACE_LOG_LOST naming the -wal file, saying nothing was
//   written and to close and reopen the workspace — before a job opens a connection (a new connection next to a
//   foreign -wal could mix two logs);
// - reopening recovers every committed change: the host's connection still holds the deleted log open, so it
//   checkpoints it into the workspace file before closing; a replacing file is moved aside, not destroyed;
// - after every call that wrote, the host checkpoints, so the workspace file alone (no -wal) already holds the
//   committed work: a log deleted and a host killed afterwards lose nothing.
// Expected values are the file's own rows (3 customers, written below) and the names set by the calls.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services/index';
import { openWorkspaceDb } from '../../../main/workspace/db';
import { errorOf } from '../import/helpers';

let dir: string;
let ws: string;
let services: Services;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxw-wal-'));
  ws = join(dir, 'team.cxw');
  services = createServices({ stateDir: join(dir, 'state'), emit: () => undefined, useWorkers: false });
  await services.handlers['workspace.create']({ path: ws });
  writeFileSync(join(dir, 'c.csv'), 'id,spend\n1,10\n2,20\n3,30\n');
  await services.handlers['dataset.import']({ jobId: 'job_imp', path: join(dir, 'c.csv'), name: 'customers' });
  await services.handlers['dataset.rename']({ dataset: 'customers', name: 'clients' });
});
afterEach(() => {
  services.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = <T>(fn: () => T | Promise<T>) => Promise.resolve().then(fn);

/** What the workspace file holds on its own, as after a crash that lost the -wal: a copy without it. */
function fileAlone(): { datasets: string[]; rows: number } {
  const copy = join(dir, 'alone.cxw');
  copyFileSync(ws, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const datasets = db.prepare('SELECT name FROM datasets ORDER BY id').pluck().all() as string[];
    const table = db.prepare('SELECT table_name FROM datasets ORDER BY id').pluck().get() as string | undefined;
    const rows = table ? (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number) : 0;
    return { datasets, rows };
  } finally {
    db.close();
    rmSync(copy, { force: true });
  }
}

async function expectLogLost(p: Promise<unknown>): Promise<void> {
  const err = (await p.then(() => null, (e: unknown) => e)) as { code?: string; message?: string } | null;
  expect(err?.code).toBe('WORKSPACE_LOG_LOST');
  expect(err?.message).toContain(`${ws}-wal`);
  expect(err?.message).toMatch(/deleted or replaced by another program/);
  expect(err?.message).toMatch(/[Nn]othing was written/);
  expect(err?.message).toMatch(/[Cc]lose and reopen the workspace/);
}

describe('the -wal deleted under a running host', () => {
  it('after each write the workspace file alone holds the committed work (checkpointed)', () => {
    expect(fileAlone()).toEqual({ datasets: ['clients'], rows: 3 });
  });

  it('every later call is refused clearly, no job opens the workspace, and reopening loses nothing', async () => {
    const h = services.handlers;
    // A commit only in the log (another connection, closed without a checkpoint since the host's stays open):
    // the deleted log is its only copy, so reopening must secure it from there.
    const other = new Database(ws);
    other.prepare("UPDATE datasets SET name = 'only-in-log'").run();
    other.close();
    expect(fileAlone().datasets).toEqual(['clients']);
    rmSync(`${ws}-wal`);
    await expectLogLost(call(() => h['dataset.list']({})));
    await expectLogLost(call(() => h['dataset.rename']({ dataset: 'clients', name: 'x' })));
    await expectLogLost(call(() => h['dataset.import']({ jobId: 'job_imp2', path: join(dir, 'c.csv'), name: 'again' })));
    expect(existsSync(`${ws}-wal`)).toBe(false); // no job opened a connection (which would have made a new log)
    // Another process (a cxw command) opening it meanwhile: not "disk I/O error" / WORKSPACE_CORRUPT.
    const cli = errorOf(() => openWorkspaceDb(ws, { skipIntegrityCheck: true }));
    expect(cli.code).toBe('WORKSPACE_LOG_LOST');
    expect(cli.message).toContain(`${ws}-wal was deleted by another program`);

    const info = await h['workspace.open']({ path: ws });
    expect(info.datasets).toBe(1);
    expect((await h['dataset.list']({})).map((d) => [d.name, d.rows])).toEqual([['only-in-log', 3]]);
    expect(fileAlone().datasets).toEqual(['only-in-log']);
    await h['dataset.rename']({ dataset: 'only-in-log', name: 'after' }); // writes work again
    const log = await h['workspace.activity']({});
    expect(log.map((e) => e.action).slice(0, 3)).toEqual(['dataset.rename', 'workspace.reopen', 'dataset.rename']);
    expect(log[1].summary).toMatch(/write-ahead log .*-wal was deleted or replaced by another program; reopened after copying the log .* nothing committed was lost/);
    expect(fileAlone()).toEqual({ datasets: ['after'], rows: 3 });
  });

  it('a replaced -wal is detected, and reopening moves the stranger aside instead of deleting it', async () => {
    const h = services.handlers;
    rmSync(`${ws}-wal`);
    writeFileSync(`${ws}-wal`, 'not ours');
    await expectLogLost(call(() => h['workspace.info']({})));
    await h['workspace.open']({ path: ws });
    const aside = readdirSync(dir).filter((f) => f.startsWith('team.cxw-wal.replaced-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]), 'utf8')).toBe('not ours');
    expect((await h['dataset.list']({})).map((d) => d.name)).toEqual(['clients']);
    const db = new Database(ws, { readonly: true });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a log deleted after a crash (no connection left) is not mistaken for a live loss: the file opens', async () => {
    services.dispose();
    // A process that commits into the log and is killed before any checkpoint leaves -wal and -shm behind.
    const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(ws)}); db.pragma('wal_autocheckpoint = 0');
      db.prepare("UPDATE datasets SET name = 'lost-in-crash'").run(); process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: join(import.meta.dirname, '..', '..', '..'), encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(existsSync(`${ws}-shm`)).toBe(true);
    expect(statSync(`${ws}-wal`).size).toBeGreaterThan(32); // the rename's frames
    rmSync(`${ws}-wal`);
    const db = openWorkspaceDb(ws);
    try {
      // The committed rename was only in the deleted log: gone, as SQLite documents; the rest is intact.
      expect(db.prepare('SELECT name FROM datasets').pluck().all()).toEqual(['clients']);
    } finally {
      db.close();
    }
    services = createServices({ stateDir: join(dir, 'state'), emit: () => undefined, useWorkers: false });
  });

  it('the demo workspace reopens the same way from "open the demo"', async () => {
    const h = services.handlers;
    await h['workspace.openDemo']({});
    const demo = (await h['workspace.info']({}))!.path;
    rmSync(`${demo}-wal`);
    await expect(call(() => h['dataset.list']({}))).rejects.toMatchObject({ code: 'WORKSPACE_LOG_LOST' });
    await h['workspace.openDemo']({});
    expect((await h['dataset.list']({})).length).toBeGreaterThan(0);
    expect((await h['workspace.activity']({}))[0].action).toBe('workspace.reopen');
  });
});
