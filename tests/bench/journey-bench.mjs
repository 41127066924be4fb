// Journey analytics benchmark (a plain script, not a test): `cxw journey` on 10M events over 1M customers, as a
// user runs it, against the sqlite3 shell computing the simplest part of it (events and distinct customers per step
// with GROUP BY) on the same workspace table.
//
//   export PATH=/opt/node24/node_modules/.bin:$PATH
//   npm run build                                 # the benchmark runs the BUILT cli (bin/cxw.js)
//   node tests/bench/journey-bench.mjs            # 10,000,000 events, 1,000,000 customers, seed 1
//   options: --customers N (events ≈ 10 × N), --seed S, --repeat R (rounds; best and all printed; default 3),
//            --prepare (only generate and import)
//
// Data (tests/bench/.data, gitignored; neither step is timed): a seeded synthetic event log, one journey per
// customer (id "C0000001"…), written in time order across customers as a real log would be:
//   visit → search/product_view (1–6 browsing events, looping) → add_to_cart → checkout → payment → delivery →
//   review, each stage reached with a known probability (the drop-offs below), a support_contact inserted after
//   cart/payment/delivery now and then (a loop back), 3 channels (one main channel per customer, 15% of events on
//   another), satisfaction 1–5 on payment/delivery/review/support_contact events, ISO datetimes with a "Z" offset
//   (stored normalised to UTC). Journey lengths are paired around 10 so there are exactly 10 events per customer
//   on average. The generator counts the funnel it planted and the script checks the command's funnel against it.
// It is imported once with `node bin/cxw.js import` (its time is printed).
// Timed (each a child process under /usr/bin/time; wall = spawn to exit, peak RSS from %M):
//   cxw      `node bin/cxw.js journey --stages … --json` (CXW_TIMINGS=1 prints the phases on stderr)
//   sqlite3  `/usr/bin/sqlite3 -readonly WS "SELECT step, COUNT(*), COUNT(DISTINCT customer) … GROUP BY step"`
import { spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './mulberry32.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const DATA = join(HERE, '.data');
const CLI = join(ROOT, 'bin/cxw.js');
const TIME = '/usr/bin/time';
const SQLITE = '/usr/bin/sqlite3';

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
}
const flag = (name) => process.argv.includes(`--${name}`);
const customers = Number(arg('customers', '1000000'));
const seed = Number(arg('seed', '1'));
const repeat = Math.max(1, Number(arg('repeat', '3')));
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const sec = (s) => `${s.toFixed(2)} s`;

// ------------------------------------------------------------------ data (not timed)

export const STEPS = ['visit', 'search', 'product_view', 'add_to_cart', 'checkout', 'payment', 'delivery', 'review', 'support_contact'];
const CHANNELS = ['web', 'app', 'store'];
/** Probability of reaching each funnel step given the previous one (visit is always reached). */
const REACH = { add_to_cart: 0.55, checkout: 0.7, payment: 0.85, delivery: 0.93, review: 0.45 };
export const STAGES = 'Discover=visit,search;Consider=product_view;Buy=add_to_cart,checkout,payment;Receive=delivery;Review=review';
const STAGE_NAMES = ['Discover', 'Consider', 'Buy', 'Receive', 'Review'];


/** One customer's journey as step indices, exactly `len` events long (browsing and support pad it). */
function journey(rnd, len) {
  const core = [0];
  const funnel = [3, 4, 5, 6, 7];
  const reach = [REACH.add_to_cart, REACH.checkout, REACH.payment, REACH.delivery, REACH.review];
  // Browsing first: at least one product_view so Consider is reached by everyone who reaches Buy.
  const browse = [];
  let depth = 0;
  while (depth < funnel.length && rnd() < reach[depth]) depth++;
  const tail = funnel.slice(0, depth);
  // Support after cart, payment or delivery now and then (a loop back into the journey).
  const support = [];
  for (let i = 0; i < tail.length; i++) {
    support.push(tail[i]);
    if ((tail[i] === 3 || tail[i] === 5 || tail[i] === 6) && rnd() < 0.08) support.push(8);
  }
  // Too short for the planned depth: drop the deepest steps (the planted funnel counts what is written).
  while (2 + support.length > len) support.pop();
  const room = len - 1 - support.length;
  for (let i = 0; i < room; i++) browse.push(i === room - 1 ? 2 : rnd() < 0.5 ? 1 : 2);
  return core.concat(browse, support);
}

