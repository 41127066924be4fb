// The two-thread import (pipeline.ts) must be a pure optimisation: same tables, warnings, misfit widening and
// errors as parsing in-thread. Vitest runs TS sources, where no built parse worker exists, so the worker is
// bundled here with rolldown (as electron-vite does for out/main/import-parser.js) and passed explicitly.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runImportTuned } from '../../../main/workspace/import/commit';
import { Pseudonymizer, pseudonymizeReference } from '../../../main/workspace/import/pii';
import { errorOf, tableRows, tempWorkspace, type TempWorkspace, workspaceState } from './helpers';

const HERE = dirname(fileURLToPath(import.meta.url));
let buildDir = '';
let workerPath = '';

beforeAll(async () => {
  const { build } = await import('rolldown');
  // Inside the repo so the bundle resolves better-sqlite3 and is an ES module (package.json "type").
  const scratch = join(HERE, '../../bench/.data');
  mkdirSync(scratch, { recursive: true }); // gitignored, so absent on a fresh clone
  buildDir = mkdtempSync(join(scratch, 'pipeline-test-'));
  workerPath = join(buildDir, 'import-parser.js');
  await build({
    input: join(HERE, '../../../main/workspace/import/parse-worker.ts'),
    platform: 'node',
    external: ['better-sqlite3', /^node:/],
    output: { file: workerPath, format: 'esm' },
    logLevel: 'silent',
  });
}, 60_000);
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

let ws: TempWorkspace;
beforeEach(() => (ws = tempWorkspace()));
afterEach(() => ws.cleanup());

