// Temp workspaces with services in-process (useWorkers: false) and small synthetic customer files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventName, Events } from '../../../shared/api';
import { loadAssignments } from '../../../main/workspace/segments/assignments';
import { createServices, type Services } from '../../../main/services/index';
import { createRng } from '../../../main/analysis/random';

export interface Harness {
  dir: string;
  services: Services;
  events: { event: EventName; payload: Events[EventName] }[];
  csv(name: string, text: string): string;
  dispose(): void;
}

export async function harness(onEvent?: (event: EventName, payload: Events[EventName], services: Services) => void): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'cxw-seg-'));
  const events: Harness['events'] = [];
  const services: Services = createServices({
    stateDir: join(dir, 'state'),
    emit: (event, payload) => {
      events.push({ event, payload });
      onEvent?.(event, payload, services);
    },
    useWorkers: false,
  });
  await services.handlers['workspace.create']({ path: join(dir, 'ws.cxw') });
  return {
    dir,
    services,
    events,
    csv: (name, text) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    dispose: () => {
      services.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Four tight, far-apart groups in (spend, visits) plus a plan level per group; ids 1001.. in row order. */
export function groupsCsv(perGroup: number, seed = 7): { text: string; truth: Int32Array } {
  const rng = createRng(seed);
  const centres = [
    [20, 2],
    [200, 2],
    [20, 40],
    [200, 40],
  ];
  const plans = ['Basic', 'Plus', 'Basic', 'Premium'];
  const lines = ['customer_id,spend,visits,plan,churned,nps'];
  const truth: number[] = [];
  let id = 1001;
  for (let i = 0; i < perGroup; i++) {
    for (let g = 0; g < 4; g++) {
      const [s, v] = centres[g];
      lines.push(`${id++},${(s + rng.normal(0, 3)).toFixed(2)},${Math.round(v + rng.normal(0, 1))},${plans[g]},${g === 1 ? 'Yes' : rng.chance(0.1) ? 'Yes' : 'No'},${g === 3 ? 9 + (i % 2) : i % 11}`);
      truth.push(g);
    }
  }
  return { text: `${lines.join('\n')}\n`, truth: Int32Array.from(truth) };
}

/** Tables a segmentation writes; a failed or cancelled one must leave them as they were. */
export const SAVED_TABLES = ['segmentations', 'segment_cards', 'segment_assignments_packed', 'segment_reassignments', 'column_cache'];

/** Row counts of the tables a segmentation writes (the import already cached its numeric columns). */
export function savedCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(SAVED_TABLES.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

/** A saved segmentation's current labels in row order, read through the workspace layer (packed storage). */
export function labelsOf(ws: string, name: string): Int32Array {
  const db = new Database(ws, { readonly: true });
  try {
    const id = db.prepare('SELECT id FROM segmentations WHERE name = ?').pluck().get(name) as number;
    return loadAssignments(db, id).labels;
  } finally {
    db.close();
  }
}
