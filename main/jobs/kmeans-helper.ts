// Entry of the k-means helper threads (built to out/main/kmeans-helper.js, started by
// main/workspace/segments/kmeans-pool.ts). Deliberately tiny: the general job worker (worker.js) loads every task's
// code and the SQLite binding first, 0.15–0.7 s before it could take a block, by which time the k-means++ seeding
// it should help with is mostly over; this entry loads only the block kernels.
import { runKMeansHelper, type KMeansHelperInput } from '../workspace/segments/kmeans-pool';
import { helperInput } from './warm-worker';

helperInput<KMeansHelperInput>((input) => {
  runKMeansHelper(input);
});
