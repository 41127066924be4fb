// A frozen prediction model (shared/predict.ts FrozenModel) as ONE portable SELECT over a customer table, for a
// data team to run in their warehouse or Spark on every customer. It computes exactly what the app computes
// (main/analysis/predict/encoding.ts applyEncoding, then main/analysis/predict/frozen.ts scoreModel), in the same
// order of operations, so the SQL's log-odds equal the app's to the last bit or two (tests hold them to 1e-9):
//   features   one column per model feature (model-sql/features.ts): numbers as they are, text one-hot;
//   members    logistic: intercept + Σ coef · (x − mean) / sd, a NULL x adding 0; trees: baseMargin + each tree's
//              leaf value, each tree one flat CASE (model-sql/trees.ts); long sums split into CTE steps
//              (model-sql/sums.ts) so no expression is too deep for SQLite or Spark;
//   log_odds   the mean of the members' calibrated log-odds a·m + b; probability = 1 / (1 + e^−log_odds), written
//              as the app's overflow-free logistic function, clamped beyond ±700 (where PostgreSQL's EXP would
//              raise an underflow error; the probability there is 0 or 1 to 300 digits).
// Pure: text in, text out. The CLI (main/cli/commands/export-sql.ts) writes it to a file.
import type { FrozenMember, FrozenModel } from '../../shared/predict';
import { AppError } from '../../shared/errors';
import { featureColumns, type FeatureColumn } from './model-sql/features';
import { modelHeader } from './model-sql/header';
import { asMaterialized, clash, ident, num, tableRef, type SqlDialect } from './model-sql/sql-text';
import { CHUNK, sumChain, type Sum } from './model-sql/sums';
import { treeCase } from './model-sql/trees';

export { SQL_DIALECTS, type SqlDialect } from './model-sql/sql-text';

export interface ModelSqlOptions {
  /** The customer table; a string is ONE identifier (dots included), parts as an array: ['sales', 'customers']. */
  table: string | readonly string[];
  /** The customer id column, returned first (by its own name) so the scores join back. */
  idColumn?: string;
  /** Default 'ansi' (most warehouses); 'sqlite'; 'postgres' (ansi + MATERIALIZED); 'spark' (Spark SQL, Databricks, Hive). */
  dialect?: SqlDialect;
  /** For the header: the model's saved name and when it was trained. */
  name?: string;
  createdAt?: string;
  /** Add `flagged` (1 when probability >= the model's threshold); default true. */
  flagged?: boolean;
}

/** Output columns; a feature or id column may not take these names. */
const OUTPUTS = ['log_odds', 'probability', 'flagged'];
/** SQLite's default SQLITE_MAX_COLUMN: a CTE wider than this fails there. */
const SQLITE_MAX_COLUMNS = 2000;

const memberName = (m: number, step: number) => `m${m + 1}_${step + 1}`;

function logisticTerms(member: FrozenMember, features: readonly FeatureColumn[], dialect: SqlDialect): string[] {
  const m = member.logistic;
  if (!m) throw new AppError('BAD_ARGUMENTS', 'A logistic member of the model has no coefficients.');
  if (m.coef.length !== features.length || m.mean.length !== features.length || m.sd.length !== features.length) {
    throw new AppError('BAD_ARGUMENTS', `The logistic member has ${m.coef.length} coefficients for ${features.length} features; the model file is inconsistent.`);
  }
  const terms = [num(m.intercept, dialect)];
  m.coef.forEach((c, j) => {
    // A zero coefficient adds exactly 0 in the app too; leaving it out changes no bit.
    if (c === 0) return;
    if (!(m.sd[j] > 0)) throw new AppError('BAD_ARGUMENTS', `Feature ${j + 1} of the logistic member has SD ${m.sd[j]}; the model file is inconsistent.`);
    const f = features[j];
    const z = `(${f.ref} - ${num(m.mean[j], dialect)}) / ${num(m.sd[j], dialect)}`;
    terms.push(f.nullable ? `${num(c, dialect)} * (CASE WHEN ${f.ref} IS NULL THEN 0.0 ELSE ${z} END)` : `${num(c, dialect)} * (${z})`);
  });
  return terms;
}

function treeTerms(member: FrozenMember, features: readonly FeatureColumn[], dialect: SqlDialect): string[] {
  const g = member.gbdt;
  if (!g) throw new AppError('BAD_ARGUMENTS', 'A tree member of the model has no trees.');
  return [num(g.baseMargin, dialect), ...g.trees.map((t) => treeCase(t, features, dialect))];
}

