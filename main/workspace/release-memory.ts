// Giving a large array's memory back the moment it is no longer needed, instead of when the garbage collector
// next runs. Why: a column read from the workspace is a fresh ArrayBuffer of megabytes; dropped, it stays
// allocated until a collection, so the next column's read lands on new pages — and on the 2-core benchmark machine
// the first touch of a page costs ~8 µs (a 1M-row column of doubles is 2,000 pages, ~16 ms before any work).
// Detaching the buffer (ArrayBuffer.prototype.transfer, ES2024) frees it at once, so the next read reuses the same
// memory: 60 reads of 8 MB took 613 ms with 54k page faults, and 61 ms with 9k, detaching each after use.
// That reuse needs an allocator that keeps what is freed. glibc's does not by default (a freed block of megabytes
// goes back to the kernel, so freeing early only made cxw drift 10% slower); bin/cxw.js starts the analyses with
// GLIBC_TUNABLES raising its mmap and trim thresholds, and only then does this free anything.

interface Transferable {
  transfer?: (length?: number) => ArrayBuffer;
  detached?: boolean;
}

/** glibc told to keep freed blocks (bin/cxw.js sets this for the analyses). */
const mallocKeepsFreedMemory = process.platform === 'linux' && /glibc\.malloc\.(mmap|trim)_threshold=/.test(process.env.GLIBC_TUNABLES ?? '');

/**
 * Free the memory behind `views` now. Only for arrays the caller owns outright (read for this step alone, no other
 * view kept): every view of the same buffer becomes empty. Without glibc so tuned, or without `transfer`, a no-op.
 */
export function releaseNow(...views: (ArrayBufferView | null | undefined)[]): void {
  if (!mallocKeepsFreedMemory) return;
  for (const v of views) {
    const buf = v?.buffer as (ArrayBuffer & Transferable) | undefined;
    if (!buf || !(buf instanceof ArrayBuffer) || buf.detached || typeof buf.transfer !== 'function') continue;
    buf.transfer(0);
  }
}
