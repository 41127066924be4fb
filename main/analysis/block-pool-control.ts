// The control array both helper-thread pools share (k-means in workspace/segments/kmeans-pool.ts, gradient-boosted
// tree histograms in analysis/predict/gbdt/pool-blocks.ts): an Int32Array over a SharedArrayBuffer that the
// fitting thread and its helpers read and write with Atomics. One layout, so the two protocols cannot drift apart.

/** Slots of the control array: pass number, next block to take, blocks done, stop, a helper failed, helpers in their loop, blocks helpers ran. */
export const GEN = 0;
export const NEXT = 1;
export const DONE = 2;
export const STOP = 3;
export const FAILED = 4;
export const READY = 5;
export const HELPED = 6;
/** Length of the control array. */
export const CONTROL_SLOTS = 7;
