// Strings kept for long that came out of a much larger one (a customer id out of a 64k-row block, a category out of
// a 60 KiB import chunk): V8 makes a substring of 13 or more characters a view into its parent, so keeping it keeps
// the whole parent alive — a level list or a memo of a thousand such values can pin a hundred megabytes.

/**
 * A copy of s[a, b) that does not keep `s` alive. Flattening a two-part string copies the characters; the result is
 * a view into that copy only.
 */
export function ownCopy(s: string, a = 0, b = s.length): string {
  if (b - a < 13) return s.slice(a, b); // short substrings are copied anyway
  return (' ' + s.slice(a, b)).slice(1);
}
