// What disclosure control reads from the workspace: its setting (the `settings` table, key 'disclosure', JSON)
// and the personal values it must never let out (every distinct value of every personal or pseudonymised column).
import { DISCLOSURE_DEFAULT_MIN_CELL, DISCLOSURE_FLOOR, disclosureSettingsSchema, type DisclosureSettings } from '../../shared/decks';
import { AppError } from '../../shared/errors';
import { listDatasets, quoteIdent } from '../workspace/datasets';
import { getSetting, setSetting, type Db } from '../workspace/db';
import { isPersonal } from '../workspace/profile';
import { PII_MIN_LENGTH } from './pii';

export const DISCLOSURE_SETTING_KEY = 'disclosure';
export const DEFAULT_DISCLOSURE: DisclosureSettings = { minCell: DISCLOSURE_DEFAULT_MIN_CELL, roundTo: 0 };

function check(value: unknown, where: string): DisclosureSettings {
  const parsed = disclosureSettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const minCell = (value as { minCell?: unknown } | null)?.minCell;
  if (typeof minCell === 'number' && minCell < DISCLOSURE_FLOOR) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `The disclosure threshold cannot be below ${DISCLOSURE_FLOOR} (got ${minCell}): groups smaller than that would be shown, and UK ONS / NHS small-number practice never goes lower.`,
      { minCell },
    );
  }
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
  throw new AppError('BAD_ARGUMENTS', `${where}: ${issues}. Expected {minCell: a whole number from ${DISCLOSURE_FLOOR} to 1000, roundTo: 0 or 5}.`);
}

/** The workspace's disclosure setting; {minCell: 10, roundTo: 0} until one is set. */
export function readDisclosureSettings(db: Db): DisclosureSettings {
  const raw = getSetting(db, DISCLOSURE_SETTING_KEY);
  if (raw === null) return { ...DEFAULT_DISCLOSURE };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // Never fall back to the default silently: a stricter stored threshold would quietly be loosened.
    throw new AppError('WORKSPACE_CORRUPT', 'The disclosure setting stored in this workspace is not readable; set it again (disclosure.set, or --min-cell on the command line).');
  }
  return check(value, 'The disclosure setting stored in this workspace is not valid');
}

/** Store the setting; refuses a threshold below the floor (5) or a rounding base other than 0 or 5. */
export function writeDisclosureSettings(db: Db, settings: DisclosureSettings): DisclosureSettings {
  const valid = check(settings, 'Disclosure settings refused');
  setSetting(db, DISCLOSURE_SETTING_KEY, JSON.stringify(valid));
  return valid;
}

/**
 * Every distinct value (trimmed, at least 3 characters: shorter ones are exempt, see pii.ts) of every personal
 * column — the PII role, or pseudonymised on import (its tokens) — of every dataset. DISTINCT runs in SQLite, so
 * the work is one pass per such column and the memory is the number of distinct values, not rows. Dropped columns
 * were never stored, so they have nothing to leak.
 */
export function collectPiiValues(db: Db): Set<string> {
  const values = new Set<string>();
  for (const ds of listDatasets(db)) {
    const table = quoteIdent(ds.tableName);
    for (const col of ds.columns) {
      if (!isPersonal(col)) continue;
      const c = quoteIdent(col.sqlName);
      const stmt = db
        .prepare(`SELECT DISTINCT trim(CAST(${c} AS TEXT)) FROM ${table} WHERE ${c} IS NOT NULL AND length(trim(CAST(${c} AS TEXT))) >= ?`)
        .pluck();
      for (const v of stmt.iterate(PII_MIN_LENGTH)) values.add(String(v));
    }
  }
  return values;
}
