// Gradient-boosted-tree candidates for Predict (issue 15, item 2): which implementation should the app use?
// A plain script, not a test. It measures every npm candidate that installs with no download beyond its own tarball,
// our own typed-array kernel (fitGbdt in main/analysis/predict/gbdt/boost.ts, predictProbability in model.ts; shown as
// pending while they are absent) and, as yardsticks,
// scikit-learn's HistGradientBoostingClassifier and XGBoost (Debian packages, run by /usr/bin/python3), on the same
// matrices, and prints one table per data set. docs/predict-model-choice.md holds the figures and the choice.
//
//   export PATH=/work/node24/node_modules/.bin:$PATH
//   node tests/bench/predict/candidates.mjs                     # synthetic 1k/2k/10k/100k rows × 20, Telco churn
//   node tests/bench/predict/candidates.mjs --big               # also 1M × 20 for candidates projected to fit the budget
//   options: --budget S (per measured child, default 240; a child past it is killed and the ladder stops there; a slow
//            candidate is not started at a size where its two fits are projected past it),
//            --only a,b (candidate keys), --sizes 1000,100000, --seed S (default 1), --skip-telco, --skip-missing
//
// Candidates (installed on demand, pinned, with --ignore-scripts, into ~/.cache/cxw-predict-candidates — never the
// repo): ml-xgboost@1.1.2 (XGBoost compiled to WebAssembly with emscripten; also as ml-xgboost-heap, the same wasm
// through our own wrapper, for sizes where the stock one crashes), ml-random-forest@2.1.0 (pure JS, CART
// trees from ml-cart), decision-tree@1.0.0 (pure JS "XGBoost" over ID3 trees, categorical features only, so it gets
// each feature cut into 10 train-quantile bins). Same settings wherever the library has them: 100 trees, learning rate
// 0.1, 31 leaves (or the library's nearest: depth 6), 255 bins. Random forest: 100 trees, 30% of features per tree,
// depth ≤ 10, ≥ 20 rows to split (its defaults, unbounded depth, do not finish at 10k rows).
//
// Data (written once to tests/bench/.data/predict/, gitignored; column-major float64 per feature, uint8 labels,
// exactly the convention of main/analysis/predict/types.ts):
//   synth-N  N rows × 20 features with a planted signal (seeded mulberry32): logit = −1.2 + x0 + 0.8·[x1 > 0.5]
//            + 0.7·x2·x3 − 0.6·|x4| + 0.5·sin(2·x5) + 0.6·[x15 ∈ {1,3}] + 0.5·min(x18, 3) + 0.5·x19·x0; x0..x9 normal,
//            x10..x14 uniform, x15..x17 integer codes 0..4, x18 log-normal, x19 0/1; the rest is noise. The last 20%
//            of rows are the test rows. "oracle" is the AUC of the true logit on them (the ceiling).
//   synth-missing-2k  synth-2k with 15% of x0 and x2 set to NaN (missing completely at random): who copes, and how?
//   telco    /work/shared/data/telco-churn (skipped with a message when absent): 4 numeric columns, the other 15
//            categoricals one-hot (all levels), target Churn = Yes; TotalCharges blank on 11 tenure-0 rows set to 0 so
//            every candidate sees the same matrix; stratified seeded 80/20 split.
// Every measured run is a fresh child process (its peak RSS is its own), fitting twice with the same seed:
//   prep      converting our typed arrays to the library's input (number[][], records) — a cost the app would pay
//   fit       the faster of the two fits (the machine is shared, and the first fit also pays JIT warm-up); predict:
//             the test rows, after that fit; process: the whole child, spawn to exit (both fits)
//   Python    prep is interpreter start + imports + loading the files. sklearn uses OpenMP on both cores; sklearn-1t
//             is the same with OMP_NUM_THREADS=1 (like for like with single-threaded JS, and steady on a busy machine,
//             where a two-thread OpenMP fit can take 10× longer); XGBoost runs with n_jobs=1 for the same reason
//   identical the two fits' test predictions are bit-identical (max |Δ| shown otherwise)
//   |Δp|      the largest difference between a candidate's test predictions and sklearn-1t's (sklearn's without it)
//   rss       peak RSS of the child: VmHWM from /proc/self/status (Node and Python alike; see peakRssKiB)
//   trees     can the fitted trees be read (splits, thresholds, leaf values, cover), as exact TreeSHAP and SQL export
//             need? Checked by re-computing the test predictions from the trees read out of the model.
// AUC is computed here, by one function, from the predictions each child writes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../../..');
const DATA = join(HERE, '../.data/predict');
const CACHE = join(homedir(), '.cache/cxw-predict-candidates');
const TELCO = resolve(REPO, '../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
const OUR_DIR = join(REPO, 'main/analysis/predict/gbdt');
const OUR_BUNDLE = join(DATA, 'gbdt.mjs');
const PY = '/usr/bin/python3';
const NPM_PKGS = ['ml-xgboost@1.1.2', 'ml-random-forest@2.1.0', 'decision-tree@1.0.0'];
const P = { trees: 100, lr: 0.1, leaves: 31, bins: 255 };

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i === -1 ? dflt : process.argv[i + 1]; };
const flag = (name) => process.argv.includes(`--${name}`);
const seed = Number(arg('seed', 1));


