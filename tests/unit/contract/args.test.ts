import { describe, expect, it } from 'vitest';
import { argSchemas, HANDLER_NAMES, isHandlerName, parseArgs } from '../../../shared/api';
import { AppError, deserializeError, serializeError } from '../../../shared/errors';

describe('the contract validates arguments at the boundary', () => {
  it('accepts well-formed arguments and returns them parsed', () => {
    expect(parseArgs('dataset.rows', { dataset: 'customers', offset: 0, limit: 200, sort: { column: 'age', direction: 'desc' } })).toEqual({
      dataset: 'customers',
      offset: 0,
      limit: 200,
      sort: { column: 'age', direction: 'desc' },
    });
  });

  it('names the field that is wrong', () => {
    expect(() => parseArgs('dataset.rows', { dataset: 'c', offset: -1, limit: 10 })).toThrowError(/dataset\.rows: offset:/);
    expect(() => parseArgs('dataset.rows', { dataset: 'c', offset: 0, limit: 5000 })).toThrowError(/limit/);
  });

  it('rejects unknown keys, so a typo cannot be silently ignored', () => {
    expect(() => parseArgs('dataset.profile', { dataset: 'c', datset: 'x' })).toThrowError(AppError);
  });

  it('rejects job ids that could be abused as paths or are too short', () => {
    expect(() => parseArgs('job.cancel', { jobId: '../../x' })).toThrowError(/jobId/);
    expect(() => parseArgs('job.cancel', { jobId: 'ab' })).toThrowError(/jobId/);
    expect(parseArgs('job.cancel', { jobId: 'job_123456' })).toEqual({ jobId: 'job_123456' });
  });

  it('accepts only known column types, roles and PII actions in an import plan', () => {
    const base = { jobId: 'job_123456', path: '/tmp/x.csv' };
    expect(() => parseArgs('dataset.import', { ...base, columns: [{ index: 0, type: 'money' }] })).toThrowError(/columns\.0\.type/);
    expect(() => parseArgs('dataset.import', { ...base, columns: [{ index: 0, piiAction: 'hash' }] })).toThrowError(/piiAction/);
    expect(parseArgs('dataset.import', { ...base, columns: [{ index: 2, type: 'real', role: 'protected', piiAction: 'drop' }] }).columns).toHaveLength(1);
  });

  it('only exact handler names are handler names (no prototype keys)', () => {
    expect(isHandlerName('dataset.list')).toBe(true);
    expect(isHandlerName('toString')).toBe(false);
    expect(isHandlerName('__proto__')).toBe(false);
    expect(HANDLER_NAMES).toEqual(Object.keys(argSchemas));
  });

  it('errors cross a transport as data and come back as AppError with the same code and location', () => {
    const err = new AppError('RAGGED_ROW', 'Row has 3 fields, expected 4', { file: 'a.csv', line: 7, column: 12 });
    const wire = JSON.parse(JSON.stringify(serializeError(err)));
    const back = deserializeError(wire);
    expect(back).toBeInstanceOf(AppError);
    expect([back.code, back.message, back.details]).toEqual(['RAGGED_ROW', 'Row has 3 fields, expected 4', { file: 'a.csv', line: 7, column: 12 }]);
    expect(serializeError(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});
