// Two-way tables of counts: cross-tabs (every row, every column and the margins are partitions) and flow links
// (a Sankey: each node's outgoing links and incoming links are partitions of its known total). Rule 3.
import type { ChartSpec, Figure, SlideBlock } from '../../shared/decks';
import { isSmall, ownBase, type SlideMarks } from './marks';
import { gridComplements, type GridCell } from './secondary';

interface TwoWayCell {
  row: number;
  col: number;
  figure: Figure;
  what: string;
}

function judgeCells(cells: TwoWayCell[], rows: number, cols: number, marks: SlideMarks): void {
  const grid: GridCell[] = cells.map((c) => {
    const base = ownBase(c.figure) ?? marks.slideBase;
    if (base === null) marks.mark(c.figure, 'primary', c.what, 'no base is known for it, so it cannot be shown safely');
    else if (isSmall(base, marks.k)) marks.mark(c.figure, 'primary', c.what, marks.primaryReason());
    return { row: c.row, col: c.col, base: c.figure.value === null && !marks.has(c.figure) ? null : (base ?? 0), label: c.what, withheld: marks.has(c.figure) };
  });
  for (const step of gridComplements(grid, rows, cols)) {
    const protects = cells[step.protects].what;
    const how = step.why === 'line' ? 'it could be worked out from its row or column total' : 'it could be worked out from the row and column totals together';
    marks.mark(cells[step.cell].figure, 'secondary', cells[step.cell].what, `protects ${protects} (${how})`);
  }
}

export function judgeCrosstab(block: Extract<SlideBlock, { type: 'crosstab' }>, marks: SlideMarks): void {
  const cells: TwoWayCell[] = [];
  block.counts.forEach((row, r) =>
    row.forEach((figure, c) => {
      if (!figure) return;
      cells.push({ row: r, col: c, figure, what: `count of ${block.rowTitle} = ${block.rowKeys[r] ?? `row ${r + 1}`}, ${block.columnTitle} = ${block.columnKeys[c] ?? `column ${c + 1}`}` });
    }),
  );
  judgeCells(cells, block.rowKeys.length, block.columnKeys.length, marks);
}

export function judgeFlow(chart: Extract<ChartSpec, { kind: 'flow' }>, marks: SlideMarks): void {
  // Rows are the nodes links leave, columns the nodes they reach: a node's outflow and inflow are both known.
  const index = new Map<string, number>();
  chart.nodes.forEach((n, i) => index.set(n, i));
  for (const l of chart.links) {
    if (!index.has(l.from)) index.set(l.from, index.size);
    if (!index.has(l.to)) index.set(l.to, index.size);
  }
  const cells: TwoWayCell[] = chart.links.map((l) => ({ row: index.get(l.from)!, col: index.get(l.to)!, figure: l.figure, what: `flow ${l.from} → ${l.to}` }));
  judgeCells(cells, index.size, index.size, marks);
}
