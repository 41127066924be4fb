// The current wave on a helper thread: two waves of a million rows each are read from SQLite, decoded and sorted at
// once on two cores instead of one after the other (tests/bench/monitor/drift-bench.mjs). The helper opens its own
// read-only connection (better-sqlite3 connections belong to one thread), reduces the wave (./wave-read.ts) and
// sends it back with its typed arrays transferred, not copied. Without the built entry (tests on the sources) the
// caller reads the wave in its own thread.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { AppError, deserializeError, serializeError, type SerializedError } from '../../../../shared/errors';
import { builtEntry } from '../../../jobs/built-entry';
import { openWorkspaceDb } from '../../db';
import { getDataset, type StoredColumn, type StoredDataset } from '../../datasets';
import { compareCachedPairs, type PairOutcome } from './column-pairs';
import { takeCacheDamage, type CacheDamage } from '../../segments/columns';
import { readWave, type WaveData, type WaveRequest } from './wave-read';

export interface HelperInput {
  workspacePath: string;
  dataset: string;
  columns: string[];
  nps: string | null;
  mix: string | null;
}

/** Column pairs for the helper to compare from the column cache (./column-pairs.ts), by name. */
export interface PairsInput {
  mode: 'pairs';
  workspacePath: string;
  reference: string;
  current: string;
  pairs: [string, string][];
}

type HelperOutput = { ok: true; data: WaveData } | { ok: false; error: SerializedError };
type PairsOutput = { ok: true; outcomes: PairOutcome[] | null; damage: CacheDamage[] } | { ok: false; error: SerializedError };

const quiet = { isCancelled: () => false, onProgress: () => undefined };
const HELPER_BUSY_TIMEOUT_MS = 30 * 60_000;

function columnOf(ds: StoredDataset, name: string): StoredColumn {
  const c = ds.columns.find((x) => x.name === name);
  if (!c) throw new AppError('BAD_ARGUMENTS', `Dataset "${ds.name}" has no column "${name}".`, { dataset: ds.name, columnName: name });
  return c;
}

export function requestOf(ds: StoredDataset, input: Omit<HelperInput, 'workspacePath' | 'dataset'>): WaveRequest {
  const col = (name: string) => columnOf(ds, name);
  return { columns: input.columns.map(col), nps: input.nps ? col(input.nps) : null, mix: input.mix ? col(input.mix) : null };
}

function runPairs(input: PairsInput): void {
  let out: PairsOutput;
  try {
    const db = openWorkspaceDb(input.workspacePath, { skipIntegrityCheck: true, readonly: true, busyTimeoutMs: HELPER_BUSY_TIMEOUT_MS });
    try {
      const ref = getDataset(db, input.reference);
      const cur = getDataset(db, input.current);
      const pairs = input.pairs.map(([r, c]) => ({ ref: columnOf(ref, r), cur: columnOf(cur, c) }));
      out = { ok: true, outcomes: compareCachedPairs(db, ref, cur, pairs, quiet.isCancelled), damage: takeCacheDamage(db) };
    } finally {
      db.close();
    }
  } catch (err) {
    out = { ok: false, error: serializeError(err) };
  }
  parentPort!.postMessage(out);
}

/** Runs in the helper thread (main/jobs/drift-helper.ts). */
export function runDriftHelper(): void {
  if ((workerData as PairsInput).mode === 'pairs') return runPairs(workerData as PairsInput);
  const input = workerData as HelperInput;
  let out: HelperOutput;
  const transfer: ArrayBuffer[] = [];
  try {
    const db = openWorkspaceDb(input.workspacePath, { skipIntegrityCheck: true, readonly: true, busyTimeoutMs: HELPER_BUSY_TIMEOUT_MS });
    try {
      const ds = getDataset(db, input.dataset);
      const data = readWave(db, ds, requestOf(ds, input), quiet);
      for (const c of data.columns) if (c.kind === 'numeric') transfer.push(c.sorted.buffer as ArrayBuffer);
      if (data.nps) transfer.push(data.nps.scores.buffer as ArrayBuffer);
      for (const f of data.fresh) transfer.push(f.data.buffer as ArrayBuffer);
      out = { ok: true, data: { ...data, damage: takeCacheDamage(db) } };
    } finally {
      db.close();
    }
  } catch (err) {
    out = { ok: false, error: serializeError(err) };
  }
  // Sorted copies own their buffers; a column read in place from the cache may share one: transfer each buffer once.
  parentPort!.postMessage(out, [...new Set(transfer)].filter((b) => b.byteLength > 0));
}

/** Start comparing column pairs on a helper thread; null when the built helper is not there. */
export function startPairsHelper(input: Omit<PairsInput, 'mode'>): { result: Promise<{ outcomes: PairOutcome[] | null; damage: CacheDamage[] }>; stop: () => void } | null {
  const entry = builtEntry('drift-helper.js');
  if (!entry) return null;
  const worker = new Worker(entry, { workerData: { mode: 'pairs', ...input } satisfies PairsInput });
  const result = new Promise<{ outcomes: PairOutcome[] | null; damage: CacheDamage[] }>((resolve, reject) => {
    worker.once('message', (msg: PairsOutput) => (msg.ok ? resolve({ outcomes: msg.outcomes, damage: msg.damage }) : reject(deserializeError(msg.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new AppError('INTERNAL', `the drift helper thread stopped (exit ${code})`)));
  });
  return { result, stop: () => void worker.terminate() };
}

/** Start reading `input` on a helper thread; null when the built helper is not there. */
export function startWaveHelper(input: HelperInput): { result: Promise<WaveData>; stop: () => void } | null {
  const entry = builtEntry('drift-helper.js');
  if (!entry) return null;
  const worker = new Worker(entry, { workerData: input });
  const result = new Promise<WaveData>((resolve, reject) => {
    worker.once('message', (msg: HelperOutput) => {
      if (!msg.ok) return reject(deserializeError(msg.error));
      // Buffers arrive as plain Uint8Arrays: SQLite binds Buffers.
      const fresh = msg.data.fresh.map((f) => ({ ...f, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) }));
      resolve({ ...msg.data, fresh });
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new AppError('INTERNAL', `the drift helper thread stopped (exit ${code})`)));
  });
  return { result, stop: () => void worker.terminate() };
}
