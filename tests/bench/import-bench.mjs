// Import benchmark: our runImport vs the sqlite3 shell's `.import` on the same generated CSV.
//
//   export PATH=/opt/node24/node_modules/.bin:$PATH
//   node tests/bench/import-bench.mjs                 # 1,000,000 rows × 17 columns
//   node tests/bench/import-bench.mjs --rows 100000   # quicker
//   node tests/bench/import-bench.mjs --repeat 5      # shell and ours in turn 5 times: medians, pair ratios
//   options: --keep-pii (store PII columns as-is, i.e. no HMAC work), --batch N, --cache-mib N, --chunk-kib N,
//            --in-thread (parse in the SQLite thread instead of the parse worker; the fallback path)
//
// Configurations: by default runImport pipelines (pipeline.ts: a parse worker reads/parses/converts/hashes
// chunk N+1 while this thread inserts chunk N) and pseudonymises the 4 PII columns the plan detects
// (first_name, last_name, email, phone: HMAC-SHA256). The machine needs 2 free cores for the pipeline to pay.
//
// The engine is TypeScript with extensionless imports, which Node cannot load directly, so this script first
// bundles main/workspace/import/commit.ts with rolldown (already a dependency via vite) into
// tests/bench/.data/engine.mjs, leaving better-sqlite3 external, and the parse worker into import-parser.js beside it. Data and databases go to tests/bench/.data/
// (gitignored). Each measured run happens in a fresh child process so peak RSS (VmHWM) is that run's alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = join(HERE, '.data');

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
}
const flag = (name) => process.argv.includes(`--${name}`);

