// Field-by-field comparison of two results (a saved one and its re-run), for "re-ran: identical" or the list of
// what differs. Both sides are compared as JSON values (what is stored), so NaN and null agree as they would on disk.

export interface FieldDifference {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * Paths to leave out, as dotted patterns where `*` matches one key or array index: "timings", "segments.*.name".
 * A pattern matches the field and everything under it.
 */
export type IgnoredPaths = readonly string[];

function matches(path: string[], patterns: string[][]): boolean {
  return patterns.some((p) => p.length <= path.length && p.every((part, i) => part === '*' || part === path[i]));
}

function show(path: string[]): string {
  let out = '';
  for (const part of path) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || '(result)';
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

/** Every differing leaf (or a whole subtree whose shape differs), in document order. */
export function compareResults(before: unknown, after: unknown, ignore: IgnoredPaths = []): FieldDifference[] {
  const patterns = ignore.map((p) => p.split('.'));
  const out: FieldDifference[] = [];
  const walk = (a: unknown, b: unknown, path: string[]): void => {
    if (matches(path, patterns)) return;
    const ka = kindOf(a);
    const kb = kindOf(b);
    if (ka !== kb) {
      out.push({ path: show(path), before: a ?? null, after: b ?? null });
      return;
    }
    if (ka === 'array') {
      const xa = a as unknown[];
      const xb = b as unknown[];
      if (xa.length !== xb.length) {
        out.push({ path: `${show(path)}.length`, before: xa.length, after: xb.length });
      }
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) walk(xa[i], xb[i], [...path, String(i)]);
      return;
    }
    if (ka === 'object') {
      const oa = a as Record<string, unknown>;
      const ob = b as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(oa), ...Object.keys(ob)])];
      for (const k of keys) walk(oa[k], ob[k], [...path, k]);
      return;
    }
    if (!Object.is(a, b)) out.push({ path: show(path), before: a, after: b });
  };
  walk(toJsonValue(before), toJsonValue(after), []);
  return out;
}

/** What JSON.stringify would store (undefined fields dropped, NaN and ±Infinity as null, dates as strings). */
export function toJsonValue(v: unknown): unknown {
  return v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown);
}
