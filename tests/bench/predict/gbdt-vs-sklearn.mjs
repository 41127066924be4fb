// Gradient-boosted trees benchmark (a plain script, not a test; it prints, it asserts nothing): our typed-array kernel
// (main/analysis/predict/gbdt) against scikit-learn's HistGradientBoostingClassifier, and our TreeSHAP.
//
//   export PATH=/work/node24/node_modules/.bin:$PATH
//   node tests/bench/predict/gbdt-vs-sklearn.mjs                 # 1,000,000 rows × 20, 100 trees, 31 leaves, 255 bins
//   node tests/bench/predict/gbdt-vs-sklearn.mjs --rows 200000   # quicker
//   options: --trees N (100), --leaves N (31), --shap-rows N (100000), --skip-shap
//
// Data: --rows rows × 20 features from gbdt-data.mjs (seeded; 12 normal, 4 integer codes, 2 uniform with 5% missing,
// 2 noise; a non-linear logit, base rate ≈ 0.3). Written once, column-major raw float64 plus a uint8 label file, to
// tests/bench/.data/ (gitignored); writing it is not timed. The first 80% of the rows train, the last 20% test.
// The kernel is TypeScript with extensionless imports, so it is first bundled with rolldown (already a dependency
// via vite) into tests/bench/.data/gbdt.mjs. Every measured run is a fresh child process, so peak RSS is its own.
//   ours.process     whole child, wall clock from spawn to exit: node start-up + loading the bundle + reading the files
//                    + fitGbdt(maxIter, maxLeafNodes, maxBins 255, learningRate 0.1, earlyStopping false) + probabilities
//                    of the test rows (+ writing the model JSON for the TreeSHAP child, timed separately and not counted)
//   sklearn.process  whole `/usr/bin/python3 -c ...` process: interpreter start-up + imports + np.fromfile +
//                    HistGradientBoostingClassifier(max_iter, max_leaf_nodes, max_bins=255, learning_rate=0.1,
//                    early_stopping=False).fit + predict_proba on the test rows (sklearn's OpenMP threads: all cores);
//                    run again with OMP_NUM_THREADS=1 for a like-for-like single-threaded figure. On a shared machine,
//                    OpenMP's threads slow down badly when other processes compete for the cores: run it quiet.
//   fit              inside each process, around the fit call only
//   AUC              ROC AUC of the test rows, both computed here by the same function from the two probability files
//   TreeSHAP         a third child loads the model JSON and explains the first --shap-rows test rows (default method,
//                    count cover); it also reports the largest |base + Σφ − margin| over those rows
// Peak RSS: process.resourceUsage().maxRSS in Node children, resource.getrusage().ru_maxrss in Python.
// Targets (issue 15): whole process ≤ 1.5× sklearn's, test AUC within 0.005, TreeSHAP for 100k rows < 5 s, peak RSS
// < 2 GB.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPrefix, F, readGbdtData, readProba, rocAuc, writeGbdtData } from './gbdt-data.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = join(HERE, '../.data');
const BUNDLE = join(DATA, 'gbdt.mjs');

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : process.argv[i + 1];
}
const flag = (name) => process.argv.includes(`--${name}`);
const mib = (kb) => `${(kb / 1024).toFixed(0)} MiB`;

// ------------------------------------------------------------------ children
if (process.argv[2] === '--child') {
  const [, , , kind, prefix, rowsArg, trees, leaves, shapRows] = process.argv;
  const rows = Number(rowsArg);
  const nTrain = Math.floor(rows * 0.8);
  const g = await import(BUNDLE);
  const { cols, y } = readGbdtData(prefix, rows);
  const train = cols.map((c) => c.subarray(0, nTrain));
  const test = cols.map((c) => c.subarray(nTrain));
  const out = {};
  if (kind === 'ours') {
    const t0 = performance.now();
    const model = g.fitGbdt(train, y.subarray(0, nTrain), { maxIter: Number(trees), maxLeafNodes: Number(leaves), maxBins: 255, learningRate: 0.1, earlyStopping: false });
    const t1 = performance.now();
    const p = g.predictProbability(model, test);
    const t2 = performance.now();
    Object.assign(out, { fitS: (t1 - t0) / 1000, predictS: (t2 - t1) / 1000, trees: model.nIter });
    writeFileSync(`${prefix}.ours.proba`, Buffer.from(p.buffer));
    out.maxRssKb = process.resourceUsage().maxRSS;
    // Written after the measurement above; the parent subtracts writeS from the process time.
    const t3 = performance.now();
    writeFileSync(`${prefix}.model.json`, JSON.stringify(model));
    out.writeS = (performance.now() - t3) / 1000;
  } else if (kind === 'shap') {
    const model = JSON.parse(readFileSync(`${prefix}.model.json`, 'utf8'));
    const m = Math.min(Number(shapRows), rows - nTrain);
    const X = test.map((c) => c.subarray(0, m));
    const t0 = performance.now();
    const shap = g.treeShap(model, X);
    const t1 = performance.now();
    const margin = g.predictRawMargin(model, X);
    let worst = 0;
    for (let r = 0; r < m; r++) {
      let s = shap.base;
      for (let j = 0; j < F; j++) s += shap.values[r * F + j];
      worst = Math.max(worst, Math.abs(s - margin[r]));
    }
    const mean = g.meanAbsShap(shap);
    Object.assign(out, { shapS: (t1 - t0) / 1000, rows: m, additivity: worst, top: Array.from(mean).map((v, j) => [j, v]).sort((a, b) => b[1] - a[1]).slice(0, 5) });
    out.maxRssKb = process.resourceUsage().maxRSS;
  }
  console.log(JSON.stringify(out));
  process.exit(0);
}

