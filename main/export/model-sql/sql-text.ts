// The lexical layer of the SQL exports (model-sql, segmentation-sql): identifiers, string and number literals and
// comments, written so that any column name, level or number the workspace holds comes out as valid, exact SQL.
//   sqlite  double-quoted identifiers, 'it''s' strings, plain decimals (3.0, 0.25, 1e-7; SQLite reads a literal with
//           a point or an exponent as REAL, so no integer division can creep in).
//   ansi    the same quoting; numbers always in exponent form (0.25E0): ANSI's approximate numeric literal, which
//           PostgreSQL, Snowflake, Trino, DuckDB and Spark read as a double (a plain 0.25 would be DECIMAL there,
//           and DECIMAL arithmetic may round to 6 digits in Spark or overflow in Trino).
//   postgres  ansi, plus AS MATERIALIZED on the CTE whose expression is used several times (PostgreSQL 12+ would
//           inline the whole model into each use and spend minutes planning it; measured on PostgreSQL 15: 55 s
//           against 0.7 s for a 30-tree model, and a 100-tree model did not finish in 11 minutes).
//   spark   Spark SQL / Databricks defaults: `backtick` identifiers (a "double-quoted" text is a string there) and
//           strings with backslash escapes ('O\'Brien', '\\'): Spark joins adjacent literals, so 'O''Brien' would
//           silently become OBrien. Numbers as ansi.
// Every number is printed with the shortest digits that read back as the very same double (ECMAScript's
// Number-to-String, at most 17 significant digits), so thresholds, means and coefficients survive bit for bit.
import { AppError } from '../../../shared/errors';

export const SQL_DIALECTS = ['sqlite', 'ansi', 'postgres', 'spark'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** `AS MATERIALIZED` where the dialect has it (SQLite 3.35+, PostgreSQL 12+), else `AS`. */
export function asMaterialized(dialect: SqlDialect): string {
  return dialect === 'sqlite' || dialect === 'postgres' ? 'AS MATERIALIZED' : 'AS';
}

export function checkDialect(d: string): SqlDialect {
  if (!(SQL_DIALECTS as readonly string[]).includes(d)) throw new AppError('BAD_ARGUMENTS', `Unknown SQL dialect "${d}". Use one of: ${SQL_DIALECTS.join(', ')}.`, { dialect: d });
  return d as SqlDialect;
}

/** A quoted identifier; any text works (embedded quotes are doubled). */
export function ident(name: string, dialect: SqlDialect): string {
  if (name.length === 0) throw new AppError('BAD_ARGUMENTS', 'An empty column or table name cannot be written as SQL.');
  if (name.includes('\u0000')) throw new AppError('BAD_ARGUMENTS', `The name ${JSON.stringify(name)} holds a NUL character, which SQL identifiers cannot.`);
  return dialect === 'spark' ? `\`${name.replaceAll('`', '``')}\`` : `"${name.replaceAll('"', '""')}"`;
}

/**
 * A table reference: "sales.customers" is written as two quoted parts only when the caller passes them apart
 * (`['sales', 'customers']`); a single string is one identifier, dots and all, so nothing is guessed.
 */
export function tableRef(table: string | readonly string[], dialect: SqlDialect): string {
  const parts = typeof table === 'string' ? [table] : table;
  if (parts.length === 0) throw new AppError('BAD_ARGUMENTS', 'The table to score needs a name.');
  return parts.map((p) => ident(p, dialect)).join('.');
}

/** A string literal. */
export function str(value: string, dialect: SqlDialect): string {
  if (value.includes('\u0000')) throw new AppError('BAD_ARGUMENTS', `The text ${JSON.stringify(value)} holds a NUL character, which SQL text literals cannot.`);
  if (dialect === 'spark') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `'${value.replaceAll("'", "''")}'`;
}

/** A double literal that reads back as exactly `x` (see the header); refuses NaN and ±Infinity. */
export function num(x: number, dialect: SqlDialect): string {
  if (!Number.isFinite(x)) throw new AppError('BAD_ARGUMENTS', `The model holds the number ${x}, which SQL cannot represent; it cannot be exported.`);
  // -0 prints as "0"; the sign of a zero changes nothing these expressions compute.
  const s = String(x);
  const e = s.indexOf('e');
  if (dialect === 'sqlite') return e >= 0 || s.includes('.') ? s : `${s}.0`;
  if (e < 0) return `${s}E0`;
  // "1e-7" → "1E-7", "1.5e+300" → "1.5E300".
  const exp = s.slice(e + 1);
  return `${s.slice(0, e)}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** One `-- ` comment line per line of text; control characters become spaces so nothing escapes the comment. */
export function comment(text: string): string {
  return text
    .split('\n')
    .map((line) => `-- ${line.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')}`.trimEnd())
    .join('\n');
}

/** Text for inside a comment (a name the analyst typed): one line, no control characters. */
export function inComment(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/**
 * Names that stay distinct in engines that compare identifiers case-insensitively (SQLite, Spark, most
 * warehouses): true when two of `names` differ only in case, or one is reserved.
 */
export function clash(names: readonly string[], reserved: readonly string[] = []): boolean {
  const seen = new Set(reserved.map((r) => r.toLowerCase()));
  for (const n of names) {
    const key = n.toLowerCase();
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