/** Writes the CSV; returns the planted funnel (customers reaching each stage in order) and the event count. */
async function makeCsv(csv) {
  const rnd = mulberry32(seed);
  const n0 = customers * 10;
  const cust = new Int32Array(n0);
  const step = new Uint8Array(n0);
  const chan = new Uint8Array(n0);
  const sat = new Uint8Array(n0);
  const time = new Float64Array(n0); // seconds since 2024-01-01T00:00:00Z
  const funnel = new Array(STAGE_NAMES.length).fill(0);
  const stageOf = [0, 0, 1, 2, 2, 2, 3, 4, -1];
  let n = 0;
  let d = 0;
  for (let c = 0; c < customers; c++) {
    // Lengths paired around 10 (10 + d, then 10 − d) so the total is exactly 10 per customer.
    d = c % 2 === 0 ? Math.floor(rnd() * 7) : -d;
    const steps = journey(rnd, 10 + d);
    const main = Math.floor(rnd() * 3);
    let t = Math.floor(rnd() * 300 * 86400);
    let reached = 0;
    for (const s of steps) {
      if (reached < STAGE_NAMES.length && stageOf[s] === reached) reached++;
      cust[n] = c;
      step[n] = s;
      chan[n] = rnd() < 0.15 ? Math.floor(rnd() * 3) : main;
      sat[n] = s >= 5 ? 1 + Math.min(4, Math.floor(rnd() * (s === 8 ? 3 : 5.5))) : 0;
      time[n] = t;
      t += s < 3 ? 5 + Math.floor(rnd() * 600) : 3600 + Math.floor(rnd() * 3 * 86400);
      n++;
    }
    for (let k = 0; k < reached; k++) funnel[k]++;
  }
  if (n !== n0) throw new Error(`generator wrote ${n} events, expected ${n0}`);
  // Time order across customers (row order breaks ties): sort (time, row) packed into one exact double.
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = time[i] * 16777216 + i;
  key.sort();
  const out = createWriteStream(`${csv}.tmp`);
  const write = (s) => new Promise((res) => (out.write(s) ? res() : out.once('drain', res)));
  await write('customer_id,timestamp,step,channel,satisfaction\n');
  const t0 = Date.UTC(2024, 0, 1) / 1000;
  let buf = '';
  for (let k = 0; k < n; k++) {
    const i = key[k] % 16777216;
    const iso = new Date((t0 + time[i]) * 1000).toISOString().slice(0, 19) + 'Z';
    buf += `C${String(cust[i] + 1).padStart(7, '0')},${iso},${STEPS[step[i]]},${CHANNELS[chan[i]]},${sat[i] || ''}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((res) => out.end(res));
  copyFileSync(`${csv}.tmp`, csv);
  rmSync(`${csv}.tmp`);
  return { events: n, funnel };
}

const stateDir = join(DATA, 'cxw-state');
const env = { ...process.env, CXW_STATE_DIR: stateDir, CXW_TIMINGS: '1' };

// ------------------------------------------------------------------ timed children
/** Run a command under /usr/bin/time: wall seconds (spawn to exit), peak RSS (KiB), stdout, timing lines. */
function timed(cmd, args) {
  const rssFile = join(DATA, 'time.out');
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const timings = {};
  for (const line of r.stderr.split('\n')) {
    const m = /^cxw-timings (\S+) (\{.*\})$/.exec(line);
    if (m) timings[m[1]] = JSON.parse(m[2]);
  }
  return { wall, rssKb: Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()), stdout: r.stdout, timings };
}

// ------------------------------------------------------------------ main
if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('Build first: npm run build');
if (!existsSync(TIME)) throw new Error(`${TIME} is needed for the children's peak RSS (Debian package "time").`);
mkdirSync(DATA, { recursive: true });
const tag = `journey-${customers}-s${seed}`;
const csv = join(DATA, `${tag}.csv`);
const plantedFile = join(DATA, `${tag}.funnel.json`);
const ws = join(DATA, `${tag}.cxw`);
if (!existsSync(csv) || !existsSync(plantedFile)) {
  const t = performance.now();
  const planted = await makeCsv(csv);
  writeFileSync(plantedFile, JSON.stringify(planted));
  console.log(`generated ${planted.events.toLocaleString()} events in ${sec((performance.now() - t) / 1000)} → ${csv}`);
}
const planted = JSON.parse(readFileSync(plantedFile, 'utf8'));
if (!existsSync(ws)) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'import', csv, '--workspace', ws, '--name', 'events', '--json'], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    for (const f of [ws, `${ws}-wal`, `${ws}-shm`]) rmSync(f, { force: true });
    throw new Error(`import failed: ${r.stdout}\n${r.stderr}`);
  }
  console.log(`imported with cxw import in ${sec((performance.now() - t) / 1000)} (not part of the figures below)`);
}
if (flag('prepare')) process.exit(0);

