// From sample statistics to a per-column plan (preview), and from the analyst's overrides to what commit stores.
import { COLUMN_ROLES, COLUMN_TYPES, PII_ACTIONS, type BooleanLabels, type ColumnPlan, type ColumnPreview, type ColumnType } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { booleanLabelsOf, chooseDateFormat, inferType, isIdLikeHeader } from './infer-types';
import { detectPiiWithReason } from './pii';
import { defaultRole } from './roles';
import type { Sample } from './sample';
import { type DateFormat, dateFormatLabel, parseDateFormatLabel } from './values';

export interface PlannedColumns {
  columns: ColumnPreview[];
  warnings: string[];
}

export function planColumns(sample: Sample): PlannedColumns {
  const warnings: string[] = [];
  const columns = sample.names.map((name, index): ColumnPreview => {
    const stats = sample.stats[index];
    const inferred = inferType(stats, name);
    for (const w of inferred.warnings) warnings.push(w);
    const pii = detectPiiWithReason(name, stats, inferred.type);
    const piiKind = pii?.kind ?? null;
    const role = defaultRole(name, inferred.type, stats, piiKind);
    return {
      index,
      name,
      originalName: sample.originalNames[index],
      type: inferred.type,
      role,
      piiAction: piiKind ? 'pseudonymize' : 'keep',
      ...(inferred.booleanLabels ? { booleanLabels: inferred.booleanLabels } : {}),
      ...(inferred.dateFormat ? { dateFormat: dateFormatLabel(inferred.dateFormat) } : {}),
      piiKind,
      ...(pii ? { piiReason: pii.reason } : {}),
      typeConfidence: inferred.confidence,
      missingInSample: stats.missing,
    };
  });
  return { columns, warnings };
}

/** A column as commit stores it: where it comes from in the file and how each value is converted. */
export interface CommitColumn {
  source: number;
  name: string;
  originalName: string;
  type: ColumnType;
  role: ColumnPreview['role'];
  piiAction: ColumnPreview['piiAction'];
  booleanLabels?: BooleanLabels;
  dateFormat?: DateFormat;
  /** The type was forced by the analyst rather than inferred (affects the widening warning). */
  forced: boolean;
  /**
   * An identifier (role id, or a header such as order_id / ref / number): a value is stored as a number only
   * when the number reads back as its very text, otherwise the column is widened to text (nothing is lost).
   */
  exactText: boolean;
}

export interface AppliedPlan {
  columns: CommitColumn[];
  dropped: string[];
  warnings: string[];
}

export function applyPlan(proposed: ColumnPreview[], sample: Sample, overrides: ColumnPlan[] = []): AppliedPlan {
  const byIndex = new Map<number, ColumnPlan>();
  for (const o of overrides) {
    if (!Number.isInteger(o.index) || o.index < 0 || o.index >= proposed.length) {
      throw new AppError('BAD_ARGUMENTS', `Column plan refers to column ${o.index}, but the file has ${proposed.length} columns (0-based).`);
    }
    if (o.type !== undefined && !COLUMN_TYPES.includes(o.type)) throw new AppError('BAD_ARGUMENTS', `Unknown column type "${String(o.type)}".`);
    if (o.role !== undefined && !COLUMN_ROLES.includes(o.role)) throw new AppError('BAD_ARGUMENTS', `Unknown column role "${String(o.role)}".`);
    if (o.piiAction !== undefined && !PII_ACTIONS.includes(o.piiAction)) throw new AppError('BAD_ARGUMENTS', `Unknown PII action "${String(o.piiAction)}".`);
    byIndex.set(o.index, o);
  }
  const columns: CommitColumn[] = [];
  const dropped: string[] = [];
  const warnings: string[] = [];
  const names = new Set<string>();
  for (const p of proposed) {
    const o = byIndex.get(p.index);
    const name = (o?.name ?? p.name).trim();
    const piiAction = o?.piiAction ?? p.piiAction;
    if (piiAction === 'drop') {
      dropped.push(name);
      continue;
    }
    if (!name) throw new AppError('BAD_ARGUMENTS', `Column ${p.index + 1} needs a name.`);
    if (names.has(name)) throw new AppError('BAD_ARGUMENTS', `Two columns would be named "${name}"; column names must be unique.`, { columnName: name });
    names.add(name);
    // Pseudonymised values are tokens: always text, whatever the original type.
    let type: ColumnType = piiAction === 'pseudonymize' ? 'text' : (o?.type ?? p.type);
    const forced = o?.type !== undefined && o.type !== p.type;
    const role = o?.role ?? p.role;
    const exactText = role === 'id' || isIdLikeHeader(p.originalName || name);
    const col: CommitColumn = { source: p.index, name, originalName: p.originalName, type, role, piiAction, forced, exactText };
    if (type === 'boolean') {
      col.booleanLabels = p.booleanLabels ?? booleanLabelsOf(sample.stats[p.index]) ?? { true: 'true', false: 'false' };
    }
    if (type === 'date') {
      const fmt = parseDateFormatLabel(p.dateFormat) ?? chooseDateFormat(sample.stats[p.index]).format;
      if (!fmt) {
        warnings.push(`Column "${name}": the dates do not share one format, so they cannot all be read as dates; kept as text.`);
        type = 'text';
        col.type = type;
      } else col.dateFormat = fmt;
    }
    columns.push(col);
  }
  if (columns.length === 0) throw new AppError('BAD_ARGUMENTS', 'Every column is dropped: there is nothing to import.');
  return { columns, dropped, warnings };
}
