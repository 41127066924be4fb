// Experiment benchmark (a plain script, not a test): `cxw experiment` on 1,000,000 customers, the whole command as a
// user runs it, against a Python reference (numpy/scipy/statsmodels reading the same CSV and computing the same
// statistics); both under /usr/bin/time for wall time and peak RSS. The issue sets no bar for experiments; this
// records what a million-customer A/B test costs and checks the numbers agree.
//
//   export PATH=/work/node24/node_modules/.bin:$PATH
//   npm run build                                     # the benchmark runs the BUILT cli (bin/cxw.js)
//   node tests/bench/monitor/experiment-bench.mjs     # 1,000,000 customers, seed 1, best of 3
//   options: --rows N, --seed S, --repeat R
//
// Data (tests/bench/.data, gitignored; not timed): customer_id, arm (control / variant, a fair coin), converted
// (yes/no: 10% vs 10.5%), spend (0.8 × pre_spend + noise, +0.5 in the variant), pre_spend, region (5 values).
// Imported once with `cxw import` (not timed).
// Timed, each a child process:
//   cxw   experiment --outcome converted --positive yes --control control --by region --json
//   cxw   experiment --outcome spend --kind mean --covariate pre_spend --control control --json   (CUPED)
//   python3 the same two analyses with pandas-free numpy CSV reading, statsmodels proportions_ztest /
//           confint_proportions_2indep(newcomb), scipy ttest_ind(equal_var=False) on the CUPED-adjusted spend
// The script checks the p-values and CUPED theta agree to 1e-9 (relative).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../mulberry32.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../..');
const DATA = join(HERE, '../.data');
const CLI = join(ROOT, 'bin/cxw.js');
const TIME = '/usr/bin/time';
const PY = '/usr/bin/python3';

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
}
const rows = Number(arg('rows', '1000000'));
const seed = Number(arg('seed', '1'));
const repeat = Math.max(1, Number(arg('repeat', '3')));
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const sec = (s) => `${s.toFixed(2)} s`;
const env = { ...process.env, CXW_STATE_DIR: join(DATA, 'cxw-state') };

function timed(cmd, args) {
  const rssFile = join(DATA, 'experiment-time.out');
  const t0 = performance.now();
  const r = spawnSync(TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { wall, rssKb: Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()), stdout: r.stdout };
}

async function writeData(path) {
  const rnd = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const regions = ['North', 'South', 'East', 'West', 'Central'];
  const out = createWriteStream(path);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write('customer_id,arm,converted,spend,pre_spend,region\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const variant = rnd() < 0.5;
    const pre = Math.max(0, 50 + 20 * normal());
    const spend = 0.8 * pre + 15 * normal() + (variant ? 0.5 : 0);
    chunk += `C${i},${variant ? 'variant' : 'control'},${rnd() < (variant ? 0.105 : 0.1) ? 'yes' : 'no'},${spend.toFixed(2)},${pre.toFixed(2)},${regions[Math.floor(rnd() * 5)]}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((r) => out.end(r));
}

const PYTHON = `
import sys, json, numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportions_ztest, confint_proportions_2indep
d = np.genfromtxt(sys.argv[1], delimiter=',', skip_header=1, usecols=(1, 2, 3, 4), dtype=None, encoding='utf-8')
arm = np.array([r[0] == 'variant' for r in d]); conv = np.array([r[1] == 'yes' for r in d])
y = np.array([r[2] for r in d], dtype=float); x = np.array([r[3] for r in d], dtype=float)
xb, nb, xc, nc = int(conv[arm].sum()), int(arm.sum()), int(conv[~arm].sum()), int((~arm).sum())
z, p = proportions_ztest([xb, xc], [nb, nc])
ci = confint_proportions_2indep(xb, nb, xc, nc, method='newcomb', compare='diff')
theta = np.cov(y, x, ddof=1)[0, 1] / np.var(x, ddof=1)
adj = y - theta * (x - x.mean())
t, pt = stats.ttest_ind(adj[arm], adj[~arm], equal_var=False)
print(json.dumps({'p': p, 'ci': list(ci), 'theta': theta, 't': t, 'pt': pt}))
`;

if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('Build first: npm run build');
if (!existsSync(TIME)) throw new Error(`${TIME} is needed for the children's peak RSS (Debian package "time").`);
mkdirSync(DATA, { recursive: true });
const tag = `experiment-${rows}-s${seed}`;
const csv = join(DATA, `${tag}.csv`);
const ws = join(DATA, `${tag}.cxw`);
const py = join(DATA, 'experiment-reference.py');
writeFileSync(py, PYTHON);
if (!existsSync(csv)) {
  await writeData(`${csv}.tmp`);
  renameSync(`${csv}.tmp`, csv);
  console.log(`generated ${rows.toLocaleString()} customers → ${csv}`);
}
if (!existsSync(ws)) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'import', csv, '--workspace', ws, '--name', 'ab', '--json'], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`import failed: ${r.stdout}\n${r.stderr}`);
  console.log(`imported with cxw import in ${sec((performance.now() - t) / 1000)} (not part of the figures below)`);
}

const BIN = ['experiment', '--workspace', ws, '--dataset', 'ab', '--arm', 'arm', '--control', 'control', '--outcome', 'converted', '--positive', 'yes', '--by', 'region', '--json'];
const CUPED = ['experiment', '--workspace', ws, '--dataset', 'ab', '--arm', 'arm', '--control', 'control', '--outcome', 'spend', '--kind', 'mean', '--covariate', 'pre_spend', '--json'];
const runs = { bin: [], cuped: [], py: [] };
for (let r = 0; r < repeat; r++) {
  runs.bin.push(timed(process.execPath, [CLI, ...BIN]));
  runs.cuped.push(timed(process.execPath, [CLI, ...CUPED]));
  runs.py.push(timed(PY, [py, csv]));
  console.log(`round ${r + 1}: binary by region ${sec(runs.bin[r].wall)}, CUPED ${sec(runs.cuped[r].wall)}, python ${sec(runs.py[r].wall)}`);
}
const best = (xs) => xs.reduce((a, b) => (b.wall < a.wall ? b : a));
const peak = (xs) => mib(Math.max(...xs.map((x) => x.rssKb)));
const bin = JSON.parse(best(runs.bin).stdout);
const cup = JSON.parse(best(runs.cuped).stdout);
const ref = JSON.parse(best(runs.py).stdout.trim().split('\n').pop());
const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
const agree = rel(bin.comparisons[0].pValue, ref.p) < 1e-9 && rel(cup.cuped.theta, ref.theta) < 1e-9 && rel(cup.comparisons[0].statistic, ref.t) < 1e-9 && Math.abs(bin.comparisons[0].ci[0] - ref.ci[0]) < 1e-9;
const both = best(runs.bin).wall + best(runs.cuped).wall;
console.log(`\nexperiment benchmark: ${rows.toLocaleString()} customers (${ws})`);
console.log(`cxw experiment binary --by region --json   best ${sec(best(runs.bin).wall)}  peak RSS ${peak(runs.bin)}`);
console.log(`cxw experiment mean --covariate --json     best ${sec(best(runs.cuped).wall)}  peak RSS ${peak(runs.cuped)}`);
console.log(`python3 numpy/scipy/statsmodels (both)     best ${sec(best(runs.py).wall)}  peak RSS ${peak(runs.py)}`);
console.log(`ratio    both cxw commands / the Python reference doing both: ${(both / best(runs.py).wall).toFixed(2)}×`);
console.log(`check    p, Newcombe CI, CUPED theta and t equal the reference to 1e-9: ${agree ? 'yes' : 'NO'}`);
