// Which columns a dataset export leaves out, and why. Personal values never leave the app (../shared/SPEC.md §9;
// main/disclosure decides it for every deck and report: "PII and pseudonyms never shown"), and a row-level CSV is the
// easiest way out, so the rule is applied per column, before a byte is written:
// 1. a pseudonymised column (its values are tokens: personal data under GDPR, re-identifiable with the key);
// 2. a personal column kept in the clear (role pii: only when the analyst chose to keep PII on import);
// 3. a text column holding a pseudonym token anywhere (p_ + 16 hex, the shape main/disclosure/pii.ts withholds
//    too): derived datasets copy ids without their metadata — `cxw rfm` stores the customer column with the
//    role id and no PII flag, so an RFM table of pseudonymised customers holds tokens in an ordinary column;
// 4. a column holding a value of a clear personal column of any dataset of the workspace (an e-mail column
//    copied as a customer id), compared as the disclosure module compares whole values (trimmed,
//    case-insensitive, 3 characters or more: pii.ts).
// Whole columns are left out, never single cells, so the reader sees (in `withheld`) what is missing and why.
// Rules 3–4 cost one SQL scan per checked column (rule 4 only when the workspace keeps clear PII at all, which the
// import's defaults never do: detected PII is pseudonymised unless the analyst says keep).
// Limit: a personal value INSIDE the text of a column nobody flagged (a comment naming someone) is not caught:
// decks scrub such text word by word (main/disclosure), but a row export keeps an unflagged column as it is.
// Flag such a column as pii on import (--pii COL=drop|pseudonymize) or in the data view.
import { PII_MIN_LENGTH } from '../disclosure/pii';
import { listDatasets, quoteIdent, type StoredColumn, type StoredDataset } from './datasets';
import type { Db } from './db';

export interface WithheldColumn {
  column: string;
  reason: string;
}

export const PSEUDONYMISED_REASON = 'pseudonymised on import: pseudonyms are personal data and never leave the app (the same rule as every deck and report)';
export const CLEAR_PII_REASON = 'personal data (role pii, kept on import): personal values never leave the app';
export const HOLDS_TOKENS_REASON = 'holds pseudonyms (p_ + 16 hex characters, copied from a pseudonymised column): they never leave the app';

/** GLOB for a pseudonym anywhere in a value: p_ (either case) then 16 hex digits. */
const TOKEN_GLOB = `*[pP]_${'[0-9a-fA-F]'.repeat(16)}*`;

interface ClearPersonal {
  dataset: string;
  table: string;
  column: StoredColumn;
}

export function withheldColumns(db: Db, ds: StoredDataset): { kept: StoredColumn[]; withheld: WithheldColumn[] } {
  const kept: StoredColumn[] = [];
  const withheld: WithheldColumn[] = [];
  const clear = clearPersonalColumns(db);
  const table = quoteIdent(ds.tableName);
  const open = ds.columns.filter((c) => personalByMetadata(c) === null);
  const tokens = columnsWithTokens(db, table, open.filter((c) => c.type === 'text'));
  for (const col of ds.columns) {
    const reason = personalByMetadata(col) ?? (tokens.has(col.sqlName) ? HOLDS_TOKENS_REASON : null) ?? holdsPersonalValue(db, table, col, clear);
    if (reason) withheld.push({ column: col.name, reason });
    else kept.push(col);
  }
  return { kept, withheld };
}

function personalByMetadata(col: StoredColumn): string | null {
  if (col.piiAction === 'pseudonymize') return PSEUDONYMISED_REASON;
  if (col.role === 'pii') return CLEAR_PII_REASON;
  return null;
}

/**
 * Rule 3, one query per text column, stopping at the first token. (One query for all columns, max() of each test,
 * measured slower: 2.2 s against 1.2 s for 4 text columns of 1M rows, as every test then runs on every row.)
 */
function columnsWithTokens(db: Db, table: string, cols: StoredColumn[]): Set<string> {
  const found = new Set<string>();
  for (const col of cols) {
    const c = quoteIdent(col.sqlName);
    // instr() first: a plain substring search is cheaper than the pattern, which then runs on few values.
    const hit = db.prepare(`SELECT 1 FROM ${table} WHERE (instr(${c}, 'p_') > 0 OR instr(${c}, 'P_') > 0) AND ${c} GLOB ? LIMIT 1`).pluck().get(TOKEN_GLOB);
    if (hit !== undefined) found.add(col.sqlName);
  }
  return found;
}

/** Personal columns whose values are stored as written (role pii, not pseudonymised), in every dataset. */
function clearPersonalColumns(db: Db): ClearPersonal[] {
  const out: ClearPersonal[] = [];
  for (const ds of listDatasets(db)) {
    for (const column of ds.columns) {
      if (column.role === 'pii' && column.piiAction !== 'pseudonymize') out.push({ dataset: ds.name, table: quoteIdent(ds.tableName), column });
    }
  }
  return out;
}

/**
 * Rule 4: the column holds a value of a clear personal column (a copied e-mail). Any one value is enough — the
 * promise is that no personal value is written — so a coincidence (a city "Jordan" in a workspace that keeps first
 * names in the clear) withholds the column too; the reason names the personal column, so the analyst sees why.
 */
function holdsPersonalValue(db: Db, table: string, col: StoredColumn, clear: ClearPersonal[]): string | null {
  if (col.type === 'boolean') return null; // stored 0/1: shorter than any value that counts (PII_MIN_LENGTH)
  const c = `lower(trim(CAST(${quoteIdent(col.sqlName)} AS TEXT)))`;
  for (const p of clear) {
    const pc = `lower(trim(CAST(${quoteIdent(p.column.sqlName)} AS TEXT)))`;
    // SQLite builds the IN list once per statement (an ephemeral index), so this is one pass over each table.
    const hits = db
      .prepare(`SELECT count(*) FROM ${table} WHERE length(${c}) >= ? AND ${c} IN (SELECT ${pc} FROM ${p.table} WHERE length(${pc}) >= ?)`)
      .pluck()
      .get(PII_MIN_LENGTH, PII_MIN_LENGTH) as number;
    if (hits > 0) {
      return `holds values of the personal column "${p.column.name}" of "${p.dataset}" (${hits} ${hits === 1 ? 'row' : 'rows'}): personal values never leave the app`;
    }
  }
  return null;
}