// ------------------------------------------------------------------ child: one measured run
if (process.argv[2] === '--child') {
  const [, , , kind, csv, dbPath, tuningJson, keepPii] = process.argv;
  const t0 = performance.now();
  if (kind === 'ours') {
    const { runImportTuned } = await import(join(DATA, 'engine.mjs'));
    const { openWorkspaceDb, workspaceSecret, KeyStore } = await import(join(DATA, 'engine.mjs'));
    const db = openWorkspaceDb(dbPath, { create: true });
    // The key lives outside the workspace (keys.ts): a key store beside the benchmark's workspace.
    const secret = workspaceSecret(db, new KeyStore(`${dbPath}.state`));
    const tOpen = performance.now();
    const columns = keepPii === '1' ? Array.from({ length: 17 }, (_, index) => ({ index, piiAction: 'keep' })) : undefined;
    const r = runImportTuned(
      { db, secret, isCancelled: () => false, onProgress: () => {} },
      { path: csv, columns },
      JSON.parse(tuningJson),
    );
    const tImport = performance.now();
    db.close(); // includes the WAL checkpoint into the main file
    const tClose = performance.now();
    console.log(JSON.stringify({ rows: r.rows, types: r.columns.map((c) => c.type), importS: (tImport - tOpen) / 1000, closeS: (tClose - tImport) / 1000, totalS: (tClose - t0) / 1000, vmhwm: vmHwm() }));
  }
  if (kind === 'floor') {
    // The floor under any import through better-sqlite3 into a WAL workspace: the rows our import stored (read
    // back from the workspace the measured run made: converted, pseudonymised), 10,000 of them re-inserted in
    // turn until there are as many as in the file, with the import's own settings (multi-row INSERTs of 100
    // rows bound by spread, 64 MiB cache, synchronous=NORMAL, one transaction, the commit's automatic
    // checkpoint). No reading, parsing, converting or hashing: what is left is SQLite's work and the binding.
    const { default: Database } = await import('better-sqlite3');
    const src = new Database(csv, { readonly: true });
    const table = src.prepare('SELECT table_name FROM datasets ORDER BY id DESC LIMIT 1').pluck().get();
    const decl = src.prepare(`SELECT name, type FROM pragma_table_info(?) WHERE name <> '_row'`).all(table);
    const pool = src.prepare(`SELECT ${decl.map((c) => `"${c.name}"`).join(', ')} FROM "${table}" LIMIT 10000`).raw().all();
    const total = src.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get();
    const src0PageSize = src.pragma('page_size', { simple: true });
    src.close();
    const db = new Database(dbPath);
    db.pragma(`page_size = ${src0PageSize}`); // the workspace's page size (db.ts WORKSPACE_PAGE_SIZE)
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.exec(`CREATE TABLE t (_row INTEGER PRIMARY KEY, ${decl.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
    const ncols = decl.length;
    const B = 100;
    const stmt = db.prepare(`INSERT INTO t (${decl.map((c) => `"${c.name}"`).join(', ')}) VALUES ${Array(B).fill(`(${'?,'.repeat(ncols - 1)}?)`).join(',')}`);
    const params = new Array(B * ncols);
    const tStart = performance.now();
    db.exec('BEGIN');
    let p = 0;
    for (let r = 0; r < total; r++) {
      const row = pool[r % pool.length];
      for (let c = 0; c < ncols; c++) params[p++] = row[c];
      if (p === params.length) {
        stmt.run(...params);
        p = 0;
      }
    }
    if (p > 0) db.prepare(`INSERT INTO t VALUES ${Array(p / ncols).fill(`(NULL, ${'?,'.repeat(ncols - 1)}?)`).join(',')}`).run(params.slice(0, p));
    const tInsert = performance.now();
    db.exec('COMMIT');
    const tCommit = performance.now();
    db.close();
    console.log(JSON.stringify({ rows: total, insertS: (tInsert - tStart) / 1000, commitS: (tCommit - tInsert) / 1000, closeS: (performance.now() - tCommit) / 1000 }));
  }
  process.exit(0);
}

function vmHwm() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

// ------------------------------------------------------------------ parent
const rows = Number(arg('rows', '1000000'));
mkdirSync(DATA, { recursive: true });

async function bundle() {
  const { build } = await import('rolldown');
  const entry = join(DATA, 'entry.ts');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(entry, `export { runImportTuned } from '../../../main/workspace/import/commit';\nexport { openWorkspaceDb, workspaceSecret } from '../../../main/workspace/db';\nexport { KeyStore } from '../../../main/workspace/keys';\n`);
  await build({
    input: entry,
    platform: 'node',
    external: ['better-sqlite3', /^node:/],
    output: { file: join(DATA, 'engine.mjs'), format: 'esm' },
    logLevel: 'silent',
  });
  // The parse worker, beside the engine as electron-vite puts it beside the main bundles (pipeline.ts looks
  // for it there; without it the import silently parses in-thread and this would measure the fallback).
  await build({
    input: join(HERE, '../../main/workspace/import/parse-worker.ts'),
    platform: 'node',
    external: ['better-sqlite3', /^node:/],
    output: { file: join(DATA, 'import-parser.js'), format: 'esm' },
    logLevel: 'silent',
  });
}

const FIRST = ['Ann', 'Bob', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Mo', 'Nia', 'Oto', 'Pia'];
const LAST = ['Lee', 'Stone', 'Diaz', 'Okafor', 'Smith', 'Nguyen', 'Silva', 'Kowalski', 'Müller', 'Rossi', "O'Neil", 'Haddad'];
const PLANS = ['basic', 'plus', 'pro', 'enterprise'];
const CHANNELS = ['web', 'store', 'phone', 'partner', 'app'];
const REGIONS = ['North', 'South', 'East', 'West', 'Central'];

/** Deterministic LCG so every run generates byte-identical data. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

async function generate(path, n) {
  const r = rng(42);
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((res) => out.once('drain', res)));
  await write('customer_id,first_name,last_name,email,phone,age,visits,spend,satisfaction,plan,channel,region,churned,signup_date,last_seen,notes,score_pct\n');
  let buf = '';
  const pad = (x) => (x < 10 ? '0' + x : '' + x);
  for (let i = 1; i <= n; i++) {
    const f = FIRST[Math.floor(r() * FIRST.length)];
    const l = LAST[Math.floor(r() * LAST.length)];
    const y = 2015 + Math.floor(r() * 9);
    const mo = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const h = Math.floor(r() * 24);
    const mi = Math.floor(r() * 60);
    const off = ['+00:00', '+01:00', '-05:00', '+05:30'][i % 4];
    buf +=
      `CUST-${String(i).padStart(7, '0')},${f},${l},${f.toLowerCase()}.${i}@example.com,+1 555-${String(i % 10000).padStart(4, '0')}-${String(Math.floor(r() * 1000)).padStart(3, '0')},` +
      `${18 + Math.floor(r() * 70)},${Math.floor(r() * 200)},${(r() * 5000).toFixed(2)},${Math.floor(r() * 11)},${PLANS[i % 4]},${CHANNELS[Math.floor(r() * 5)]},${REGIONS[i % 5]},` +
      `${r() < 0.2 ? 'Yes' : 'No'},${y}-${pad(mo)}-${pad(d)},${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(i % 60)}${off},` +
      `"Called about ${PLANS[i % 4]}, then ${CHANNELS[i % 5]}; said ""fine""",${(r() * 100).toFixed(1)}\n`;
    if (i % 2000 === 0) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((res) => out.end(res));
}

function timeSqlite(csv) {
  const db = join(DATA, 'sqlite-shell.db');
  rmSync(db, { force: true });
  const t0 = performance.now();
  execFileSync('/usr/bin/sqlite3', [db, '.mode csv', `.import ${csv} t`]);
  const s = (performance.now() - t0) / 1000;
  const got = execFileSync('/usr/bin/sqlite3', [db, 'SELECT count(*) FROM t']).toString().trim();
  return { seconds: s, rows: Number(got) };
}

function timeFloor(workspace) {
  const db = join(DATA, 'floor.db');
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'floor', workspace, db], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr || res.stdout);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
}

function timeOurs(csv, tuning, keepPii) {
  const db = join(DATA, 'bench.cxw');
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  rmSync(`${db}.state`, { recursive: true, force: true });
  const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', 'ours', csv, db, JSON.stringify(tuning), keepPii ? '1' : '0'], {
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(res.stderr || res.stdout);
  return JSON.parse(res.stdout.trim().split('\n').at(-1));
}

await bundle();
const csv = join(DATA, `bench-${rows}.csv`);
if (!existsSync(csv)) {
  const t = performance.now();
  await generate(csv, rows);
  console.log(`generated ${csv} (${(statSync(csv).size / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const tuning = {};
if (arg('batch')) tuning.batchRows = Number(arg('batch'));
if (arg('cache-mib')) tuning.cacheKiB = Number(arg('cache-mib')) * 1024;
if (arg('chunk-kib')) tuning.chunkBytes = Number(arg('chunk-kib')) * 1024;
if (flag('in-thread')) tuning.parseWorker = null;

// Warm the page cache for both contenders. With --repeat N the two run in turn N times (shell, ours, shell,
// ours, ...) and the medians are reported, with the median of the pair-by-pair ratios: the machine's speed drifts,
// and a pair run back to back sees the same machine.
readFileSync(csv);
const repeat = Math.max(1, Number(arg('repeat', '1')));
const pairs = [];
for (let i = 0; i < repeat; i++) pairs.push({ shell: timeSqlite(csv), ours: timeOurs(csv, tuning, flag('keep-pii')) });
const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const shell = { seconds: median(pairs.map((p) => p.shell.seconds)), rows: pairs[0].shell.rows };
const ours = { ...pairs[0].ours, importS: median(pairs.map((p) => p.ours.importS)), closeS: median(pairs.map((p) => p.ours.closeS)), vmhwm: pairs.reduce((m, p) => Math.max(m, p.ours.vmhwm), 0) };
const mb = (b) => (b / 1024 / 1024).toFixed(0);
const config = `${flag('in-thread') ? 'in-thread parsing' : 'pipelined (parse worker + SQLite thread)'}, ${flag('keep-pii') ? 'PII kept (no HMAC)' : 'default plan: 4 PII columns pseudonymised (HMAC-SHA256)'}${Object.keys(tuning).filter((k) => k !== 'parseWorker').length ? `, tuning ${JSON.stringify(tuning)}` : ''}`;
console.log(`file: ${rows} rows × 17 columns, ${(statSync(csv).size / 1e6).toFixed(1)} MB`);
console.log(`config          : ${config}`);
console.log(`sqlite3 .import : ${shell.seconds.toFixed(2)} s  ${Math.round(shell.rows / shell.seconds)} rows/s (untyped TEXT columns, ${shell.rows} rows)`);
console.log(
  `runImport       : ${ours.importS.toFixed(2)} s  ${Math.round(ours.rows / ours.importS)} rows/s  (+ close/checkpoint ${ours.closeS.toFixed(2)} s), peak RSS ${mb(ours.vmhwm)} MiB, ${ours.rows} rows`,
);
console.log(`types           : ${ours.types.join(', ')}`);
if (repeat > 1) {
  console.log(`runs            : shell ${pairs.map((p) => p.shell.seconds.toFixed(2)).join(', ')} s; ours ${pairs.map((p) => p.ours.importS.toFixed(2)).join(', ')} s (medians above)`);
  const r = pairs.map((p) => p.ours.importS / p.shell.seconds);
  const rc = pairs.map((p) => (p.ours.importS + p.ours.closeS) / p.shell.seconds);
  console.log(`pair ratios     : ${r.map((x) => x.toFixed(2)).join(', ')}; median ${median(r).toFixed(2)}× import, ${median(rc).toFixed(2)}× including close`);
}
console.log(`ratio           : ${(ours.importS / shell.seconds).toFixed(2)}× import, ${((ours.importS + ours.closeS) / shell.seconds).toFixed(2)}× including close (goal: ≤ 1.3× import, peak RSS < 1024 MiB)`);
const floor = timeFloor(join(DATA, 'bench.cxw'));
const floorS = floor.insertS + floor.commitS;
console.log(
  `floor           : ${floorS.toFixed(2)} s = ${(floorS / shell.seconds).toFixed(2)}× the shell (insert ${floor.insertS.toFixed(2)} s + commit with its checkpoint ${floor.commitS.toFixed(2)} s): ` +
    `the stored rows re-inserted through better-sqlite3 with the import's settings, nothing read, parsed, converted or hashed`,
);
