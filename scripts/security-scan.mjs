// `npm run security:scan`: Doyensec's Electronegativity (the scanner enterprise security reviews run) over the
// repository (tracked files and the build output), offline. Fails on any HIGH finding, and on any source file the
// scanner could not parse (a file it cannot read is a file it did not check). Lower findings are printed for review
// but do not fail the run.
//
// Offline on purpose: the scanner fetches updated translations and Electron's release list over the network (and
// its HTTP client crashes the process when the fetch fails). Customer-data tooling should not phone home from its
// test suite, so its HTTP client is replaced by one that refuses at once; the bundled en-US messages are used and
// the one network-only check (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK: "is there a newer Electron with security
// fixes?") is left out; keeping Electron current is `npm outdated electron`'s job.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The whole repository, as a reviewer points it (the scanner itself skips node_modules). */
const NETWORK_ONLY_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(import.meta.url);
const runnerPath = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(runnerPath).resolve('got');
const offline = () => Promise.reject(new Error('offline: the security scan makes no network requests'));
offline.head = offline;
offline.get = offline;
const stub = new Module(gotPath);
stub.filename = gotPath;
stub.exports = offline;
stub.loaded = true;
require.cache[gotPath] = stub;

const run = require(runnerPath);
const quietLog = console.log;
// The scanner logs "Could not retrieve updated translations" on every run; that is the stub above working.
console.log = (...args) => {
  if (!String(args[0]).startsWith('Could not retrieve updated translations')) quietLog(...args);
};

const issues = [];
const unparsed = [];
/**
 * What is scanned: the repository's tracked files plus the build output (out/, what ships), copied to a temporary
 * folder so that untracked scratch copies (e.g. a benchmark's old checkout under tests/bench/.data) are not judged.
 * Outside a git checkout the folder is scanned as it is.
 */
function scanTree() {
  let tracked;
  try {
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0').filter(Boolean);
  } catch {
    return { dir: root, cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cxw-security-scan-'));
  for (const file of tracked) {
    if (!existsSync(join(root, file))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
  if (existsSync(join(root, 'out'))) cpSync(join(root, 'out'), join(dir, 'out'), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const tree = scanTree();
try {
  const result = await run({ input: tree.dir, isRelative: false, excludeFromScan: NETWORK_ONLY_CHECKS, electronVersionOverride: electronVersion() });
  for (const i of result.issues) issues.push(i);
  for (const e of result.errors) if (!e.tolerable) unparsed.push(e);
} finally {
  tree.cleanup();
}
console.log = quietLog;

function electronVersion() {
  // Assume the installed Electron, so version-dependent defaults are judged for what the app really runs.
  return require('electron/package.json').version;
}

const rel = (f) => (f.startsWith(tree.dir) ? f.slice(tree.dir.length + 1) : f);
const high = issues.filter((i) => i.severity.name === 'HIGH');
for (const i of issues) {
  console.log(`${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id}  ${rel(i.file)}:${i.location.line}:${i.location.column}${i.manualReview ? '  (review by hand)' : ''}`);
}
for (const e of unparsed) console.log(`NOT SCANNED  ${rel(e.file)}: ${e.message}`);
const bySeverity = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map((s) => `${issues.filter((i) => i.severity.name === s).length} ${s}`).join(', ');
console.log(`Electronegativity over the tracked files and out/: ${bySeverity}; ${unparsed.length} file(s) not parsed.`);
if (high.length > 0 || unparsed.length > 0) {
  console.error(
    high.length > 0
      ? `security:scan failed: ${high.length} HIGH finding(s). Fix them (e.g. keep the hardened webPreferences literally at the new BrowserWindow({...}) call).`
      : 'security:scan failed: files above could not be parsed by the scanner, so they were not checked.',
  );
  process.exit(1);
}
