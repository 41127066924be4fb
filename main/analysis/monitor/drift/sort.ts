// Sorting a million doubles fast: two LSD radix passes of 16 bits on the top 32 bits of each value's order-preserving
// bit pattern (sign flipped for positives, every bit flipped for negatives), carrying the values, then an insertion
// pass that orders the few neighbours whose top 32 bits tie (values within ~1e-6 relative of each other). About 4×
// faster than Float64Array.prototype.sort on 1M values (measured in tests/bench/monitor/drift-bench.mjs), which
// matters because every numeric column of both waves is sorted once. Input without NaN. Pure, no I/O.

const SMALL = 4096;
/** Index of the high 32-bit word of a double in a Uint32Array view (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** An ascending copy of `values` (no NaN in it). */
export function sortedFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < SMALL) return values.slice().sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + HI];
    keys[i] = hi & 0x80000000 ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
  }
  let vals = values.slice();
  let keys2 = new Uint32Array(n);
  let vals2 = new Float64Array(n);
  const count = new Uint32Array(65536);
  for (const shift of [0, 16]) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keys[i] >>> shift) & 0xffff]++;
    // A pass where every key has the same digit moves nothing.
    if (count[(keys[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      const at = count[(k >>> shift) & 0xffff]++;
      keys2[at] = k;
      vals2[at] = vals[i];
    }
    [keys, keys2] = [keys2, keys];
    [vals, vals2] = [vals2, vals];
  }
  // Equal top halves are adjacent now; order them by value (insertion: the runs are short).
  for (let i = 1; i < n; i++) {
    if (keys[i] !== keys[i - 1] || vals[i] >= vals[i - 1]) continue;
    const v = vals[i];
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] === k && vals[j] > v) {
      vals[j + 1] = vals[j];
      j--;
    }
    vals[j + 1] = v;
  }
  return vals;
}