// ------------------------------------------------------------------ data files
const files = (prefix) => ({ meta: `${prefix}.json`, xtr: `${prefix}.train.f64`, ytr: `${prefix}.train.y`, xte: `${prefix}.test.f64`, yte: `${prefix}.test.y` });

function writeSet(prefix, cols, y, testMask, meta) {
  const f = files(prefix);
  const trainRows = [], testRows = [];
  for (let i = 0; i < y.length; i++) (testMask[i] ? testRows : trainRows).push(i);
  const part = (rows) => {
    const x = new Float64Array(cols.length * rows.length);
    cols.forEach((c, j) => rows.forEach((r, k) => { x[j * rows.length + k] = c[r]; }));
    return { x, y: Uint8Array.from(rows, (r) => y[r]) };
  };
  const tr = part(trainRows), te = part(testRows);
  writeFileSync(f.xtr, tr.x); writeFileSync(f.ytr, tr.y); writeFileSync(f.xte, te.x); writeFileSync(f.yte, te.y);
  writeFileSync(f.meta, JSON.stringify({ ...meta, cols: cols.length, nTrain: trainRows.length, nTest: testRows.length }));
}

function loadSet(prefix) {
  const f = files(prefix);
  const meta = JSON.parse(readFileSync(f.meta, 'utf8'));
  const cols = (file, n) => {
    const b = readFileSync(file);
    const all = new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
    return Array.from({ length: meta.cols }, (_, j) => all.subarray(j * n, (j + 1) * n));
  };
  return { meta, xtr: cols(f.xtr, meta.nTrain), ytr: new Uint8Array(readFileSync(f.ytr)), xte: cols(f.xte, meta.nTest), yte: new Uint8Array(readFileSync(f.yte)) };
}

function makeSynth(prefix, n, missingShare = 0) {
  if (existsSync(files(prefix).meta)) return;
  const rnd = mulberry32(20240615), normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const cols = Array.from({ length: 20 }, () => new Float64Array(n));
  const y = new Uint8Array(n), logit = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = new Array(20);
    for (let j = 0; j < 10; j++) x[j] = normal();
    for (let j = 10; j < 15; j++) x[j] = rnd();
    for (let j = 15; j < 18; j++) x[j] = Math.floor(rnd() * 5);
    x[18] = Math.exp(0.5 * normal()); x[19] = rnd() < 0.3 ? 1 : 0;
    const l = -1.2 + x[0] + 0.8 * (x[1] > 0.5) + 0.7 * x[2] * x[3] - 0.6 * Math.abs(x[4]) + 0.5 * Math.sin(2 * x[5])
      + 0.6 * (x[15] === 1 || x[15] === 3) + 0.5 * Math.min(x[18], 3) + 0.5 * x[19] * x[0];
    logit[i] = l; y[i] = rnd() < 1 / (1 + Math.exp(-l)) ? 1 : 0;
    for (let j = 0; j < 20; j++) cols[j][i] = x[j];
  }
  if (missingShare > 0) { const m = mulberry32(7); for (const j of [0, 2]) for (let i = 0; i < n; i++) if (m() < missingShare) cols[j][i] = NaN; }
  const cut = Math.floor(n * 0.8), test = Uint8Array.from({ length: n }, (_, i) => (i >= cut ? 1 : 0));
  const oracle = auc(logit.subarray(cut), y.subarray(cut));
  writeSet(prefix, cols, y, test, { name: prefix.split('/').pop(), oracleAuc: oracle, features: cols.map((_, j) => `x${j}`) });
}

