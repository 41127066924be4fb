// Training benchmark of the whole command (a plain script, not a test; it prints, it asserts nothing): the process
// `cxw predict train --model gbdt --folds 1` against the process of scikit-learn's HistGradientBoostingClassifier on
// the same rows (issue 15's bar: at most 1.5× sklearn's whole process with its default threads, test AUC within 0.005).
//
//   export PATH=/work/node24/node_modules/.bin:$PATH
//   npm run build                                                   # the CLI runs from out/
//   node tests/bench/predict/train-cli-vs-sklearn.mjs               # 1,000,000 rows × 20, 3 runs of each
//   node tests/bench/predict/train-cli-vs-sklearn.mjs --rows 200000 --runs 5
//
// Data: gbdt-data.mjs (the data of gbdt-vs-sklearn.mjs, seeded): the raw files tests/bench/.data/gbdt-v1-Nx20.f64
// (column-major float64) and .y (uint8 labels), written once if absent, and from them a CSV
// tests/bench/.data/train-cli-Nx20.csv with columns f1..f20 (shortest round-trip decimals, so the import reads the
// very same doubles; NaN as an empty cell), y (0/1) and part ("train" for the first 80% of the rows, "test" for the
// last 20%). The CSV is `cxw import`ed once into tests/bench/.data/train-cli-Nx20.cxw (timed and printed, not
// counted). All of this is gitignored.
// Measured, each run a fresh process, ours and sklearn's in turn (A B A B …):
//   ours     the whole `node bin/cxw.js predict train --workspace W --dataset D --target y --positive 1
//            --features f1,…,f20 --model gbdt --folds 1 --test part=test --json` process: Node start-up, reading the
//            20 columns and the target from the workspace, the leakage guard, the fit (the CLI's gbdt defaults:
//            100 trees, learning rate 0.1, 31 leaves, 255 bins, early stopping 'auto' as sklearn's default, i.e. on
//            above 10,000 rows: a seeded 10% of the training rows held out), scoring the test rows, the test
//            metrics, permutation importance, mean |SHAP|, partial dependence and the review queue, printing the JSON.
//            `--test part=test` makes the test rows exactly the last 20%, the rows sklearn is scored on. The fit builds
//            its histograms on helper threads (one per further core, main/workspace/predict/gbdt-pool.ts); run with
//            CXW_GBDT_HELPERS=0 in the environment for the single-threaded fit (the same model, bit for bit).
//   sklearn  the whole `/usr/bin/python3 -c …` process: interpreter start-up, imports, np.fromfile of the same .f64/.y,
//            HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, max_bins=255, learning_rate=0.1,
//            early_stopping=False, random_state=0).fit on the first 80% + predict_proba of the last 20%, writing the
//            probabilities; its default OpenMP threads (all cores).
// Wall clock from spawn to exit, measured here; peak RSS of each process by /usr/bin/time -f %M (the largest resident
// set of the process, its worker threads included). Medians over --runs; the ratio is the median of the run-by-run
// ratios (robust to the machine's speed drifting on a shared box).
// Test AUC: ours from the CLI's JSON (test.auc, its own computation on its test rows), sklearn's computed here by
// gbdt-data.mjs's rocAuc from its probability file; both on the same 200,000 rows.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPrefix, F, readGbdtData, readProba, rocAuc, trainRowsOf, writeGbdtData } from './gbdt-data.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../..');
const DATA = join(HERE, '../.data');
const CXW = join(ROOT, 'bin/cxw.js');

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
}
const rows = Number(arg('rows', '1000000'));
const runs = Number(arg('runs', '3'));
const nTrain = trainRowsOf(rows);
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const secs = (a) => a.map((v) => v.toFixed(2)).join(', ');

mkdirSync(DATA, { recursive: true });
const prefix = dataPrefix(DATA, rows);
writeGbdtData(prefix, rows);
const base = join(DATA, `train-cli-${rows}x${F}`);
const csv = `${base}.csv`;
const ws = `${base}.cxw`;
const stateDir = `${base}.state`;
const env = { ...process.env, CXW_STATE_DIR: stateDir };

function writeCsv() {
  if (existsSync(csv)) return;
  const { cols, y } = readGbdtData(prefix, rows);
  const fd = openSync(`${csv}.part`, 'w');
  writeSync(fd, `${Array.from({ length: F }, (_, f) => `f${f + 1}`).join(',')},y,part\n`);
  const CHUNK = 20_000;
  for (let from = 0; from < rows; from += CHUNK) {
    const lines = [];
    for (let i = from; i < Math.min(rows, from + CHUNK); i++) {
      const cells = cols.map((c) => (Number.isNaN(c[i]) ? '' : String(c[i])));
      lines.push(`${cells.join(',')},${y[i]},${i < nTrain ? 'train' : 'test'}\n`);
    }
    writeSync(fd, lines.join(''));
  }
  closeSync(fd);
  spawnSync('mv', [`${csv}.part`, csv]);
}

