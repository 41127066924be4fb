// Type inference, value normalisation, roles, PII detection, column-plan overrides and no-loss widening.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport, runImport } from '../../../main/workspace/import';
import { runImportTuned } from '../../../main/workspace/import/commit';
import { parseDate, parseDateTime, parseIntStrict, parseRealStrict, isMissing } from '../../../main/workspace/import/values';
import { errorOf, FIXTURES, tableRows, tempWorkspace, type TempWorkspace, workspaceState } from './helpers';

describe('value recognisers', () => {
  it('reads strict integers and decimals, refusing codes and non-decimal notations', () => {
    expect(parseIntStrict('42')).toBe(42);
    expect(parseIntStrict('-7')).toBe(-7);
    expect(parseIntStrict('0')).toBe(0);
    expect(parseIntStrict('007')).toBeNaN();
    expect(parseIntStrict('1.0')).toBeNaN();
    expect(parseIntStrict('12345678901234567')).toBeNaN();
    expect(parseRealStrict('-0.25e2')).toBe(-25);
    expect(parseRealStrict('.5')).toBe(0.5);
    expect(parseRealStrict('0x10')).toBeNaN();
    expect(parseRealStrict('Infinity')).toBeNaN();
    expect(parseRealStrict('1,234')).toBeNaN();
  });

  it('treats blanks and NA tokens as missing, but not ordinary words', () => {
    for (const v of ['', ' ', '\t', 'NA', 'N/A', 'null', 'NULL', 'NaN', ' NA ']) expect(isMissing(v)).toBe(true);
    for (const v of ['0', 'No', 'nan-ish', 'Nancy']) expect(isMissing(v)).toBe(false);
  });

  it('normalises dates to YYYY-MM-DD and rejects impossible ones', () => {
    expect(parseDate('04-09-2012', { layout: 'DMY', sep: '-' })).toBe('2012-09-04');
    expect(parseDate('9/4/2012', { layout: 'MDY', sep: '/' })).toBe('2012-09-04');
    expect(parseDate('04.09.2012', { layout: 'DMY', sep: '.' })).toBe('2012-09-04');
    expect(parseDate('2012/09/04', { layout: 'YMD', sep: '/' })).toBe('2012-09-04');
    expect(parseDate('2020-02-29', { layout: 'YMD', sep: '-' })).toBe('2020-02-29');
    expect(parseDate('2021-02-29', { layout: 'YMD', sep: '-' })).toBeNull();
    expect(parseDate('31-04-2020', { layout: 'DMY', sep: '-' })).toBeNull();
  });

  it('normalises datetimes with offsets to UTC and keeps naive ones as wall-clock ISO', () => {
    expect(parseDateTime('2011-12-06 13:41:31.788000+01:00')).toBe('2011-12-06T12:41:31.788Z');
    expect(parseDateTime('2020-01-02T03:04:05Z')).toBe('2020-01-02T03:04:05.000Z');
    expect(parseDateTime('2020-01-02 03:04:05-0130')).toBe('2020-01-02T04:34:05.000Z');
    expect(parseDateTime('2020-01-01T00:30:00+02:00')).toBe('2019-12-31T22:30:00.000Z');
    expect(parseDateTime('2020-01-02 03:04:05')).toBe('2020-01-02T03:04:05');
    expect(parseDateTime('2020-01-02 03:04')).toBe('2020-01-02T03:04:00');
    expect(parseDateTime('2020-01-02T03:04:05.123')).toBe('2020-01-02T03:04:05.123');
    expect(parseDateTime('2020-13-02 03:04:05')).toBeNull();
    expect(parseDateTime('2020-01-02 25:04:05')).toBeNull();
  });
});

