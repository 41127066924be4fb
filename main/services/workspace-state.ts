// Which workspace is open in this host, the recent list, and the built-in demo workspace. A host (Electron
// window, browser host, one CLI command) has exactly one open workspace at a time.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { RecentWorkspace, WorkspaceInfo } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { logActivity } from '../workspace/activity';
import { makeWorkspaceFolder, openWorkspaceDb, setSetting, type Db } from '../workspace/db';
import { keyGetter, type KeyAccess, type KeySealer, KeyStore, openWorkspaceKey } from '../workspace/keys';
import { generateDemoCsvs } from '../workspace/demo-data';
import { DEMO_EXPERIMENT_FILE, DEMO_EXPERIMENT_NAME, writeDemoExperimentCsv } from '../workspace/monitor/experiment/demo-experiment';
import { runImport } from '../workspace/import/index';
import { importDemoWaves } from '../workspace/monitor/drift/demo-waves';
import { checkpointLostLog, WalGuard } from '../workspace/wal-guard';

export interface OpenWorkspace {
  path: string;
  db: Db;
  /** Its pseudonymisation key from the key store (outside the file), or why this computer has none. */
  key: KeyAccess;
  /** The -wal and -shm SQLite opened: another program deleting or replacing them is caught (wal-guard.ts). */
  guard: WalGuard;
}

const RECENT_LIMIT = 12;

export class WorkspaceState {
  private open: OpenWorkspace | null = null;

  constructor(
    private readonly stateDir: string,
    private readonly onChange: (path: string | null, reason: 'opened' | 'created' | 'closed') => void,
    keySealer: KeySealer | null = null,
    keyFoldersToRead: string[] = [],
  ) {
    mkdirSync(stateDir, { recursive: true });
    this.keys = new KeyStore(stateDir, keySealer, keyFoldersToRead);
  }

  /** Where this user's pseudonymisation keys are kept (keys.ts). */
  readonly keys: KeyStore;

  get demoPath(): string {
    return join(this.stateDir, 'demo-workspace.cxw');
  }

  /** The open workspace; opens (creating on first run) the demo workspace when none was chosen. */
  current(): OpenWorkspace {
    if (!this.open) this.openDemo();
    // Every call that touches the workspace comes here first, so nothing (no job, no edit) runs on a lost log.
    this.open!.guard.assertIntact();
    return this.open as OpenWorkspace;
  }

  peek(): OpenWorkspace | null {
    return this.open;
  }

  /** `deferIntegrityCheck`: see OpenOptions in workspace/db.ts (the CLI's analyses, deferred-check.ts). */
  openPath(path: string, opts: { deferIntegrityCheck?: boolean } = {}): OpenWorkspace {
    const full = resolve(path);
    const lost = this.open?.path === full ? this.open.guard.changed() : null;
    let recovered: ReturnType<typeof checkpointLostLog> | null = null;
    if (lost) {
      // Reopening after another program deleted or replaced the log: the old connection still reads the deleted
      // log, so its committed changes go into the workspace file before anything opens the file afresh.
      recovered = checkpointLostLog(this.open!.db, full);
      this.open = null;
    }
    const db = openWorkspaceDb(full, { deferIntegrityCheck: opts.deferIntegrityCheck === true && !lost });
    if (lost) {
      logActivity(
        db,
        'workspace.reopen',
        `Reopened the workspace: its write-ahead log ${lost} was deleted or replaced by another program; reopened after copying the log into the workspace file, so nothing committed was lost${recovered?.movedAside ? ` (the file found in its place was kept as ${basename(recovered.movedAside)})` : ''}.`,
        { file: lost, frames: recovered?.frames ?? 0, movedAside: recovered?.movedAside ?? null },
      );
    }
    this.swap({ path: full, db, key: this.keyOf(db, full), guard: new WalGuard(full) }, 'opened');
    return this.open as OpenWorkspace;
  }

  create(path: string): OpenWorkspace {
    const full = withCxwExtension(resolve(path));
    if (existsSync(full)) {
      throw new AppError('NAME_TAKEN', `${full} already exists. Open it instead, or choose another file name.`, { file: full });
    }
    makeWorkspaceFolder(full);
    const db = openWorkspaceDb(full, { create: true });
    logActivity(db, 'workspace.create', `Created workspace ${basename(full)}`, { path: full });
    this.swap({ path: full, db, key: this.keyOf(db, full), guard: new WalGuard(full) }, 'created');
    return this.open as OpenWorkspace;
  }

  /** Copy the open workspace (including its pseudonymisation key, so ids keep joining) and switch to the copy. */
  async saveAs(path: string): Promise<OpenWorkspace> {
    const ws = this.current();
    const full = withCxwExtension(resolve(path));
    if (full === ws.path) return ws;
    if (existsSync(full)) throw new AppError('NAME_TAKEN', `${full} already exists; saving over it would lose its data. Choose another name.`, { file: full });
    makeWorkspaceFolder(full);
    logActivity(ws.db, 'workspace.saveAs', `Saved a copy as ${basename(full)}`, { from: ws.path, to: full });
    const partial = `${full}.partial`;
    rmSync(partial, { force: true });
    // Online backup writes a consistent snapshot even while WAL holds recent commits; rename makes it atomic.
    await ws.db.backup(partial);
    renameSync(partial, full);
    return this.openPath(full);
  }

