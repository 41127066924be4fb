// `cxw import` in-process: --encoding reaches the importer (and unknown names are refused naming the flag), and
// inputs refused by the importer (too many columns, a pipe) are refused before the workspace file is created.
// Fixtures are written below; "Köln" in Windows-1252 is 4B F6 6C 6E, read as UTF-8 it has one replacement.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCommand, parseEncoding } from '../../../main/cli/commands/import';
import { AppError } from '../../../shared/errors';
import { asyncErrorOf } from './helpers';

describe('cxw import flags', () => {
  let dir: string;
  let savedState: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-cli-import-'));
    savedState = process.env.CXW_STATE_DIR;
    process.env.CXW_STATE_DIR = join(dir, 'state');
  });
  afterEach(() => {
    if (savedState === undefined) delete process.env.CXW_STATE_DIR;
    else process.env.CXW_STATE_DIR = savedState;
    rmSync(dir, { recursive: true, force: true });
  });

  it('--encoding utf-8|windows-1252 (and the usual aliases) is passed to the importer', async () => {
    const csv = join(dir, 'cities.csv');
    writeFileSync(csv, Buffer.from('id,city\n1,Köln\n2,Paris\n', 'latin1'));
    const ws = join(dir, 'ws.cxw');
    const detected = await importCommand([csv, '--workspace', ws, '--name', 'detected'], () => {});
    expect(detected.json.encoding).toBe('windows-1252');
    const forced = await importCommand([csv, '--workspace', ws, '--name', 'forced', '--encoding', 'utf-8'], () => {});
    expect(forced.json.encoding).toBe('utf-8');
    expect(forced.json.warnings.some((w) => w.includes('line 2 has a byte that is not UTF-8'))).toBe(true);
    expect(parseEncoding('Latin1')).toBe('windows-1252');
    expect(parseEncoding('cp1252')).toBe('windows-1252');
    expect(parseEncoding('UTF8')).toBe('utf-8');
    const err = await asyncErrorOf(() => importCommand([csv, '--workspace', ws, '--encoding', 'ebcdic'], () => {}));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('BAD_ARGUMENTS');
    expect(err.message).toContain('--encoding');
    expect(err.message).toContain('utf-8 or windows-1252');
  });

  it('a file with too many columns is refused before the workspace is created', async () => {
    const csv = join(dir, 'wide.csv');
    const header = Array.from({ length: 2100 }, (_, i) => `c${i}`).join(',');
    writeFileSync(csv, `${header}\n${header.replace(/c/g, '')}\n`);
    const ws = join(dir, 'new.cxw');
    const err = await asyncErrorOf(() => importCommand([csv, '--workspace', ws], () => {}));
    expect(err.code).toBe('TOO_MANY_COLUMNS');
    expect(existsSync(ws)).toBe(false);
  });
});