function makeTelco(prefix) {
  if (existsSync(files(prefix).meta)) return true;
  if (!existsSync(TELCO)) return false;
  const [head, ...lines] = readFileSync(TELCO, 'utf8').trim().split(/\r?\n/);
  const names = head.split(','), rows = lines.map((l) => l.split(','));
  const numeric = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'];
  const cols = [], features = [];
  for (const [j, name] of names.entries()) {
    if (name === 'customerID' || name === 'Churn') continue;
    if (numeric.includes(name)) {
      // TotalCharges is blank on the 11 tenure-0 rows: 0 is their true total, and NaN would stop several candidates.
      cols.push(Float64Array.from(rows, (r) => (r[j].trim() === '' ? 0 : Number(r[j])))); features.push(name);
    } else for (const level of [...new Set(rows.map((r) => r[j]))].sort()) {
      cols.push(Float64Array.from(rows, (r) => (r[j] === level ? 1 : 0))); features.push(`${name}=${level}`);
    }
  }
  const churn = names.indexOf('Churn'), y = Uint8Array.from(rows, (r) => (r[churn] === 'Yes' ? 1 : 0));
  const rnd = mulberry32(seed), test = new Uint8Array(y.length);
  for (const cls of [0, 1]) { // stratified: shuffle each class, last 20% of each to test
    const idx = [...y.keys()].filter((i) => y[i] === cls);
    for (let i = idx.length - 1; i > 0; i--) { const k = Math.floor(rnd() * (i + 1)); [idx[i], idx[k]] = [idx[k], idx[i]]; }
    idx.slice(Math.floor(idx.length * 0.8)).forEach((i) => { test[i] = 1; });
  }
  writeSet(prefix, cols, y, test, { name: 'telco', oracleAuc: null, features });
  return true;
}

/** ROC AUC by ranks (ties get their mean rank): the Mann–Whitney U over positives × negatives. */
function auc(score, y) {
  const idx = [...score.keys()].sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0, pos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i; while (j + 1 < idx.length && score[idx[j + 1]] === score[idx[i]]) j++;
    for (let k = i; k <= j; k++) if (y[idx[k]] === 1) { rankSumPos += (i + j) / 2 + 1; pos++; }
    i = j + 1;
  }
  const neg = idx.length - pos;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

// ------------------------------------------------------------------ candidates (each runs inside a child)
const rowsOf = (cols, n) => Array.from({ length: n }, (_, i) => cols.map((c) => c[i]));
const sigmoid = (m) => 1 / (1 + Math.exp(-m));
const req = () => createRequire(join(CACHE, 'package.json'));

