// Entry of the gradient-boosting histogram helper threads (built to out/main/gbdt-helper.js, started by
// main/workspace/predict/gbdt-pool.ts). Deliberately tiny, like kmeans-helper: it loads only the histogram kernels,
// so a helper is ready to take blocks within a few tens of milliseconds of the fit starting.
import { workerData } from 'node:worker_threads';
import { runGbdtHelper, type GbdtSharedState } from '../analysis/predict/gbdt/pool-blocks';
import { runKernelHelper, type KernelShared } from '../analysis/predict/gbdt/kernel-pool';

// The WebAssembly kernel's passes (kernel-pool.ts) or the TypeScript passes' histograms (pool-blocks.ts).
const data = workerData as GbdtSharedState | KernelShared;
if ('kind' in data && data.kind === 'kernel') runKernelHelper(data);
else runGbdtHelper(data as GbdtSharedState);
