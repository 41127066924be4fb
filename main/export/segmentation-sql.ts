// A saved segmentation as ONE portable SELECT that puts every customer of a table into its nearest segment,
// exactly as the app does (main/workspace/segments/preprocess.ts applyPreprocessing, then the final pass of
// k-means, main/analysis/segment/kmeans-blocks.ts assignFinal):
//   features   numeric: a missing value takes the saved median (policy "impute") or the row is left out
//              ("exclude"), then log1p where asked, then (x − mean) / sd when standardised (0 for a constant
//              column); categorical: a missing value takes the saved most common level ("impute"), each saved level
//              is an indicator worth the category weight, a level the segmentation never saw gets none;
//   distance   the squared Euclidean distance to each saved centroid, summed feature by feature in the app's
//              order (long sums in CTE steps, model-sql/sums.ts);
//   segment    the nearest centroid, the lowest-numbered one on a tie (the app's strict `<` scan), numbered 1..k as
//              `cxw assignments` prints it; confidence = 1 − d(nearest) / d(second nearest), as the app computes it.
// What can differ from the app: an analyst's manual reassignment (the SQL gives the computed segment), and log1p:
// SQLite and ANSI SQL have only LN(1 + x), which may differ from the app's log1p in the last bit (Spark has LOG1P),
// so a customer exactly halfway between two centroids could in principle land on the other one.
import type { Preprocessing } from '../workspace/segments/preprocess';
import { AppError } from '../../shared/errors';
import { asMaterialized, clash, comment, ident, inComment, num, str, tableRef, type SqlDialect } from './model-sql/sql-text';
import { sumChain } from './model-sql/sums';

export interface SegmentationSqlInput {
  /** The segmentation's saved name and dataset (for the header). */
  name: string;
  dataset: string;
  createdAt?: string;
  prep: Preprocessing;
  /** k × encoded features, row-major, in the standardised/encoded space of `prep`. */
  centroids: ArrayLike<number>;
  k: number;
  /** Current segment names by index (0..k−1); adds a segment_name column. */
  segmentNames?: readonly string[];
}

export interface SegmentationSqlOptions {
  table: string | readonly string[];
  idColumn?: string;
  /** Default 'ansi'. */
  dialect?: SqlDialect;
}

const OUTPUTS = ['segment', 'segment_name', 'confidence', 'nearest_sq', 'second_sq'];

/** SQL of one numeric feature's matrix value (before the distance). */
function numericExpr(f: Extract<Preprocessing['features'][number], { kind: 'numeric' }>, prep: Preprocessing, dialect: SqlDialect): string {
  const col = ident(f.name, dialect);
  let x = prep.missing === 'impute' ? `COALESCE(${col}, ${num(f.median ?? 0, dialect)})` : col;
  if (f.log) x = dialect === 'spark' ? `LOG1P(${x})` : `LN(${num(1, dialect)} + ${x})`;
  if (!prep.standardize) return x;
  if (!(f.sd > 0)) return num(0, dialect);
  return `(${x} - ${num(f.mean, dialect)}) / ${num(f.sd, dialect)}`;
}

function categoricalExprs(f: Extract<Preprocessing['features'][number], { kind: 'categorical' }>, prep: Preprocessing, dialect: SqlDialect): string[] {
  const col = ident(f.name, dialect);
  const v = prep.missing === 'impute' && f.mode !== null ? `COALESCE(${col}, ${str(f.mode, dialect)})` : col;
  // The app sets the weight on the FIRST saved level equal to the value (indexOf), so a repeated level stays 0.
  return f.levels.map((level, j) =>
    f.levels.indexOf(level) === j ? `CASE WHEN ${v} = ${str(level, dialect)} THEN ${num(prep.categoryWeight, dialect)} ELSE ${num(0, dialect)} END` : num(0, dialect),
  );
}

