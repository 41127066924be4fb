// The comment at the top of an exported model's SQL: what it predicts, how, and what it assumes of the customer
// table (types, missing values, text matching), so a data team can run it without asking the analyst.
import { MISSING_LEVEL, OTHER_LEVEL, PREDICT_MODEL_LABELS, type EncodedInput, type FrozenModel } from '../../../shared/predict';
import { comment, inComment, type SqlDialect } from './sql-text';

const DIALECT_NOTES: Record<SqlDialect, string> = {
  sqlite: 'SQLite 3.35+ built with its math functions (EXP; the sqlite3 shell and most builds have them — without them it fails with "no such function: exp")',
  ansi: 'ANSI SQL (Snowflake, Trino/Presto, DuckDB, Redshift, Oracle, SQL Server): "double-quoted" identifiers, numbers as doubles (1.5E0); for PostgreSQL export with the postgres dialect',
  postgres: 'PostgreSQL 12+: ANSI SQL with the log-odds CTE MATERIALIZED (inlined, PostgreSQL would plan the whole model several times over)',
  spark: 'Spark SQL / Databricks / Hive: `backtick` identifiers, backslash-escaped strings, numbers as doubles (1.5E0)',
};

const LISTED_LEVELS = 12;

function inputLine(input: EncodedInput): string {
  const name = inComment(input.column);
  if (input.kind === 'number') {
    if (input.type === 'boolean') return `${name}: yes/no as the number 1 (yes) or 0 (no), NULL when missing (a BOOLEAN column: CAST it to an integer first)`;
    return `${name}: a number (${input.type === 'integer' ? 'integer' : 'decimal'}), NULL when missing`;
  }
  const kept = input.levels.filter((l) => l !== OTHER_LEVEL && l !== MISSING_LEVEL);
  const shown = kept.slice(0, LISTED_LEVELS).map((l) => `'${inComment(l)}'`);
  const more = kept.length > LISTED_LEVELS ? ` and ${kept.length - LISTED_LEVELS} more` : '';
  const what = input.type === 'text' ? 'text' : `${input.type} as text as the app stored it (${input.type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:MM:SS…'})`;
  const nullGoes = input.levels.includes(MISSING_LEVEL) ? MISSING_LEVEL : `${OTHER_LEVEL} (training had no missing value)`;
  return `${name}: ${what}, matched exactly (case and spaces count) against ${shown.length ? shown.join(', ') + more : 'no kept level'}; any other value counts as ${OTHER_LEVEL}, NULL as ${nullGoes}`;
}

export interface HeaderInfo {
  name?: string;
  createdAt?: string;
  dialect: SqlDialect;
  table: string;
  idColumn: string | null;
  flagged: boolean;
}

export function modelHeader(model: FrozenModel, info: HeaderInfo): string {
  const members = model.members.map((m) => (m.kind === 'logistic' ? 'logistic regression' : `gradient-boosted trees (${m.gbdt?.trees.length ?? 0} trees)`));
  const lines = [
    `CX Workbench prediction model${info.name ? ` "${inComment(info.name)}"` : ''}, exported as SQL.`,
    `Predicts: P(${inComment(model.target)} = '${inComment(model.positive)}') for every row of ${inComment(info.table)}.`,
    `Model: ${PREDICT_MODEL_LABELS[model.kind]} — ${members.join(' + ')}.`,
    `Trained: ${info.createdAt ? inComment(info.createdAt) : 'date not recorded in this export'}.`,
    'Probabilities are CALIBRATED: each member\'s log-odds m is Platt-scaled (a·m + b); the model\'s log-odds is the mean',
    'of its members\' calibrated log-odds, and probability = 1 / (1 + exp(-log_odds)). These are the numbers the app shows.',
    `Output: ${info.idColumn === null ? '' : `${inComment(info.idColumn)}, `}log_odds, probability${info.flagged ? `, flagged (1 when probability >= ${model.threshold}, the model's threshold)` : ''}.`,
    `Dialect: ${DIALECT_NOTES[info.dialect]}.`,
    '',
    'What the customer table must hold (one row per customer, these columns by these names):',
    ...model.inputs.map((i) => `  ${inputLine(i)}`),
    'Missing means SQL NULL. An empty text, or NaN in a DOUBLE column (Spark), is NOT missing here: turn them into',
    'NULL first (NULLIF(col, \'\'), CASE WHEN isnan(col) THEN NULL ELSE col END), as the app did when it imported the data.',
    'Text is compared with = : a case-insensitive or space-padding collation (SQL Server, MySQL) would match levels the',
    'app keeps apart. Numbers are compared as doubles; integers beyond 2^53 lose precision, as they do in the app.',
  ];
  return comment(lines.join('\n'));
}
