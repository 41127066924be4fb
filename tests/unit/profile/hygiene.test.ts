// Hygiene rules on hand-built facts: each issue kind fires exactly when its rule says, with a message that
// names the column and the numbers.
import { describe, expect, it } from 'vitest';
import type { ColumnProfile, ColumnRole, ColumnType } from '../../../shared/domain';
import { auditDataset, type ColumnFacts, eventLogOf, nameTokens, onBoundedScale, parseStoredDate, plausibleRange } from '../../../main/analysis/hygiene';

function facts(name: string, patch: Partial<ColumnProfile> & { type?: ColumnType; role?: ColumnRole }, extra: Partial<ColumnFacts> = {}): ColumnFacts {
  const profile: ColumnProfile = {
    name,
    type: 'integer',
    role: 'feature',
    missing: 0,
    missingPct: 0,
    distinct: 5,
    min: 0,
    max: 10,
    mean: 5,
    median: 5,
    std: 1,
    histogram: null,
    topValues: null,
    outliers: null,
    ...patch,
  };
  return { profile, storage: { numbers: 100 - profile.missing, texts: 0, others: 0 }, strayExamples: [], ...extra };
}

const kinds = (cols: ColumnFacts[], rows = 100): string[] => auditDataset({ rows, columns: cols }).map((i) => i.kind);

