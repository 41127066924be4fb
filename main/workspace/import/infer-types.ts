// Type inference from a sample of rows. Strict: a type is proposed only when every sampled non-missing value
// fits it (values after the sample that do not fit are kept and the column widened at commit, see commit.ts).
import type { BooleanLabels, ColumnType } from '../../../shared/domain';
import {
  BOOLEAN_PAIRS,
  type DateFormat,
  dateEvidence,
  dateFormatLabel,
  isInexactNumber,
  isMissing,
  isNonFiniteNumber,
  numberGivesBackText,
  parseBoolWord,
  parseDateTime,
  parseIntStrict,
  parseRealStrict,
  trimIfNeeded,
} from './values';

export const DEFAULT_SAMPLE_ROWS = 20_000;
const DISTINCT_CAP = 50_000;

export interface FirstMisfit {
  line: number;
  value: string;
}

/** Everything we learn about one column from the sample; also feeds roles.ts and pii.ts. */
export class ColumnStats {
  /**
   * An identifier by its header (see isIdLikeHeader): numeric only when every stored number gives back its text,
   * since "1.10" and "1.1" are two ids but one number.
   */
  constructor(readonly idLike = false) {}
  nonMissing = 0;
  missing = 0;
  intFit = 0;
  realFit = 0;
  boolFit = 0;
  dateFit = 0;
  dateTimeFit = 0;
  withTime = 0;
  intMin = Infinity;
  intMax = -Infinity;
  maxLen = 0;
  totalLen = 0;
  /** Lower-cased boolean words seen → first original spelling. */
  readonly boolWords = new Map<string, string>();
  readonly dateFamilies = new Map<string, { count: number; example: string; firstOver12: boolean; secondOver12: boolean }>();
  readonly distinct = new Set<string>();
  distinctCapped = false;
  firstNonInt: FirstMisfit | null = null;
  firstNonReal: FirstMisfit | null = null;
  firstNonDate: FirstMisfit | null = null;
  /** Numbers no stored number gives back exactly (20-digit ids; "1.10" in an id column). */
  inexact = 0;
  firstInexact: FirstMisfit | null = null;
  /** 1e309, inf, nan ...: stored as missing in a numeric column (see isNonFiniteNumber). */
  nonFinite = 0;
  /** Of those, the ones spelled as words (inf, Infinity, nan) rather than digits (1e309). */
  nonFiniteWords = 0;
  firstNonFinite: FirstMisfit | null = null;
  /** Up to 200 trimmed non-missing values for the value-pattern detectors (PII, gender, ...). */
  readonly examples: string[] = [];

  add(raw: string, line: number): void {
    if (isMissing(raw)) {
      this.missing++;
      return;
    }
    const v = trimIfNeeded(raw);
    this.nonMissing++;
    this.totalLen += v.length;
    if (v.length > this.maxLen) this.maxLen = v.length;
    if (this.examples.length < 200) this.examples.push(v);
    if (!this.distinctCapped) {
      this.distinct.add(v);
      if (this.distinct.size >= DISTINCT_CAP) this.distinctCapped = true;
    }
    const i = parseIntStrict(v);
    if (i === i && (!this.idLike || numberGivesBackText(i, v))) {
      this.intFit++;
      if (i < this.intMin) this.intMin = i;
      if (i > this.intMax) this.intMax = i;
    } else if (!this.firstNonInt) this.firstNonInt = { line, value: v };
    const r = parseRealStrict(v);
    if (r === r && (!this.idLike || numberGivesBackText(r, v))) this.realFit++;
    else {
      if (!this.firstNonReal) this.firstNonReal = { line, value: v };
      if (r === r || isInexactNumber(v)) {
        this.inexact++;
        this.firstInexact ??= { line, value: v };
      } else if (isNonFiniteNumber(v)) {
        this.nonFinite++;
        if (!/\d$/.test(v)) this.nonFiniteWords++;
        this.firstNonFinite ??= { line, value: v };
      }
    }
    const b = parseBoolWord(v);
    if (b >= 0) {
      this.boolFit++;
      const low = v.toLowerCase();
      if (!this.boolWords.has(low) && this.boolWords.size < 8) this.boolWords.set(low, v);
    }
    const ev = dateEvidence(v);
    if (ev) {
      this.dateFit++;
      const fam = this.dateFamilies.get(ev.family);
      if (fam) {
        fam.count++;
        fam.firstOver12 ||= ev.firstOver12;
        fam.secondOver12 ||= ev.secondOver12;
      } else this.dateFamilies.set(ev.family, { count: 1, example: v, firstOver12: ev.firstOver12, secondOver12: ev.secondOver12 });
    } else if (!this.firstNonDate) this.firstNonDate = { line, value: v };
    if (v.length >= 10 && parseDateTime(v) !== null) {
      this.dateTimeFit++;
      if (v.length > 10) this.withTime++;
    }
  }