// ------------------------------------------------------------------ parent
const rows = Number(arg('rows', '1000000'));
const trees = Number(arg('trees', '100'));
const leaves = Number(arg('leaves', '31'));
const shapRows = Number(arg('shap-rows', '100000'));
mkdirSync(DATA, { recursive: true });


async function bundle() {
  const { build } = await import('rolldown');
  writeFileSync(join(DATA, 'gbdt-entry.ts'), [
    "export { fitGbdt } from '../../../main/analysis/predict/gbdt/boost';",
    "export { predictProbability, predictRawMargin } from '../../../main/analysis/predict/gbdt/model';",
    "export { treeShap, meanAbsShap } from '../../../main/analysis/predict/treeshap';",
  ].join('\n'));
  await build({ input: join(DATA, 'gbdt-entry.ts'), platform: 'node', output: { file: BUNDLE, format: 'esm' }, logLevel: 'silent' });
}

function child(kind, prefix) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, prefix, String(rows), String(trees), String(leaves), String(shapRows)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${kind} child failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), processS: wall };
}

function python(prefix, threads) {
  const nTrain = Math.floor(rows * 0.8);
  const code = [
    'import time, resource, json',
    'import numpy as np',
    'from sklearn.ensemble import HistGradientBoostingClassifier',
    `X = np.fromfile(${JSON.stringify(`${prefix}.f64`)}, dtype='<f8').reshape(${F}, ${rows}).T`,
    `y = np.fromfile(${JSON.stringify(`${prefix}.y`)}, dtype=np.uint8)`,
    't = time.perf_counter()',
    `m = HistGradientBoostingClassifier(max_iter=${trees}, max_leaf_nodes=${leaves}, max_bins=255, learning_rate=0.1, early_stopping=False).fit(X[:${nTrain}], y[:${nTrain}])`,
    'fit = time.perf_counter() - t',
    `p = m.predict_proba(X[${nTrain}:])[:, 1]`,
    `p.astype('<f8').tofile(${JSON.stringify(`${prefix}.sklearn${threads ? `-${threads}t` : ''}.proba`)})`,
    "print(json.dumps({'fitS': fit, 'trees': int(m.n_iter_), 'maxRssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))",
  ].join('\n');
  const t0 = performance.now();
  const env = threads ? { ...process.env, OMP_NUM_THREADS: String(threads) } : process.env;
  const r = spawnSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', env });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), processS: wall };
}

await bundle();
const prefix = dataPrefix(DATA, rows);
writeGbdtData(prefix, rows);
const nTrain = Math.floor(rows * 0.8);
const yTest = new Uint8Array(readFileSync(`${prefix}.y`)).subarray(nTrain);
console.log(`gradient-boosting benchmark: ${rows.toLocaleString()} rows × ${F} (train ${nTrain.toLocaleString()}, test ${(rows - nTrain).toLocaleString()}), ${trees} trees, ${leaves} leaves, 255 bins, learning rate 0.1 (data: ${prefix}.f64)`);

const ours = child('ours', prefix);
const oursProcess = ours.processS - ours.writeS;
const sk = python(prefix, 0);
const sk1 = python(prefix, 1);
const aucOurs = rocAuc(yTest, readProba(`${prefix}.ours.proba`));
const aucSk = rocAuc(yTest, readProba(`${prefix}.sklearn.proba`));
console.log(`\nours     fit ${ours.fitS.toFixed(2)} s (${ours.trees} trees), predict ${ours.predictS.toFixed(2)} s; whole process ${oursProcess.toFixed(2)} s; peak RSS ${mib(ours.maxRssKb)}; test AUC ${aucOurs.toFixed(5)}`);
console.log(`sklearn  fit ${sk.fitS.toFixed(2)} s (${sk.trees} trees); whole process ${sk.processS.toFixed(2)} s; peak RSS ${mib(sk.maxRssKb)}; test AUC ${aucSk.toFixed(5)}`);
console.log(`sklearn1 the same with OMP_NUM_THREADS=1 (like for like: ours is single-threaded): fit ${sk1.fitS.toFixed(2)} s; whole process ${sk1.processS.toFixed(2)} s`);
console.log(`ratio    whole process ours/sklearn ${(oursProcess / sk.processS).toFixed(2)}× (target ≤ 1.5×), ours/sklearn-1-thread ${(oursProcess / sk1.processS).toFixed(2)}×; fit only ${(ours.fitS / sk.fitS).toFixed(2)}× and ${(ours.fitS / sk1.fitS).toFixed(2)}×`);
console.log(`         AUC difference ${(aucOurs - aucSk).toFixed(5)} (target |·| ≤ 0.005)`);
if (!flag('skip-shap')) {
  const s = child('shap', prefix);
  console.log(`\nTreeSHAP ${s.rows.toLocaleString()} rows: ${s.shapS.toFixed(2)} s (target < 5 s); peak RSS ${mib(s.maxRssKb)}; max |base + Σφ − margin| ${s.additivity.toExponential(2)}`);
  console.log(`         top features by mean |SHAP|: ${s.top.map(([j, v]) => `x${j} ${v.toFixed(3)}`).join(', ')}`);
}
