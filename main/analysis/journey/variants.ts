// The most common path variants: the top `limit` by journeys, ties broken by the path compared step by step
// (step names in code-unit order; a path that is a prefix of another comes first). A bounded sorted list keeps
// this O(V log limit) even when a million journeys are a million distinct variants.
import { decodeVariantKey } from './walk';

export interface VariantCount {
  path: string[];
  customers: number;
}

export function topVariants(counts: ReadonlyMap<string, number>, limit: number, stepNames: readonly string[]): VariantCount[] {
  if (limit <= 0) return [];
  const S = stepNames.length;
  const top: { key: string; count: number }[] = [];
  const before = (aKey: string, aCount: number, bKey: string, bCount: number): boolean => {
    if (aCount !== bCount) return aCount > bCount;
    return comparePaths(aKey, bKey, stepNames, S) < 0;
  };
  for (const [key, count] of counts) {
    if (top.length === limit) {
      const worst = top[limit - 1];
      if (!before(key, count, worst.key, worst.count)) continue;
      top.pop();
    }
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(top[mid].key, top[mid].count, key, count)) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, { key, count });
  }
  return top.map((v) => ({ path: decodeVariantKey(v.key, S).map((s) => stepNames[s]), customers: v.count }));
}

function comparePaths(a: string, b: string, stepNames: readonly string[], S: number): number {
  const pa = decodeVariantKey(a, S);
  const pb = decodeVariantKey(b, S);
  const len = Math.min(pa.length, pb.length);
  for (let i = 0; i < len; i++) {
    if (pa[i] === pb[i]) continue;
    const x = stepNames[pa[i]];
    const y = stepNames[pb[i]];
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