  get distinctCount(): number {
    return this.distinct.size;
  }
  get uniqueInSample(): boolean {
    return !this.distinctCapped && this.nonMissing > 0 && this.distinct.size === this.nonMissing;
  }
  get avgLen(): number {
    return this.nonMissing ? this.totalLen / this.nonMissing : 0;
  }
}

export interface InferredType {
  type: ColumnType;
  booleanLabels?: BooleanLabels;
  dateFormat?: DateFormat;
  /** Share of sampled non-missing values that fit `type`. */
  confidence: number;
  warnings: string[];
}

/** The boolean pair the sampled words belong to, with the file's own spelling; null when not one pair. */
export function booleanLabelsOf(s: ColumnStats): BooleanLabels | null {
  if (s.boolWords.size === 0) return null;
  for (const [t, f] of BOOLEAN_PAIRS) {
    if (![...s.boolWords.keys()].every((w) => w === t || w === f)) continue;
    // 0/1 alone is only a boolean when both values occur: a count column may just be 0 in the sample.
    if (t === '1' && s.boolWords.size < 2) return null;
    const seenT = s.boolWords.get(t);
    const seenF = s.boolWords.get(f);
    const style = (seenT ?? seenF) as string;
    const cased = (w: string): string =>
      style === style.toUpperCase() && style !== style.toLowerCase() ? w.toUpperCase() : style[0] === style[0].toUpperCase() && style !== style.toLowerCase() ? w[0].toUpperCase() + w.slice(1) : w;
    return { true: seenT ?? cased(t), false: seenF ?? cased(f) };
  }
  return null;
}

/** Pick the date format for a column whose values all looked like dates; null plus a reason when ambiguous. */
export function chooseDateFormat(s: ColumnStats): { format: DateFormat | null; warning?: string } {
  const fams = [...s.dateFamilies.entries()];
  if (fams.length !== 1) {
    const seen = fams.map(([fam, info]) => `${describeFamily(fam, info)} (e.g. "${info.example}")`).join(', ');
    return { format: null, warning: `dates are written in mixed formats: ${seen}` };
  }
  const [fam, info] = fams[0];
  const sep = fam[fam.length - 1];
  if (fam.startsWith('YMD')) return { format: { layout: 'YMD', sep } };
  if (info.firstOver12 && info.secondOver12) {
    return { format: null, warning: `dates mix day-first and month-first order (some values have a first part above 12, others a second part above 12)` };
  }
  if (info.firstOver12) return { format: { layout: 'DMY', sep } };
  if (info.secondOver12) return { format: { layout: 'MDY', sep } };
  // No part above 12 anywhere: the separator's usual convention (US slashes month-first, dots/dashes day-first).
  const format: DateFormat = { layout: sep === '/' ? 'MDY' : 'DMY', sep };
  return { format, warning: `day and month order cannot be told apart (no value above 12); read as ${dateFormatLabel(format)}` };
}

function describeFamily(fam: string, info: { firstOver12: boolean; secondOver12: boolean }): string {
  const sep = fam[fam.length - 1];
  if (fam.startsWith('YMD')) return ['YYYY', 'MM', 'DD'].join(sep);
  if (info.firstOver12 && !info.secondOver12) return ['DD', 'MM', 'YYYY'].join(sep);
  if (info.secondOver12 && !info.firstOver12) return ['MM', 'DD', 'YYYY'].join(sep);
  return ['DD', 'MM', 'YYYY'].join(sep) + ' or ' + ['MM', 'DD', 'YYYY'].join(sep);
}

