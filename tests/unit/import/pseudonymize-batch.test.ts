// The batch pseudonymiser (pii-batch.ts, the WebAssembly SIMD kernel hmac-kernel.wat) must give exactly the tokens
// of Node's createHmac (pseudonymizeReference, 'p_' + the first 16 hex digits of HMAC-SHA256 keyed with the
// secret's hex form) — the reference here is OpenSSL's HMAC, not our own SHA-256. Values: every ASCII length from
// 0 to 60 bytes around the one-block limit (55), two-, three- and four-byte UTF-8 characters and a lone surrogate
// on both sides of it, padding to trim, more values than one kernel call holds, and three secrets (one longer than
// 32 bytes, which is hashed into the key first).
import { describe, expect, it } from 'vitest';
import { compiledKernelBase64 } from '../../support/wasm-kernels';
import { HMAC_KERNEL_WASM } from '../../../main/workspace/import/hmac-kernel.wasm';
import { PendingToken, PseudonymMemo, Pseudonymizer, pseudonymizeReference, TOKEN_CHARS } from '../../../main/workspace/import/pii';
import { BatchPseudonymizer } from '../../../main/workspace/import/pii-batch';

const SECRETS = [Buffer.alloc(32, 7), Buffer.from('00112233445566778899aabbccddeeff', 'hex'), Buffer.alloc(48, 9)];

function tokensOf(b: BatchPseudonymizer, values: string[]): (string | null)[] {
  const idx = values.map((v) => b.add(v));
  const s = b.take();
  expect(s.length).toBe(idx.filter((i) => i >= 0).length * TOKEN_CHARS);
  return idx.map((i) => (i < 0 ? null : s.slice(i * TOKEN_CHARS, (i + 1) * TOKEN_CHARS)));
}

describe('batch pseudonymiser (WebAssembly SIMD HMAC-SHA256)', () => {
  it('the generated module is the compiled hmac-kernel.wat (run node scripts/build-wasm.mjs after editing it)', async () => {
    expect(await compiledKernelBase64('hmac-kernel.wasm.ts')).toBe(HMAC_KERNEL_WASM);
  });

  it('equals createHmac for every length up to one block, non-ASCII on both sides of the limit, and refuses longer values', () => {
    const values = [
      ...Array.from({ length: 61 }, (_, n) => 'abcdefghij'.repeat(7).slice(0, n)),
      '  padded  ',
      '\tTab\t',
      'Zoë',
      '😀',
      'a\ud800b',
      'é'.repeat(27), // 54 bytes
      'é'.repeat(27) + 'x', // 55 bytes
      'é'.repeat(28), // 56 bytes: refused
      'x'.repeat(53) + 'é', // 55 bytes, the non-ASCII character last
      'x'.repeat(54) + 'é', // 56 bytes, found non-ASCII after 54 ASCII bytes were written: refused
      '€'.repeat(18) + 'a', // 55 bytes of three-byte characters
      '😀'.repeat(14), // 56 bytes: refused
    ];
    for (const secret of SECRETS) {
      const b = BatchPseudonymizer.create(new Pseudonymizer(secret))!;
      expect(b).not.toBeNull();
      const got = tokensOf(b, values);
      values.forEach((v, i) => {
        if (Buffer.byteLength(v.trim(), 'utf8') > 55) expect(got[i]).toBeNull();
        else expect(got[i]).toBe(pseudonymizeReference(secret, v));
      });
      // A refused value leaves the kernel's input clean: the values after it still hash right.
      expect(tokensOf(b, ['x'.repeat(54) + 'é', 'after'])).toEqual([null, pseudonymizeReference(secret, 'after')]);
    }
  });

  it('hashes more values than one kernel call holds, in order, and starts afresh after take()', () => {
    const secret = SECRETS[0];
    const b = BatchPseudonymizer.create(new Pseudonymizer(secret))!;
    const values = Array.from({ length: 5_000 }, (_, i) => `user${i}@example.com`);
    const got = tokensOf(b, values);
    const want = values.map((v) => pseudonymizeReference(secret, v));
    expect(got).toEqual(want);
    expect(b.size).toBe(0);
    expect(tokensOf(b, values.slice(0, 3))).toEqual(want.slice(0, 3));
  });

  it('PseudonymMemo with a batch: misses come back pending, settle() teaches the memo, hits are tokens', () => {
    const secret = SECRETS[1];
    const p = new Pseudonymizer(secret);
    const b = BatchPseudonymizer.create(p)!;
    const memo = new PseudonymMemo(p, b);
    const first = memo.token('Ann');
    expect(first).toBeInstanceOf(PendingToken);
    const index = (first as PendingToken).index;
    // Too long for one block: computed at once by the one-at-a-time path.
    const long = 'y'.repeat(80);
    expect(memo.token(long)).toBe(pseudonymizeReference(secret, long));
    const tokens = b.take();
    expect(tokens.slice(index * TOKEN_CHARS, (index + 1) * TOKEN_CHARS)).toBe(pseudonymizeReference(secret, 'Ann'));
    memo.settle(tokens);
    expect(memo.token('Ann')).toBe(pseudonymizeReference(secret, 'Ann'));
    expect(memo.token(long)).toBe(pseudonymizeReference(secret, long));
    expect(b.size).toBe(0); // both were memo hits: nothing queued
  });
});
