// Cohorts benchmark (a plain script, not a test): `cxw cohorts` on ~10M events of 1.22M customers, the whole command
// as a user runs it, against the sqlite3 shell running the equivalent GROUP BY SQL (monthly cohorts × months since,
// distinct customers per cell) on the same workspace table; both under /usr/bin/time for wall time and peak RSS.
//
//   export PATH=/work/node24/node_modules/.bin:$PATH
//   npm run build                                  # the benchmark runs the BUILT cli (bin/cxw.js)
//   node tests/bench/monitor/cohorts-bench.mjs     # 1,220,000 customers (~10M events), seed 1
//   options: --customers N, --seed S, --repeat R (rounds; best and all printed; default 3), --prepare (only
//            generate and import)
//
// Data (tests/bench/.data, gitignored; neither step is timed): tests/fixtures/monitor/cohorts-log.mjs — customers
// acquired over two years in arms A/B, exponential gaps between purchases, rows in time order, UTC "Z" times, an
// amount per event, sparse 0–10 scores. Imported once with `node bin/cxw.js import` (its time is printed).
// Timed (each command after the workspace file was read once, untimed, so it starts from the page cache):
//   cxw      `node bin/cxw.js cohorts --value amount --json` (CXW_TIMINGS=1 prints the phases on stderr), and the
//            same with --by arm (printed, not the ratio's figure). The first round is cold (the cohorts' entries of
//            the column cache are deleted first: it decodes the table and keeps it); later rounds read the cache.
//   sqlite3  the cohort × period distinct-customer counts in SQL (strftime months, MIN per customer, DISTINCT)
// The script checks every cell's active count of the command against the SQL's.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { warmPageCache } from '../page-cache.mjs';
import { writeCohortLog } from '../../fixtures/monitor/cohorts-log.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../..');
const DATA = join(HERE, '../.data');
const CLI = join(ROOT, 'bin/cxw.js');
const TIME = '/usr/bin/time';
const SQLITE = '/usr/bin/sqlite3';

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
}
const customers = Number(arg('customers', '1220000'));
const seed = Number(arg('seed', '1'));
const repeat = Math.max(1, Number(arg('repeat', '3')));
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const sec = (s) => `${s.toFixed(2)} s`;
const env = { ...process.env, CXW_STATE_DIR: join(DATA, 'cxw-state'), CXW_TIMINGS: '1' };

function timed(cmd, args) {
  const rssFile = join(DATA, 'cohorts-time.out');
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const timings = {};
  for (const line of r.stderr.split('\n')) {
    const m = /^cxw-timings (\S+) (\{.*\})$/.exec(line);
    if (m) timings[m[1]] = JSON.parse(m[2]);
  }
  const [rss, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, rssKb: rss, cpu: user + sys, stdout: r.stdout, timings };
}

if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('Build first: npm run build');
if (!existsSync(TIME)) throw new Error(`${TIME} is needed for the children's peak RSS (Debian package "time").`);
mkdirSync(DATA, { recursive: true });
const tag = `cohorts-${customers}-s${seed}`;
const csv = join(DATA, `${tag}.csv`);
const ws = join(DATA, `${tag}.cxw`);
if (!existsSync(csv)) {
  const t = performance.now();
  const made = await writeCohortLog(`${csv}.tmp`, { customers, seed, start: '2024-01-01', days: 730, meanGapDays: 25, churn: { A: 0.1, B: 0.08 }, order: 'time', format: 'z' });
  spawnSync('mv', [`${csv}.tmp`, csv]);
  console.log(`generated ${made.events.toLocaleString()} events of ${customers.toLocaleString()} customers in ${sec((performance.now() - t) / 1000)} → ${csv}`);
}
if (!existsSync(ws)) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'import', csv, '--workspace', ws, '--name', 'log', '--json'], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    for (const f of [ws, `${ws}-wal`, `${ws}-shm`]) rmSync(f, { force: true });
    throw new Error(`import failed: ${r.stdout}\n${r.stderr}`);
  }
  console.log(`imported with cxw import in ${sec((performance.now() - t) / 1000)} (not part of the figures below)`);
}
if (process.argv.includes('--prepare')) process.exit(0);

function shell(sql) {
  const r = spawnSync(SQLITE, ['-readonly', '-separator', '\t', ws, sql], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => l.split('\t'));
}
const [[table]] = shell("SELECT table_name FROM datasets WHERE name = 'log'");
const col = Object.fromEntries(shell("SELECT c.name, c.sql_name FROM dataset_columns c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = 'log'"));
// Times are stored as UTC ISO text, so strftime reads their UTC month.
// Distinct (customer, month) pairs first (materialised once), then each customer's first month, then the counts.
const SQL = `WITH e AS MATERIALIZED (SELECT ${col.customer_id} AS c, CAST(strftime('%Y', ${col.ts}) AS INTEGER) * 12 + CAST(strftime('%m', ${col.ts}) AS INTEGER) - 1 AS u
                 FROM ${table} WHERE ${col.customer_id} IS NOT NULL AND ${col.ts} IS NOT NULL GROUP BY 1, 2),
  f AS (SELECT c, MIN(u) AS u0 FROM e GROUP BY c)
SELECT f.u0, e.u - f.u0 AS p, COUNT(*) FROM e JOIN f USING (c) GROUP BY 1, 2 ORDER BY 1, 2`;

