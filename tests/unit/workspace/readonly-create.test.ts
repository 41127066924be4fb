// Bad-input corpus (issue 12 "clear errors"): creating a workspace where nothing can be written — a read-only folder or file
// system — used to fail with SQLite's bare "unable to open database file". Now it is WORKSPACE_READONLY naming
// the folder and what to do, for openWorkspaceDb({create}), the workspace.create service and `cxw import` into
// a new workspace; nothing is left behind.
//
// The read-only folder is a read-only bind mount of a temporary folder (EROFS underneath, the real thing): a
// chmod 0555 folder proves nothing when the tests run as root, which ignores permissions. Where mounting is
// impossible (not root, no mount namespace) the tests say so and check nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../main/cli/run';
import { createServices } from '../../../main/services/index';
import { openWorkspaceDb } from '../../../main/workspace/db';
import { errorOf } from '../import/helpers';

let base: string;
let roDir: string;
let mounted = false;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cxw-rocreate-'));
  roDir = join(base, 'ro');
  const src = join(base, 'src');
  spawnSync('mkdir', ['-p', src, roDir]);
  writeFileSync(join(src, 'people.csv'), 'id,score\n1,7\n2,9\n');
  mounted = spawnSync('mount', ['--bind', src, roDir]).status === 0 && spawnSync('mount', ['-o', 'remount,bind,ro', roDir]).status === 0;
  if (!mounted) console.warn('cannot mount here (not root, or no mount permission): creating a workspace in a read-only folder is not checked');
});
afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', roDir]);
  rmSync(base, { recursive: true, force: true });
});

function expectReadonlyFolder(err: { code: string; message: string }, folder: string): void {
  expect(err.code).toBe('WORKSPACE_READONLY');
  expect(err.message).toContain(`folder ${folder}`);
  expect(err.message).toContain('read-only');
  expect(err.message).toMatch(/[Cc]hoose a folder you can write to/);
  expect(err.message).not.toContain('unable to open database file');
}

describe('creating a workspace in a read-only folder', () => {
  it('openWorkspaceDb create: WORKSPACE_READONLY naming the folder, nothing left behind', () => {
    if (!mounted) return;
    const err = errorOf(() => openWorkspaceDb(join(roDir, 'new.cxw'), { create: true }));
    expectReadonlyFolder(err, roDir);
    expect(readdirSync(roDir)).toEqual(['people.csv']);
  });

  it('workspace.create: WORKSPACE_READONLY, also for a sub-folder that cannot be made', async () => {
    if (!mounted) return;
    const services = createServices({ stateDir: join(base, 'state'), emit: () => undefined, useWorkers: false });
    try {
      const direct = await Promise.resolve().then(() => services.handlers['workspace.create']({ path: join(roDir, 'client') })).catch((e: unknown) => e);
      expectReadonlyFolder(direct as { code: string; message: string }, roDir);
      const nested = await Promise.resolve().then(() => services.handlers['workspace.create']({ path: join(roDir, 'sub', 'client') })).catch((e: unknown) => e);
      expectReadonlyFolder(nested as { code: string; message: string }, roDir);
      expect(readdirSync(roDir)).toEqual(['people.csv']);
    } finally {
      services.dispose();
    }
  });

  it('cxw import into a new workspace there exits 1 with the clear message', async () => {
    if (!mounted) return;
    const saved = process.env.CXW_STATE_DIR;
    process.env.CXW_STATE_DIR = join(base, 'state-cli');
    const err: string[] = [];
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    let code: number;
    try {
      code = await runCli(['import', join(roDir, 'people.csv'), '--workspace', join(roDir, 'w.cxw')]);
    } finally {
      o.mockRestore();
      e.mockRestore();
      if (saved === undefined) delete process.env.CXW_STATE_DIR;
      else process.env.CXW_STATE_DIR = saved;
    }
    expect(code).toBe(1);
    const text = err.join('');
    expect(text).toContain(`folder ${roDir}`);
    expect(text).toMatch(/[Cc]hoose a folder you can write to/);
    expect(text).not.toContain('unable to open database file');
    expect(readdirSync(roDir)).toEqual(['people.csv']);
  });
});