function header(input: SegmentationSqlInput, prep: Preprocessing, dialect: SqlDialect, idColumn: string | null, table: string): string {
  const features = prep.features.map((f) => {
    const name = inComment(f.name);
    if (f.kind === 'categorical') {
      const missing = prep.missing === 'impute' ? `NULL counts as '${inComment(f.mode ?? '')}' (the most common level)` : 'a row with NULL is left out';
      return `  ${name}: text matched exactly (case and spaces count) against ${f.levels.length} levels (${f.levels.slice(0, 8).map((l) => `'${inComment(l)}'`).join(', ')}${f.levels.length > 8 ? ', …' : ''}); any other value adds nothing; ${missing}`;
    }
    const missing = prep.missing === 'impute' ? `NULL counts as the median ${f.median}` : 'a row with NULL is left out';
    return `  ${name}: a number (a yes/no column as 1/0)${f.log ? ', >= 0 (log1p is taken)' : ''}; ${missing}`;
  });
  const lines = [
    `CX Workbench segmentation "${inComment(input.name)}" (k = ${input.k}, fitted on dataset "${inComment(input.dataset)}"${input.createdAt ? `, ${inComment(input.createdAt)}` : ''}), exported as SQL.`,
    `Puts each row of ${inComment(table)} into its nearest segment, as the app does: ${prep.standardize ? 'standardised' : 'unstandardised'} numbers` +
      (prep.features.some((f) => f.kind === 'categorical') ? `, one-hot categories (weight ${prep.categoryWeight})` : '') +
      ', squared Euclidean distance to the saved centroids, the lowest segment number on a tie.',
    `Output: ${idColumn === null ? '' : `${inComment(idColumn)}, `}segment (1..${input.k}, as cxw assignments numbers them)${input.segmentNames ? ', segment_name' : ''}, confidence (1 − nearest / second-nearest distance).`,
    prep.missing === 'exclude' ? 'Rows with a NULL in any feature are left out, as the app left them out of the segmentation.' : 'Missing values are imputed with the saved medians and most common levels, as the app does.',
    'An analyst\'s manual reassignment in the app is not in this SQL: it gives the computed segment.',
    `Dialect: ${dialect}.${prep.features.some((f) => f.kind === 'numeric' && f.log) && dialect !== 'spark' ? ' log1p(x) is written LN(1 + x), which can differ from the app in the last bit.' : ''}`,
    '',
    'What the table must hold (these columns by these names; missing = SQL NULL):',
    ...features,
  ];
  return comment(lines.join('\n'));
}

