#!/usr/bin/env node
// `npm start`: open the Electron app when its binary is installed; otherwise serve the same app through the
// browser host on 127.0.0.1 and say so. Extra arguments (e.g. `npm start -- --workspace my.cxw`) pass through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

// Electron 45 fetches its binary on first use rather than at install time; try that once (it fails fast when
// offline or when ELECTRON_SKIP_BINARY_DOWNLOAD=1 says not to), then fall back to the browser host.
function electronBinary() {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile) && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
      process.stdout.write('Fetching the Electron binary (first start only)…\n');
      const r = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
      if (r.status !== 0) process.stdout.write(`Could not fetch it (${(r.stderr || r.stdout || 'no network').trim().split('\n').pop()}).\n`);
    }
    if (!existsSync(pathFile)) return null;
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const exe = process.env.CXW_FORCE_BROWSER ? null : electronBinary();
if (exe) {
  const child = spawn(exe, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(
    'The Electron binary is not available here (offline, or ELECTRON_SKIP_BINARY_DOWNLOAD=1), so CX Workbench runs in your browser instead, served on 127.0.0.1 only:\n',
  );
  // A port the user chose (`npm start -- --port N` or CXW_PORT) is taken as asked: if it is busy, serve refuses
  // and names it. The default 4317 gives way to the next free port when busy (a second `npm start`), and serve
  // prints the URL it chose.
  const portInArgs = args.some((a) => a === '--port' || a.startsWith('--port='));
  let portArgs = ['--port', '4317', '--port-fallback'];
  if (portInArgs) portArgs = [];
  else if (process.env.CXW_PORT) portArgs = ['--port', process.env.CXW_PORT];
  const child = spawn(process.execPath, [join(root, 'bin', 'cxw.js'), 'serve', ...portArgs, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
