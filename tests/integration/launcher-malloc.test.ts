// The cxw launcher (bin/cxw.js) starts the heavy commands with glibc's malloc told to keep freed memory (it replaces
// itself with execve and GLIBC_TUNABLES set), leaves the quick ones alone, and never overrides a GLIBC_TUNABLES the
// user set. Observed from inside: a preloaded script (NODE_OPTIONS --require, inherited across the execve) prints
// the variable as each process starts, so a re-executed command prints two lines and the others one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'cxw-launcher-'));
const probe = join(dir, 'probe.cjs');
writeFileSync(probe, "process.stderr.write('TUNABLES=' + (process.env.GLIBC_TUNABLES ?? '(unset)') + '\\n');\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TUNED = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456';

function starts(args: string[], tunables?: string): string[] {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--require=${probe}` };
  delete env.GLIBC_TUNABLES;
  if (tunables !== undefined) env.GLIBC_TUNABLES = tunables;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return r.stderr.split('\n').filter((l) => l.startsWith('TUNABLES='));
}

describe.runIf(process.platform === 'linux')('the cxw launcher on Linux', () => {
  it('re-executes an analysis command once, with the malloc settings, keeping its arguments', () => {
    expect(starts(['drift', '--workspace', join(dir, 'none.cxw')])).toEqual(['TUNABLES=(unset)', `TUNABLES=${TUNED}`]);
  });

  it('leaves quick commands in their first process', () => {
    expect(starts(['activity', '--workspace', join(dir, 'none.cxw')])).toEqual(['TUNABLES=(unset)']);
  });

  it('never replaces a GLIBC_TUNABLES the user set', () => {
    expect(starts(['cohorts', '--workspace', join(dir, 'none.cxw')], 'glibc.malloc.arena_max=2')).toEqual(['TUNABLES=glibc.malloc.arena_max=2']);
  });

  it('keeps the exit status and the message of the re-executed command', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.GLIBC_TUNABLES;
    const r = spawnSync(process.execPath, [CLI, 'drift', '--workspace', join(dir, 'none.cxw'), '--reference', 'a', '--current', 'b'], { encoding: 'utf8', env });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('none.cxw'); // the path given as an argument reached the re-executed process
  });
});
