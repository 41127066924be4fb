// Handlers for the workspace itself: info, create/open/save-as, recent list, activity log, and the file
// listing behind the browser host's own picker.
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Handlers } from '../../shared/api';
import type { DirEntry } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { activityCsv, activityJson, listActivity } from '../workspace/activity';
import { APP_VERSION } from './app-version';
import type { WorkspaceState } from './workspace-state';

type WorkspaceHandlers = Pick<
  Handlers,
  | 'app.ping'
  | 'workspace.info'
  | 'workspace.create'
  | 'workspace.open'
  | 'workspace.openDemo'
  | 'workspace.saveAs'
  | 'workspace.recent'
  | 'workspace.activity'
  | 'workspace.exportActivity'
  | 'files.list'
>;


/**
 * Jobs write to the file they started on; switching (or copying with save-as) under a running import would send
 * its result somewhere the analyst no longer looks. So switching waits until no job runs.
 */
function assertIdle(state: WorkspaceState, activeJobs: () => number, target?: string): void {
  const current = state.peek()?.path;
  if (target !== undefined && current !== undefined && resolve(target) === current) return;
  if (activeJobs() > 0) {
    throw new AppError('WORKSPACE_BUSY', 'An import or analysis is still running in this workspace. Wait for it to finish or cancel it, then switch.');
  }
}

export function workspaceHandlers(state: WorkspaceState, activeJobs: () => number): WorkspaceHandlers {
  const info = () => {
    const i = state.info();
    if (!i) throw new AppError('NO_WORKSPACE', 'No workspace is open.');
    return i;
  };
  return {
    'app.ping': () => ({ ok: true, version: APP_VERSION }),
    'workspace.info': () => {
      state.current();
      return state.info();
    },
    'workspace.create': ({ path }) => {
      assertIdle(state, activeJobs);
      state.create(path);
      return info();
    },
    'workspace.open': ({ path }) => {
      assertIdle(state, activeJobs, path);
      state.openPath(path);
      return info();
    },
    'workspace.openDemo': () => {
      assertIdle(state, activeJobs, state.demoPath);
      state.openDemo();
      return info();
    },
    'workspace.saveAs': async ({ path }) => {
      assertIdle(state, activeJobs);
      await state.saveAs(path);
      return info();
    },
    'workspace.recent': () => state.recent(),
    'workspace.activity': ({ limit }) => listActivity(state.current().db, limit ?? 500),
    'workspace.exportActivity': ({ format }) => {
      const ws = state.current();
      const entries = listActivity(ws.db, Number.MAX_SAFE_INTEGER);
      const stem = basename(ws.path, extname(ws.path)) || 'workspace';
      const text = format === 'csv' ? activityCsv(entries) : activityJson(entries, basename(ws.path));
      return { fileName: `${stem} activity log.${format}`, text, entries: entries.length };
    },
    'files.list': ({ dir, extensions }) => listDirectory(dir ?? defaultDir(state), extensions),
  };
}

function defaultDir(state: WorkspaceState): string {
  const open = state.peek();
  // The demo lives in the app's state folder: a workspace of one's own should not start out there.
  return open && open.path !== state.demoPath ? dirname(open.path) : homedir();
}

function listDirectory(dir: string, extensions?: string[]): { dir: string; parent: string | null; entries: DirEntry[] } {
  const full = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(full);
  } catch (err) {
    throw new AppError('FILE_NOT_FOUND', `Cannot list ${full}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: full });
  }
  const wanted = extensions?.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  const entries: DirEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(full, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) entries.push({ name, path, kind: 'dir', sizeBytes: null });
    else if (st.isFile() && (!wanted || wanted.includes(extname(name).toLowerCase()))) entries.push({ name, path, kind: 'file', sizeBytes: st.size });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  const parent = dirname(full);
  return { dir: full, parent: parent === full ? null : parent, entries };
}
