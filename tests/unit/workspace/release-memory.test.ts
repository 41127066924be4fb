// releaseNow (main/workspace/release-memory.ts) frees an array's memory at once only when glibc was told to keep
// freed blocks (bin/cxw.js starts the analyses so); otherwise it must leave the array alone. Hand-made arrays.
import { afterEach, describe, expect, it, vi } from 'vitest';

async function load(tunables: string | undefined) {
  vi.resetModules();
  if (tunables === undefined) vi.stubEnv('GLIBC_TUNABLES', undefined as unknown as string);
  else vi.stubEnv('GLIBC_TUNABLES', tunables);
  return import('../../../main/workspace/release-memory');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('releaseNow', () => {
  it.runIf(process.platform === 'linux')('frees every view of the buffer when malloc keeps freed memory', async () => {
    const { releaseNow } = await load('glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456');
    const values = new Float64Array([3, 1, 2]);
    const other = new Uint8Array(values.buffer);
    releaseNow(values, null, undefined);
    expect(values.length).toBe(0);
    expect(other.length).toBe(0);
    expect((values.buffer as ArrayBuffer & { detached?: boolean }).detached).toBe(true);
    // Twice is harmless (the buffer is already detached).
    expect(() => releaseNow(values)).not.toThrow();
  });

  it('leaves arrays alone when glibc was not tuned (freeing early would cost page faults)', async () => {
    for (const t of [undefined, '', 'glibc.malloc.arena_max=1']) {
      const { releaseNow } = await load(t);
      const values = new Int32Array([5, 6, 7]);
      releaseNow(values);
      expect(Array.from(values)).toEqual([5, 6, 7]);
    }
  });

  it('never detaches a SharedArrayBuffer (other threads may read it)', async () => {
    const { releaseNow } = await load('glibc.malloc.trim_threshold=268435456');
    const shared = new Int32Array(new SharedArrayBuffer(16));
    shared[0] = 9;
    releaseNow(shared);
    expect(shared[0]).toBe(9);
  });
});
