// Two imports into one workspace at the same time (two cxw processes): the second waits for the first's write
// lock instead of failing, and both datasets arrive complete.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, cxwAsync, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';
import { writeCustomersCsv } from '../support/synthetic-csv';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

describe.skipIf(!BUILT)('concurrent writers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-conc-'));
    writeCustomersCsv(join(dir, 'a.csv'), 300_000, 1);
    writeCustomersCsv(join(dir, 'b.csv'), 200_000, 2);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('two simultaneous imports both complete', async () => {
    const ws = join(dir, 'w.cxw');
    const env = { CXW_STATE_DIR: join(dir, 'state') };
    cxwJson(['import', join(dir, 'b.csv'), '--workspace', ws, '--name', 'existing'], env); // the workspace exists before the race
    const run = (file: string, name: string) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = cxwAsync(['import', join(dir, file), '--workspace', ws, '--name', name, '--json'], env);
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', (code) => resolve({ code, out, err }));
      });
    const [a, b] = await Promise.all([run('a.csv', 'first'), run('b.csv', 'second')]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    expect(JSON.parse(a.out).rows).toBe(300_000);
    expect(JSON.parse(b.out).rows).toBe(200_000);
  }, 180_000);
});
