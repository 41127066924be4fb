// Rule 5 (personal data) and the workspace side of disclosure control: the stored setting and the collection of
// personal values. Fixtures are hand-made: a deck that puts personal values in every kind of text a slide has, and
// small datasets built with createDataset (tests/unit/profile/helpers.ts) whose distinct personal values are listed
// by hand in the expectations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deck, SlideBlock } from '../../../shared/decks';
import { applyDisclosure, collectPiiValues, readDisclosureSettings, writeDisclosureSettings } from '../../../main/disclosure';
import { setDisclosure } from '../../../main/services/decks/disclosed';
import { PiiMatcher } from '../../../main/disclosure/pii';
import { openWorkspaceDb, setSetting } from '../../../main/workspace/db';
import { makeDataset, memoryDb } from '../profile/helpers';
import { count, deck, disclose, slide } from './fixtures';

const NAME = 'Oliver Smith';
const EMAIL = 'oliver.smith@example.com';
const PHONE = '+44 7700 900123';
const TOKEN = 'p_0123456789abcdef';
const PII = [NAME, EMAIL, PHONE, TOKEN];

function leakyDeck(): Deck {
  const blocks: SlideBlock[] = [
    {
      type: 'table',
      columns: [{ key: 'who', label: 'Customer' }, { key: 'type', label: `Comment (${NAME})` }, { key: 'n', label: 'People' }],
      rows: [
        { who: NAME.toUpperCase(), type: 'x', n: count(40) },
        { who: 'Leeds', type: `as ${EMAIL} wrote`, n: count(50) },
        { who: 'York', type: 'fine', n: count(60) },
      ],
      caption: `Rows mention ${TOKEN}`,
    },
    {
      type: 'chart',
      title: `Chart for ${NAME}`,
      summary: `Summary naming ${PHONE}.`,
      chart: { kind: 'bar', orientation: 'horizontal', categories: ['North', EMAIL, 'South'], series: [{ name: `${NAME} cohort`, values: [count(50), count(20), count(40)] }], valueAxis: 'people' },
    },
    { type: 'cards', cards: [{ title: `Segment of ${NAME}`, figure: count(300), lines: [`Lead: ${EMAIL}`, 'Young'] }] },
    { type: 'crosstab', rowTitle: 'From', columnTitle: 'To', rowKeys: [NAME, 'B'], columnKeys: ['C', TOKEN], counts: [[count(40), count(50)], [count(60), count(70)]] },
    { type: 'chart', title: 'Flow', summary: '', chart: { kind: 'flow', nodes: [NAME, 'End'], links: [{ from: NAME, to: 'End', figure: count(90) }] } },
    { type: 'chart', title: 'Points', summary: '', chart: { kind: 'scatter', xAxis: 'x', yAxis: 'y', points: [{ label: TOKEN, x: count(40), y: count(50) }, { label: 'Team A', x: count(40), y: count(50), group: NAME }] } },
    { type: 'figures', items: [{ label: `NPS of ${NAME}`, figure: { value: 10, format: 'nps', base: 400 }, note: `from ${PHONE}` }] },
    { type: 'text', paragraphs: [`Thanks ${NAME}.`], bullets: [`Call ${PHONE}`, 'another token p_fedcba9876543210 too'] },
  ];
  return deck([slide(blocks, { title: `Feedback from ${NAME}`, headline: `${NAME} complained`, notes: `Mail ${EMAIL} or call ${PHONE}.` })], `Deck about ${NAME}`);
}

describe('personal values never leave (rule 5)', () => {
  it('appear nowhere in the output, in any case; labelled rows, bars and points are dropped; the input is untouched', () => {
    const input = leakyDeck();
    const before = JSON.stringify(input);
    const out = applyDisclosure(input, { settings: { minCell: 10, roundTo: 5 }, piiValues: new Set(PII) });
    expect(JSON.stringify(input)).toBe(before);
    const text = JSON.stringify(out).toLowerCase();
    for (const v of PII) expect(text, v).not.toContain(v.toLowerCase());
    expect(text).not.toMatch(/p_[0-9a-f]{16}/);
    const body = out.deck.slides[0].body;
    if (body[0].type !== 'table' || body[1].type !== 'chart' || body[1].chart.kind !== 'bar') throw new Error('shape');
    expect(body[0].rows.map((r) => r.who)).toEqual(['Leeds', 'York']);
    expect(body[0].rows[0].type).toBe('as [withheld] wrote');
    expect(body[1].chart.categories).toEqual(['North', 'South']);
    expect(body[1].chart.series[0].values.map((f) => f.value)).toEqual([50, 40]);
    expect(body[1].chart.series[0].values.map((f) => f.roundedTo)).toEqual([5, 5]);
    expect(body[1].chart.series[0].name).toBe('[withheld] cohort');
    if (body[5].type !== 'chart' || body[5].chart.kind !== 'scatter') throw new Error('shape');
    expect(body[5].chart.points.map((p) => p.label)).toEqual(['Team A']);
    expect(out.deck.slides[0].title).toBe('Feedback from [withheld]');
    expect(out.deck.name).toBe('Deck about [withheld]');
    // The report says what was masked without repeating it.
    expect(out.report.removed.map((r) => r.what)).toEqual(
      expect.arrayContaining(['1 table row labelled with personal data', '1 bar labelled with personal data', '1 point labelled with personal data', 'personal data in the headline']),
    );
  });

  it('matches whole words only, and exempts values under 3 characters', () => {
    const m = new PiiMatcher(['Ann', 'Al', '  Bo Li ']);
    expect(m.scrub('Annual review by ann').text).toBe('Annual review by [withheld]');
    expect(m.scrub('Al and Channel').text).toBe('Al and Channel');
    expect(m.scrub('bo li, BO LI!').text).toBe('[withheld], [withheld]!');
    expect(m.equals(' ANN ')).toBe(true);
    expect(m.equals('Al')).toBe(false);
  });

  it('keeps the figures of a deck without personal values identical', () => {
    const d = deck([slide([{ type: 'figures', items: [{ label: 'Overall NPS', figure: { value: 16, format: 'nps', base: 900 } }] }])]);
    expect(disclose(d, 10, 0, PII).deck).toEqual(d);
  });
});

