#!/usr/bin/env node
// Launcher for the cxw command: refuse old Node versions with a clear message (better-sqlite3 13 crashes on
// Node 20), then load the built CLI.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`cxw needs Node.js 22.12 or newer (this is ${process.versions.node}). Install a current Node LTS and retry.\n`);
  process.exit(2);
}
// On Linux (glibc), the analyses run with malloc told to keep freed memory: glibc hands every freed block over
// 128 KiB (then over a threshold it keeps raising) straight back to the kernel, so each column an analysis reads
// lands on fresh pages, and on a 2-core VM a fresh page costs ~8 µs. Kept, a freed column's memory is reused by the
// next read (main/workspace/release-memory.ts frees each one as soon as it is used): cxw drift on two 1M × 30 waves
// 3.0 s → 2.5 s, the cold cohorts run ~1 s less (docs/benchmarks.md). The variable only takes effect at process start,
// so the launcher replaces itself (execve: same process id, no parent left waiting) before loading anything; a
// GLIBC_TUNABLES the user set is left alone, and so are the quick commands (one more start-up is ~0.1 s).
const HEAVY = new Set(['import', 'segment', 'journey', 'nps', 'drivers', 'audit', 'predict', 'drift', 'experiment', 'cohorts', 'rfm', 'score', 'profile', 'rerun', 'deck', 'report', 'export']);
const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456';
if (process.platform === 'linux' && process.env.GLIBC_TUNABLES === undefined && HEAVY.has(process.argv[2]) && typeof process.execve === 'function') {
  try {
    process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, GLIBC_TUNABLES: MALLOC_TUNABLES });
  } catch {
    // Not replaced (a sandbox refusing execve): run as is, only slower.
  }
}
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('cxw is not built yet. Run: npm run build\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
