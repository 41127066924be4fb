// segment.export: the assignments CSV the app downloads — the same writer as `cxw assignments`: header
// id,segment,confidence,segment_name; ids from the id-role column; segment names as edited on the cards; RFC 4180
// quoting; formula injection neutralised with a ' in ids and names alike.
import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '../../../main/analysis/random';
import { harness, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(() => {
  h?.dispose();
  h = null;
});

/** Two groups of 20; a few customer ids a spreadsheet would run or mis-split. */
function customers(): string {
  const rng = createRng(5);
  const nasty = ['=HYPERLINK("http://evil.example","click")', 'Smith, J', '@SUM(A1)', '+44 7700', ' padded'];
  const lines = ['customer_id,spend,visits'];
  for (let i = 0; i < 40; i++) {
    const id = nasty[i] ?? `C-${1000 + i}`;
    const g = i % 2;
    lines.push(`"${id.replace(/"/g, '""')}",${(g ? 200 : 20) + rng.normal(0, 2)},${(g ? 30 : 3) + Math.round(rng.normal(0, 1))}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('segment.export', () => {
  it('returns id,segment,confidence,segment_name with ids and names quoted and defused, in row order', async () => {
    h = await harness();
    const hd = h.services.handlers;
    const text = customers();
    await hd['dataset.import']({
      jobId: 'job_imp_x',
      path: h.csv('c.csv', text),
      name: 'customers',
      columns: [{ index: 0, type: 'text', role: 'id', piiAction: 'keep' }],
    });
    await hd['segment.run']({ jobId: 'job_seg_x', params: { dataset: 'customers', features: ['spend', 'visits'], k: 2, name: 'Q1/Q2: base' } });
    // An analyst's name that a spreadsheet would run, with a comma and quotes; the other segment keeps its suggestion.
    await hd['segment.update']({ segmentation: 'Q1/Q2: base', index: 0, name: '=cmd|"/c calc", big' });
    const suggested = (await hd['segment.get']({ segmentation: 'Q1/Q2: base' })).segments[1].name;
    const out = await hd['segment.export']({ segmentation: 'Q1/Q2: base' });
    expect(out.fileName).toBe('Q1_Q2_ base assignments.csv');
    expect(out.rows).toBe(40);
    expect(out.idColumn).toBe('customer_id');
    const lines = out.csv.split('\n');
    expect(lines[0]).toBe('id,segment,confidence,segment_name');
    expect(lines).toHaveLength(42); // header, 40 rows, '' after the last newline
    expect(lines[41]).toBe('');
    // A formula becomes text: a leading ', then RFC 4180 quoting because of the quotes and comma inside.
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)",[12],/);
    expect(lines[2]).toMatch(/^"Smith, J",[12],/);
    expect(lines[3]).toMatch(/^'@SUM\(A1\),[12],/);
    expect(lines[4]).toMatch(/^'\+44 7700,[12],/);
    expect(lines[6]).toMatch(/^C-1005,[12],[\d.]+,/);
    // The last cell is the segment's name: the edited one defused and quoted, the other as suggested.
    const renamed = '"\'=cmd|""/c calc"", big"';
    const rows = lines.slice(1, 41);
    const tail = (l: string) => (l.endsWith(renamed) ? renamed : l.slice(l.lastIndexOf(',') + 1));
    for (const l of rows) expect([renamed, suggested]).toContain(tail(l));
    // Without the name cell: segments are numbers 1..k and the two groups (alternating rows) never share one.
    const head = rows.map((l) => l.slice(0, l.length - tail(l).length - 1).split(','));
    const seg = head.map((c) => Number(c.at(-2)));
    expect(new Set(seg)).toEqual(new Set([1, 2]));
    seg.forEach((s, i) => expect(s).toBe(seg[i % 2]));
    rows.forEach((l, i) => expect(tail(l)).toBe(seg[i] === 1 ? renamed : suggested)); // segment 1 = index 0, renamed
    const conf = head.map((c) => Number(c.at(-1)));
    expect(conf.every((c) => c >= 0 && c <= 1)).toBe(true);
  });

  it('names a missing segmentation', async () => {
    h = await harness();
    await expect(Promise.resolve().then(() => h!.services.handlers['segment.export']({ segmentation: 'nope' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
