// Path variants: each journey's full step sequence (loops kept), counted in an open-addressing hash table over
// typed arrays. A journey's path is hashed twice (two independent 32-bit mixes) and a hit is confirmed by
// comparing the step codes with the stored representative journey, so counts are exact even on a collision;
// no per-journey string or JS object is made (a million journeys stay cheap).
//
// The top `limit` variants are ranked by journeys, ties broken by the path compared step by step (step names
// in code-unit order; a path that is a prefix of another comes first).

export class VariantTable {
  private readonly mask: number;
  private readonly h1: Int32Array;
  private readonly h2: Int32Array;
  /** Representative journey's first position in the step array, −1 for an empty slot. */
  private readonly start: Int32Array;
  private readonly len: Int32Array;
  private readonly count: Int32Array;
  /** Distinct variants. */
  size = 0;

  /** `journeys` bounds the number of distinct variants, so the table never grows (load ≤ ½). */
  constructor(
    private readonly step: Int32Array,
    journeys: number,
  ) {
    let cap = 16;
    while (cap < 2 * journeys) cap *= 2;
    this.mask = cap - 1;
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.start = new Int32Array(cap).fill(-1);
    this.len = new Int32Array(cap);
    this.count = new Int32Array(cap);
  }

  /** Counts the journey whose steps are step[a, b). */
  add(a: number, b: number): void {
    const step = this.step;
    const n = b - a;
    let x = 0x811c9dc5 ^ n;
    let y = Math.imul(n + 1, 0x9e3779b1);
    for (let j = a; j < b; j++) {
      const s = step[j];
      x = Math.imul(x ^ s, 0x01000193);
      y = Math.imul(y ^ (s + 0x7f4a7c15), 0x85ebca6b);
      y ^= y >>> 13;
    }
    x ^= x >>> 16;
    x = Math.imul(x, 0x21f0aaad);
    x ^= x >>> 15;
    let slot = x & this.mask;
    for (;;) {
      const st = this.start[slot];
      if (st === -1) {
        this.start[slot] = a;
        this.len[slot] = n;
        this.h1[slot] = x;
        this.h2[slot] = y;
        this.count[slot] = 1;
        this.size++;
        return;
      }
      if (this.h1[slot] === x && this.h2[slot] === y && this.len[slot] === n && sameSteps(step, st, a, n)) {
        this.count[slot]++;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The `limit` most common variants (see the ranking above), as step-code paths. */
  top(limit: number, stepNames: readonly string[]): { path: number[]; customers: number }[] {
    if (limit <= 0) return [];
    const { start, len, count, step } = this;
    const top: number[] = []; // slots, best first
    const before = (p: number, q: number): boolean => {
      if (count[p] !== count[q]) return count[p] > count[q];
      return comparePaths(step, start[p], len[p], start[q], len[q], stepNames) < 0;
    };
    for (let slot = 0; slot <= this.mask; slot++) {
      if (start[slot] === -1) continue;
      if (top.length === limit) {
        if (!before(slot, top[limit - 1])) continue;
        top.pop();
      }
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(top[mid], slot)) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, slot);
    }
    return top.map((slot) => ({ path: Array.from(step.subarray(start[slot], start[slot] + len[slot])), customers: count[slot] }));
  }
}

function sameSteps(step: Int32Array, p: number, q: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (step[p + i] !== step[q + i]) return false;
  return true;
}

function comparePaths(step: Int32Array, a: number, an: number, b: number, bn: number, stepNames: readonly string[]): number {
  const len = Math.min(an, bn);
  for (let i = 0; i < len; i++) {
    const x = step[a + i];
    const y = step[b + i];
    if (x === y) continue;
    const nx = stepNames[x];
    const ny = stepNames[y];
    if (nx !== ny) return nx < ny ? -1 : 1;
  }
  return an - bn;
}
