// A column-cache entry that failed its checksum was rebuilt from the dataset table (segments/columns.ts); the
// analyst must hear of it where they look — the analysis result and the activity log — not only on stderr, which
// the app's window never shows. Jobs with a writable connection log it themselves; read-only jobs leave it in the
// result's warnings and the host logs it with the analysis (services/results/save.ts, via cacheDamageOf).
import { logActivity } from '../workspace/activity';
import type { Db } from '../workspace/db';
import { cacheDamageWarning, takeCacheDamage, type CacheDamage } from '../workspace/segments/columns';

/** The result with each damage warning in its `warnings` (added once; a segmentation already carries them). */
export function withCacheWarnings<T>(result: T, damage: CacheDamage[]): T {
  if (damage.length === 0 || typeof result !== 'object' || result === null) return result;
  const had = (result as { warnings?: unknown }).warnings;
  const warnings = Array.isArray(had) ? [...(had as string[])] : [];
  for (const d of damage) {
    const w = cacheDamageWarning(d);
    if (!warnings.includes(w)) warnings.push(w);
  }
  return { ...result, warnings };
}

/** Log the damage `db` met during a `during` job (one entry per dataset) and return it. */
export function logCacheDamage(db: Db, during: string): CacheDamage[] {
  const damage = takeCacheDamage(db);
  for (const d of damage) logCacheRebuilt(db, d, during);
  return damage;
}

export function logCacheRebuilt(db: Db, d: CacheDamage, during: string): void {
  logActivity(db, 'workspace.cacheRebuilt', cacheDamageWarning(d), { dataset: d.dataset, columns: d.columns, during });
}

/**
 * The damage a read-only job reported in its result's warnings (the inverse of cacheDamageWarning; names holding
 * `", "` split wrongly, which only blurs the log's parameters — its sentence is the warning itself).
 */
export function cacheDamageOf(warnings: readonly string[] | undefined): CacheDamage[] {
  const out: CacheDamage[] = [];
  for (const w of warnings ?? []) {
    const m = /^The column cache of dataset "(.*)" failed its check for "(.*)"; it was rebuilt from the dataset table/.exec(w);
    if (m) out.push({ dataset: m[1], columns: m[2].split('", "') });
  }
  return out;
}