/** One process under /usr/bin/time: wall seconds (measured here), peak RSS in KiB, its stdout. */
function timed(cmd, args, extraEnv = env) {
  const rss = join(DATA, `train-cli-rss-${process.pid}.txt`);
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rss, cmd, ...args], { encoding: 'utf8', env: extraEnv, maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const maxRssKb = Number(readFileSync(rss, 'utf8').trim().split('\n').pop());
  rmSync(rss, { force: true });
  return { wall, maxRssKb, stdout: r.stdout };
}

const features = Array.from({ length: F }, (_, f) => `f${f + 1}`).join(',');
const ours = () => {
  const r = timed(process.execPath, [CXW, 'predict', 'train', '--workspace', ws, '--dataset', 'synth', '--target', 'y', '--positive', '1', '--features', features, '--model', 'gbdt', '--folds', '1', '--test', 'part=test', '--json']);
  const out = JSON.parse(r.stdout);
  return { ...r, auc: out.test.auc, testRows: out.test.rows, trainRows: out.detail.trainRows };
};

const skProba = `${base}.sklearn.proba`;
const skCode = [
  'import numpy as np',
  'from sklearn.ensemble import HistGradientBoostingClassifier',
  `X = np.fromfile(${JSON.stringify(`${prefix}.f64`)}, dtype='<f8').reshape(${F}, ${rows}).T`,
  `y = np.fromfile(${JSON.stringify(`${prefix}.y`)}, dtype=np.uint8)`,
  `m = HistGradientBoostingClassifier(max_iter=100, max_leaf_nodes=31, max_bins=255, learning_rate=0.1, early_stopping=False, random_state=0).fit(X[:${nTrain}], y[:${nTrain}])`,
  `m.predict_proba(X[${nTrain}:])[:, 1].astype('<f8').tofile(${JSON.stringify(skProba)})`,
].join('\n');
const sklearn = () => timed('/usr/bin/python3', ['-c', skCode], process.env);

console.log(`predict train benchmark: ${rows.toLocaleString()} rows × ${F} (train ${nTrain.toLocaleString()}, test ${(rows - nTrain).toLocaleString()}), 100 trees, 31 leaves, 255 bins, learning rate 0.1, ${runs} run(s) each`);
let t0 = performance.now();
writeCsv();
console.log(`data     ${csv} (${((performance.now() - t0) / 1000).toFixed(1)} s, not counted)`);
if (!existsSync(ws)) {
  t0 = performance.now();
  const imp = timed(process.execPath, [CXW, 'import', csv, '--workspace', ws, '--name', 'synth']);
  console.log(`import   cxw import: ${imp.wall.toFixed(2)} s, peak RSS ${mib(imp.maxRssKb)} (once, not counted)`);
} else console.log(`import   ${ws} (imported before)`);

const a = [];
const b = [];
for (let r = 0; r < runs; r++) {
  a.push(ours());
  b.push(sklearn());
}
const yTest = readGbdtData(prefix, rows).y.subarray(nTrain);
const aucSk = rocAuc(yTest, readProba(skProba));
const aucOurs = a[a.length - 1].auc;
const ratios = a.map((x, i) => x.wall / b[i].wall);
console.log(`\nours     cxw predict train: wall ${median(a.map((x) => x.wall)).toFixed(2)} s median (${secs(a.map((x) => x.wall))}); peak RSS ${mib(median(a.map((x) => x.maxRssKb)))}; test AUC ${aucOurs.toFixed(5)} on ${a[0].testRows.toLocaleString()} rows (training rows ${a[0].trainRows.toLocaleString()}, of which early stopping holds out 10%)`);
console.log(`sklearn  python3 HistGradientBoostingClassifier: wall ${median(b.map((x) => x.wall)).toFixed(2)} s median (${secs(b.map((x) => x.wall))}); peak RSS ${mib(median(b.map((x) => x.maxRssKb)))}; test AUC ${aucSk.toFixed(5)}`);
console.log(`ratio    whole process ours/sklearn ${median(ratios).toFixed(2)}× median (${ratios.map((v) => v.toFixed(2)).join(', ')}; target ≤ 1.5×)`);
console.log(`         AUC difference ${(aucOurs - aucSk).toFixed(5)} (target |·| ≤ 0.005)`);