export function inferType(s: ColumnStats, name: string): InferredType {
  const n = s.nonMissing;
  const warnings: string[] = [];
  if (n === 0) return { type: 'text', confidence: 1, warnings };
  const labels = s.boolFit === n ? booleanLabelsOf(s) : null;
  if (labels) return { type: 'boolean', booleanLabels: labels, confidence: 1, warnings };
  // 1e309 / inf / nan among numbers are missing values (commit stores NULL and says where); a column made
  // mostly of such words (not digits) is text, kept as written.
  const words = s.nonFiniteWords;
  const numeric = s.nonFinite > 0 && n - s.nonFinite > 0 && n - words > words ? n - s.nonFinite : n;
  if (s.intFit === numeric) return { type: 'integer', confidence: 1, warnings };
  if (s.realFit === numeric) return { type: 'real', confidence: 1, warnings };
  if (s.inexact > 0 && s.realFit + s.inexact + s.nonFinite === n && s.firstInexact) {
    warnings.push(inexactWarning(name, s.firstInexact, s.idLike));
    return { type: 'text', confidence: 1, warnings };
  }
  if (s.dateFit === n) {
    const { format, warning } = chooseDateFormat(s);
    if (format) {
      if (warning) warnings.push(`Column "${name}": ${warning}.`);
      return { type: 'date', dateFormat: format, confidence: 1, warnings };
    }
    warnings.push(`Column "${name}": ${warning}; kept as text rather than guessing. Fix the dates in the file to one format, then import again.`);
    return { type: 'text', confidence: 1, warnings };
  }
  if (s.dateTimeFit === n && s.withTime > 0) return { type: 'datetime', confidence: 1, warnings };
  if (s.dateFit >= n * 0.9 && s.dateFamilies.size > 1) {
    const { warning } = chooseDateFormat(s);
    warnings.push(`Column "${name}": ${warning}; kept as text rather than guessing.`);
  }
  // Mostly one type with a few odd values: say so, since it is often a data-entry problem worth fixing.
  const near: [number, string, FirstMisfit | null][] = [
    [s.intFit, 'whole numbers', s.firstNonInt],
    [s.realFit, 'numbers', s.firstNonReal],
    [s.dateFit, 'dates', s.firstNonDate],
  ];
  for (const [fit, what, first] of near) {
    if (fit >= n * 0.9 && fit < n && first) {
      warnings.push(
        `Column "${name}": ${Math.round((fit / n) * 100)}% of sampled values are ${what}, but line ${first.line} has "${first.value.slice(0, 40)}"; kept as text so nothing is lost.`,
      );
      break;
    }
  }
  return { type: 'text', confidence: 1, warnings };
}

/** Why a column of numbers stays text: one value would not read back as written. */
export function inexactWarning(name: string, first: FirstMisfit, idLike: boolean): string {
  const why = idLike ? 'an identifier whose text a stored number would not give back' : 'more digits than a stored number keeps';
  return `Column "${name}": line ${first.line} has "${first.value.slice(0, 40)}", which cannot be stored exactly as a number (${why}); the column is kept as text so every value stays as written.`;
}

/** Non-finite numbers in a numeric column: where the first one is, how many, and that they are missing. */
export function nonFiniteWarning(name: string, first: FirstMisfit, count: number, scope: 'sample' | 'file'): string {
  const tail = scope === 'sample' ? `${count} such value(s) in the sampled rows will be stored as missing` : `${count} such value(s) were stored as missing`;
  return `Column "${name}": line ${first.line} has "${first.value.slice(0, 40)}", which is not a finite number (beyond a double's range, or inf/nan); ${tail}.`;
}

/**
 * Headers that name an identifier: the last word is id, ref, number, key, order, code, sku ... ("order_id",
 * "customerID", "invoice number", "ref"). Such columns are numeric only when every value reads back as written.
 */
export function isIdLikeHeader(header: string): boolean {
  const words = header
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 && ID_WORDS.has(words[words.length - 1]);
}
const ID_WORDS = new Set(['id', 'uuid', 'guid', 'ref', 'reference', 'number', 'nr', 'key', 'order', 'sku', 'code']);
