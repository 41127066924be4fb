// Protected attributes and proxy candidates as coded columns (one group per row), and their restriction to the
// audited rows. Proxies are the other feature/category columns (numeric ones binned like protected attributes)
// and saved segmentations' segments (by row on this dataset, else joined through the id columns).
import { AppError } from '../../../shared/errors';
import type { CodedColumn } from '../../analysis/fairness/types';
import type { Db } from '../db';
import type { StoredDataset } from '../datasets';
import type { LoadProgress } from '../nps/nps-columns';
import { NOT_SEGMENTED, segmentGrouping } from '../nps/nps-segments';
import type { AuditSpec } from '../../../shared/audit';
import { groupsOf, MAX_ATTRIBUTE_GROUPS } from './groups';
import type { AuditColumns } from './load';
import type { AuditPlan } from './plan';

export const MISSING_LEVEL = '(missing)';
/** A proxy with more groups than this is an identifier or free text: its Cramér's V would mean little. */
export const MAX_PROXY_GROUPS = 100;

export interface FullColumn extends CodedColumn {
  /** How the groups were formed (binning), for the warnings. */
  note: string | null;
}

export interface Subset extends CodedColumn {
  /** Audited rows with no value (their own "(missing)" group, or −1). */
  missing: number;
}

function coded(data: AuditColumns, spec: AuditSpec, index: number): FullColumn {
  const c = data.byIndex.get(index);
  if (!c) throw new AppError('INTERNAL', `column ${index} was not loaded`);
  const g = groupsOf(c, spec.bins?.[c.column.name]);
  return { name: c.column.name, codes: g.codes, levels: g.levels, note: g.note };
}

export function protectedColumns(plan: AuditPlan, data: AuditColumns, spec: AuditSpec): FullColumn[] {
  return plan.protected.map((p) => {
    if (p.role === 'id' || p.role === 'pii') {
      throw new AppError(
        'BAD_ARGUMENTS',
        `"${p.name}" is ${p.role === 'id' ? 'an identifier' : 'personal data (PII)'}, not a protected attribute: audit groups of people such as gender, age band or marital status.`,
        { columnName: p.name },
      );
    }
    const col = coded(data, spec, p.index);
    // Hundreds of groups, or nearly one per row, is an identifier or free text.
    if (col.levels.length > MAX_ATTRIBUTE_GROUPS || (col.levels.length > 50 && col.levels.length * 2 > data.rows.length)) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `The protected attribute "${p.name}" has ${col.levels.length.toLocaleString('en-US')} distinct values, more like an identifier or free text than groups of people; audit a column with at most ${MAX_ATTRIBUTE_GROUPS} groups (or a numeric one, which is binned).`,
        { columnName: p.name },
      );
    }
    return col;
  });
}

export function proxyColumns(plan: AuditPlan, data: AuditColumns, spec: AuditSpec, warnings: string[]): FullColumn[] {
  const out: FullColumn[] = [];
  const skipped: string[] = [];
  for (const p of plan.proxies) {
    const col = coded(data, spec, p.index);
    if (col.levels.length > MAX_PROXY_GROUPS) skipped.push(`"${p.name}" (${col.levels.length.toLocaleString('en-US')} values)`);
    else if (col.levels.length < 2) continue;
    else out.push(col);
  }
  if (skipped.length) {
    warnings.push(`Proxy check: ${skipped.join(', ')} left out — more than ${MAX_PROXY_GROUPS} distinct text values is an identifier or free text, not groups.`);
  }
  return out;
}

/** A saved segmentation's segment per dataset row ("(not in segmentation)" rows count as missing). */
export function segmentationProxies(db: Db, ds: StoredDataset, name: string, rows: Int32Array, ctx: LoadProgress): { column: CodedColumn; warnings: string[] } {
  const { grouping, warnings } = segmentGrouping(db, name, ds, rows, ctx);
  const outside = grouping.labels.indexOf(NOT_SEGMENTED);
  const codes = grouping.codes;
  if (outside >= 0) for (let i = 0; i < codes.length; i++) if (codes[i] === outside) codes[i] = -1;
  const levels = outside >= 0 ? grouping.labels.filter((_, k) => k !== outside) : grouping.labels;
  return { column: { name: `segmentation: ${name}`, codes, levels }, warnings };
}

/**
 * The column on the audited rows only, groups nobody audited is in dropped. With `missingGroup`, rows without a
 * value form the last group "(missing)"; otherwise they keep −1.
 */
export function subset(col: CodedColumn, kept: Int32Array, missingGroup: boolean): Subset {
  const n = kept.length;
  const m = col.levels.length;
  const used = new Int32Array(m);
  const codes = new Int32Array(n);
  let missing = 0;
  for (let j = 0; j < n; j++) {
    const c = col.codes[kept[j]];
    codes[j] = c;
    if (c < 0) missing++;
    else used[c]++;
  }
  const remap = new Int32Array(m).fill(-1);
  const levels: string[] = [];
  for (let k = 0; k < m; k++) {
    if (used[k] > 0) {
      remap[k] = levels.length;
      levels.push(col.levels[k]);
    }
  }
  const missingCode = missingGroup && missing > 0 ? levels.length : -1;
  if (missingCode >= 0) levels.push(MISSING_LEVEL);
  for (let j = 0; j < n; j++) {
    const c = codes[j];
    codes[j] = c < 0 ? missingCode : remap[c];
  }
  return { name: col.name, codes, levels, missing };
}
