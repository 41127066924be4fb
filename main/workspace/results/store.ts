// The saved-results table: one row per analysis the analyst kept (spec, inputs, app version, headline, result as
// gzipped JSON). Segmentations keep their result in their own tables; their rows here list them (result NULL).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Headline, ResultInput, ResultKind, SavedResultSummary } from '../../../shared/results';
import { RESULT_KINDS } from '../../../shared/results';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';
import { getDataset } from '../datasets';

interface Row {
  id: number;
  name: string;
  kind: string;
  dataset: string;
  spec: string;
  inputs: string;
  app_version: string;
  created_at: string;
  description: string;
  headline: string;
  result: Buffer | null;
  segmentation_id: number | null;
}

const SUMMARY_COLUMNS = 'id, name, kind, dataset, spec, inputs, app_version, created_at, description, headline, segmentation_id';

export interface NewSavedResult {
  name: string;
  kind: ResultKind;
  dataset: string;
  spec: unknown;
  inputs: ResultInput[];
  appVersion: string;
  description: string;
  headline: Headline[];
  /** null for a segmentation (stored in its own tables; segmentationId links it). */
  result: unknown;
  segmentationId?: number;
  createdAt?: string;
}

function toSummary(r: Row): SavedResultSummary {
  if (!(RESULT_KINDS as readonly string[]).includes(r.kind)) {
    throw new AppError('WORKSPACE_CORRUPT', `Saved result ${r.id} has an unknown kind "${r.kind}"; it was written by another version of CX Workbench.`);
  }
  const inputs = JSON.parse(r.inputs) as ResultInput[];
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as ResultKind,
    dataset: r.dataset,
    datasetVersion: inputs[0]?.version ?? '',
    inputs,
    appVersion: r.app_version,
    createdAt: r.created_at,
    spec: JSON.parse(r.spec) as unknown,
    description: r.description,
    headline: JSON.parse(r.headline) as Headline[],
  };
}

/** The inputs as they are now: a dataset's import time is its version (a re-import under the same name differs). */
export function currentInputs(db: Db, datasets: string[]): ResultInput[] {
  return [...new Set(datasets)].map((name) => {
    const d = getDataset(db, name);
    return { dataset: d.name, version: d.importedAt, rows: d.rows };
  });
}

/** Like currentInputs, but a dataset that is gone is null instead of an error (what a re-run compares). */
export function inputNow(db: Db, name: string): ResultInput | null {
  const d = db.prepare('SELECT name, rows, imported_at FROM datasets WHERE name = ?').get(name) as { name: string; rows: number; imported_at: string } | undefined;
  return d ? { dataset: d.name, version: d.imported_at, rows: d.rows } : null;
}

/** A name no saved result (nor segmentation, whose names are results' names) uses yet: "base", "base (2)", … */
export function uniqueResultName(db: Db, base: string): string {
  const stem = base.trim().slice(0, 190) || 'Result';
  let name = stem;
  for (let i = 2; nameTaken(db, name); i++) name = `${stem} (${i})`;
  return name;
}

/**
 * Whether a result name is in use: by another saved result, or by a segmentation (segmentations are listed under
 * their own names). `self` is the row being renamed or the segmentation being listed, which may keep its name.
 */
export function nameTaken(db: Db, name: string, self: { id?: number; segmentationId?: number } = {}): boolean {
  const r = db.prepare('SELECT id, segmentation_id FROM saved_results WHERE name = ?').get(name) as { id: number; segmentation_id: number | null } | undefined;
  if (r && r.id !== self.id) return true;
  const seg = db.prepare('SELECT id FROM segmentations WHERE name = ?').get(name) as { id: number } | undefined;
  if (!seg || seg.id === self.segmentationId) return false;
  const own = self.id === undefined ? undefined : (db.prepare('SELECT segmentation_id FROM saved_results WHERE id = ?').get(self.id) as { segmentation_id: number | null } | undefined);
  return own?.segmentation_id !== seg.id;
}

export function assertNameFree(db: Db, name: string, self: { id?: number; segmentationId?: number } = {}): void {
  if (nameTaken(db, name, self)) {
    throw new AppError('NAME_TAKEN', `A saved result named "${name}" already exists. Choose another name, or rename or delete that one first.`, { name });
  }
}

export function insertResult(db: Db, r: NewSavedResult): SavedResultSummary {
  assertNameFree(db, r.name, { segmentationId: r.segmentationId });
  const blob = r.result === null ? null : gzipSync(Buffer.from(JSON.stringify(r.result)));
  const info = db
    .prepare(
      'INSERT INTO saved_results (name, kind, dataset, spec, inputs, app_version, created_at, description, headline, result, segmentation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(r.name, r.kind, r.dataset, JSON.stringify(r.spec), JSON.stringify(r.inputs), r.appVersion, r.createdAt ?? new Date().toISOString(), r.description, JSON.stringify(r.headline), blob, r.segmentationId ?? null);
  return getSummary(db, Number(info.lastInsertRowid));
}

function row(db: Db, id: number): Row {
  const r = db.prepare('SELECT * FROM saved_results WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('NOT_FOUND', `There is no saved result ${id} in this workspace. List them with cxw results.`, { id });
  return r;
}

export function getSummary(db: Db, id: number): SavedResultSummary {
  return toSummary(row(db, id));
}

/** The stored result (null for a segmentation: the caller reads it from the segmentation tables). */
export function getStored(db: Db, id: number): { summary: SavedResultSummary; result: unknown; segmentationId: number | null } {
  const r = row(db, id);
  return { summary: toSummary(r), result: r.result ? (JSON.parse(gunzipSync(r.result).toString('utf8')) as unknown) : null, segmentationId: r.segmentation_id };
}

export function listResults(db: Db, kind?: ResultKind): SavedResultSummary[] {
  const rows = kind
    ? (db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM saved_results WHERE kind = ? ORDER BY created_at DESC, id DESC`).all(kind) as Row[])
    : (db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM saved_results ORDER BY created_at DESC, id DESC`).all() as Row[]);
  return rows.map(toSummary);
}

export function renameResult(db: Db, id: number, name: string): void {
  db.prepare('UPDATE saved_results SET name = ? WHERE id = ?').run(name, id);
}

export function deleteResultRow(db: Db, id: number): void {
  db.prepare('DELETE FROM saved_results WHERE id = ?').run(id);
}

export interface SegmentationRow {
  id: number;
  name: string;
  dataset: string;
  params: string;
  metrics: string;
  created_at: string;
}

/** Segmentations without a results row (made before saved results existed, or by a run that ended before listing). */
export function unlistedSegmentations(db: Db): SegmentationRow[] {
  return db
    .prepare(
      `SELECT s.id, s.name, d.name AS dataset, s.params, s.metrics, s.created_at FROM segmentations s JOIN datasets d ON d.id = s.dataset_id
       WHERE s.id NOT IN (SELECT segmentation_id FROM saved_results WHERE segmentation_id IS NOT NULL) ORDER BY s.id`,
    )
    .all() as SegmentationRow[];
}
