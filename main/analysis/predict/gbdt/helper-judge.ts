// Whether helper threads are paying, judged by the fitting thread (both pools: pool-blocks.ts for the TypeScript
// passes, kernel-pool.ts for the WebAssembly kernel). Helpers pay only when a core is free for them. On a busy
// machine a helper gets its core late and the fitting thread waits at every node (measured: the whole command 14%
// slower than on one thread at a load of 4 on 2 cores). So the fitting thread times its own share of each pooled pass
// and its wait for the rest; over a window of WINDOW passes, when the wait comes to WAIT_SHARE of its own share or
// more, it runs the next BACKOFF passes alone, then tries the helpers again. (An earlier check that built one pass in
// 8 alone and compared costs per row misjudged a quiet machine: node sizes differ too much between passes.) Who runs
// a part of a pass never changes its bits, so neither does this choice.

const WINDOW = 64;
const WAIT_SHARE = 0.8;
const BACKOFF = 320;

export class HelperJudge {
  private passes = 0;
  private aloneUntil = 0;
  private pooledPasses = 0;
  private ownMs = 0;
  private waitMs = 0;

  /** Before a pass the helpers could share: false while backing off (run it alone). */
  usePool(): boolean {
    this.passes++;
    return this.passes >= this.aloneUntil;
  }

  /** True while backing off, without counting a pass (the root, which is judged with the nodes). */
  backingOff(): boolean {
    return this.passes < this.aloneUntil;
  }

  /** After a pooled pass in which the fitting thread ran some parts (ownMs) and then waited for the others (waitMs). */
  record(ownMs: number, waitMs: number): void {
    this.ownMs += ownMs;
    this.waitMs += waitMs;
    if (++this.pooledPasses % WINDOW === 0) {
      // The fitting thread ran its share and then waited: when the wait is about as long as its own share, the pass
      // took as long as running every part alone would have, and the helpers are not getting a core.
      if (this.waitMs >= WAIT_SHARE * this.ownMs) this.aloneUntil = this.passes + BACKOFF;
      this.ownMs = 0;
      this.waitMs = 0;
    }
  }
}
