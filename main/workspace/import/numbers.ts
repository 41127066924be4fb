// Number recognisers for type inference and the commit path: what is a number that can be stored, and stored
// exactly (issue 12: 20-digit order ids collapsed into one REAL; 1e309 was stored as Infinity). Hand-written
// char-code scanners like the rest of values.ts, because the commit path runs them on every cell.

/**
 * Strict integer: optional sign, digits, no leading zero (so zip codes and zero-padded ids stay text and keep
 * their zeros), and exact as a double (see exactWhole). Returns NaN when the text is not such an integer.
 */
export function parseIntStrict(s: string): number {
  const n = s.length;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i = 1;
  }
  if (i >= n || n - i > 15) return n - i > 15 && n - i <= 19 ? parseLongInt(s) : NaN;
  if (s.charCodeAt(i) === 48 && n - i > 1) return NaN;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

function parseLongInt(s: string): number {
  if (!/^[+-]?[1-9]\d*$/.test(s)) return NaN;
  const v = Number(s);
  return exactWhole(s, v) ? v : NaN;
}

/**
 * A whole number read into a double is kept only when the double gives back every digit: a safe integer, or a
 * larger value the double holds exactly and prints the same (1000000000000000000). Order ids of 17-20 digits are
 * not: 1,000 distinct 20-digit ids once became one REAL. Every reader of a workspace (profile, exports, the
 * column cache) reads numbers as doubles, so an int64 beyond 2^53 would be exact on disk and wrong everywhere
 * it is shown: it is not exact either, and its column keeps its text.
 */
function exactWhole(s: string, v: number): boolean {
  if (Number.isSafeInteger(v)) return true;
  return String(v) === (s.charCodeAt(0) === 43 ? s.slice(1) : s);
}

/** What decimalShape found: not decimal syntax, a whole number, or one with a fraction or an exponent. */
const NOT_DECIMAL = 0;
const WHOLE = 1;
const FRACTIONAL = 2;

/**
 * Decimal syntax: [sign] digits [. digits] [e[sign]digits] or [sign] . digits. Rejects what Number() would
 * also accept but an analyst would not call a number in a CSV: hex, 'Infinity', blanks, thousands commas,
 * zero-padded codes.
 */
function decimalShape(s: string): number {
  const n = s.length;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1;
  let digits = 0;
  const intStart = i;
  let shape = WHOLE;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  // '01234' is a code (zip, id), not a number: leading zeros stay text.
  if (digits > 1 && s.charCodeAt(intStart) === 48) return NOT_DECIMAL;
  if (i < n && s.charCodeAt(i) === 46) {
    shape = FRACTIONAL;
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return NOT_DECIMAL;
  if (i < n && (s.charCodeAt(i) | 32) === 101) {
    shape = FRACTIONAL;
    i++;
    if (i < n && (s.charCodeAt(i) === 45 || s.charCodeAt(i) === 43)) i++;
    let e = 0;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      e++;
    }
    if (e === 0) return NOT_DECIMAL;
  }
  return i === n ? shape : NOT_DECIMAL;
}

/**
 * A number that can be stored: decimal syntax (see decimalShape), finite (1e309 overflows to Infinity, see
 * isNonFiniteNumber) and, for whole numbers, exact (see exactWhole). Decimals with a fraction or an exponent are
 * measurements and are rounded to the nearest double, as every numeric tool does. NaN otherwise.
 */
export function parseRealStrict(s: string): number {
  const shape = decimalShape(s);
  if (shape === NOT_DECIMAL) return NaN;
  const v = Number(s);
  if (v - v !== 0) return NaN;
  if (shape === WHOLE && s.length > 15 && !exactWhole(s, v)) return NaN;
  return v;
}

/** A whole number in decimal syntax that no stored number gives back exactly (see exactWhole). */
export function isInexactNumber(s: string): boolean {
  if (s.length <= 15 || decimalShape(s) !== WHOLE) return false;
  const v = Number(s);
  return v - v === 0 && !exactWhole(s, v);
}

/**
 * A number that is not finite: decimal syntax beyond a double's range (1e309, -1e400), or inf / infinity / nan
 * in any case, with a sign. Stored as missing (with a warning) in a numeric column, never as ±Infinity or NaN.
 * ("NaN" itself is also a missing-value token, see isMissing.)
 */
export function isNonFiniteNumber(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  if (n > 9 || isDigit(s.charCodeAt(n - 1))) return decimalShape(s) !== NOT_DECIMAL && !Number.isFinite(Number(s));
  const c0 = s.charCodeAt(0);
  const at = c0 === 45 || c0 === 43 ? 1 : 0;
  // Most short text values (plan names, regions) are ruled out by their first letter without a copy.
  const first = s.charCodeAt(at) | 32;
  if (first !== 105 && first !== 110) return false; // i, n
  const word = (at ? s.slice(1) : s).toLowerCase();
  return word === 'inf' || word === 'infinity' || word === 'nan';
}

/** The stored number reads back as exactly this text (what an identifier needs: "1.10" is not "1.1"). */
export function numberGivesBackText(v: number, s: string): boolean {
  return String(v) === s;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