const CANDIDATES = {
  ours: {
    label: 'ours: typed-array histogram GBDT (main/analysis/predict/gbdt)', lang: 'TS, typed arrays (1 thread)', native: false,
    async load() {
      const m = await import(pathToFileURL(OUR_BUNDLE).href);
      return {
        prep: (d) => d, // already our convention: no conversion
        fit: (d) => m.fitGbdt(d.xtr, d.ytr, { seed, maxIter: P.trees, learningRate: P.lr, maxLeafNodes: P.leaves, maxBins: P.bins, earlyStopping: false }),
        predict: (model, d) => Float64Array.from(m.predictProbability(model, d.xte)),
        // plain JSON, parallel arrays per tree: x <= threshold goes left, missingLeft for NaN, count and hessian cover
        trees: (model, d, p) => replay({ baseMargin: model.baseMargin, rule: 'le', how: 'plain JSON arrays, cover = count and hessian', trees: model.trees.map((t) => ({ nodes: t.feature.map((feature, k) => ({ left: t.left[k], right: t.right[k], feature, threshold: t.threshold[k], defaultLeft: t.missingLeft[k] === 1, value: t.value[k] })) })) }, d, p),
      };
    },
  },
  'ml-xgboost': {
    label: 'ml-xgboost 1.1.2 (XGBoost ~0.7 in WebAssembly)', lang: 'C++ → wasm (emscripten 1.37)', native: false,
    async load() {
      const XGB = await req()('ml-xgboost');
      const opts = { booster: 'gbtree', objective: 'binary:logistic', eta: P.lr, tree_method: 'hist', grow_policy: 'lossguide', max_depth: 0, max_leaves: P.leaves, max_bin: P.bins, subsample: 1, min_child_weight: 1, seed, iterations: P.trees };
      let last = null;
      return {
        prep: (d) => ({ ...d, rtr: rowsOf(d.xtr, d.ytr.length), rte: rowsOf(d.xte, d.yte.length), ytrA: Array.from(d.ytr) }),
        fit: (d) => { last?.free(); last = new XGB(opts); last.train(d.rtr, d.ytrA); return last; },
        predict: (model, d) => Float64Array.from(model.predict(d.rte)),
        trees: (model, d, p) => replay(parseXgbBinary(Uint8Array.from(model.toJSON().model)), d, p),
      };
    },
  },
  // The same wasm binary through our own 20-line wrapper: the stock train() passes the matrix as an emscripten 'array'
  // argument, i.e. copied onto the 5 MB wasm stack, so it crashes ("memory access out of bounds") past ~1.3M cells
  // (60k × 20 trains, 70k × 20 does not). Here the matrix goes through _malloc instead; the C calls are the same.
  'ml-xgboost-heap': {
    label: 'ml-xgboost 1.1.2 wasm, matrix passed via _malloc (our workaround)', lang: 'C++ → wasm (emscripten 1.37)', native: false,
    async load() {
      const XGB = await req()('ml-xgboost');
      const M = req()('ml-xgboost/dist/wasm/xgboost.js');
      const create = M.cwrap('create_model', 'number', ['number', 'number', 'number', 'number']);
      const setParam = M.cwrap('set_param', null, ['number', 'string', 'string']);
      const train = M.cwrap('train_full_model', null, ['number', 'number']);
      const opts = { booster: 'gbtree', objective: 'binary:logistic', eta: P.lr, tree_method: 'hist', grow_policy: 'lossguide', max_depth: 0, max_leaves: P.leaves, max_bin: P.bins, subsample: 1, min_child_weight: 1, seed };
      let last = null;
      return {
        prep: (d) => { const n = d.ytr.length, c = d.xtr.length, x = new Float32Array(n * c); d.xtr.forEach((col, j) => { for (let i = 0; i < n; i++) x[i * c + j] = col[i]; }); return { ...d, x, c, yf: Float32Array.from(d.ytr), rte: rowsOf(d.xte, d.yte.length) }; },
        fit: (d) => {
          last?.free();
          const xp = M._malloc(d.x.byteLength), yp = M._malloc(d.yf.byteLength);
          M.HEAPF32.set(d.x, xp / 4); M.HEAPF32.set(d.yf, yp / 4); // views taken after _malloc, which may grow memory
          const ptr = create(xp, yp, d.yf.length, d.c);
          M._free(xp); M._free(yp); // the DMatrix holds its own copy
          for (const [k, v] of Object.entries(opts)) setParam(ptr, k, String(v));
          train(ptr, P.trees);
          last = new XGB({ ...opts, iterations: P.trees }); last.model = ptr; return last;
        },
        predict: (model, d) => Float64Array.from(model.predict(d.rte)),
        trees: (model, d, p) => replay(parseXgbBinary(Uint8Array.from(model.toJSON().model)), d, p),
      };
    },
  },
  'ml-random-forest': {
    label: 'ml-random-forest 2.1.0 (pure JS, ml-cart trees)', lang: 'JS (number[][])', native: false,
    async load() {
      const { RandomForestClassifier } = req()('ml-random-forest');
      return {
        prep: (d) => ({ ...d, rtr: rowsOf(d.xtr, d.ytr.length), rte: rowsOf(d.xte, d.yte.length), ytrA: Array.from(d.ytr) }),
        fit: (d) => { const rf = new RandomForestClassifier({ nEstimators: P.trees, maxFeatures: 0.3, seed, noOOB: true, treeOptions: { maxDepth: 10, minNumSamples: 20 } }); rf.train(d.rtr, d.ytrA); return rf; },
        predict: (model, d) => Float64Array.from(model.predictProbability(d.rte, 1)),
        trees: (model) => { // plain objects: { splitColumn, splitValue, numberSamples, left, right, distribution }
          let nodes = 0; const walk = (n) => { nodes++; if (n.left) { walk(n.left); walk(n.right); } };
          model.estimators.forEach((e) => walk(e.root));
          return `readable JS objects: ${model.estimators.length} trees, ${nodes} nodes, cover = numberSamples`;
        },
      };
    },
  },
  'decision-tree': {
    label: 'decision-tree 1.0.0 "XGBoost" (pure JS, ID3 on categories)', lang: 'JS (lodash, records)', native: false,
    async load() {
      const XGBoost = (await import(pathToFileURL(join(CACHE, 'node_modules/decision-tree/lib/xgboost.js')).href)).default;
      const names = Array.from({ length: 64 }, (_, j) => `f${j}`);
      return {
        prep: (d) => { // ID3 splits on equality, so continuous values are cut into 10 bins at train quantiles
          const cuts = d.xtr.map((c) => { const s = Float64Array.from(c).sort(); return [1, 2, 3, 4, 5, 6, 7, 8, 9].map((q) => s[Math.floor((q * s.length) / 10)]); });
          const rec = (cols, n, y) => Array.from({ length: n }, (_, i) => { const o = { y: y[i] === 1 }; cols.forEach((c, j) => { const v = c[i]; o[names[j]] = Number.isNaN(v) ? 'NA' : `b${cuts[j].filter((t) => v >= t).length}`; }); return o; });
          return { ...d, rtr: rec(d.xtr, d.ytr.length, d.ytr), rte: rec(d.xte, d.yte.length, d.yte), feats: names.slice(0, d.xtr.length) };
        },
        fit: (d) => { const m = new XGBoost('y', d.feats, { nEstimators: P.trees, learningRate: P.lr, maxDepth: 6, objective: 'binary', randomState: seed }); m.train(d.rtr); return m; },
        // its predict() returns only true/false for 'binary'; the margin (base score + lr·Σ tree outputs) is what
        // predict() thresholds, read from the model's public fields
        predict: (m, d) => Float64Array.from(d.rte, (s) => { let v = m.baseScore; for (let i = 0; i < m.bestIteration; i++) v += m.config.learningRate * m.trees[i].predict(s); return sigmoid(v); }),
        trees: (m) => `JSON via toJSON(): ${m.trees.length} multiway ID3 trees (one branch per bin value), no cover`,
      };
    },
  },
};

