// Codebook.codes (main/workspace/journeys/codebook.ts) codes a batch of ranges in stages; it must give exactly the
// codes of code() called row by row — same values, same first-seen order — whatever the batch holds: values seen
// before it, new ones repeated inside it, hash collisions, a table that grows mid-batch. Hand-made ids; the
// collisions are forced by passing the same hash for different texts (the table must then compare the texts).
import { describe, expect, it } from 'vitest';
import { Codebook, hashRange, IdBatch } from '../../../main/workspace/journeys/codebook';

/** One block string "id1|id2|…" and each id's range and hash (or a forced hash). */
function block(ids: string[], hashOf: (id: string) => number | null = () => null) {
  const s = ids.join('|');
  const a = new Int32Array(ids.length);
  const b = new Int32Array(ids.length);
  const h = new Int32Array(ids.length);
  let p = 0;
  ids.forEach((id, r) => {
    a[r] = p;
    b[r] = p + id.length;
    h[r] = hashOf(id) ?? hashRange(s, p, p + id.length);
    p += id.length + 1;
  });
  return { s, a, b, h };
}

function rowByRow(book: Codebook, blk: ReturnType<typeof block>, n: number): number[] {
  return Array.from({ length: n }, (_, r) => book.code(blk.s, blk.a[r], blk.b[r], blk.h[r]));
}

function batched(book: Codebook, blk: ReturnType<typeof block>, n: number): number[] {
  const out = new Int32Array(n);
  book.codes(blk.s, blk.a, blk.b, blk.h, n, out);
  return Array.from(out);
}

describe('Codebook.codes', () => {
  it('gives the codes and names of code() row by row, across batches', () => {
    const batches = [
      ['C1', 'C2', 'C1', 'C3', 'C2'],
      ['C3', 'C4', 'C4', 'C1', 'C5', 'C0001', 'C1'],
    ];
    const one = new Codebook();
    const many = new Codebook();
    for (const ids of batches) {
      const blk = block(ids);
      expect(batched(many, blk, ids.length)).toEqual(rowByRow(one, blk, ids.length));
    }
    expect(many.names).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C0001']);
    expect(many.names).toEqual(one.names);
  });

  it('tells apart different texts with the same hash, and equal-length prefixes', () => {
    const ids = ['AB', 'CD', 'AB', 'ABC', 'CD', 'EF', 'AB'];
    const blk = block(ids, () => 12345); // every id collides
    const book = new Codebook();
    expect(batched(book, blk, ids.length)).toEqual([0, 1, 0, 2, 1, 3, 0]);
    expect(book.names).toEqual(['AB', 'CD', 'ABC', 'EF']);
    // A second batch: the first stage finds only the slot's first occupant; the rest are resolved by probing.
    expect(batched(book, block(['EF', 'ABC', 'AB', 'GH'], () => 12345), 4)).toEqual([3, 2, 0, 4]);
  });

  it('keeps first-seen order when the table grows inside a batch', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `K${(i * 7919) % 3001}`);
    const one = new Codebook();
    const many = new Codebook();
    const blk = block(ids);
    expect(batched(many, blk, ids.length)).toEqual(rowByRow(one, blk, ids.length));
    expect(many.size).toBe(3001);
    expect(many.names.slice(0, 3)).toEqual(['K0', `K${7919 % 3001}`, `K${(2 * 7919) % 3001}`]);
  });

  it('codes only the first n ranges of the arrays it is given', () => {
    const blk = block(['X', 'Y', 'Z']);
    const book = new Codebook();
    const out = new Int32Array([9, 9, 9]);
    book.codes(blk.s, blk.a, blk.b, blk.h, 2, out);
    expect(Array.from(out)).toEqual([0, 1, 9]);
    expect(book.names).toEqual(['X', 'Y']);
  });
});

describe('Codebook.codesOf', () => {
  it('remaps a list of whole names as codeOf one by one would (new names appended in order, empty names too)', () => {
    const one = new Codebook();
    const many = new Codebook();
    for (const b of [one, many]) ['C2', 'C1'].forEach((x) => b.codeOf(x));
    const names = ['C1', 'C9', '', 'C2', 'C10', 'C9x'];
    expect(Array.from(many.codesOf(names))).toEqual(names.map((x) => one.codeOf(x)));
    expect(many.names).toEqual(['C2', 'C1', 'C9', '', 'C10', 'C9x']);
    expect(many.names).toEqual(one.names);
  });
});

describe('IdBatch', () => {
  it('gives blank rows −1 and the others their codes, block after block', () => {
    const book = new Codebook();
    const batch = new IdBatch();
    const blocks = [
      ['A', '', 'B', 'A'],
      ['B', 'C', ''],
    ];
    const got: number[][] = [];
    for (const ids of blocks) {
      const blk = block(ids);
      batch.reset(ids.length);
      ids.forEach((id, r) => batch.add(r, blk.a[r], blk.b[r], blk.h[r], id === ''));
      batch.resolve(book, blk.s);
      got.push(ids.map((_, r) => batch.codeOf(r)));
    }
    expect(got).toEqual([
      [0, -1, 1, 0],
      [1, 2, -1],
    ]);
    expect(book.names).toEqual(['A', 'B', 'C']);
  });
});
