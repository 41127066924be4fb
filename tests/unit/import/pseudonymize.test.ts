// Pseudonymisation: keyed (HMAC-SHA256 with the workspace secret), stable, irreversible.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../../main/workspace/import';
import { Pseudonymizer, pseudonymizeReference } from '../../../main/workspace/import/pii';
import { tableRows, tempWorkspace, type TempWorkspace } from './helpers';

describe('pseudonymisation', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('the fast HMAC equals createHmac for short, long and non-ASCII values and long keys', () => {
    for (const key of [randomBytes(32), randomBytes(16), randomBytes(100)]) {
      const p = new Pseudonymizer(key);
      for (const v of ['ann@example.com', 'Zoë Ångström', 'x'.repeat(10_000), '  padded  ']) {
        expect(p.token(v)).toBe(pseudonymizeReference(key, v));
        expect(p.token(v)).toMatch(/^p_[0-9a-f]{16}$/);
      }
    }
  });

  it('is stable across datasets of a workspace, trims values, and never contains the value', () => {
    const a = runImport(ws.ctx, { path: ws.file('a.csv', 'email,n\nann@example.com,1\n bob@example.com ,2\n') });
    const b = runImport(ws.ctx, { path: ws.file('b.csv', 'email,m\nbob@example.com,9\n') });
    expect(a.columns[0]).toMatchObject({ type: 'text', piiAction: 'pseudonymize', role: 'pii' });
    const ta = tableRows(ws.db, a.datasetId).map((r) => r.c0 as string);
    const tb = tableRows(ws.db, b.datasetId).map((r) => r.c0 as string);
    expect(ta[1]).toBe(tb[0]);
    expect(ta[0]).not.toBe(ta[1]);
    for (const t of [...ta, ...tb]) {
      expect(t).toMatch(/^p_[0-9a-f]{16}$/);
      expect(t).not.toContain('example');
    }
  });

  it('a different secret gives a different token', () => {
    const v = 'ann@example.com';
    expect(new Pseudonymizer(randomBytes(32)).token(v)).not.toBe(new Pseudonymizer(randomBytes(32)).token(v));
    const r = runImport({ ...ws.ctx, secret: randomBytes(32) }, { path: ws.file('c.csv', 'email\nann@example.com\n') });
    expect(tableRows(ws.db, r.datasetId)[0].c0).not.toBe(pseudonymizeReference(ws.ctx.secret, v));
    expect(tableRows(ws.db, r.datasetId)[0].c0).not.toContain('ann');
  });

  it('keeps missing values missing', () => {
    const r = runImport(ws.ctx, { path: ws.file('d.csv', 'email,n\n,1\nNA,2\nx@y.org,3\n') });
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c0 === null)).toEqual([true, true, false]);
  });
});