  /**
   * The demo is built into a side file and renamed into place only when complete, so an existing demo file is a
   * finished one that may hold the analyst's own work: it is opened, never rebuilt.
   */
  openDemo(): OpenWorkspace {
    // Already open — unless its log was lost: then "open the demo" is the reopen that secures it (openPath).
    if (this.open?.path === this.demoPath && !this.open.guard.changed()) return this.open;
    if (!existsSync(this.demoPath)) buildDemoWorkspace(this.demoPath, this.keys);
    return this.openPath(this.demoPath);
  }

  info(): WorkspaceInfo | null {
    const ws = this.open;
    if (!ws) return null;
    const datasets = (ws.db.prepare('SELECT COUNT(*) AS n FROM datasets').get() as { n: number }).n;
    const version = (ws.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
    return {
      path: ws.path,
      name: basename(ws.path, extname(ws.path)),
      schemaVersion: version,
      datasets,
      isDemo: ws.path === this.demoPath,
      sizeBytes: fileSize(ws.path) + fileSize(`${ws.path}-wal`),
    };
  }

  recent(): RecentWorkspace[] {
    return readRecent(this.recentFile).map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  close(): void {
    if (this.open) {
      this.open.db.close();
      this.open = null;
    }
  }

  /** Move an old in-file key out, make a key for a new workspace, or note that this computer lacks it. */
  private keyOf(db: Db, path: string): KeyAccess {
    try {
      return openWorkspaceKey(db, this.keys, path);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private get recentFile(): string {
    return join(this.stateDir, 'recent.json');
  }

  private swap(next: OpenWorkspace, reason: 'opened' | 'created'): void {
    // The same file opened again gets a fresh connection: the old one is closed, not left open beside it.
    if (this.open && this.open.db !== next.db) this.open.db.close();
    this.open = next;
    if (next.path !== this.demoPath) {
      const list = readRecent(this.recentFile).filter((r) => r.path !== next.path);
      list.unshift({ path: next.path, name: basename(next.path, extname(next.path)), openedAt: new Date().toISOString() });
      writeFileAtomic(this.recentFile, JSON.stringify(list.slice(0, RECENT_LIMIT), null, 2));
    }
    this.onChange(next.path, reason);
  }
}

function withCxwExtension(path: string): string {
  return extname(path).toLowerCase() === '.cxw' ? path : `${path}.cxw`;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function readRecent(file: string): Omit<RecentWorkspace, 'exists'>[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as Omit<RecentWorkspace, 'exists'>[]).filter((r) => typeof r?.path === 'string') : [];
  } catch {
    return [];
  }
}

function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Generate the demo data deterministically and import it through the real import path (so it gets the same
 * type inference, PII pseudonymisation and activity log as a user's file). Built in a temporary file and
 * renamed into place, so an interrupted first run never leaves half a demo.
 */
export function buildDemoWorkspace(path: string, keys: KeyStore): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.building`;
  // Only leftovers of an interrupted earlier build are removed; the demo itself is never deleted.
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const csvDir = join(tmpdir(), `cxw-demo-${process.pid}-${Date.now()}`);
  mkdirSync(csvDir, { recursive: true });
  try {
    const { customers, events } = generateDemoCsvs(42);
    const customersCsv = join(csvDir, 'demo_customers.csv');
    const eventsCsv = join(csvDir, 'demo_journey_events.csv');
    writeFileSync(customersCsv, customers);
    writeFileSync(eventsCsv, events);
    const db = openWorkspaceDb(partial, { create: true });
    try {
      logActivity(db, 'workspace.create', 'Created the built-in demo workspace (synthetic data, seed 42)', { seed: 42 });
      const ctx = { db, secret: keyGetter(openWorkspaceKey(db, keys, path)), isCancelled: () => false, onProgress: () => undefined };
      runImport(ctx, { path: customersCsv, fileName: 'demo_customers.csv', name: 'Demo customers' });
      runImport(ctx, { path: eventsCsv, fileName: 'demo_journey_events.csv', name: 'Demo journey events' });
      runImport(ctx, { path: writeDemoExperimentCsv(csvDir), fileName: DEMO_EXPERIMENT_FILE, name: DEMO_EXPERIMENT_NAME });
      importDemoWaves(ctx, csvDir);
      setSetting(db, 'demo_complete', '1');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    // Another process may have finished the demo meanwhile: keep theirs (it may already hold work).
    if (existsSync(path)) rmSync(partial, { force: true });
    else renameSync(partial, path);
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
  } finally {
    rmSync(csvDir, { recursive: true, force: true });
  }
}
