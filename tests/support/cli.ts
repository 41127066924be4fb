// Run the built `cxw` command as a user would (node bin/cxw.js ...) and capture its output.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'cxw.js');
export const BUILT = existsSync(join(ROOT, 'out', 'main', 'cli.js'));
export const NOT_BUILT_MESSAGE = 'out/main/cli.js is missing: these tests run the built CLI; `npm test` builds first (npm run build).';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cxw(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cxwJson<T>(args: string[], env: Record<string, string> = {}): T {
  const r = cxw([...args, '--json'], env);
  if (r.status !== 0) throw new Error(`cxw ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function cxwAsync(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}