describe('type inference and plan', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('infers integer, real, boolean (keeping labels), dates by unambiguous day/month, datetime and text', async () => {
    const p = await previewImport(join(FIXTURES, 'types.csv'));
    const t = Object.fromEntries(p.columns.map((c) => [c.name, c]));
    expect(t.id.type).toBe('integer');
    expect(t.count.type).toBe('integer');
    expect(t.price.type).toBe('real');
    expect(t.flag).toMatchObject({ type: 'boolean', booleanLabels: { true: 'true', false: 'false' } });
    expect(t.yn).toMatchObject({ type: 'boolean', booleanLabels: { true: 'Y', false: 'N' } });
    expect(t.day_dmy).toMatchObject({ type: 'date', dateFormat: 'DD-MM-YYYY' });
    expect(t.day_mdy).toMatchObject({ type: 'date', dateFormat: 'MM/DD/YYYY' });
    expect(t.stamp.type).toBe('datetime');
    expect(t.naive.type).toBe('datetime');
    expect(t.note).toMatchObject({ type: 'text', missingInSample: 1 });
    expect(t.zip.type).toBe('text');
    expect(t.zip).toMatchObject({ piiKind: 'address', piiAction: 'pseudonymize' });
    expect(t.blank).toMatchObject({ type: 'text', missingInSample: 3 });

    // A zip is proposed as personal data (pseudonymised by default); kept here to see its leading zero survive.
    const r = runImport(ws.ctx, { path: join(FIXTURES, 'types.csv'), columns: [{ index: t.zip.index, piiAction: 'keep' }] });
    const rows = tableRows(ws.db, r.datasetId);
    expect(rows[2]).toEqual({
      _row: 3,
      c0: 3,
      c1: 0,
      c2: -25,
      c3: 1,
      c4: 1,
      c5: '2020-02-29',
      c6: '2020-12-31',
      c7: '2020-01-02T04:34:05.000Z',
      c8: '2020-01-02T23:59:59',
      c9: 'world',
      c10: '10001',
      c11: null,
    });
    expect(rows[1].c9).toBeNull();
    expect(rows[0].c10).toBe('01234');
  });

  it('proposes roles a demanding analyst expects', async () => {
    const csv = [
      'customer_id,email,phone,full_name,address,Age,Gender,nps,churned,approved,risk_score,step,signup,plan,comment,spend',
      ...Array.from({ length: 60 }, (_, i) =>
        [
          `C${1000 + i}`,
          `user${i}@example.com`,
          `+1 555-01${String(i).padStart(2, '0')}`,
          ['Ann Lee', 'Bob Stone', 'Cara Diaz'][i % 3],
          `${10 + i} Main Street`,
          20 + (i % 40),
          i % 2 ? 'Female' : 'Male',
          i % 11,
          i % 3 ? 'No' : 'Yes',
          i % 2 ? 'Y' : 'N',
          (i / 60).toFixed(3),
          ['visit', 'cart', 'buy'][i % 3],
          `2021-01-${String((i % 28) + 1).padStart(2, '0')}`,
          ['basic', 'pro'][i % 2],
          `"A long free-text comment number ${i}, with enough words to be prose rather than a category."`,
          (i * 3.5).toFixed(2),
        ].join(','),
      ),
    ].join('\n');
    const p = await previewImport(ws.file('roles.csv', csv));
    const role = Object.fromEntries(p.columns.map((c) => [c.name, [c.role, c.piiKind, c.piiAction]]));
    expect(role).toEqual({
      customer_id: ['id', null, 'keep'],
      email: ['pii', 'email', 'pseudonymize'],
      phone: ['pii', 'phone', 'pseudonymize'],
      full_name: ['pii', 'name', 'pseudonymize'],
      address: ['pii', 'address', 'pseudonymize'],
      Age: ['protected', null, 'keep'],
      Gender: ['protected', null, 'keep'],
      nps: ['nps', null, 'keep'],
      churned: ['outcome', null, 'keep'],
      approved: ['decision', null, 'keep'],
      risk_score: ['score', null, 'keep'],
      step: ['journeyStep', null, 'keep'],
      signup: ['timestamp', null, 'keep'],
      plan: ['category', null, 'keep'],
      comment: ['ignore', null, 'keep'],
      spend: ['feature', null, 'keep'],
    });
  });

  it('detects PII by value patterns even under neutral headers', async () => {
    const csv = ['contact,who,tel', ...Array.from({ length: 20 }, (_, i) => `u${i}@mail.org,${['Maria Silva', 'John Smith'][i % 2]},(555) 010-${1000 + i}`)].join('\n');
    const p = await previewImport(ws.file('neutral.csv', csv));
    expect(p.columns.map((c) => c.piiKind)).toEqual(['email', null, 'phone']);
  });

  it('applies the column plan: rename, force type, change role, drop and keep PII', () => {
    const csv = 'id,email,score,when\n1,a@x.org,5,2020-01-01\n2,b@x.org,7,2020-01-02\n';
    const path = ws.file('plan.csv', csv);
    const r = runImport(ws.ctx, {
      path,
      name: 'Planned',
      columns: [
        { index: 1, piiAction: 'drop' },
        { index: 2, name: 'Score 0-10', type: 'real', role: 'nps' },
        { index: 3, type: 'text' },
      ],
    });
    expect(r.dataset).toBe('Planned');
    expect(r.columns).toEqual([
      { name: 'id', type: 'integer', role: 'id', piiAction: 'keep' },
      { name: 'Score 0-10', type: 'real', role: 'nps', piiAction: 'keep' },
      { name: 'when', type: 'text', role: 'timestamp', piiAction: 'keep' },
    ]);
    expect(tableRows(ws.db, r.datasetId)).toEqual([
      { _row: 1, c0: 1, c1: 5, c2: '2020-01-01' },
      { _row: 2, c0: 2, c1: 7, c2: '2020-01-02' },
    ]);
    const params = JSON.parse((ws.db.prepare('SELECT import_params FROM datasets').get() as { import_params: string }).import_params);
    expect(params.droppedColumns).toEqual(['email']);
    const again = errorOf(() => runImport(ws.ctx, { path, name: 'Planned' }));
    expect(again.code).toBe('NAME_TAKEN');
    expect(runImport(ws.ctx, { path }).dataset).toBe('plan');
    expect(runImport(ws.ctx, { path }).dataset).toBe('plan (2)');
  });

  it('widens a column when a value after the sample does not fit, keeping every value', () => {
    const lines = ['id,n,flag,day,label'];
    for (let i = 1; i <= 500; i++) lines.push(`${i},${i},${i % 2 ? 'Yes' : 'No'},2020-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2}`);
    lines.push('501,2.5,Maybe,someday,2');
    lines.push('502,abc,1,2020-02-01,0');
    const r = runImportTuned(ws.ctx, { path: ws.file('late.csv', lines.join('\n')) }, { sampleRows: 100 });
    expect(r.columns.map((c) => c.type)).toEqual(['integer', 'text', 'text', 'text', 'integer']);
    const w = r.warnings.join('\n');
    expect(w).toMatch(/Column "n": line 502 has "2\.5"/);
    expect(w).toMatch(/Column "flag": line 502 has "Maybe"/);
    expect(w).toMatch(/Column "day": line 502 has "someday"/);
    const rows = tableRows(ws.db, r.datasetId);
    expect(rows[0]).toEqual({ _row: 1, c0: 1, c1: '1', c2: 'Yes', c3: '2020-01-02', c4: 1 });
    expect(rows[500]).toEqual({ _row: 501, c0: 501, c1: '2.5', c2: 'Maybe', c3: 'someday', c4: 2 });
    expect(rows[501]).toEqual({ _row: 502, c0: 502, c1: 'abc', c2: '1', c3: '2020-02-01', c4: 0 });
    const meta = ws.db.prepare('SELECT type, boolean_labels FROM dataset_columns ORDER BY position').all();
    expect(meta).toEqual([
      { type: 'integer', boolean_labels: null },
      { type: 'text', boolean_labels: null },
      { type: 'text', boolean_labels: null },
      { type: 'text', boolean_labels: null },
      { type: 'integer', boolean_labels: null },
    ]);
  });

  it('integer column meeting decimals late becomes real without a rebuild', () => {
    const lines = ['v', ...Array.from({ length: 300 }, (_, i) => String(i)), '3.75'];
    const r = runImportTuned(ws.ctx, { path: ws.file('int-real.csv', lines.join('\n')) }, { sampleRows: 50 });
    expect(r.columns[0].type).toBe('real');
    expect(tableRows(ws.db, r.datasetId).at(-1)!.c0).toBe(3.75);
  });

  it('a forced type that values do not fit is widened with a warning', () => {
    const r = runImport(ws.ctx, { path: ws.file('forced.csv', 'code\nA1\n22\n'), columns: [{ index: 0, type: 'integer' }] });
    expect(r.columns[0].type).toBe('text');
    expect(r.warnings.join()).toContain('(the type you chose)');
    expect(tableRows(ws.db, r.datasetId).map((x) => x.c0)).toEqual(['A1', '22']);
  });

  it('cancellation rolls everything back and reports CANCELLED', () => {
    const lines = ['id,v', ...Array.from({ length: 5000 }, (_, i) => `${i},${i}`)];
    const path = ws.file('cancel.csv', lines.join('\n'));
    runImport(ws.ctx, { path, name: 'first' });
    const before = workspaceState(ws.db);
    let calls = 0;
    const err = errorOf(() => runImportTuned({ ...ws.ctx, isCancelled: () => ++calls > 3 }, { path }, { batchRows: 10 }));
    expect(err.code).toBe('CANCELLED');
    expect(workspaceState(ws.db)).toEqual(before);
  });

  it('reports progress in bytes for the import phase', () => {
    const lines = ['id,v', ...Array.from({ length: 20_000 }, (_, i) => `${i},${i}`)];
    const path = ws.file('progress.csv', lines.join('\n'));
    const seen: { phase: string; done: number; total: number | null }[] = [];
    runImportTuned({ ...ws.ctx, onProgress: (p) => seen.push(p) }, { path }, { chunkBytes: 4096 });
    const imp = seen.filter((p) => p.phase === 'import');
    expect(imp.length).toBeGreaterThanOrEqual(1);
    expect(imp[0].total).toBeGreaterThan(100_000);
    expect(seen.at(-1)!.phase).toBe('finalize');
  });
});

