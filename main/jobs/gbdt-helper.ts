// Entry of the gradient-boosting histogram helper threads (built to out/main/gbdt-helper.js, started by
// main/workspace/predict/gbdt-pool.ts). Deliberately tiny, like kmeans-helper: it loads only the histogram kernels,
// so a helper is ready to take blocks within a few tens of milliseconds of the fit starting.
import { workerData } from 'node:worker_threads';
import { runGbdtHelper, type GbdtSharedState } from '../analysis/predict/gbdt/pool-blocks';

runGbdtHelper(workerData as GbdtSharedState);