// The dataset's table and column names for the sqlite3 shell (user names never reach SQL; see datasets.ts).
function shell(sql) {
  const r = spawnSync(SQLITE, ['-readonly', '-separator', '\t', ws, sql], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => l.split('\t'));
}
const [[table]] = shell("SELECT table_name FROM datasets WHERE name = 'events'");
const sqlName = Object.fromEntries(shell(`SELECT c.name, c.sql_name FROM dataset_columns c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = 'events'`));
const GROUP_BY = `SELECT ${sqlName.step}, COUNT(*), COUNT(DISTINCT ${sqlName.customer_id}) FROM ${table} GROUP BY ${sqlName.step}`;

const JOURNEY = ['journey', '--workspace', ws, '--dataset', 'events', '--customer', 'customer_id', '--time', 'timestamp', '--step', 'step', '--channel', 'channel', '--satisfaction', 'satisfaction', '--stages', STAGES, '--json'];
const ours = [];
const refs = [];
for (let r = 0; r < repeat; r++) {
  const run = timed(process.execPath, [CLI, ...JOURNEY]);
  ours.push({ ...run, json: JSON.parse(run.stdout.trim().split('\n').pop()) });
  const ref = timed(SQLITE, ['-readonly', '-separator', '\t', ws, GROUP_BY]);
  refs.push({ ...ref, rows: ref.stdout.trim().split('\n').map((l) => l.split('\t')) });
}
const best = (runs) => runs.reduce((a, b) => (b.wall < a.wall ? b : a));
const cx = best(ours);
const sq = best(refs);
const j = cx.json;

// The command's figures against what was planted and against the sqlite3 shell.
const funnel = j.funnel.slice(0, STAGE_NAMES.length);
const funnelOk = funnel.every((f, i) => f.step === STAGE_NAMES[i] && f.customers === planted.funnel[i]);
const sqlSteps = new Map(sq.rows.map(([step, events, distinct]) => [step, [Number(events), Number(distinct)]]));
const stepsOk = j.steps.length === sqlSteps.size && j.steps.every((s) => String(sqlSteps.get(s.step)) === String([s.events, s.customers]));

const phases = (t) => (t ? Object.entries(t).map(([p, ms]) => `${p} ${ms}`).join(', ') : '(no timings)');
console.log(`journey benchmark: ${j.events.toLocaleString()} events, ${j.customers.toLocaleString()} customers, ${j.steps.length} steps in ${j.stages.length} stages, ${j.variantCount.toLocaleString()} variants (${ws})`);
console.log(`\ncxw journey --json (whole command)  ${ours.map((o) => sec(o.wall)).join(' / ')}  best ${sec(cx.wall)}  peak RSS ${mib(Math.max(...ours.map((o) => o.rssKb)))}   target < 10 s, < 2 GB`);
console.log(`    cli ms:  ${phases(cx.timings.cli)}`);
console.log(`    job ms:  ${phases(cx.timings['journey.analyze'])}`);
console.log(`sqlite3 GROUP BY step (events, distinct customers)  ${refs.map((o) => sec(o.wall)).join(' / ')}  best ${sec(sq.wall)}  peak RSS ${mib(Math.max(...refs.map((o) => o.rssKb)))}`);
console.log(`ratio    best of each: cxw journey ${(cx.wall / sq.wall).toFixed(2)}× the sqlite3 shell's GROUP BY alone`);
console.log(`check    funnel = planted (${planted.funnel.map((n) => n.toLocaleString()).join(' → ')}): ${funnelOk ? 'yes' : 'NO'}; steps (events, customers) = sqlite3's: ${stepsOk ? 'yes' : 'NO'}`);
if (!funnelOk || !stepsOk) process.exitCode = 1;
