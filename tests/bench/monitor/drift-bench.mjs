// Whole-command drift benchmark (a plain script, not a test): `cxw drift` between two waves of 1,000,000 rows ×
// 30 columns (20 numeric, 10 categorical) — the bar is "< 3 s whole command", with peak RSS.
//
//   export PATH=/work/node24/node_modules/.bin:$PATH
//   npm run build                                    # the benchmark runs the BUILT cli (bin/cxw.js)
//   node tests/bench/monitor/drift-bench.mjs         # 1,000,000 rows per wave, seed 1, best of 3
//   options: --rows N, --seed S, --repeat R, --no-reference (skip scipy)
//
// Data (seeded mulberry32, written once to tests/bench/.data, not timed): per wave x01…x20 (reals: normal, lognormal,
// uniform, and integer 0–10 scores) and c01…c10 (text, 3–25 levels). The current wave shifts x01 (mean +0.3 SD),
// x02 (scale ×1.5) and c01 (shares), so the verdict has something to find. Both waves are imported once with
// `cxw import` (not timed; the import fills the typed column cache).
// Timed, as a child process under /usr/bin/time (%M = peak RSS), wall clock spawn to exit, each run after the
// workspace file was read once, untimed (so it starts from the page cache, as right after the import):
//   cxw drift --workspace W --reference wave1 --current wave2 --json
// Reference in the same script: /usr/bin/python3 with pandas + scipy reads the same two CSVs (load time reported
// apart) and runs scipy.stats.ks_2samp on the 20 numeric and chi2_contingency on the 10 categorical columns (the
// tests only, without PSI, Wasserstein or JS). The script prints both times, the ratio, peak RSS of each, and the
// largest difference between our and scipy's KS statistics, KS p-values and chi-square statistics.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { warmPageCache } from '../page-cache.mjs';

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
const withReference = !process.argv.includes('--no-reference');
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const sec = (s) => `${s.toFixed(2)} s`;

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function makeCsv(path, wave) {
  if (existsSync(path)) return;
  const rnd = mulberry32(seed * 1000 + wave);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const levels = Array.from({ length: 10 }, (_, j) => Array.from({ length: 3 + ((j * 7) % 23) }, (_, k) => `L${j + 1}_${k}`));
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const header = [...Array.from({ length: 20 }, (_, j) => `x${String(j + 1).padStart(2, '0')}`), ...Array.from({ length: 10 }, (_, j) => `c${String(j + 1).padStart(2, '0')}`)];
  out.write(`${header.join(',')}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let j = 0; j < 20; j++) {
      let v;
      if (j % 4 === 0) v = normal() * 10 + 50;
      else if (j % 4 === 1) v = Math.exp(normal() * 0.5 + 3);
      else if (j % 4 === 2) v = rnd() * 100;
      else v = Math.floor(rnd() * 11);
      if (wave === 2 && j === 0) v += 3;
      if (wave === 2 && j === 1) v *= 1.5;
      cells.push(j % 4 === 3 ? String(v) : v.toFixed(3));
    }
    for (let j = 0; j < 10; j++) {
      const ls = levels[j];
      const u = rnd();
      // Skewed shares; the current wave tilts c01 towards its last level.
      const k = wave === 2 && j === 0 && u < 0.3 ? ls.length - 1 : Math.min(ls.length - 1, Math.floor(ls.length * u * u));
      cells.push(ls[k]);
    }
    buf += `${cells.join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
  renameSync(tmp, path);
}

const env = { ...process.env, CXW_STATE_DIR: join(DATA, 'state') };

function timed(cmd, args, extraEnv = {}) {
  const rssFile = join(DATA, 'time.out');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { seconds, rssKb: Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()), stdout: r.stdout, stderr: r.stderr };
}

const PY_REFERENCE = String.raw`
import json, sys, time
import numpy as np, pandas as pd
from scipy import stats
t0 = time.perf_counter()
a = pd.read_csv(sys.argv[1]); b = pd.read_csv(sys.argv[2])
t1 = time.perf_counter()
out = {"ks": {}, "chi2": {}}
for c in a.columns:
    if c.startswith("x"):
        r = stats.ks_2samp(a[c].to_numpy(), b[c].to_numpy())
        out["ks"][c] = [float(r.statistic), float(r.pvalue)]
    else:
        ct = pd.crosstab(pd.concat([a[c], b[c]]), np.r_[np.zeros(len(a)), np.ones(len(b))]).to_numpy().T
        chi2, p, dof, _ = stats.chi2_contingency(ct)
        out["chi2"][c] = [float(chi2), float(p)]
t2 = time.perf_counter()
out["load"] = t1 - t0; out["tests"] = t2 - t1
print(json.dumps(out))
`;

mkdirSync(DATA, { recursive: true });
for (const tool of [TIME]) if (!existsSync(tool)) throw new Error(`${tool} is needed (Debian package "time").`);
const csv = (w) => join(DATA, `drift-wave${w}-${rows}-s${seed}.csv`);
console.log(`Generating two waves of ${rows.toLocaleString('en-US')} rows × 30 columns (cached in ${DATA})…`);
await makeCsv(csv(1), 1);
await makeCsv(csv(2), 2);
const ws = join(DATA, `drift-${rows}-s${seed}.cxw`);
if (!existsSync(ws)) {
  for (const w of [1, 2]) {
    const r = spawnSync(process.execPath, [CLI, 'import', csv(w), '--workspace', ws, '--name', `wave${w}`, '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  }
}

const runs = [];
let result = null;
for (let i = 0; i < repeat; i++) {
  warmPageCache(ws);
  const r = timed(process.execPath, [CLI, 'drift', '--workspace', ws, '--reference', 'wave1', '--current', 'wave2', '--json'], { CXW_TIMINGS: '1' });
  runs.push(r);
  result = JSON.parse(r.stdout);
}
const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
console.log(`cxw drift: best ${sec(best.seconds)} of ${repeat} (${runs.map((r) => sec(r.seconds)).join(', ')}), peak RSS ${mib(best.rssKb)}`);
console.log(`  verdict: ${result.verdict}`);
console.log(`  drifted: ${result.columns.filter((c) => c.drifted).map((c) => c.name).join(', ')}`);
const phases = best.stderr.split('\n').filter((l) => l.startsWith('cxw-timings'));
if (phases.length) console.log(phases.map((l) => `  ${l}`).join('\n'));

if (withReference) {
  const script = join(DATA, 'drift-reference.py');
  writeFileSync(script, PY_REFERENCE);
  warmPageCache(csv(1));
  warmPageCache(csv(2));
  const ref = timed(PY, [script, csv(1), csv(2)]);
  const py = JSON.parse(ref.stdout);
  console.log(`scipy reference: tests ${sec(py.tests)} (ks_2samp × 20, chi2_contingency × 10), CSV load ${sec(py.load)}, whole script ${sec(ref.seconds)}, peak RSS ${mib(ref.rssKb)}`);
  console.log(`  ratio cxw drift (whole command) / scipy tests alone: ${(best.seconds / py.tests).toFixed(2)}×; / whole scipy script: ${(best.seconds / ref.seconds).toFixed(2)}×`);
  let dStat = 0;
  let dP = 0;
  let dChi = 0;
  for (const c of result.columns) {
    if (py.ks[c.name]) {
      dStat = Math.max(dStat, Math.abs(c.statistic - py.ks[c.name][0]));
      dP = Math.max(dP, Math.abs(c.pValue - py.ks[c.name][1]));
    } else if (py.chi2[c.name]) dChi = Math.max(dChi, Math.abs(c.statistic - py.chi2[c.name][0]) / Math.max(1, py.chi2[c.name][0]));
  }
  console.log(`  agreement: KS statistic max |Δ| ${dStat.toExponential(2)}, KS p max |Δ| ${dP.toExponential(2)}, chi-square max relative |Δ| ${dChi.toExponential(2)}`);
}