describe('hygiene audit', () => {
  it('reports an empty dataset and nothing else', () => {
    const issues = auditDataset({ rows: 0, columns: [facts('a', {})] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'emptyDataset', severity: 'error', column: null });
  });

  it('is silent on a clean column', () => {
    expect(kinds([facts('score', {})])).toEqual([]);
  });

  it('flags high missing at 20% (warning) and 50% (error)', () => {
    expect(auditDataset({ rows: 100, columns: [facts('a', { missing: 20 })] })).toEqual([]);
    const w = auditDataset({ rows: 100, columns: [facts('a', { missing: 21 })] });
    expect(w[0]).toMatchObject({ kind: 'highMissing', severity: 'warning', column: 'a' });
    expect(w[0].message).toContain('21.0%');
    const e = auditDataset({ rows: 100, columns: [facts('a', { missing: 51 })] });
    expect(e[0]).toMatchObject({ kind: 'highMissing', severity: 'error' });
    expect(e[0].message).toMatch(/more than half/);
  });

  it('flags constant columns', () => {
    const i = auditDataset({ rows: 100, columns: [facts('Z_Revenue', { distinct: 1, min: 11, max: 11 })] });
    expect(i[0]).toMatchObject({ kind: 'constantColumn', column: 'Z_Revenue' });
    expect(i[0].message).toContain('(11)');
  });

  it('flags duplicate ids with an example', () => {
    const i = auditDataset({
      rows: 100,
      columns: [facts('id', { role: 'id', type: 'text', distinct: 98 }, { duplicates: { count: 2, example: 'C7', exampleCount: 3 } })],
    });
    expect(i[0]).toMatchObject({ kind: 'duplicateIds', severity: 'error' });
    expect(i[0].message).toContain('"C7" appears 3 times');
  });

  describe('event logs', () => {
    // 1,000 events of 100 customers: 900 rows repeat an id; a rating filled on 150 of them.
    const id = (sameTime: number | null) =>
      facts('customer_id', { role: 'id', type: 'text', distinct: 100 }, {
        duplicates: { count: 900, example: 'C7', exampleCount: 14 },
        ...(sameTime === null ? {} : { duplicatesAtSameTime: { time: 'timestamp', dateOnly: false, count: sameTime } }),
      });
    const time = facts('timestamp', { role: 'timestamp', type: 'datetime', distinct: 1000 });
    const rating = facts('satisfaction', { missing: 850 });
    const audit = (...cols: ColumnFacts[]) => auditDataset({ rows: 1000, columns: cols });

    it('reads repeats told apart by a date-time column as events: a note, and a sparse rating is a note too', () => {
      const i = audit(id(0), time, rating);
      expect(i.map((x) => [x.kind, x.column, x.severity])).toEqual([
        ['duplicateIds', 'customer_id', 'info'],
        ['highMissing', 'satisfaction', 'info'],
      ]);
      expect(i[0].message).toContain('(1,000 rows for 100 ids, 10.0 per id on average)');
      expect(i[0].message).toContain('read as an event log, one row per event, told apart by "timestamp"');
      expect(i[1].message).toContain('"satisfaction" is filled on 15.0% of the events (150 of 1,000 rows)');
    });

    it('warns about rows that repeat both the id and the time, but still reads the rest as events', () => {
      const i = audit(id(30), time);
      expect(i.map((x) => [x.kind, x.severity])).toEqual([
        ['duplicateIds', 'warning'],
        ['duplicateIds', 'info'],
      ]);
      expect(i[0].message).toMatch(/^30 row\(s\) repeat both an id in "customer_id" and its time in "timestamp" exactly/);
    });

    it('keeps the duplicate-id error when the time does not tell the repeats apart (a table imported twice)', () => {
      const i = audit(id(900), time, rating);
      expect(i.map((x) => [x.kind, x.severity])).toEqual([
        ['duplicateIds', 'error'],
        ['highMissing', 'error'],
      ]);
      expect(eventLogOf([id(451), time])).toBeNull();
      expect(eventLogOf([id(450), time])).toEqual({ id: 'customer_id', time: 'timestamp' });
    });

    it('keeps the error without any date-time column, and reads a journey-step column as an event log', () => {
      expect(audit(id(null), rating).map((x) => x.severity)).toEqual(['error', 'error']);
      const step = facts('step', { role: 'journeyStep', type: 'text' });
      expect(eventLogOf([id(null), step])).toEqual({ id: 'customer_id', time: null });
      expect(audit(id(null), step, rating).map((x) => x.severity)).toEqual(['info', 'info']);
    });

    it('still treats a missing structure column or an empty attribute as a problem', () => {
      const i = audit(id(0), facts('timestamp', { role: 'timestamp', type: 'datetime', missing: 600 }), facts('notes', { type: 'text', missing: 1000 }));
      expect(i.filter((x) => x.kind === 'highMissing').map((x) => [x.column, x.severity])).toEqual([
        ['timestamp', 'error'],
        ['notes', 'error'],
      ]);
    });

    it('keeps the error for a customer table with a few duplicates, even when their times differ', () => {
      const few = facts('customer_id', { role: 'id', type: 'text', distinct: 980 }, {
        duplicates: { count: 20, example: 'C7', exampleCount: 2 },
        duplicatesAtSameTime: { time: 'signup', dateOnly: false, count: 0 },
      });
      expect(eventLogOf([few, time])).toBeNull();
      // Exactly two rows per id on average is enough when the times differ.
      const two = facts('customer_id', { role: 'id', type: 'text', distinct: 500 }, {
        duplicates: { count: 500, example: 'C7', exampleCount: 2 },
        duplicatesAtSameTime: { time: 'timestamp', dateOnly: false, count: 0 },
      });
      expect(eventLogOf([two, time])).toEqual({ id: 'customer_id', time: 'timestamp' });
    });

    it('does not call same-day events of a date-only log duplicates', () => {
      const daily = facts('customer_id', { role: 'id', type: 'text', distinct: 100 }, {
        duplicates: { count: 900, example: 'C7', exampleCount: 14 },
        duplicatesAtSameTime: { time: 'order_date', dateOnly: true, count: 40 },
      });
      expect(audit(daily, time).map((x) => [x.kind, x.severity])).toEqual([['duplicateIds', 'info']]);
    });

    it('leaves a customer table without repeats alone', () => {
      const unique = facts('customer_id', { role: 'id', type: 'text', distinct: 1000 }, { duplicates: { count: 0, example: null, exampleCount: 0 } });
      expect(eventLogOf([unique, time])).toBeNull();
      expect(audit(unique, time, rating).map((x) => [x.kind, x.severity])).toEqual([['highMissing', 'error']]);
    });
  });

  it('flags mixed storage classes with examples', () => {
    const i = auditDataset({
      rows: 100,
      columns: [facts('income', {}, { storage: { numbers: 97, texts: 3, others: 0 }, strayExamples: ['n/a'] })],
    });
    expect(i[0]).toMatchObject({ kind: 'mixedTypes', severity: 'warning' });
    expect(i[0].message).toContain('97 number(s) and 3 text value(s), e.g. "n/a"');
  });

  it('flags invalid and future dates', () => {
    const c = facts('signup', { type: 'date' }, { invalidDates: { count: 2, example: '2024-13-01' }, futureDates: { count: 1, example: '2031-01-01' } });
    expect(kinds([c])).toEqual(['invalidDates', 'futureDates']);
    expect(kinds([facts('signup', { type: 'date' }, { invalidDates: { count: 0, example: null }, futureDates: { count: 0, example: null } })])).toEqual([]);
  });

  it('flags impossible values with the rule that was broken', () => {
    const range = plausibleRange('Year_Birth', 2026);
    if (!range) throw new Error('no range for Year_Birth');
    expect(range).toMatchObject({ min: 1900, max: 2026 });
    const i = auditDataset({ rows: 100, columns: [facts('Year_Birth', { min: 1893 }, { outOfRange: { range, below: 3, above: 0 } })] });
    expect(i[0].kind).toBe('impossibleValues');
    expect(i[0].message).toContain('3 below 1900 (lowest 1893)');
    expect(i[0].message).toContain('birth year');
  });

  it('derives plausible ranges from column names', () => {
    expect(nameTokens('MntWines')).toEqual(['mnt', 'wines']);
    expect(nameTokens('CustomerID')).toEqual(['customer', 'id']);
    expect(plausibleRange('Age', 2026)).toMatchObject({ min: 0, max: 120 });
    expect(plausibleRange('nps_score', 2026)).toMatchObject({ min: 0, max: 10 });
    expect(plausibleRange('Likelihood to recommend', 2026)).toMatchObject({ min: 0, max: 10 });
    expect(plausibleRange('nps_asked_days_after_event', 2026)).toMatchObject({ min: 0, max: null });
    expect(plausibleRange('discount_pct', 2026)).toMatchObject({ min: 0, max: 100 });
    expect(plausibleRange('monthly_spend', 2026)).toMatchObject({ min: 0, max: null });
    expect(plausibleRange('Annual Income (k$)', 2026)).toMatchObject({ min: 0, max: null });
    expect(plausibleRange('tenure', 2026)).toMatchObject({ min: 0 });
    expect(plausibleRange('balance', 2026)).toBeNull();
    expect(plausibleRange('pdays', 2026)).toBeNull();
    expect(plausibleRange('average_rating', 2026)).toBeNull();
  });

  it('flags tiny groups and imbalance in protected attributes', () => {
    const groups = [
      { value: 'Female', count: 60 },
      { value: 'Male', count: 36 },
      { value: 'Non-binary', count: 4 },
    ];
    const i = auditDataset({ rows: 100, columns: [facts('gender', { role: 'protected', type: 'text', distinct: 3 }, { groups })] });
    expect(i.map((x) => x.kind)).toEqual(['tinyGroups', 'imbalancedGroups']);
    expect(i[0].severity).toBe('warning');
    expect(i[0].message).toContain('1 of 3 groups in "gender" has fewer than 10 rows.');
    expect(i[0].message).toContain('too small to analyse reliably');
    expect(i[1].message).toContain('4.0%');
    // Neither note names the 4-row group; the imbalance note still names the large one.
    expect(i.map((x) => x.message).join(' ')).not.toContain('Non-binary');
    expect(i[1].message).toContain('the smallest group has 4 rows');
    expect(i[1].message).toContain('the largest "Female" has 60');
    // Balanced enough: smallest 20%, ratio 3:1.
    const ok = [
      { value: 'a', count: 60 },
      { value: 'b', count: 20 },
      { value: 'c', count: 20 },
    ];
    expect(kinds([facts('g', { role: 'protected', type: 'text' }, { groups: ok })])).toEqual([]);
    // Ratio above 10:1 even though every group is large.
    const skew = [
      { value: 'a', count: 1100 },
      { value: 'b', count: 100 },
    ];
    expect(kinds([facts('g', { role: 'protected', type: 'text' }, { groups: skew })], 1200)).toEqual(['imbalancedGroups']);
    // Category columns get the tiny-group note (info) but no imbalance check.
    const cat = auditDataset({ rows: 100, columns: [facts('city', { role: 'category', type: 'text' }, { groups })] });
    expect(cat.map((x) => [x.kind, x.severity])).toEqual([['tinyGroups', 'info']]);
  });

  it('never quotes the values of groups under 10 rows', () => {
    const postcodes = [
      { value: 'EC1A 1BB', count: 1 },
      { value: 'SW1A 1AA', count: 1 },
      { value: 'W1A 0AX', count: 9 },
      { value: 'M1 1AE', count: 10 },
    ];
    const i = auditDataset({ rows: 21, columns: [facts('postcode', { role: 'category', type: 'text', distinct: 4 }, { groups: postcodes })] });
    expect(i).toHaveLength(1);
    expect(i[0].message).toMatch(/^3 of 4 groups in "postcode" have fewer than 10 rows\. /);
    for (const g of postcodes) expect(i[0].message).not.toContain(g.value);
    expect(i[0].message).not.toContain('n=');
  });

  it('never quotes personal data in constant-column or mixed-type notes', () => {
    const constant = facts('full_name', { role: 'pii', type: 'text', distinct: 1, topValues: [{ value: 'Ada Lovelace', count: 100 }] });
    const [c] = auditDataset({ rows: 100, columns: [constant] });
    expect(c.kind).toBe('constantColumn');
    expect(c.message).not.toContain('Ada');
    const mixed = facts('phone', { role: 'pii', type: 'text' }, { storage: { numbers: 90, texts: 10, others: 0 }, strayExamples: ['+44 20 7946 0958'] });
    const [m] = auditDataset({ rows: 100, columns: [mixed] });
    expect(m.kind).toBe('mixedTypes');
    expect(m.message).not.toContain('7946');
    // The same facts on a non-personal column keep their example, so the analyst can search for it.
    const [plain] = auditDataset({ rows: 100, columns: [facts('plan', { type: 'text', distinct: 1, topValues: [{ value: 'Gold', count: 100 }] })] });
    expect(plain.message).toContain('("Gold")');
  });

  it('knows bounded scales: whole numbers within 0–10, any number within 0–1', () => {
    const on = (xs: number[]) => onBoundedScale(Float64Array.from(xs).sort());
    expect(on([0, 10, 9, 9, 10, 3])).toBe(true); // NPS
    expect(on([1, 5, 5, 4, 5])).toBe(true); // 1–5 rating
    expect(on([1, 7, 6])).toBe(true); // 1–7
    expect(on([0, 1, 1])).toBe(true); // flag
    expect(on([0.02, 0.97, 0.5])).toBe(true); // probability / model score
    expect(on([0, 11, 5])).toBe(false); // beyond 10
    expect(on([1, 4.5, 5])).toBe(false); // not whole numbers above 1
    expect(on([-1, 0, 1])).toBe(false);
    expect(on([])).toBe(false);
  });

  it('skips columns the analyst set to ignore', () => {
    expect(kinds([facts('x', { role: 'ignore', missing: 90 })])).toEqual([]);
  });

  it('orders issues errors first', () => {
    const i = auditDataset({ rows: 100, columns: [facts('a', { missing: 30 }), facts('b', { missing: 60 })] });
    expect(i.map((x) => [x.column, x.severity])).toEqual([
      ['b', 'error'],
      ['a', 'warning'],
    ]);
  });

  it('parses stored dates strictly', () => {
    expect(parseStoredDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseStoredDate('2023-02-29')).toBeNull();
    expect(parseStoredDate('2024-13-01')).toBeNull();
    expect(parseStoredDate('2024-04-31')).toBeNull();
    expect(parseStoredDate('2025-03-01T10:20:30.123Z')).toBe(Date.UTC(2025, 2, 1, 10, 20, 30, 123));
    expect(parseStoredDate('2025-03-01T10:20:30+01:00')).toBe(Date.UTC(2025, 2, 1, 9, 20, 30));
    expect(parseStoredDate('2025-03-01T10:20:30')).toBe(Date.UTC(2025, 2, 1, 10, 20, 30));
    expect(parseStoredDate('2025-03-01T25:00:00')).toBeNull();
    expect(parseStoredDate('n/a')).toBeNull();
    expect(parseStoredDate('01/02/2024')).toBeNull();
  });
});
