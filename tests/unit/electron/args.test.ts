import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceFromArgv } from '../../../main/electron/args';

const cwd = '/home/ana';
const exe = '/opt/CX Workbench/cx-workbench';

describe('workspaceFromArgv', () => {
  it('reads --workspace FILE and --workspace=FILE, resolved against the working directory', () => {
    expect(workspaceFromArgv([exe, '--workspace', 'q3.cxw'], cwd)).toBe(path.resolve(cwd, 'q3.cxw'));
    expect(workspaceFromArgv([exe, '--workspace=/data/q3.cxw'], cwd)).toBe('/data/q3.cxw');
    expect(workspaceFromArgv(['electron', '.', '--workspace', '/data/any-name.db'], cwd)).toBe('/data/any-name.db');
  });

  it('takes a trailing .cxw path (a double-clicked file)', () => {
    expect(workspaceFromArgv([exe, '/data/Q3 Review.CXW'], cwd)).toBe('/data/Q3 Review.CXW');
    expect(workspaceFromArgv([exe, '--no-sandbox-is-ignored', 'q3.cxw'], cwd)).toBe(path.resolve(cwd, 'q3.cxw'));
  });

  it('returns null when no workspace is named, so the demo workspace opens', () => {
    expect(workspaceFromArgv([exe], cwd)).toBeNull();
    expect(workspaceFromArgv(['electron', '.'], cwd)).toBeNull();
    expect(workspaceFromArgv([exe, 'notes.txt'], cwd)).toBeNull();
    expect(workspaceFromArgv([exe, '--workspace'], cwd)).toBeNull();
    expect(workspaceFromArgv([exe, '--workspace', '--inspect'], cwd)).toBeNull();
  });

  it('never treats the executable itself as the workspace', () => {
    expect(workspaceFromArgv(['/weird/install.cxw'], cwd)).toBeNull();
  });
});
