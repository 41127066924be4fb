// Distinct texts → dense codes (0, 1, 2, … in first-seen order), looked up straight from a range of a larger
// string. The scan reads one string per chunk of rows; slicing every customer id out of it only to hash it in a
// Map cost more than the rest of the decoding at 10M events, so the caller hashes the characters while it looks
// for the field's end and this open-addressing table compares candidates in place (a substring is made once per
// distinct value, for its name).
import { ownCopy } from '../own-string';

/** FNV-1a step: fold one UTF-16 code unit into the running hash. Start from FNV_OFFSET. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const fnvStep = (h: number, c: number): number => Math.imul(h ^ c, 16777619);

export function hashRange(s: string, a: number, b: number): number {
  let h = FNV_OFFSET;
  for (let i = a; i < b; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

export class Codebook {
  /** The distinct values, indexed by code. */
  readonly names: string[] = [];
  /** Open addressing, two Int32 per slot so a probe reads one cache line: [hash, code + 1] (code + 1 = 0: empty). */
  private table = new Int32Array(64);
  private mask = 31;

  get size(): number {
    return this.names.length;
  }

  /** The code of s[a, b) whose hash (hashRange) is h; new values get the next code. */
  code(s: string, a: number, b: number, h: number): number {
    const t = this.table;
    const len = b - a;
    let i = h & this.mask;
    for (;;) {
      const at = t[2 * i + 1];
      if (at === 0) break;
      if (t[2 * i] === h) {
        const name = this.names[at - 1];
        if (name.length === len && s.startsWith(name, a)) return at - 1;
      }
      i = (i + 1) & this.mask;
    }
    const c = this.names.length;
    this.names.push(ownCopy(s, a, b));
    t[2 * i] = h;
    t[2 * i + 1] = c + 1;
    // Keep the table at most half full so probes stay short.
    if (2 * (c + 1) > this.mask + 1) this.grow();
    return c;
  }

  /**
   * The codes of `n` ranges s[a[r], b[r]) with hashes h[r], into out[0..n) — the same codes, in the same first-seen
   * order, as calling code() row by row. Why in stages: with a million distinct ids the table, the name list and the
   * names themselves are tens of megabytes, so each lookup is a chain of cache misses, and row by row each chain
   * waits for the one before. Here the first stage reads every row's slot, the second every candidate's name: loads
   * that do not depend on each other, which the processor overlaps. What the stages do not settle (a value not seen
   * before this batch, a probe past the first slot) goes through code() in row order, so new values get their codes
   * exactly as before.
   */
  codes(s: string, a: Int32Array, b: Int32Array, h: Int32Array, n: number, out: Int32Array): void {
    const t = this.table;
    const mask = this.mask;
    for (let r = 0; r < n; r++) {
      const i = h[r] & mask;
      out[r] = t[2 * i] === h[r] ? t[2 * i + 1] - 1 : -1;
    }
    const names = this.names;
    for (let r = 0; r < n; r++) {
      const at = out[r];
      if (at < 0) continue;
      const name = names[at];
      if (name.length !== b[r] - a[r] || !s.startsWith(name, a[r])) out[r] = -1;
    }
    for (let r = 0; r < n; r++) if (out[r] < 0) out[r] = this.code(s, a[r], b[r], h[r]);
  }

  /**
   * The codes of whole strings, in order (as codeOf one by one): another thread's list of names remapped onto this
   * book. Joined into one string so the batched lookup (codes) can range over it.
   */
  codesOf(names: readonly string[]): Int32Array {
    const n = names.length;
    const joined = names.join('');
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    const h = new Int32Array(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      a[i] = at;
      at += names[i].length;
      b[i] = at;
      h[i] = hashRange(joined, a[i], at);
    }
    const out = new Int32Array(n);
    this.codes(joined, a, b, h, n, out);
    return out;
  }

  /** The code of a whole string. */
  codeOf(s: string): number {
    return this.code(s, 0, s.length, hashRange(s, 0, s.length));
  }

  private grow(): void {
    const old = this.table;
    const slots = 2 * (this.mask + 1);
    const t = new Int32Array(2 * slots);
    const mask = slots - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      let i = old[j] & mask;
      while (t[2 * i + 1] !== 0) i = (i + 1) & mask;
      t[2 * i] = old[j];
      t[2 * i + 1] = old[j + 1];
    }
    this.table = t;
    this.mask = mask;
  }
}

/**
 * One block's ids, collected while a scan parses the block's rows and coded in one Codebook.codes call at the end
 * (the journey and cohorts scans). Rows with a blank id are marked and get −1.
 */
export class IdBatch {
  private a = new Int32Array(0);
  private b = new Int32Array(0);
  private h = new Int32Array(0);
  private codes = new Int32Array(0);
  /** Per row of the block: its index in the batch, or −1 (blank). */
  private slot = new Int32Array(0);
  private n = 0;

  /** Start a block of `rows` rows. */
  reset(rows: number): void {
    if (this.slot.length < rows) [this.a, this.b, this.h, this.codes, this.slot] = Array.from({ length: 5 }, () => new Int32Array(rows));
    this.n = 0;
  }

  /** Row `row`'s id is s[a, b) with hash h (blank: −1 whatever the range). */
  add(row: number, a: number, b: number, h: number, blank: boolean): void {
    if (blank) {
      this.slot[row] = -1;
      return;
    }
    const k = this.n++;
    this.slot[row] = k;
    this.a[k] = a;
    this.b[k] = b;
    this.h[k] = h;
  }

  /** Code every id added since reset (new ids get their codes in row order). */
  resolve(book: Codebook, s: string): void {
    book.codes(s, this.a, this.b, this.h, this.n, this.codes);
  }

  /** The code of row `row` after resolve (−1: blank). */
  codeOf(row: number): number {
    const k = this.slot[row];
    return k < 0 ? -1 : this.codes[k];
  }
}