/**
 * Peak RSS of this process from /proc/self/status VmHWM. Not getrusage's maxrss: Linux carries the parent's high-water
 * mark into a spawned child (fork copies it, exec keeps it), so every child would report at least the parent's RSS.
 */
function peakRssKiB() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : process.resourceUsage().maxRSS;
}

/** Re-computes predictions from trees read out of a model: [{ nodes: [{ left, right, feature, threshold, defaultLeft, value, cover }] }]. */
function replay(model, d, p) {
  const n = d.yte.length;
  let worst = 0, nodes = 0;
  for (const t of model.trees) nodes += t.nodes.length;
  for (let i = 0; i < n; i++) {
    let m = model.baseMargin;
    for (const t of model.trees) {
      let k = 0;
      while (t.nodes[k].left >= 0) {
        const nd = t.nodes[k], v = d.xte[nd.feature][i];
        const goLeft = model.rule === 'le' ? v <= nd.threshold : Math.fround(v) < nd.threshold; // XGBoost: float32, <
        k = Number.isNaN(v) ? (nd.defaultLeft ? nd.left : nd.right) : goLeft ? nd.left : nd.right;
      }
      m += t.nodes[k].value;
    }
    worst = Math.max(worst, Math.abs(sigmoid(m) - p[i]));
  }
  return `${model.trees.length} trees, ${nodes} nodes (${model.how}); replayed max |Δp| = ${worst.toExponential(1)}`;
}

/** XGBoost's pre-1.0 binary model (what ml-xgboost's toJSON() holds): learner param, objective, booster, trees. */
function parseXgbBinary(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = new TextDecoder().decode(bytes.subarray(0, 4)) === 'binf' ? 4 : 0;
  const baseScore = dv.getFloat32(o, true); o += 136; // LearnerModelParam: base_score, num_feature, …, reserved[29]
  const str = () => { const len = Number(dv.getBigUint64(o, true)); o += 8; const s = new TextDecoder().decode(bytes.subarray(o, o + len)); o += len; return s; };
  const obj = str(); str(); // objective name, booster name
  const numTrees = dv.getInt32(o, true); o += 160; // GBTreeModelParam
  const trees = [];
  for (let t = 0; t < numTrees; t++) {
    const numNodes = dv.getInt32(o + 4, true); o += 148; // TreeParam
    const nodes = [];
    for (let k = 0; k < numNodes; k++, o += 20) {
      const sindex = dv.getUint32(o + 12, true);
      nodes.push({ left: dv.getInt32(o + 4, true), right: dv.getInt32(o + 8, true), feature: sindex & 0x7fffffff, defaultLeft: sindex >>> 31 === 1, threshold: dv.getFloat32(o + 16, true), value: dv.getFloat32(o + 16, true) });
    }
    for (let k = 0; k < numNodes; k++, o += 16) nodes[k].cover = dv.getFloat32(o + 4, true); // RTreeNodeStat.sum_hess
    trees.push({ nodes });
  }
  // this format stores base_score already as a margin (ProbToMargin(0.5) = 0 for binary:logistic)
  if (!obj.startsWith('binary:logistic')) throw new Error(`objective ${obj}: only binary:logistic is replayed`);
  return { trees, baseMargin: baseScore, rule: 'lt-f32', how: 'parsed from the XGBoost 0.7 binary format, cover = sum_hess' };
}

