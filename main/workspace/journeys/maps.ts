// Journey maps (the workshop canvas) as whole documents in journey_maps: list, get, save with an optimistic
// version check, delete. Every save and delete is written to the activity log with its counts.
import type { JourneyMap, JourneyMapSummary } from '../../../shared/journeys';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../activity';
import type { Db } from '../db';

interface MapRow {
  name: string;
  doc: string;
  version: number;
  updated_at: string;
}

/** Why a save was refused because the stored map moved on; the canvas branches on this (no dedicated error code exists). */
export const STALE_VERSION = 'STALE_VERSION';

export function listMaps(db: Db): JourneyMapSummary[] {
  const rows = db.prepare('SELECT name, doc, version, updated_at FROM journey_maps ORDER BY updated_at DESC, name').all() as MapRow[];
  return rows.map((r) => {
    const doc = JSON.parse(r.doc) as JourneyMap;
    return { name: r.name, stages: doc.stages.length, cards: doc.cards.length, updatedAt: r.updated_at };
  });
}

export function getMap(db: Db, name: string): JourneyMap {
  const row = db.prepare('SELECT name, doc, version, updated_at FROM journey_maps WHERE name = ?').get(name) as MapRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no journey map named "${name}". It may have been renamed or deleted.`, { name });
  return JSON.parse(row.doc) as JourneyMap;
}

export function mapExists(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM journey_maps WHERE name = ?').get(name) !== undefined;
}

/** What the activity log says about a save (seeding logs its own action with the spec). */
export interface SaveLog {
  action: string;
  summary?: string;
  params?: Record<string, unknown>;
}

/**
 * Whole-document save in one transaction. `map.version` must equal the stored version (0 = a new map whose name
 * must be free); the stored copy gets version + 1 and a fresh updatedAt, and is returned.
 */
export function saveMap(db: Db, map: JourneyMap, log: SaveLog = { action: 'journeyMap.save' }, now = new Date()): JourneyMap {
  validateMap(map);
  return db.transaction((): JourneyMap => {
    const row = db.prepare('SELECT doc, version FROM journey_maps WHERE name = ?').get(map.name) as Pick<MapRow, 'doc' | 'version'> | undefined;
    if (map.version === 0 && row) {
      throw new AppError('NAME_TAKEN', `A journey map named "${map.name}" already exists. Choose another name or open that map.`, { name: map.name });
    }
    if (map.version > 0 && !row) {
      throw new AppError('NOT_FOUND', `The journey map "${map.name}" was deleted or renamed since it was opened. Save your copy under a new name.`, {
        name: map.name,
      });
    }
    if (row && row.version !== map.version) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `Someone else saved "${map.name}" in between: the workspace holds version ${row.version}, these edits started from version ${map.version}. ` +
          'Reload the map to see their changes, or save yours under a new name.',
        { name: map.name, reason: STALE_VERSION, storedVersion: row.version, version: map.version },
      );
    }
    const saved: JourneyMap = { ...map, version: map.version + 1, updatedAt: now.toISOString() };
    const doc = JSON.stringify(saved);
    if (row) {
      db.prepare('UPDATE journey_maps SET doc = ?, version = ?, updated_at = ? WHERE name = ?').run(doc, saved.version, saved.updatedAt, map.name);
    } else {
      db.prepare('INSERT INTO journey_maps (name, doc, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
        map.name,
        doc,
        saved.version,
        saved.updatedAt,
        saved.updatedAt,
      );
    }
    const counts = countCards(saved);
    const before = row ? countCards(JSON.parse(row.doc) as JourneyMap) : null;
    const change = before ? ` (was ${before.stages} stages, ${before.cards} cards)` : '';
    logActivity(
      db,
      log.action,
      log.summary ??
        `Saved journey map "${saved.name}" as version ${saved.version}: ${counts.stages} stages, ${counts.cards} cards ` +
          `(${counts.measured} measured, ${counts.assumed} assumed)${change}`,
      { name: saved.name, version: saved.version, ...counts, ...(before ? { before } : {}), ...log.params },
    );
    return saved;
  })();
}

export function deleteMap(db: Db, name: string): void {
  db.transaction(() => {
    const map = getMap(db, name);
    db.prepare('DELETE FROM journey_maps WHERE name = ?').run(name);
    const counts = countCards(map);
    logActivity(db, 'journeyMap.delete', `Deleted journey map "${name}" (version ${map.version}: ${counts.stages} stages, ${counts.cards} cards).`, {
      name,
      version: map.version,
      ...counts,
    });
  })();
}

export function countCards(map: Pick<JourneyMap, 'stages' | 'cards'>): { stages: number; cards: number; measured: number; assumed: number } {
  const measured = map.cards.filter((c) => c.evidence === 'measured').length;
  return { stages: map.stages.length, cards: map.cards.length, measured, assumed: map.cards.length - measured };
}

/** Invariants the schema cannot express: ids unique, every card on an existing stage, measured cards carry n. */
export function validateMap(map: JourneyMap): void {
  const bad = (message: string, details: Record<string, unknown> = {}): never => {
    throw new AppError('BAD_ARGUMENTS', `Journey map "${map.name}": ${message}`, { name: map.name, ...details });
  };
  const stageIds = new Set<string>();
  for (const s of map.stages) {
    if (stageIds.has(s.id)) bad(`two stages share the id "${s.id}"; stage ids must be unique.`, { stageId: s.id });
    stageIds.add(s.id);
  }
  const cardIds = new Set<string>();
  for (const c of map.cards) {
    if (cardIds.has(c.id)) bad(`two cards share the id "${c.id}"; card ids must be unique.`, { cardId: c.id });
    cardIds.add(c.id);
    if (!stageIds.has(c.stageId)) bad(`card "${c.id}" sits on stage "${c.stageId}", which the map does not have.`, { cardId: c.id, stageId: c.stageId });
    if (c.evidence === 'measured' && c.n === undefined) bad(`card "${c.id}" is marked measured but has no n (how many journeys or events it rests on).`, { cardId: c.id });
  }
  const [lo, hi] = map.emotionScale;
  if (!(lo < hi)) bad(`the emotion scale [${lo}, ${hi}] must run from a lower to a higher number.`);
  if (map.persona && map.persona.segment !== undefined && map.persona.segmentation === undefined) {
    bad('the persona names a segment but no segmentation.');
  }
}
