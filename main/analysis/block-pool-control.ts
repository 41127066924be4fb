// The control array and protocol every helper-thread pool shares (k-means in workspace/segments/kmeans-pool.ts, the
// gradient-boosted trees' TypeScript histograms in analysis/predict/gbdt/pool-blocks.ts and their WebAssembly
// kernel's passes in gbdt/kernel-pool.ts): an Int32Array over a SharedArrayBuffer that the fitting thread and its
// helpers read and write with Atomics. One layout and one protocol, so the pools cannot drift apart.

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

// The protocol: the fitting thread publishes a pass (its parameters written first, then NEXT and DONE reset and GEN
// bumped), every thread takes the next part from NEXT until none is left, and the fitting thread returns once DONE
// reaches the part count.

/** Polls of a control slot before a thread sleeps on it (~0.1–0.2 ms; used where passes follow each other closely). */
const SPINS = 20_000;

/** True as soon as control[slot] differs from `value`, false after SPINS polls without a change. */
function spinUntilChanged(control: Int32Array, slot: number, value: number): boolean {
  for (let i = 0; i < SPINS; i++) if (Atomics.load(control, slot) !== value) return true;
  return false;
}

/**
 * A helper thread's loop until STOP: wait for a pass, then run parts taken from NEXT while they are below `parts()`
 * (read after taking one: a part number below the count always belongs to the pass published before the counter was
 * reset, so a helper that woke late still runs the right pass). `spin`: poll a little before sleeping, when the next
 * pass usually comes within tens of microseconds and waking a sleeping thread costs about as much again. Returns
 * how many parts it ran; a failing part sets FAILED (the fitting thread then throws) and is rethrown here.
 */
export function runHelperLoop(control: Int32Array, parts: () => number, runPart: (part: number) => void, spin = false): number {
  let seen = 0;
  let ran = 0;
  for (;;) {
    const gen = Atomics.load(control, GEN);
    if (Atomics.load(control, STOP) === 1) return ran;
    if (gen === seen) {
      if (!spin || !spinUntilChanged(control, GEN, gen)) Atomics.wait(control, GEN, gen);
      continue;
    }
    seen = gen;
    for (;;) {
      const b = Atomics.add(control, NEXT, 1);
      if (b >= parts()) break;
      try {
        runPart(b);
      } catch (err) {
        Atomics.store(control, FAILED, 1);
        Atomics.notify(control, DONE);
        throw err;
      }
      ran++;
      Atomics.add(control, HELPED, 1);
      if (Atomics.add(control, DONE, 1) + 1 === parts()) Atomics.notify(control, DONE);
    }
  }
}

/**
 * The fitting thread's side of one pass of `parts` parts (its parameters already written): publish it, run parts
 * itself unless `leaveToHelpers` (tests), and wait until all are done. Returns how many it ran, the time it spent on
 * them and the time it then waited (for the helper judgement).
 */
export function runPooledPass(control: Int32Array, parts: number, runPart: (part: number) => void, leaveToHelpers: boolean, spin = false): { mine: number; ownMs: number; waitMs: number } {
  Atomics.store(control, DONE, 0);
  Atomics.store(control, NEXT, 0);
  Atomics.add(control, GEN, 1);
  Atomics.notify(control, GEN);
  const t0 = performance.now();
  let mine = 0;
  while (!leaveToHelpers) {
    const b = Atomics.add(control, NEXT, 1);
    if (b >= parts) break;
    runPart(b);
    mine++;
    Atomics.add(control, DONE, 1);
  }
  const t1 = performance.now();
  for (;;) {
    const done = Atomics.load(control, DONE);
    if (done >= parts) break;
    if (Atomics.load(control, FAILED) === 1) throw new Error('a helper thread failed');
    if (!spin || !spinUntilChanged(control, DONE, done)) Atomics.wait(control, DONE, done, 100);
  }
  return { mine, ownMs: t1 - t0, waitMs: performance.now() - t1 };
}

/** Wait (blocking, up to `ms`) until `helpers` helpers have reached their loop; true when they all have. */
export function waitForHelpers(control: Int32Array, helpers: number, ms: number): boolean {
  const until = performance.now() + ms;
  for (;;) {
    const ready = Atomics.load(control, READY);
    if (ready >= helpers) return true;
    const left = until - performance.now();
    if (left <= 0) return false;
    Atomics.wait(control, READY, ready, left);
  }
}

/** Tell the helpers to leave their loop (the pool then ends the threads). */
export function stopHelpers(control: Int32Array): void {
  Atomics.store(control, STOP, 1);
  Atomics.add(control, GEN, 1);
  Atomics.notify(control, GEN);
}
