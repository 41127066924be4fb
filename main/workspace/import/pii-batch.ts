// Pseudonymisation tokens for many values at once (the parse worker's path, batch.ts): the same HMAC-SHA256 as
// Pseudonymizer.token, computed four values per pass by the WebAssembly SIMD kernel (hmac-kernel.wat, why there).
// Values are queued as a chunk's rows are converted and hashed when the chunk is sent, so the tokens come back as
// one string (18 characters each) instead of one string per value. A value whose UTF-8 form does not fit one
// block (over 55 bytes) is refused by add(); the caller takes it through Pseudonymizer.token.
import { HMAC_KERNEL_WASM } from './hmac-kernel.wasm';
import { type BatchQueue, type Pseudonymizer, SHA256_K, TOKEN_CHARS } from './pii';

/** The longest message (bytes) one padded SHA-256 block holds after its 0x80 and 64-bit length. */
const MAX_BLOCK_MESSAGE = 55;
const IN = 4096;
const K_AT = 1024;

/**
 * Where byte k of a message's block goes: message m is lane m % 4 of group m / 4 (`base` = IN + 256·(m / 4) +
 * 4·(m % 4)), and byte k is byte 3 − k % 4 of the lane's little-endian word k / 4 (each word 16 bytes apart).
 */
const byteAt = (base: number, k: number): number => base + ((k & ~3) << 2) + 3 - (k & 3);

interface HmacKernel {
  memory: WebAssembly.Memory;
  init(): void;
  hmac(count: number): void;
  MAX_MESSAGES: WebAssembly.Global;
  OUT: WebAssembly.Global;
}

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(HMAC_KERNEL_WASM), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null; // no WebAssembly SIMD here: the one-at-a-time path
    }
  }
  return compiled;
}

export class BatchPseudonymizer implements BatchQueue {
  private readonly k: HmacKernel;
  private readonly mem: Uint8Array;
  private readonly maxMessages: number;
  private readonly out: number;
  private readonly scratch = Buffer.alloc(4 * MAX_BLOCK_MESSAGE);
  /** Values queued since the last hash. */
  private queued = 0;
  /** Tokens hashed since the last take() (when more than MAX_MESSAGES were queued). */
  private done = '';
  private total = 0;

  /** A batch pseudonymiser with the key of `p`, or null when the kernel cannot run here. */
  static create(p: Pseudonymizer): BatchPseudonymizer | null {
    const mod = kernelModule();
    if (!mod) return null;
    try {
      return new BatchPseudonymizer(new WebAssembly.Instance(mod, {}).exports as unknown as HmacKernel, p);
    } catch {
      return null; // its memory could not be had: the one-at-a-time path
    }
  }

  private constructor(k: HmacKernel, p: Pseudonymizer) {
    this.k = k;
    this.mem = new Uint8Array(k.memory.buffer);
    this.maxMessages = k.MAX_MESSAGES.value as number;
    this.out = k.OUT.value as number;
    const { inner, outer } = p.keyStates();
    const words = new Int32Array(k.memory.buffer);
    words.set(inner, 0);
    words.set(outer, 8);
    words.set(SHA256_K, K_AT / 4);
    k.init();
  }

  /** Tokens queued and not yet taken. */
  get size(): number {
    return this.total;
  }

  /**
   * Queue the token of `value` (trimmed, as Pseudonymizer.token does): its index in the string take() returns,
   * or −1 when the value is too long for one block (nothing queued).
   */
  add(value: string): number {
    const v = value.trim();
    const n = v.length;
    if (n > MAX_BLOCK_MESSAGE) return -1;
    if (this.queued === this.maxMessages) this.hash();
    const m = this.queued;
    const mem = this.mem;
    const base = IN + ((m >> 2) << 8) + ((m & 3) << 2);
    let k = 0;
    for (; k < n; k++) {
      const c = v.charCodeAt(k);
      if (c >= 0x80) break;
      mem[byteAt(base, k)] = c;
    }
    let bytes = n;
    if (k < n) {
      bytes = this.scratch.write(v, 0, 'utf8');
      if (bytes > MAX_BLOCK_MESSAGE) {
        // Leave the zeros the kernel expects.
        for (let j = 0; j < k; j++) mem[byteAt(base, j)] = 0;
        return -1;
      }
      for (let j = 0; j < bytes; j++) mem[byteAt(base, j)] = this.scratch[j];
    }
    mem[byteAt(base, bytes)] = 0x80;
    // The message's length in bits after the 64-byte key block, as word 15 (at most 952: two bytes).
    const bits = (64 + bytes) * 8;
    mem[base + 240] = bits & 255;
    mem[base + 241] = bits >>> 8;
    this.queued++;
    return this.total++;
  }

  /** The queued values' tokens, TOKEN_CHARS characters each in queue order; the queue starts afresh. */
  take(): string {
    if (this.queued > 0) this.hash();
    const s = this.done;
    this.done = '';
    this.total = 0;
    return s;
  }

  private hash(): void {
    const count = this.queued;
    this.k.hmac(count);
    this.done += Buffer.from(this.k.memory.buffer, this.out, count * TOKEN_CHARS).toString('latin1');
    this.queued = 0;
  }
}
