// Postcodes and ZIP codes are proposed as personal data (a quasi-identifier, reported as the address kind):
// by header name whatever the type, by value only for shapes a number or another code cannot take.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../../main/workspace/import';
import { ColumnStats } from '../../../main/workspace/import/infer-types';
import { detectPii } from '../../../main/workspace/import/pii';
import { tempWorkspace, type TempWorkspace } from './helpers';

function stats(values: string[]): ColumnStats {
  const s = new ColumnStats();
  values.forEach((v, i) => s.add(v, i + 2));
  return s;
}

const UK = ['EC1A 1BB', 'SW1A 1AA', 'W1A 0AX', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'LS1 4AP', 'G2 3BZ', 'EH1 1YZ'];

describe('postcode detection', () => {
  it('flags postcode / ZIP headers whatever the values and type', () => {
    for (const h of ['postcode', 'post_code', 'Postal Code', 'postal_code', 'zip', 'ZipCode', 'zip_code', 'customer_zip_code_prefix', 'PLZ']) {
      expect(detectPii(h, stats(['90210', '10001', '60601']), 'integer'), h).toBe('address');
    }
  });

  it('leaves alone headers that merely contain "post" or "code"', () => {
    for (const h of ['post_date', 'discount_code', 'postal_channel', 'code', 'promo_code_post', 'gzip_size']) {
      expect(detectPii(h, stats(['1', '2', '3']), 'text'), h).toBeNull();
    }
  });

  it('flags UK, Canadian and ZIP+4 values under a neutral header', () => {
    expect(detectPii('where', stats(UK), 'text')).toBe('address');
    expect(detectPii('where', stats(['K1A 0B1', 'M5V 3L9', 'H2X1Y4', 'V6B 4Y8', 'T2P 2M5']), 'text')).toBe('address');
    expect(detectPii('where', stats(['02134-1234', '90210-0001', '10001-4356', '60601-2200']), 'text')).toBe('address');
  });

  it('does not flag plain numbers, zero-padded codes or other short codes by value', () => {
    expect(detectPii('amount', stats(['90210', '10001', '60601', '30301', '73301']), 'integer')).toBeNull();
    expect(detectPii('account', stats(['01234', '00987', '04410', '02134', '07030']), 'text')).toBeNull();
    expect(detectPii('sku', stats(['AB-1234', 'X12', 'Q3 2025', 'A1', 'B2B']), 'text')).toBeNull();
    expect(detectPii('plan', stats(['basic', 'pro', 'basic', 'team']), 'text')).toBeNull();
    // A few postcodes among other text are not enough (80% must fit).
    expect(detectPii('where', stats([...UK.slice(0, 5), 'Leeds', 'York', 'Bath', 'Hull', 'Kent']), 'text')).toBeNull();
  });
});

describe('postcode detection in the import preview', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = tempWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('proposes a postcode column as PII to pseudonymise, and not the numeric columns beside it', async () => {
    const csv = ['id,postcode,area,spend,visits', ...UK.map((pc, i) => `${i + 1},${pc},${pc},${(i * 12.5).toFixed(2)},${10000 + i * 37}`)].join('\n');
    const p = await previewImport(ws.file('people.csv', csv));
    const by = Object.fromEntries(p.columns.map((c) => [c.name, [c.role, c.piiKind, c.piiAction]]));
    expect(by).toMatchObject({
      postcode: ['pii', 'address', 'pseudonymize'],
      area: ['pii', 'address', 'pseudonymize'],
      spend: ['feature', null, 'keep'],
      visits: [expect.not.stringMatching(/^pii$/), null, 'keep'],
    });
  });
});