export function segmentationToSql(input: SegmentationSqlInput, opts: SegmentationSqlOptions): string {
  const dialect = opts.dialect ?? 'ansi';
  const { prep, k } = input;
  const d = prep.encoded.length;
  if (!(Number.isInteger(k) && k >= 1)) throw new AppError('BAD_ARGUMENTS', `The segmentation has k = ${k}; it cannot be exported.`);
  if (input.centroids.length !== k * d) throw new AppError('BAD_ARGUMENTS', `The segmentation has ${input.centroids.length} centroid values for k = ${k} × ${d} features; it is inconsistent.`);
  const idColumn = opts.idColumn ?? null;
  if (idColumn !== null && clash([idColumn], OUTPUTS)) throw new AppError('BAD_ARGUMENTS', `The id column "${idColumn}" has the name of an output column (${OUTPUTS.join(', ')}); rename it in a view first.`);

  const exprs = prep.features.flatMap((f) => (f.kind === 'numeric' ? [numericExpr(f, prep, dialect)] : categoricalExprs(f, prep, dialect)));
  if (exprs.length !== d) throw new AppError('BAD_ARGUMENTS', `The segmentation's features make ${exprs.length} columns but it records ${d}; it is inconsistent.`);
  const distanceNames = Array.from({ length: k }, (_, j) => `d${j + 1}`);
  const steps = Math.ceil(d / 50);
  const stepNames = distanceNames.flatMap((n) => Array.from({ length: steps }, (_, s) => `${n}_${s + 1}`));
  const reserved = [...OUTPUTS, ...distanceNames, ...stepNames, ...(idColumn === null ? [] : [idColumn])];
  const readable = !clash(prep.encoded, reserved);
  const refs = prep.encoded.map((n, j) => ident(readable ? n : `x${j + 1}`, dialect));

  const id = idColumn === null ? null : ident(idColumn, dialect);
  const select = [...(id === null ? [] : [`    ${id}`]), ...exprs.map((e, j) => `    ${e} AS ${refs[j]}`)];
  const where = prep.missing === 'exclude' ? `\n  WHERE ${prep.features.map((f) => `${ident(f.name, dialect)} IS NOT NULL`).join(' AND ')}` : '';
  const featuresCte = `${ident('features', dialect)} AS (\n  SELECT\n${select.join(',\n')}\n  FROM ${tableRef(opts.table, dialect)}${where}\n)`;

  const c = (j: number, f: number) => num(input.centroids[j * d + f], dialect);
  const chain = sumChain(
    distanceNames.map((name, j) => ({
      column: (step: number) => ident(`${name}_${step + 1}`, dialect),
      terms: refs.map((r, f) => `(${r} - ${c(j, f)}) * (${r} - ${c(j, f)})`),
    })),
    ident('features', dialect),
    (step) => ident(`distances_${step + 1}`, dialect),
  );
  const dist = distanceNames.map((n) => ident(n, dialect));
  const idSel = id === null ? '' : `${id}, `;
  // Materialised where the dialect allows: the argmin below reads every distance k times.
  const distances = `${ident('distances', dialect)} ${asMaterialized(dialect)} (\n  SELECT ${idSel}${chain.totals.map((t, j) => `${t} AS ${dist[j]}`).join(', ')}\n  FROM ${chain.last}\n)`;

  // Segment j + 1 when d_j is no larger than every later distance: with the earlier WHENs failed, that is the
  // first index of the minimum (the app's strict `<` scan keeps the first on a tie).
  const whens = dist.slice(0, -1).map((dj, j) => `      WHEN ${dist.slice(j + 1).map((dl) => `${dj} <= ${dl}`).join(' AND ')} THEN ${j + 1}`);
  const segment = k === 1 ? '1' : `CASE\n${whens.join('\n')}\n      ELSE ${k}\n    END`;
  const seg = ident('segment', dialect);
  const assigned = `${ident('assigned', dialect)} AS (\n  SELECT ${idSel}${segment} AS ${seg}, ${dist.join(', ')}\n  FROM ${ident('distances', dialect)}\n)`;

  // The smallest of a few distances as a flat CASE (the same first-minimum rule; no LEAST, which SQLite and older
  // SQL Server lack).
  const smallest = (xs: string[]) =>
    xs.length === 1 ? xs[0] : `CASE ${xs.slice(0, -1).map((x, j) => `WHEN ${xs.slice(j + 1).map((y) => `${x} <= ${y}`).join(' AND ')} THEN ${x}`).join(' ')} ELSE ${xs[xs.length - 1]} END`;
  const nearestSq = `CASE ${seg} ${dist.map((dj, j) => `WHEN ${j + 1} THEN ${dj}`).join(' ')} END`;
  const secondSq = `CASE ${seg}\n${dist.map((_, j) => `      WHEN ${j + 1} THEN ${smallest(dist.filter((__, l) => l !== j))}`).join('\n')}\n    END`;
  const one = num(1, dialect);
  const zero = num(0, dialect);
  const ns = ident('nearest_sq', dialect);
  const ss = ident('second_sq', dialect);
  const pair = `${ident('pair', dialect)} AS (\n  SELECT ${idSel}${seg},\n    ${nearestSq} AS ${ns},\n    ${k === 1 ? 'NULL' : secondSq} AS ${ss}\n  FROM ${ident('assigned', dialect)}\n)`;
  const confidence = k === 1 ? one : `CASE WHEN ${ss} <= ${zero} THEN ${zero} ELSE ${one} - SQRT(${ns}) / SQRT(${ss}) END`;
  const names = input.segmentNames
    ? `,\n  CASE ${seg} ${input.segmentNames.slice(0, k).map((n, j) => `WHEN ${j + 1} THEN ${str(n, dialect)}`).join(' ')} END AS ${ident('segment_name', dialect)}`
    : '';
  const final = `SELECT ${idSel}${seg}${names},\n  ${confidence} AS ${ident('confidence', dialect)}\nFROM ${ident('pair', dialect)}`;

  const table = typeof opts.table === 'string' ? opts.table : opts.table.join('.');
  return `${header(input, prep, dialect, idColumn, table)}\nWITH\n${[featuresCte, ...chain.ctes, distances, assigned, pair].join(',\n')}\n${final};\n`;
}