async function runChild(key, prefix, out, reps) {
  const d = loadSet(prefix);
  const c = await CANDIDATES[key].load();
  const t0 = performance.now(); const input = c.prep(d); const prepS = (performance.now() - t0) / 1000;
  const preds = []; let fitS = 0, predictS = 0, model = null;
  for (let r = 0; r < reps; r++) {
    const t1 = performance.now(); model = c.fit(input); const t2 = performance.now();
    const p = c.predict(model, input); const t3 = performance.now();
    if (r === 0 || (t2 - t1) / 1000 < fitS) { fitS = (t2 - t1) / 1000; predictS = (t3 - t2) / 1000; }
    preds.push(p);
  }
  let maxDiff = null;
  if (reps > 1) { maxDiff = 0; for (let i = 0; i < preds[0].length; i++) maxDiff = Math.max(maxDiff, Math.abs(preds[0][i] - preds[1][i])); }
  writeFileSync(out, preds[0]);
  let trees; try { trees = c.trees(model, d, preds[preds.length - 1]); } catch (e) { trees = `could not read: ${e.message}`; }
  console.log(JSON.stringify({ prepS, fitS, predictS, maxDiff, rssKiB: peakRssKiB(), trees }));
}

// ------------------------------------------------------------------ Python yardsticks
const PY_SCRIPT = String.raw`
import json, re, sys, time
t0 = time.perf_counter()
import numpy as np
kind, prefix, seed, out, reps = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
if kind.startswith('sklearn'):
    from sklearn.ensemble import HistGradientBoostingClassifier
    make = lambda: HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, max_bins=255, early_stopping=False, random_state=seed)
else:
    import xgboost
    make = lambda: xgboost.XGBClassifier(n_estimators=100, learning_rate=0.1, tree_method='hist', grow_policy='lossguide', max_depth=0, max_leaves=31, max_bin=256, n_jobs=1, random_state=seed)
meta = json.load(open(prefix + '.json'))
load = lambda part, n: np.fromfile(prefix + '.' + part + '.f64', dtype='<f8').reshape(meta['cols'], n).T.copy()
Xtr, Xte = load('train', meta['nTrain']), load('test', meta['nTest'])
ytr = np.fromfile(prefix + '.train.y', dtype=np.uint8)
prep = time.perf_counter() - t0
preds = []
for r in range(reps):
    t1 = time.perf_counter(); m = make().fit(Xtr, ytr); t2 = time.perf_counter(); p = m.predict_proba(Xte)[:, 1]; t3 = time.perf_counter()
    if r == 0 or t2 - t1 < fit: fit, pred = t2 - t1, t3 - t2
    preds.append(p)
p = preds[0].astype('<f8'); p.tofile(out)
diff = float(np.max(np.abs(preds[0] - preds[1]))) if reps > 1 else None
if kind.startswith('sklearn'):
    nodes = sum(len(pr[0].nodes) for pr in m._predictors)
    trees = '%d trees, %d nodes: readable arrays (feature_idx, num_threshold, missing_go_to_left, value, count)' % (len(m._predictors), nodes)
else:
    trees = '%d trees: readable JSON dump (split, split_condition, missing, leaf, cover)' % len(m.get_booster().get_dump())
print(json.dumps({'prepS': prep, 'fitS': fit, 'predictS': pred, 'maxDiff': diff, 'rssKiB': int(re.search(r'VmHWM:\s+(\d+) kB', open('/proc/self/status').read()).group(1)), 'trees': trees}))
`;
import { mulberry32 } from '../mulberry32.mjs';
const PY_CANDIDATES = {
  sklearn: { label: 'scikit-learn 1.2.1 HistGradientBoostingClassifier (yardstick)', lang: 'Cython + OpenMP (2 threads)' },
  // one thread: like for like with single-threaded JS, and immune to the OpenMP slow-down on a busy 2-core machine
  'sklearn-1t': { label: 'the same, OMP_NUM_THREADS=1', lang: 'Cython (1 thread)', env: { OMP_NUM_THREADS: '1' } },
  xgboost: { label: 'XGBoost 1.7.4 native (Debian; yardstick, not on npm)', lang: 'C++ (n_jobs=1)' },
};

// ------------------------------------------------------------------ parent
function ensureNpmCandidates() {
  const missing = NPM_PKGS.filter((spec) => { const [name, v] = spec.split(/@(?=[^@]+$)/); const pj = join(CACHE, 'node_modules', name, 'package.json'); return !existsSync(pj) || JSON.parse(readFileSync(pj, 'utf8')).version !== v; });
  if (missing.length === 0) return;
  mkdirSync(CACHE, { recursive: true });
  console.log(`installing ${missing.join(' ')} into ${CACHE} (npm, --ignore-scripts: no download beyond the tarballs)`);
  const r = spawnSync('npm', ['install', '--prefix', CACHE, '--no-audit', '--no-fund', '--ignore-scripts', ...missing], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`npm install failed:\n${r.stderr}`);
}

