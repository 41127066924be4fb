// Value-level recognisers shared by type inference (on the sample) and the commit path (every cell).
// They are hand-written char-code scanners rather than regexes because the commit path runs them on
// ~17M cells for a 1M-row file; each avoids allocating unless it has to build a normalised string.

/** Missing values: empty, whitespace-only, or one of the usual "no value" tokens. */
export function isMissing(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  const c0 = s.charCodeAt(0);
  const cl = s.charCodeAt(n - 1);
  if (isSpace(c0) || isSpace(cl)) {
    const t = s.trim();
    return t.length === 0 || isNaToken(t);
  }
  return n <= 4 && isNaToken(s);
}

function isNaToken(s: string): boolean {
  return s === 'NA' || s === 'N/A' || s === 'null' || s === 'NULL' || s === 'NaN';
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160;
}

/** Trim only when needed (most cells have no surrounding blanks, so this returns the same string). */
export function trimIfNeeded(s: string): string {
  return isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1)) ? s.trim() : s;
}

export { isInexactNumber, isNonFiniteNumber, numberGivesBackText, parseIntStrict, parseRealStrict } from './numbers';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// ------------------------------------------------------------------ booleans

/** Label pairs we accept as booleans, lower-cased; the first is true. */
export const BOOLEAN_PAIRS: readonly (readonly [string, string])[] = [
  ['yes', 'no'],
  ['y', 'n'],
  ['true', 'false'],
  ['t', 'f'],
  ['1', '0'],
];

/** 1, 0 or -1 (not a boolean word) for any casing of the accepted labels. */
export function parseBoolWord(s: string): number {
  switch (s.length) {
    case 1: {
      const c = s.charCodeAt(0) | 32;
      if (c === 121 || c === 116 || s === '1') return 1; // y t 1
      if (c === 110 || c === 102 || s === '0') return 0; // n f 0
      return -1;
    }
    case 2:
      return s.toLowerCase() === 'no' ? 0 : -1;
    case 3:
      return s.toLowerCase() === 'yes' ? 1 : -1;
    case 4:
      return s.toLowerCase() === 'true' ? 1 : -1;
    case 5:
      return s.toLowerCase() === 'false' ? 0 : -1;
    default:
      return -1;
  }
}

// ------------------------------------------------------------------ dates

/** Date layouts we read; 'DMY'/'MDY' come with their separator. */
export type DateLayout = 'YMD' | 'DMY' | 'MDY';
export interface DateFormat {
  layout: DateLayout;
  sep: string;
}

export function dateFormatLabel(f: DateFormat): string {
  const parts = f.layout === 'YMD' ? ['YYYY', 'MM', 'DD'] : f.layout === 'DMY' ? ['DD', 'MM', 'YYYY'] : ['MM', 'DD', 'YYYY'];
  return parts.join(f.sep);
}

export function parseDateFormatLabel(label: string | undefined): DateFormat | null {
  if (!label) return null;
  const m = /^(YYYY|DD|MM)([-/.])(MM|DD)\2(DD|YYYY)$/.exec(label);
  if (!m) return null;
  const layout: DateLayout = m[1] === 'YYYY' ? 'YMD' : m[1] === 'DD' ? 'DMY' : 'MDY';
  return { layout, sep: m[2] };
}

/** Result of scanning "N<sep>N<sep>N" without allocating: three numbers, their digit counts, the separators. */
export interface DateParts {
  a: number;
  b: number;
  c: number;
  la: number;
  lb: number;
  lc: number;
  sep1: number;
  sep2: number;
  end: number;
}
const scratch: DateParts = { a: 0, b: 0, c: 0, la: 0, lb: 0, lc: 0, sep1: 0, sep2: 0, end: 0 };

