// Segmentation algorithms (pure: typed arrays in, typed arrays / plain objects out; no I/O). See each file:
//   kmeans-init.ts   greedy k-means++ (sklearn's algorithm)      kmeans-lloyd.ts  Hamerly-accelerated Lloyd
//   kmeans.ts        restarts, final assignment, scoring          metrics.ts       silhouette, CH, DB, ARI
//   sweep.ts         k sweep (+ per-k stability), confidence       stability.ts     bootstrap Jaccard stability
//   recommend.ts     the recommended k and its reason
//   pca.ts           2-D PCA by Jacobi                            rfm.ts           RFM quintiles and names
//   sample.ts        seeded sampling without replacement
export type { KMeansOptions, KMeansResult, KScore, Matrix } from './types';
export { kmeans, assignToCentroids, kmeansWorkspace, type KMeansWorkspace } from './kmeans';
export { kmeansPlusPlus } from './kmeans-init';
export { silhouetteScore, calinskiHarabasz, daviesBouldin, separationIndices, adjustedRandIndex } from './metrics';
export { sweepK, confidenceFromDistances, silhouetteExactMax } from './sweep';
export { recommendK, elbowK, kList, STABLE_JACCARD, UNSTABLE_JACCARD } from './recommend';
export { bootstrapStability, bootstrapClusterings, stabilityFromRuns, type BootstrapRuns } from './stability';
export { pca2 } from './pca';
export { sampleIndices, takeRows } from './sample';
export { rfmScores, rfmSegmentName, quintileByRank } from './rfm';
export { standardize } from './standardize';