/** Bundles fitGbdt (boost.ts) and predictProbability (model.ts) with rolldown; returns why not when they are absent. */
async function bundleOurs() {
  const boost = join(OUR_DIR, 'boost.ts'), model = join(OUR_DIR, 'model.ts');
  if (!existsSync(boost) || !existsSync(model)) return `pending: ${OUR_DIR} has no boost.ts/model.ts yet`;
  const entry = join(DATA, 'gbdt-entry.ts');
  writeFileSync(entry, `export { fitGbdt } from ${JSON.stringify(boost)};\nexport { predictProbability } from ${JSON.stringify(model)};\n`);
  try {
    const { build } = await import('rolldown');
    await build({ input: entry, platform: 'node', output: { file: OUR_BUNDLE, format: 'esm' }, logLevel: 'silent' });
  } catch (e) { return `pending: the kernel does not bundle yet (${String(e.message).split('\n')[0].slice(0, 120)})`; }
  const m = await import(`${pathToFileURL(OUR_BUNDLE).href}?v=${Date.now()}`);
  if (typeof m.fitGbdt !== 'function' || typeof m.predictProbability !== 'function') return 'pending: fitGbdt/predictProbability not exported yet';
  return null;
}

function measure(key, prefix, budgetS, reps) {
  const out = `${prefix}.${key}.pred`;
  const py = key in PY_CANDIDATES;
  const cmd = py ? [PY, ['-c', PY_SCRIPT, key, prefix, String(seed), out, String(reps)]] : [process.execPath, [fileURLToPath(import.meta.url), '--child', key, prefix, out, String(reps), '--seed', String(seed)]];
  const t0 = performance.now();
  const env = { ...process.env, ...(PY_CANDIDATES[key]?.env ?? {}) };
  const r = spawnSync(cmd[0], cmd[1], { encoding: 'utf8', env, maxBuffer: 1 << 26, timeout: budgetS * 1000, killSignal: 'SIGKILL' });
  const processS = (performance.now() - t0) / 1000;
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL') return { failed: `killed after the ${budgetS} s budget` };
  if (r.status !== 0) {
    // the wasm's own "streaming compile failed … falling back" warning is harmless; the real cause is a later line
    const why = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l.length < 400 && !/streaming compile failed/.test(l));
    const cause = why.find((l) => /check failed|RuntimeError|Cannot enlarge/i.test(l)) ?? why.filter((l) => /error|abort|exception/i.test(l)).pop();
    return { failed: (cause ?? `exit ${r.status}`).slice(0, 200) };
  }
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  const b = readFileSync(out), p = new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
  const y = loadSet(prefix).yte;
  const finite = p.every(Number.isFinite);
  return { ...res, processS, auc: finite ? auc(p, y) : NaN, p };
}

const f = (v, d = 2) => (v == null ? '—' : Number(v).toFixed(d));
function printTable(title, rows, meta) {
  console.log(`\n## ${title}: ${meta.nTrain} train / ${meta.nTest} test rows × ${meta.cols} features${meta.oracleAuc ? `; oracle AUC ${f(meta.oracleAuc, 4)}` : ''}`);
  console.log('| candidate | prep s | fit s | predict s | process s | test AUC | ΔAUC vs sklearn | max \\|Δp\\| vs sklearn | identical refit | peak RSS MiB | trees readable |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|');
  const refRes = rows.find((r) => r.key === 'sklearn-1t' && r.res.p)?.res ?? rows.find((r) => r.key === 'sklearn' && r.res.p)?.res;
  const ref = refRes?.auc;
  const maxDelta = (p) => { let m = 0; for (let i = 0; i < p.length; i++) m = Math.max(m, Math.abs(p[i] - refRes.p[i])); return m.toExponential(1); };
  for (const { key, res } of rows) {
    if (res.failed || res.pending) { console.log(`| ${key} | ${res.failed ?? res.pending} ||||||||||`); continue; }
    const same = res.maxDiff == null ? '(one fit)' : res.maxDiff === 0 ? 'yes' : `no (max |Δ| ${res.maxDiff.toExponential(1)})`;
    console.log(`| ${key} | ${f(res.prepS)} | ${f(res.fitS)} | ${f(res.predictS, 3)} | ${f(res.processS)} | ${f(res.auc, 4)} | ${ref == null || key.startsWith('sklearn') ? '' : f(res.auc - ref, 4)} | ${refRes && !key.startsWith('sklearn') ? maxDelta(res.p) : ''} | ${same} | ${f(res.rssKiB / 1024, 0)} | ${res.trees} |`);
  }
}