function csvFile(rows: number, extra: (i: number) => string[] = () => []): string {
  const lines = ['id,name,email,amount,flag,day,seen,note,code'];
  for (let i = 1; i <= rows; i++) {
    const seen = `2021-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:1${i % 6}:00${['+01:00', 'Z', '-05:30', ''][i % 4]}`;
    lines.push(
      [i, i % 7 === 0 ? ' Zoë ' : 'Ann', `user${i}@example.com`, i > 25_000 && i % 97 === 0 ? 'n/a' : (i * 1.25).toFixed(2), i === 29_000 ? '7' : i % 3 ? 'Yes' : 'No', `0${1 + (i % 9)}/1${i % 10}/2020`, seen, i % 5 ? `"said ""hi"", ${i}"` : 'plain', i % 11 === 0 ? '' : `00${i}`]
        .concat(extra(i))
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

function both(path: string, tuning: { chunkBytes?: number; batchRows?: number } = {}): { a: unknown; b: unknown } {
  const run = (parseWorker: string | null, name: string): unknown => {
    const r = runImportTuned(ws.ctx, { path, name }, { ...tuning, parseWorker });
    const { seconds: _s, dataset: _d, datasetId, ...rest } = r;
    return { result: rest, rows: tableRows(ws.db, datasetId).map(({ _row, ...cells }) => ({ _row, ...cells })) };
  };
  return { a: run(null, 'in-thread'), b: run(workerPath, 'pipelined') };
}

describe('pipelined import', () => {
  it('stores exactly what the in-thread import stores (types, PII tokens, misfit widening, quotes, CRLF)', () => {
    const path = ws.file('mix.csv', csvFile(30_000));
    const { a, b } = both(path, { chunkBytes: 64 * 1024, batchRows: 37 });
    expect(b).toEqual(a);
    // The file exercises what it claims to: tokens, and a widened column.
    expect(JSON.stringify(a)).toContain('"p_');
    expect(JSON.stringify(a)).toContain('nothing was lost');
  });

  it('pseudonymises through the batch kernel exactly as in-thread: e-mails of 40–70 bytes, non-ASCII, repeats', () => {
    // Unique e-mails (the memo switches off) of lengths on both sides of the kernel's one-block limit (55 bytes),
    // some with two-byte characters; and a repeating contact column (memo hits, learned from earlier batches).
    const lines = ['id,email,contact_email'];
    for (let i = 1; i <= 30_000; i++) {
      const pad = 'x'.repeat(20 + (i % 31));
      lines.push(`${i},${i % 5 === 0 ? 'zoë' : 'ann'}.${pad}.${i}@example.com,boss${i % 40}@example.com`);
    }
    const path = ws.file('emails.csv', lines.join('\n') + '\n');
    const { a, b } = both(path, { chunkBytes: 64 * 1024 });
    expect(b).toEqual(a);
    const rows = (a as { rows: Record<string, unknown>[] }).rows;
    const secret = ws.ctx.secret;
    for (const r of [rows[0], rows[4], rows[29], rows[12_345], rows[29_999]]) {
      const i = r._row as number;
      const pad = 'x'.repeat(20 + (i % 31));
      // Stored as c0 (id), c1 (email), c2 (contact_email).
      expect(r.c1).toBe(pseudonymizeReference(secret, `${i % 5 === 0 ? 'zoë' : 'ann'}.${pad}.${i}@example.com`));
      expect(r.c2).toBe(pseudonymizeReference(secret, `boss${i % 40}@example.com`));
    }
  });

  it('reports a ragged row with the same error and line, and leaves nothing behind', () => {
    const path = ws.file('ragged.csv', csvFile(20_000).replace('\r\n15000,', '\r\n15000,extra,'));
    const before = workspaceState(ws.db);
    const e1 = errorOf(() => runImportTuned(ws.ctx, { path }, { chunkBytes: 32 * 1024, parseWorker: null }));
    const e2 = errorOf(() => runImportTuned(ws.ctx, { path }, { chunkBytes: 32 * 1024, parseWorker: workerPath }));
    expect(e2.code).toBe('RAGGED_ROW');
    expect({ message: e2.message, details: e2.details }).toEqual({ message: e1.message, details: e1.details });
    expect(workspaceState(ws.db)).toEqual(before);
  });

  it('skips bad rows the same way', () => {
    const path = ws.file('skip.csv', csvFile(5_000).replace('\r\n100,', '\r\n100,x,').replace('\r\n4000,', '\r\n4000,y,'));
    const run = (parseWorker: string | null): unknown => {
      const r = runImportTuned(ws.ctx, { path, options: { onBadRow: 'skip' } }, { chunkBytes: 16 * 1024, parseWorker });
      return [r.rows, r.rejectedRows, r.warnings];
    };
    expect(run(workerPath)).toEqual(run(null));
  });

  it('cancels mid-import and rolls back', () => {
    const path = ws.file('cancel.csv', csvFile(20_000));
    const before = workspaceState(ws.db);
    let calls = 0;
    const err = errorOf(() => runImportTuned({ ...ws.ctx, isCancelled: () => ++calls > 5 }, { path }, { chunkBytes: 16 * 1024, parseWorker: workerPath }));
    expect(err.code).toBe('CANCELLED');
    expect(workspaceState(ws.db)).toEqual(before);
  });

  it('treats late non-finite numbers, inexact ids and a stray non-UTF-8 byte the same way (issue 12)', () => {
    const lines: Buffer[] = [Buffer.from('id,order_ref,amount,city\n')];
    for (let i = 1; i <= 30_000; i++) {
      const ref = i === 29_500 ? '12345678901234567891' : String(1000 + i);
      const amount = i === 29_000 ? '1e309' : `${i}.5`;
      const city = i > 29_990 ? 'Zoë' : 'Paris';
      lines.push(Buffer.from(`${i},${ref},${amount},${city}\n`, 'utf8'));
    }
    lines[29_995] = Buffer.concat([Buffer.from('29995,30995,1.5,Ren'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const path = ws.file('late-issues.csv', Buffer.concat(lines));
    const { a, b } = both(path, { chunkBytes: 64 * 1024 });
    expect(b).toEqual(a);
    const w = (a as { result: { warnings: string[] } }).result.warnings;
    expect(w.some((x) => x.includes('line 29,996 has a byte that is not UTF-8'))).toBe(true);
    expect(w.some((x) => x.includes('"order_ref"') && x.includes('line 29501 has "12345678901234567891", which cannot be stored exactly'))).toBe(true);
    expect(w.some((x) => x.includes('"amount"') && x.includes('line 29001 has "1e309"'))).toBe(true);
  });

  it('reports progress in bytes', () => {
    const path = ws.file('progress.csv', csvFile(20_000));
    const seen: { phase: string; done: number }[] = [];
    runImportTuned({ ...ws.ctx, onProgress: (p) => seen.push(p) }, { path }, { chunkBytes: 16 * 1024, parseWorker: workerPath });
    expect(seen.some((p) => p.phase === 'import' && p.done > 0)).toBe(true);
    expect(seen.at(-1)!.phase).toBe('finalize');
  });
});

describe('Pseudonymizer (SHA-256 midstates in JS)', () => {
  it('equals createHmac on edge lengths, non-ASCII and lone surrogates', () => {
    for (const secret of [Buffer.alloc(32, 7), Buffer.alloc(16, 1), Buffer.alloc(48, 9)]) {
      const p = new Pseudonymizer(secret);
      const values = ['', ' a ', 'ü', 'Zoë', '😀', 'a\ud800b', ...[54, 55, 56, 63, 64, 119, 120, 300].map((n) => 'x'.repeat(n)), 'é'.repeat(40)];
      for (const v of values) expect(p.token(v)).toBe(pseudonymizeReference(secret, v));
    }
  });
});
