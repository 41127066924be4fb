// The model features of a customer row as SQL, one column each, exactly as applyEncoding
// (main/analysis/predict/encoding.ts) makes them:
//   a number or yes/no column is its own feature (NULL stays NULL: the logistic model then adds 0, each tree split
//   sends it where missingLeft says);
//   a text column becomes one 0/1 column per level: `col = 'level'` for the levels kept in training; "(other)" for
//   any other value (rare levels pooled in training, levels never seen), and for NULL when training had no missing
//   value; "(missing)" for NULL when it had. A value whose text is literally "(other)" or "(missing)" counts as
//   "(other)", as in the app (which never matches those two names against the data).
import { MISSING_LEVEL, OTHER_LEVEL, type EncodedInput } from '../../../shared/predict';
import { AppError } from '../../../shared/errors';
import { clash, ident, str, type SqlDialect } from './sql-text';

export interface FeatureColumn {
  /** Quoted name of the feature's column in the features CTE. */
  ref: string;
  /** SQL computing it from the customer table. */
  expr: string;
  /** False for 0/1 indicators (never NULL): the logistic term needs no NULL test. */
  nullable: boolean;
}

const levelName = (level: string) => level === OTHER_LEVEL || level === MISSING_LEVEL;

function levelColumns(input: Extract<EncodedInput, { kind: 'levels' }>, dialect: SqlDialect): string[] {
  const col = ident(input.column, dialect);
  const other = input.levels.indexOf(OTHER_LEVEL);
  const missing = input.levels.indexOf(MISSING_LEVEL);
  if (other < 0) throw new AppError('BAD_ARGUMENTS', `The model's encoding of "${input.column}" has no "${OTHER_LEVEL}" level; it cannot say where an unseen value goes.`);
  const kept = input.levels.filter((l) => !levelName(l));
  const keptList = kept.map((l) => str(l, dialect)).join(', ');
  // Present and not a kept level; NULL too when training never saw a missing value.
  const notKept = kept.length > 0 ? `${col} NOT IN (${keptList})` : null;
  const otherCond =
    missing >= 0 ? (notKept ? `${col} IS NOT NULL AND ${notKept}` : `${col} IS NOT NULL`) : notKept ? `${col} IS NULL OR ${notKept}` : null;
  return input.levels.map((level, j) => {
    if (j === other) return otherCond ? `CASE WHEN ${otherCond} THEN 1 ELSE 0 END` : '1';
    if (j === missing) return `CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END`;
    // A second "(other)"/"(missing)" entry (a data level of that name kept in training) is never set by the app.
    if (levelName(level)) return '0';
    return `CASE WHEN ${col} = ${str(level, dialect)} THEN 1 ELSE 0 END`;
  });
}

/** Output and internal column names the features must not collide with (case-insensitively). */
export function featureColumns(inputs: readonly EncodedInput[], featureNames: readonly string[], reserved: readonly string[], dialect: SqlDialect): FeatureColumn[] {
  const width = inputs.reduce((s, i) => s + (i.kind === 'number' ? 1 : i.levels.length), 0);
  if (width !== featureNames.length) {
    throw new AppError('BAD_ARGUMENTS', `The model's inputs make ${width} features but it names ${featureNames.length}; the model file is inconsistent.`);
  }
  // Readable names ("tenure", "Contract=Month-to-month") unless two would be the same column to the engine.
  const readable = !clash(featureNames, reserved) && featureNames.every((n) => n.length > 0);
  const names = featureNames.map((n, j) => (readable ? n : `x${j + 1}`));
  const out: FeatureColumn[] = new Array<FeatureColumn>(width);
  for (const input of inputs) {
    if (input.kind === 'number') {
      out[input.feature] = { ref: ident(names[input.feature], dialect), expr: ident(input.column, dialect), nullable: true };
      continue;
    }
    levelColumns(input, dialect).forEach((expr, j) => {
      out[input.feature + j] = { ref: ident(names[input.feature + j], dialect), expr, nullable: false };
    });
  }
  for (let j = 0; j < width; j++) if (!out[j]) throw new AppError('BAD_ARGUMENTS', `No input of the model makes feature ${j + 1} ("${featureNames[j]}"); the model file is inconsistent.`);
  return out;
}