async function main() {
  mkdirSync(DATA, { recursive: true });
  ensureNpmCandidates();
  const ourState = await bundleOurs();
  const budget = Number(arg('budget', 240));
  const only = arg('only', null)?.split(',');
  const keys = ['ours', 'ml-xgboost', 'ml-xgboost-heap', 'ml-random-forest', 'decision-tree', 'sklearn', 'sklearn-1t', 'xgboost'].filter((k) => !only || only.includes(k));
  const sizes = (arg('sizes', null)?.split(',').map(Number) ?? [1000, 2000, 10000, 100000]).concat(flag('big') ? [1000000] : []);
  const labels = { ...Object.fromEntries(Object.entries(CANDIDATES).map(([k, c]) => [k, `${c.label} — ${c.lang}`])), ...Object.fromEntries(Object.entries(PY_CANDIDATES).map(([k, c]) => [k, `${c.label} — ${c.lang}`])) };
  console.log(`Node ${process.version}, seed ${seed}, budget ${budget} s per child; machine: ${(await import('node:os')).cpus().length} cores, shared with other users (load average ${(await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ')})`);
  for (const k of keys) console.log(`  ${k}: ${labels[k]}`);
  const git = (...a) => spawnSync('git', ['-C', REPO, ...a], { encoding: 'utf8' }).stdout.trim();
  if (!ourState) console.log(`  ours measured from the working tree: last commit touching it ${git('log', '-1', '--format=%h %cI', '--', OUR_DIR) || 'none'}${git('status', '--porcelain', '--', OUR_DIR) ? ', with uncommitted changes' : ''}`);
  const ladder = {}; // per candidate: last (cells = rows × features, fit seconds) to project the next size, or why it stopped
  // Slow candidates (last fit > 5 s) are projected with the scaling exponent seen so far (at least linear) and not
  // started when the projection is past the budget; fast ones always run (their exponent is mostly noise).
  const projectedTooSlow = (l, cells, fits) => {
    if (!l?.last || l.last.fitS <= 5) return null;
    const e = Math.max(1, l.exp ?? 1), proj = l.last.fitS * (cells / l.last.cells) ** e * fits;
    return proj > budget ? `${fits} fit(s) projected ≈ ${proj.toFixed(0)} s (cells^${e.toFixed(2)}) > ${budget} s budget` : null;
  };
  for (const n of sizes) {
    const prefix = join(DATA, `synth-${n}`); makeSynth(prefix, n);
    const rows = [];
    for (const key of keys) {
      if (key === 'ours' && ourState) { rows.push({ key, res: { pending: ourState } }); continue; }
      const l = ladder[key];
      if (l?.stop) { rows.push({ key, res: { pending: l.stop } }); continue; }
      if (key === 'ml-xgboost-heap' && n * 20 < 1_000_000) { rows.push({ key, res: { pending: 'same as ml-xgboost below 1M cells' } }); continue; }
      const skip = projectedTooSlow(l, n * 20, 2);
      if (skip) { ladder[key] = { ...l, stop: `skipped from ${n} rows: ${skip}` }; rows.push({ key, res: { pending: ladder[key].stop } }); continue; }
      const res = measure(key, prefix, budget, n >= 1000000 ? 1 : 2);
      if (res.failed) ladder[key] = { ...l, stop: `failed at ${n} rows: ${res.failed}` };
      else ladder[key] = { last: { cells: n * 20, fitS: Math.max(res.fitS, 1e-3) }, exp: l?.last ? Math.log(Math.max(res.fitS, 1e-3) / l.last.fitS) / Math.log((n * 20) / l.last.cells) : undefined };
      rows.push({ key, res });
    }
    printTable(`synthetic ${n}`, rows, loadSet(prefix).meta);
  }
  if (!flag('skip-missing')) {
    const prefix = join(DATA, 'synth-missing-2k'); makeSynth(prefix, 2000, 0.15); // a capability probe: small enough for the slow ones
    const rows = keys.filter((k) => k !== 'ml-xgboost-heap').map((key) => ({ key, res: key === 'ours' && ourState ? { pending: ourState } : measure(key, prefix, budget, 1) }));
    printTable('missing values (15% NaN in x0 and x2)', rows, loadSet(prefix).meta);
  }
  if (!flag('skip-telco')) {
    const prefix = join(DATA, 'telco');
    if (!makeTelco(prefix)) console.log(`\nTelco churn skipped: ${TELCO} is absent.`);
    else {
      const meta = loadSet(prefix).meta;
      const rows = keys.filter((k) => k !== 'ml-xgboost-heap').map((key) => {
        if (key === 'ours' && ourState) return { key, res: { pending: ourState } };
        const skip = projectedTooSlow(ladder[key], meta.nTrain * meta.cols, 2);
        return { key, res: skip ? { pending: `skipped: ${skip}` } : measure(key, prefix, budget, 2) };
      });
      printTable('Telco churn', rows, meta);
    }
  }
}

if (process.argv[2] === '--child') await runChild(process.argv[3], process.argv[4], process.argv[5], Number(process.argv[6]));
else await main();