/** Scan up to three digit groups separated by '-', '/' or '.'; stops at the first other char. */
export function scanDateParts(s: string): DateParts | null {
  const n = s.length;
  let i = 0;
  let sep1 = 0;
  for (let g = 0; g < 3; g++) {
    let v = 0;
    let l = 0;
    while (i < n) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      l++;
      i++;
    }
    if (l === 0 || l > 4) return null;
    if (g === 0) {
      scratch.a = v;
      scratch.la = l;
    } else if (g === 1) {
      scratch.b = v;
      scratch.lb = l;
    } else {
      scratch.c = v;
      scratch.lc = l;
    }
    if (g < 2) {
      const c = s.charCodeAt(i);
      if (c !== 45 && c !== 47 && c !== 46) return null;
      if (g === 0) sep1 = c;
      else if (c !== sep1) return null;
      i++;
    }
  }
  scratch.sep1 = sep1;
  scratch.sep2 = sep1;
  scratch.end = i;
  return scratch;
}

export function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return false;
  const dim = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= dim;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}
function pad4(n: number): string {
  return n < 1000 ? String(n).padStart(4, '0') : String(n);
}

/** Read a date in the given format; returns 'YYYY-MM-DD' or null when the text is not such a date. */
export function parseDate(s: string, f: DateFormat): string | null {
  const p = scanDateParts(s);
  if (!p || p.end !== s.length || String.fromCharCode(p.sep1) !== f.sep) return null;
  let y: number, m: number, d: number;
  if (f.layout === 'YMD') {
    if (p.la !== 4 || p.lb > 2 || p.lc > 2) return null;
    [y, m, d] = [p.a, p.b, p.c];
    // Already canonical: return the input itself (no allocation on the hot path).
    if (!validYmd(y, m, d)) return null;
    if (f.sep === '-' && p.lb === 2 && p.lc === 2) return s;
  } else {
    if (p.lc !== 4 || p.la > 2 || p.lb > 2) return null;
    y = p.c;
    if (f.layout === 'DMY') [d, m] = [p.a, p.b];
    else [m, d] = [p.a, p.b];
    if (!validYmd(y, m, d)) return null;
  }
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** What a single value says about its date format: which layouts it could be, without choosing. */
export interface DateEvidence {
  family: string; // 'YMD-', 'YMD/', 'XY-', 'XY/', 'XY.' — XY = day/month order unknown from the layout alone
  firstOver12: boolean;
  secondOver12: boolean;
}

export function dateEvidence(s: string): DateEvidence | null {
  const p = scanDateParts(s);
  if (!p || p.end !== s.length) return null;
  const sep = String.fromCharCode(p.sep1);
  if (p.la === 4 && p.lb <= 2 && p.lc <= 2) {
    if (sep === '.' || !validYmd(p.a, p.b, p.c)) return null;
    return { family: 'YMD' + sep, firstOver12: false, secondOver12: false };
  }
  if (p.lc === 4 && p.la <= 2 && p.lb <= 2) {
    const asDmy = validYmd(p.c, p.b, p.a);
    const asMdy = validYmd(p.c, p.a, p.b);
    if (!asDmy && !asMdy) return null;
    return { family: 'XY' + sep, firstOver12: p.a > 12, secondOver12: p.b > 12 };
  }
  return null;
}

// ------------------------------------------------------------------ datetimes

/**
 * ISO-like datetime: YYYY-MM-DD, 'T' or ' ', HH:MM[:SS[.fraction]], optional 'Z' / ±HH:MM / ±HHMM / ±HH.
 * With an offset the instant is normalised to UTC ('YYYY-MM-DDTHH:MM:SS.sssZ'); without one the wall-clock
 * text is kept as 'YYYY-MM-DDTHH:MM:SS[.fraction]'. A plain 'YYYY-MM-DD' is accepted as midnight so a column
 * mixing both reads consistently. Returns null when the text is not such a datetime.
 */
export function parseDateTime(s: string): string | null {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y = num(s, 0, 4);
  const mo = num(s, 5, 2);
  const d = num(s, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || !validYmd(y, mo, d)) return null;
  if (n === 10) return s + 'T00:00:00';
  const t = s.charCodeAt(10);
  if ((t !== 84 && t !== 32) || n < 16 || s.charCodeAt(13) !== 58) return null;
  const h = num(s, 11, 2);
  const mi = num(s, 14, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return null;
  let i = 16;
  let sec = 0;
  let fracStart = -1;
  let fracEnd = -1;
  if (i < n && s.charCodeAt(i) === 58) {
    sec = num(s, 17, 2);
    if (sec < 0 || sec > 60) return null;
    i = 19;
    if (i < n && s.charCodeAt(i) === 46) {
      fracStart = i + 1;
      i++;
      while (i < n && isDigit(s.charCodeAt(i))) i++;
      fracEnd = i;
      if (fracEnd === fracStart) return null;
    }
  }
  const wall = `${s.slice(0, 10)}T${s.slice(11, 16)}:${pad2(sec)}`;
  if (i === n) return fracStart < 0 ? wall : `${wall}.${s.slice(fracStart, fracEnd)}`;
  // Offset part.
  const oc = s.charCodeAt(i);
  let offMin = 0;
  if (oc === 90 && i === n - 1) offMin = 0;
  else if (oc === 43 || oc === 45) {
    const rest = n - i - 1;
    const oh = num(s, i + 1, 2);
    let om = 0;
    if (rest === 5 && s.charCodeAt(i + 3) === 58) om = num(s, i + 4, 2);
    else if (rest === 4) om = num(s, i + 3, 2);
    else if (rest !== 2) return null;
    if (oh < 0 || oh > 18 || om < 0 || om > 59) return null;
    offMin = (oh * 60 + om) * (oc === 45 ? -1 : 1);
  } else return null;
  let ms = 0;
  if (fracStart >= 0) {
    for (let k = 0; k < 3; k++) {
      const at = fracStart + k;
      ms = ms * 10 + (at < fracEnd ? s.charCodeAt(at) - 48 : 0);
    }
  }
  return isoUtc(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offMin * 60000);
}

/**
 * epoch ms → 'YYYY-MM-DDTHH:MM:SS.sssZ' without a Date object (toISOString on a fresh Date per cell was 14% of a
 * 1M-row import). Civil-from-days after Howard Hinnant's algorithm.
 */
function isoUtc(epochMs: number): string {
  const days = Math.floor(epochMs / 86400000);
  let rem = epochMs - days * 86400000;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mm = mp < 10 ? mp + 3 : mp - 9;
  const yy = yoe + era * 400 + (mm <= 2 ? 1 : 0);
  const hh = Math.floor(rem / 3600000);
  rem -= hh * 3600000;
  const mi = Math.floor(rem / 60000);
  rem -= mi * 60000;
  const ss = Math.floor(rem / 1000);
  const ms = rem - ss * 1000;
  if (yy < 0 || yy > 9999 || ms !== Math.floor(ms)) {
    return `${pad4(yy)}-${pad2(mm)}-${pad2(dd)}T${pad2(hh)}:${pad2(mi)}:${pad2(ss)}.${ms < 10 ? '00' + ms : ms < 100 ? '0' + ms : ms}Z`;
  }
  // One flat string from char codes: the template above makes a 13-piece rope per cell, and flattening those
  // later (when bound, or sent to the SQLite thread) cost ~0.5 s on the 1M-row benchmark.
  return String.fromCharCode(
    48 + ((yy / 1000) | 0),
    48 + ((yy / 100) % 10 | 0),
    48 + ((yy / 10) % 10 | 0),
    48 + (yy % 10),
    45,
    48 + ((mm / 10) | 0),
    48 + (mm % 10),
    45,
    48 + ((dd / 10) | 0),
    48 + (dd % 10),
    84,
    48 + ((hh / 10) | 0),
    48 + (hh % 10),
    58,
    48 + ((mi / 10) | 0),
    48 + (mi % 10),
    58,
    48 + ((ss / 10) | 0),
    48 + (ss % 10),
    46,
    48 + ((ms / 100) | 0),
    48 + ((ms / 10) % 10 | 0),
    48 + (ms % 10),
    90,
  );
}

function num(s: string, at: number, len: number): number {
  if (at + len > s.length) return -1;
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const dd = s.charCodeAt(i) - 48;
    if (dd < 0 || dd > 9) return -1;
    v = v * 10 + dd;
  }
  return v;
}

/** True when the text carries a time of day (so a column of such values is a datetime, not a date). */
export function hasTimePart(s: string): boolean {
  return s.length > 10;
}
