// The number recognisers (numbers.ts) on hand-picked edge cases. Expected values by hand:
// 2^53 = 9007199254740992 (safe bound), 2^53 + 1 reads back as 2^53; 1e18 and 1e20 are exact doubles that print
// in full; 12345678901234567890 reads back as 12345678901234567000 (not exact); 1.7976931348623157e308 is the
// largest double and 1e309 overflows; 1e-400 underflows to 0 (finite, kept as 0).
import { describe, expect, it } from 'vitest';
import { isInexactNumber, isNonFiniteNumber, parseIntStrict, parseRealStrict } from '../../../main/workspace/import/numbers';

describe('number recognisers', () => {
  it('whole numbers are numbers only when exact', () => {
    expect(parseIntStrict('9007199254740991')).toBe(9007199254740991);
    expect(parseIntStrict('9007199254740993')).toBeNaN();
    expect(parseRealStrict('9007199254740993')).toBeNaN();
    expect(isInexactNumber('9007199254740993')).toBe(true);
    expect(parseIntStrict('1000000000000000000')).toBe(1e18);
    expect(parseRealStrict('100000000000000000000')).toBe(1e20);
    expect(parseRealStrict('12345678901234567890')).toBeNaN();
    expect(isInexactNumber('12345678901234567890')).toBe(true);
    expect(isInexactNumber('-12345678901234567890')).toBe(true);
    expect(isInexactNumber('123456789012345')).toBe(false);
    expect(isInexactNumber('1234567890123456789x')).toBe(false);
    // Decimals are measurements: rounded to the nearest double like everywhere else.
    expect(parseRealStrict('12345678901234567890.5')).toBe(12345678901234567890.5);
    expect(parseRealStrict('0.30000000000000004')).toBe(0.30000000000000004);
  });

  it('non-finite numbers are recognised, and are not numbers', () => {
    for (const s of ['1e309', '-1e309', '+1E400', '1e1000', 'inf', '-inf', '+Inf', 'INF', 'Infinity', '-Infinity', 'infinity', 'nan', 'NAN', '-nan']) {
      expect(isNonFiniteNumber(s), s).toBe(true);
      expect(parseRealStrict(s), s).toBeNaN();
    }
    for (const s of ['1.7976931348623157e308', '1e-400', '5', 'information', 'nano', 'in', 'North', '', '-']) {
      expect(isNonFiniteNumber(s), s).toBe(false);
    }
    expect(parseRealStrict('1.7976931348623157e308')).toBe(1.7976931348623157e308);
    expect(parseRealStrict('1e-400')).toBe(0);
  });
});