// A cold first run: the decoded log a previous run kept in the column cache (main/workspace/monitor/cohorts/cache.ts,
// negative positions) is removed first; round 1 decodes the table (and keeps it), later rounds read it back.
{
  const r = spawnSync(SQLITE, [ws, 'DELETE FROM column_cache WHERE position <= -100000'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 could not clear the cohorts cache: ${r.stderr}`);
}

const BASE = ['cohorts', '--workspace', ws, '--dataset', 'log', '--customer', 'customer_id', '--time', 'ts', '--value', 'amount', '--json'];
const ours = [];
const split = [];
const refs = [];
for (let r = 0; r < repeat; r++) {
  warmPageCache(ws);
  const run = timed(process.execPath, [CLI, ...BASE]);
  ours.push({ ...run, json: JSON.parse(run.stdout.trim().split('\n').pop()) });
  console.log(`round ${r + 1}: cxw cohorts ${sec(run.wall)} (CPU ${sec(run.cpu)}, peak RSS ${mib(run.rssKb)})`);
  warmPageCache(ws);
  split.push(timed(process.execPath, [CLI, ...BASE, '--by', 'arm']));
  console.log(`round ${r + 1}: cxw cohorts --by arm ${sec(split[r].wall)} (CPU ${sec(split[r].cpu)}, peak RSS ${mib(split[r].rssKb)})`);
  warmPageCache(ws);
  const ref = timed(SQLITE, ['-readonly', '-separator', '\t', ws, SQL]);
  refs.push({ ...ref, rows: ref.stdout.trim().split('\n').map((l) => l.split('\t').map(Number)) });
  console.log(`round ${r + 1}: sqlite3 ${sec(ref.wall)} (CPU ${sec(ref.cpu)}, peak RSS ${mib(ref.rssKb)})`);
}
const best = (runs) => runs.reduce((a, b) => (b.wall < a.wall ? b : a));
const cx = best(ours);
const sp = best(split);
const sq = best(refs);
const j = cx.json;

// Every cell's distinct customers against the SQL's (u0 as year × 12 + month − 1, as the SQL writes it).
const sqlCells = new Map(sq.rows.map(([u0, p, n]) => [`${u0}|${p}`, n]));
let cells = 0;
let mismatches = 0;
for (const c of j.cohorts) {
  const [y, m] = c.cohort.split('-').map(Number);
  c.active.forEach((a, p) => {
    const want = sqlCells.get(`${y * 12 + m - 1}|${p}`) ?? 0;
    cells++;
    if (want !== a) mismatches++;
  });
}
const cellsOk = mismatches === 0 && cells >= sqlCells.size;

const phases = (t) => (t ? Object.entries(t).map(([p, ms]) => `${p} ${ms}`).join(', ') : '(no timings)');
console.log(`cohorts benchmark: ${j.events.toLocaleString()} events, ${j.customers.toLocaleString()} customers, ${j.cohorts.length} monthly cohorts, ${j.periods} periods (${ws})`);
console.log(`\ncold first run (decodes the table, keeps it in the column cache): ${sec(ours[0].wall)}, CPU ${sec(ours[0].cpu)}, peak RSS ${mib(ours[0].rssKb)}`);
console.log(`    job ms:  ${phases(ours[0].timings['cohorts.run'])}`);
console.log(`cxw cohorts --value --json (whole command)  ${ours.map((o) => sec(o.wall)).join(' / ')}  best ${sec(cx.wall)}  peak RSS ${mib(Math.max(...ours.map((o) => o.rssKb)))}   target < 10 s`);
console.log(`    cli ms:  ${phases(cx.timings.cli)}`);
console.log(`    job ms:  ${phases(cx.timings['cohorts.run'])}   (job thread CPU ms: ${phases(cx.timings['cohorts.run.cpu'])}; the helper thread's not included)`);
console.log(`cxw cohorts --value --by arm --json          ${split.map((o) => sec(o.wall)).join(' / ')}  best ${sec(sp.wall)}  peak RSS ${mib(Math.max(...split.map((o) => o.rssKb)))}`);
console.log(`sqlite3 cohort × month distinct customers    ${refs.map((o) => sec(o.wall)).join(' / ')}  best ${sec(sq.wall)}  peak RSS ${mib(Math.max(...refs.map((o) => o.rssKb)))}`);
console.log(`ratio    cold first run ${(ours[0].wall / sq.wall).toFixed(2)}×, best of each ${(cx.wall / sq.wall).toFixed(2)}× the sqlite3 shell's GROUP BY (which does retention counts only); CPU seconds (user + sys, both threads): ${sec(cx.cpu)} vs ${sec(sq.cpu)}`);
console.log(`load     average over 1 min at the end: ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores (the figures are wall times on a shared machine)`);
console.log(`check    ${cells.toLocaleString()} cells, active customers = sqlite3's: ${cellsOk ? 'yes' : `NO (${mismatches} differ)`}`);