describe('UTC normalisation matches Date.toISOString', () => {
  it('agrees on a spread of instants, offsets, leap days and year boundaries', () => {
    const offsets = ['Z', '+00:00', '+01:00', '-05:00', '+05:30', '+14:00', '-1200', '+0545'];
    let checked = 0;
    for (let t = Date.UTC(1901, 0, 1); t < Date.UTC(2100, 0, 1); t += 86400000 * 37 + 3600000 * 5 + 61000 + 7) {
      const local = new Date(t).toISOString().slice(0, 23).replace('T', ' ');
      for (const off of offsets) {
        const sign = off === 'Z' ? 0 : off[0] === '-' ? -1 : 1;
        const hm = off === 'Z' ? [0, 0] : off.includes(':') ? [Number(off.slice(1, 3)), Number(off.slice(4, 6))] : [Number(off.slice(1, 3)), Number(off.slice(3, 5))];
        const expected = new Date(t - sign * (hm[0] * 60 + hm[1]) * 60000).toISOString();
        expect(parseDateTime(local + off)).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(parseDateTime('2020-02-29T23:30:00-01:00')).toBe('2020-03-01T00:30:00.000Z');
    expect(parseDateTime('2021-01-01T00:15:00+01:00')).toBe('2020-12-31T23:15:00.000Z');
  });
});