describe('collectPiiValues', () => {
  it('every distinct value (3+ characters) of every PII-role or pseudonymised column of every dataset', () => {
    const db = memoryDb();
    makeDataset(
      db,
      'customers',
      [
        { name: 'name', type: 'text', role: 'pii' },
        { name: 'token', type: 'text', role: 'id', piiAction: 'pseudonymize' },
        { name: 'initials', type: 'text', role: 'pii' },
        { name: 'city', type: 'text', role: 'category' },
        { name: 'phone', type: 'integer', role: 'pii' },
      ],
      [
        ['Oliver Smith', 'p_0123456789abcdef', 'OS', 'Leeds', 7700900123],
        ['Amelia Jones', 'p_1111111111111111', 'AJ', 'York', null],
        ['Oliver Smith', 'p_0123456789abcdef', 'OS', 'Leeds', 7700900123],
        [null, 'p_2222222222222222', 'Ann', 'Hull', 12],
      ],
    );
    makeDataset(db, 'events', [{ name: 'who', type: 'text', role: 'pii' }, { name: 'step', type: 'text', role: 'journeyStep' }], [['  Zoe Brown  ', 'Visit']]);
    expect([...collectPiiValues(db)].sort()).toEqual(
      ['7700900123', 'Amelia Jones', 'Ann', 'Oliver Smith', 'Zoe Brown', 'p_0123456789abcdef', 'p_1111111111111111', 'p_2222222222222222'].sort(),
    );
    db.close();
  });

  it('feeds applyDisclosure: none of them survives in the output', () => {
    const db = memoryDb();
    makeDataset(db, 'customers', [{ name: 'name', type: 'text', role: 'pii' }], [['Oliver Smith'], ['Amelia Jones']]);
    const values = collectPiiValues(db);
    db.close();
    const out = applyDisclosure(deck([slide([], { headline: 'Amelia Jones and OLIVER SMITH' })]), { settings: { minCell: 10, roundTo: 0 }, piiValues: values });
    expect(out.deck.slides[0].headline).toBe('[withheld] and [withheld]');
  });
});

describe('disclosure settings in a workspace file', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-disclosure-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('default {10, 0}; a written setting survives closing and reopening; below 5 is refused and changes nothing', () => {
    const path = join(dir, 'w.cxw');
    const db = openWorkspaceDb(path, { create: true });
    expect(readDisclosureSettings(db)).toEqual({ minCell: 10, roundTo: 0 });
    expect(writeDisclosureSettings(db, { minCell: 5, roundTo: 5 })).toEqual({ minCell: 5, roundTo: 5 });
    db.close();
    const again = openWorkspaceDb(path);
    expect(readDisclosureSettings(again)).toEqual({ minCell: 5, roundTo: 5 });
    expect(() => writeDisclosureSettings(again, { minCell: 4, roundTo: 0 })).toThrow(/cannot be below 5 \(got 4\)/);
    expect(() => writeDisclosureSettings(again, { minCell: 10, roundTo: 3 as 5 })).toThrow(/roundTo: 0 or 5/);
    expect(readDisclosureSettings(again)).toEqual({ minCell: 5, roundTo: 5 });
    again.close();
  });

  it('an unreadable or out-of-range stored setting is an error, never a silent default', () => {
    const db = openWorkspaceDb(join(dir, 'w.cxw'), { create: true });
    setSetting(db, 'disclosure', '{not json');
    expect(() => readDisclosureSettings(db)).toThrow(/not readable/);
    setSetting(db, 'disclosure', JSON.stringify({ minCell: 2, roundTo: 0 }));
    expect(() => readDisclosureSettings(db)).toThrow(/cannot be below 5/);
    // …and setting a valid one (disclosure.set, as the error says) repairs it, logged as a repair.
    expect(setDisclosure(db, { minCell: 10, roundTo: 0 })).toEqual({ minCell: 10, roundTo: 0 });
    expect(readDisclosureSettings(db)).toEqual({ minCell: 10, roundTo: 0 });
    const logged = db.prepare("SELECT summary FROM activity WHERE action = 'disclosure.set' ORDER BY id DESC LIMIT 1").get() as { summary: string };
    expect(logged.summary).toBe('Set disclosure control: groups under 10 people suppressed, counts not rounded (the stored setting was damaged and is replaced).');
    db.close();
  });
});