export function modelToSql(model: FrozenModel, opts: ModelSqlOptions): string {
  const dialect = opts.dialect ?? 'ansi';
  if (model.format !== 'cxw-model') throw new AppError('BAD_ARGUMENTS', 'This is not a CX Workbench model (format is not "cxw-model").');
  if (model.members.length === 0) throw new AppError('BAD_ARGUMENTS', 'The model has no members to score with.');
  const idColumn = opts.idColumn ?? null;
  if (idColumn !== null && clash([idColumn], OUTPUTS)) {
    throw new AppError('BAD_ARGUMENTS', `The id column "${idColumn}" has the name of an output column (${OUTPUTS.join(', ')}); rename it in a view first.`);
  }
  const flagged = opts.flagged !== false;
  // The members' running-total columns (one per CTE step), known before the features are named so none collides.
  const termCounts = model.members.map((m) => (m.kind === 'logistic' ? 1 + (m.logistic?.coef.filter((c) => c !== 0).length ?? 0) : 1 + (m.gbdt?.trees.length ?? 0)));
  const internal = termCounts.flatMap((n, m) => Array.from({ length: Math.ceil(n / CHUNK) }, (_, s) => memberName(m, s)));
  const features = featureColumns(model.inputs, model.featureNames, [...OUTPUTS, ...internal, ...(idColumn === null ? [] : [idColumn])], dialect);
  const width = (idColumn === null ? 0 : 1) + features.length + internal.length;
  if (dialect === 'sqlite' && width > SQLITE_MAX_COLUMNS) {
    throw new AppError('BAD_ARGUMENTS', `The model needs ${width} columns (${features.length} features); SQLite allows at most ${SQLITE_MAX_COLUMNS} in a query. Export it for another dialect.`);
  }

  const id = idColumn === null ? null : ident(idColumn, dialect);
  const featureLines = [...(id === null ? [] : [`    ${id}`]), ...features.map((f) => `    ${f.expr} AS ${f.ref}`)];
  const featuresCte = `${ident('features', dialect)} AS (\n  SELECT\n${featureLines.join(',\n')}\n  FROM ${tableRef(opts.table, dialect)}\n)`;

  const sums: Sum[] = model.members.map((member, m) => {
    if (member.kind !== 'logistic' && member.kind !== 'gbdt') throw new AppError('BAD_ARGUMENTS', `Unknown model member kind "${String(member.kind)}".`);
    const terms = member.kind === 'logistic' ? logisticTerms(member, features, dialect) : treeTerms(member, features, dialect);
    return { column: (step) => ident(memberName(m, step), dialect), terms };
  });
  const chain = sumChain(sums, ident('features', dialect), (step) => ident(`margins_${step + 1}`, dialect));

  // Calibrated log-odds of each member, summed left to right and divided by their number (as modelLogOdds does).
  const calibrated = model.members.map((member, m) => {
    const { a, b } = member.calibration;
    return `${num(a, dialect)} * ${chain.totals[m]} + ${num(b, dialect)}`;
  });
  const logOdds = calibrated.length === 1 ? calibrated[0] : `(${calibrated.map((c) => `(${c})`).join(' + ')}) / ${num(calibrated.length, dialect)}`;
  const lo = ident('log_odds', dialect);
  const p = ident('probability', dialect);
  const idSel = id === null ? '' : `${id}, `;
  // SQLite and PostgreSQL would otherwise inline the log-odds (all the trees) into each of the places that use it
  // (SQLite: 14× slower; PostgreSQL: minutes of planning). Spark does not collapse a projection that would
  // duplicate an expensive expression, and the warehouses share common subexpressions.
  const scored = `${ident('scored', dialect)} ${asMaterialized(dialect)} (\n  SELECT ${idSel}${logOdds} AS ${lo}\n  FROM ${chain.last}\n)`;
  const one = num(1, dialect);
  const probability =
    `CASE\n      WHEN ${lo} > ${num(700, dialect)} THEN ${one}\n` +
    `      WHEN ${lo} >= ${num(0, dialect)} THEN ${one} / (${one} + EXP(-${lo}))\n` +
    `      WHEN ${lo} >= ${num(-700, dialect)} THEN EXP(${lo}) / (${one} + EXP(${lo}))\n` +
    `      ELSE ${num(0, dialect)}\n    END`;
  const probs = `${ident('probabilities', dialect)} AS (\n  SELECT ${idSel}${lo},\n    ${probability} AS ${p}\n  FROM ${ident('scored', dialect)}\n)`;
  const flag = flagged ? `,\n  CASE WHEN ${p} >= ${num(model.threshold, dialect)} THEN 1 ELSE 0 END AS ${ident('flagged', dialect)}` : '';
  const select = `SELECT ${idSel}${lo}, ${p}${flag}\nFROM ${ident('probabilities', dialect)}`;

  const header = modelHeader(model, {
    name: opts.name,
    createdAt: opts.createdAt,
    dialect,
    table: typeof opts.table === 'string' ? opts.table : opts.table.join('.'),
    idColumn,
    flagged,
  });
  return `${header}\nWITH\n${[featuresCte, ...chain.ctes, scored, probs].join(',\n')}\n${select};\n`;
}
