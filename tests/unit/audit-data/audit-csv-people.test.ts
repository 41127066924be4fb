// The audit's "Groups table (for people)" CSV (renderer/views/audit/csv-people.ts) on the hand-built audit of
// tests/unit/renderer/audit-fixture.ts (minimum group size 5):
//   Female 10 people: selection 3/10 = 30.0%, Wilson 95% 10.8–60.3% (by the textbook formula, computed by hand with
//          z = 1.96: centre (p + z²/2n)/(1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n)); FNR 3/5 = 60.0%
//          (23.1–88.2%); PPV 2/3 = 66.7% over 3 < 5 people (unreliable), FDR 1/3 likewise.
//   Male 8: selection 5/8 = 62.5% (30.6–86.3%); FPR 1/4 = 25.0% (4.6–69.9%) over 4 < 5: unreliable, like TPR, FNR,
//          TNR 3/4, NPV 3/3, FOR 0/3.
//   Non-binary 2: selection 0/2 = 0.0% (0.0–65.8%); FPR undefined (no negative labels).
// Also: the long form keeps exact fractions and says which rates are reliable; Yes/No, never true/false; formula
// injection defused in the people form too.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../../renderer/views/audit/csv';
import { auditPeopleCsv, peopleCsvHeader } from '../../../renderer/views/audit/csv-people';
import { labelledAudit } from '../renderer/audit-fixture';

function parse(text: string): Record<string, string>[] {
  const data = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { skipEmptyLines: true }).data;
  return data.slice(1).map((cells) => Object.fromEntries(data[0].map((h, i) => [h, cells[i]])));
}

describe('groups table for people', () => {
  const r = labelledAudit();
  const rows = parse(auditPeopleCsv(r));
  const row = (g: string) => rows.find((x) => x.Group === g)!;

  it('one row per group, rates in % with their interval columns', () => {
    expect(rows.map((x) => x.Group)).toEqual(['Female', 'Male', 'Non-binary']);
    expect(peopleCsvHeader(r).slice(0, 8)).toEqual(['Attribute', 'Group', 'Reference group', 'People', 'Share of people', 'Selection rate', 'Selection rate 95% CI low', 'Selection rate 95% CI high']);
    expect(peopleCsvHeader(r)).toContain('FPR 95% CI low');
    expect(peopleCsvHeader(r)).toContain('FPR 95% CI high');
    expect(peopleCsvHeader(r).slice(-2)).toEqual(['Too few people to trust', 'Note']);
    expect(row('Female')).toMatchObject({
      Attribute: 'gender',
      'Reference group': 'Yes',
      People: '10',
      'Share of people': '50.0%',
      'Selection rate': '30.0%',
      'Selection rate 95% CI low': '10.8%',
      'Selection rate 95% CI high': '60.3%',
      FNR: '60.0%',
      'FNR 95% CI low': '23.1%',
      'FNR 95% CI high': '88.2%',
      PPV: '66.7%',
    });
    expect(row('Male')).toMatchObject({ 'Reference group': 'No', 'Selection rate': '62.5%', 'Selection rate 95% CI low': '30.6%', 'Selection rate 95% CI high': '86.3%', FPR: '25.0%', 'FPR 95% CI low': '4.6%', 'FPR 95% CI high': '69.9%' });
  });

  it('names the rates that rest on too few people, with their denominators, and says why a rate is undefined', () => {
    expect(row('Female')['Too few people to trust']).toBe('PPV (3); FDR (3)');
    expect(row('Male')['Too few people to trust']).toBe('TPR (4); FPR (4); FNR (4); TNR (4); NPV (3); FOR (3)');
    expect(row('Non-binary')['Selection rate']).toBe('0.0%');
    expect(row('Non-binary')['Selection rate 95% CI high']).toBe('65.8%');
    expect(row('Non-binary').FPR).toBe('undefined');
    expect(row('Non-binary').Note).toContain('Fewer than 5 people: read every rate with care');
    expect(row('Non-binary').Note).toContain('no negative labels in this group');
  });

  it('never writes true/false, and keeps exact fractions out of it', () => {
    const text = auditPeopleCsv(r);
    expect(text).not.toMatch(/(^|,)(true|false)(,|\r?$)/m);
    expect(text).not.toContain('0.3,');
  });

  it('defuses formulas in group names', () => {
    const evil = labelledAudit();
    evil.groups[1].group = '=cmd|calc';
    const text = auditPeopleCsv(evil);
    expect(text).not.toMatch(/(^|,)=cmd/m);
    expect(text).toContain(",'=cmd|calc,");
  });
});

describe('long form for tools', () => {
  const rows = parse(auditCsv(labelledAudit()));
  it('keeps exact fractions and marks each rate and comparison reliable or not', () => {
    const ppv = rows.find((x) => x.section === 'group' && x.group === 'Female' && x.metric === 'ppv')!;
    expect(Number(ppv.value)).toBe(2 / 3);
    expect(ppv.reliable).toBe('false');
    const sel = rows.find((x) => x.section === 'group' && x.group === 'Female' && x.metric === 'selectionRate')!;
    expect(sel.reliable).toBe('true');
  });
});
