// Per-cell conversion on the commit path, and the bookkeeping for values that do not fit their column's type
// (kept, never dropped: the column is widened after the last row, see widen.ts).
import type { ColumnType } from '../../../shared/domain';
import type { CommitColumn } from './plan';
import { type BatchQueue, type PendingToken, PseudonymMemo, type Pseudonymizer } from './pii';
import { type DateFormat, isMissing, isNonFiniteNumber, parseBoolWord, parseDate, parseDateTime, parseIntStrict, parseRealStrict, trimIfNeeded } from './values';

const K_TEXT = 0;
const K_INT = 1;
const K_REAL = 2;
const K_BOOL = 3;
const K_DATE = 4;
const K_DATETIME = 5;
const K_PSEUDO = 6;

const LEADING_ZERO = /^[+-]?0\d/;

const KIND: Record<ColumnType, number> = { text: K_TEXT, integer: K_INT, real: K_REAL, boolean: K_BOOL, date: K_DATE, datetime: K_DATETIME };

export interface Misfits {
  count: number;
  firstLine: number;
  firstValue: string;
  allNumeric: boolean;
  allInteger: boolean;
}

/** Non-finite numbers (1e309, inf, nan) met in a numeric column: stored as missing, reported once. */
export interface NonFinite {
  count: number;
  firstLine: number;
  firstValue: string;
}

/** One column's converter: a small state object (no closures) so the hot loop stays monomorphic. */
export class Converter {
  readonly kind: number;
  readonly source: number;
  private readonly trueLabel: string;
  private readonly falseLabel: string;
  private readonly trueLow: string;
  private readonly falseLow: string;
  private readonly dateFormat: DateFormat | null;
  private readonly pseudo: PseudonymMemo | null;
  /** An identifier column: a number is stored only when it reads back as the very text (see plan.ts). */
  private readonly exactText: boolean;
  misfits: Misfits | null = null;
  nonFinite: NonFinite | null = null;

  /**
   * `batch` (the parse worker): pseudonymised values the memo lacks are queued there and come back as the
   * column's PendingToken, settled when the batch is sent (settleTokens).
   */
  constructor(
    readonly column: CommitColumn,
    pseudonymizer: Pseudonymizer | null,
    batch: BatchQueue | null = null,
  ) {
    this.pseudo = pseudonymizer ? new PseudonymMemo(pseudonymizer, batch) : null;
    this.kind = column.piiAction === 'pseudonymize' ? K_PSEUDO : KIND[column.type];
    this.source = column.source;
    this.trueLabel = column.booleanLabels?.true ?? 'true';
    this.falseLabel = column.booleanLabels?.false ?? 'false';
    this.trueLow = this.trueLabel.toLowerCase();
    this.falseLow = this.falseLabel.toLowerCase();
    this.dateFormat = column.dateFormat ?? null;
    this.exactText = column.exactText;
  }

  convert(raw: string, line: number): string | number | Buffer | null | PendingToken {
    if (isMissing(raw)) return null;
    switch (this.kind) {
      case K_TEXT:
        return raw;
      case K_INT: {
        const v = trimIfNeeded(raw);
        const x = parseIntStrict(v);
        return x === x && (!this.exactText || String(x) === v) ? x : this.misfit(v, line);
      }
      case K_REAL: {
        const v = trimIfNeeded(raw);
        const x = parseRealStrict(v);
        return x === x && (!this.exactText || String(x) === v) ? x : this.misfit(v, line);
      }
      case K_BOOL: {
        if (raw === this.trueLabel) return 1;
        if (raw === this.falseLabel) return 0;
        const v = trimIfNeeded(raw);
        const low = v.toLowerCase();
        if (low === this.trueLow) return 1;
        if (low === this.falseLow) return 0;
        // Labels forced by the analyst may not be the file's words: accept any spelling of true/false.
        if (this.column.forced) {
          const b = parseBoolWord(v);
          if (b >= 0) return b;
        }
        return this.misfit(v, line);
      }
      case K_DATE: {
        const v = trimIfNeeded(raw);
        return parseDate(v, this.dateFormat as DateFormat) ?? this.misfit(v, line);
      }
      case K_DATETIME: {
        const v = trimIfNeeded(raw);
        return parseDateTime(v) ?? this.misfit(v, line);
      }
      default:
        return (this.pseudo as PseudonymMemo).token(raw);
    }
  }

  /** The batch's tokens were computed: the memo learns those it queued. */
  settleTokens(tokens: string): void {
    this.pseudo?.settle(tokens);
  }

  /**
   * Keep a value that does not fit: numbers as numbers (so integer→real widening is exact), the rest as text.
   * A number in a Yes/No column is stored as a BLOB of its text: INTEGER affinity would turn the text '1' into
   * the integer 1, indistinguishable from a stored "Yes" when widen.ts restores labels.
   */
  private misfit(v: string, line: number): string | number | Buffer | null {
    if ((this.kind === K_INT || this.kind === K_REAL) && isNonFiniteNumber(v)) return this.missingNonFinite(v, line);
    // parseRealStrict refuses numbers that would not be stored exactly (a 20-digit id), so those stay text.
    const num = parseRealStrict(v);
    // '007' is a code, not the number 7: keeping it as text keeps its zeros.
    const isNum = num === num && !LEADING_ZERO.test(v) && (!this.exactText || String(num) === v);
    const m = this.misfits;
    if (m === null) {
      this.misfits = { count: 1, firstLine: line, firstValue: v, allNumeric: isNum, allInteger: isNum && Number.isInteger(num) };
    } else {
      m.count++;
      m.allNumeric &&= isNum;
      m.allInteger &&= isNum && Number.isInteger(num);
    }
    if (!isNum || this.kind === K_DATE || this.kind === K_DATETIME) return v;
    if (this.kind === K_BOOL && this.trueLabel !== '1') return Buffer.from(v, 'utf8');
    return num;
  }

  /** 1e309 would be stored as Infinity (and break every analysis): missing instead, counted for the warning. */
  private missingNonFinite(v: string, line: number): null {
    if (this.nonFinite === null) this.nonFinite = { count: 1, firstLine: line, firstValue: v };
    else this.nonFinite.count++;
    return null;
  }
}
