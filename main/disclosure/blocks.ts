// Each slide block mapped onto the grid (grid.ts) or two-way (two-way.ts) rules, plus the rules that only make
// sense for one kind of block: row-level tables (rule 6) and the text lines of a withheld card.
import type { Cell, ChartSpec, Figure, SlideBlock } from '../../shared/decks';
import { judgeGrid, withheldLabels, withholdLabels, type Grid, type GridState } from './grid';
import { isSmall, ownBase, type SlideMarks } from './marks';
import { judgeCrosstab, judgeFlow } from './two-way';

function isFigure(cell: Cell | undefined): cell is Figure {
  return !!cell && typeof cell === 'object';
}

export const ROW_LEVEL_TEXT = "A table of individual records was removed here: row-level tables are not shown outside the analyst's screen.";

/**
 * Rule 6: a table describing single people rather than groups. It is refused when every row that carries a
 * figure with a base says at most one person is behind it (and some row does), or when it carries no figure at all
 * yet has as many rows as the slide's source has people (one row per person).
 */
export function isRowLevel(block: Extract<SlideBlock, { type: 'table' }>, slideBase: number | null): boolean {
  if (block.rows.length === 0) return false;
  let withBase = 0;
  for (const row of block.rows) {
    const bases = Object.values(row)
      .filter(isFigure)
      .map((f) => ownBase(f))
      .filter((b): b is number => b !== undefined);
    if (bases.length === 0) continue;
    withBase++;
    if (bases.some((b) => b > 1)) return false;
  }
  if (withBase > 0) return true;
  const anyFigure = block.rows.some((row) => Object.values(row).some(isFigure));
  return !anyFigure && slideBase !== null && slideBase > 1 && block.rows.length >= slideBase;
}

function tableGrids(block: Extract<SlideBlock, { type: 'table' }>): Grid[] {
  // The label column: the first column holding text in some row ("Region").
  const labelCol = block.columns.find((c) => block.rows.some((r) => typeof r[c.key] === 'string'));
  const figureCols = block.columns.filter((c) => block.rows.some((r) => isFigure(r[c.key])) || isFigure(block.total?.[c.key]));
  const rawLabel = (row: Record<string, Cell>, i: number) => {
    const label = labelCol ? row[labelCol.key] : null;
    return typeof label === 'string' && label.trim() ? label : `row ${i + 1}`;
  };
  const rowName = (row: Record<string, Cell>, i: number) => (labelCol ? `${labelCol.label} = ${rawLabel(row, i)}` : rawLabel(row, i));
  const grid = (rows: Record<string, Cell>[], partition: boolean, name: (i: number) => string, groups: boolean): Grid => ({
    groups,
    members: rows.map((row, i) => ({ label: rawLabel(row, i), figures: figureCols.map((c) => (isFigure(row[c.key]) ? (row[c.key] as Figure) : null)) })),
    columns: figureCols.map((c) => c.label),
    partition,
    name,
    describe: (i, c) => `${figureCols[c].label} of ${name(i)}`,
  });
  const grids = [grid(block.rows, !!block.partition, (i) => rowName(block.rows[i], i), true)];
  // The total row is judged on its own (its base is everyone's), and is known: it is what the partition adds to.
  if (block.total) grids.push(grid([block.total], false, () => 'the total', false));
  return grids;
}

function chartGrids(chart: ChartSpec, marks: SlideMarks): Grid[] {
  switch (chart.kind) {
    case 'bar':
      return [
        {
          members: chart.categories.map((label, i) => ({ label, figures: chart.series.map((s) => s.values[i] ?? null) })),
          columns: chart.series.map((s) => s.name),
          partition: !!chart.partition,
          groups: true,
          name: (i) => chart.categories[i],
          describe: (i, c) => (chart.series.length > 1 || chart.series[c].name ? `${chart.series[c].name || chart.valueAxis} of ${chart.categories[i]}` : chart.categories[i]),
        },
      ];
    case 'line': {
      // Each point on its own: points of one series are moments, not parts of one population.
      const points = chart.series.flatMap((s) => s.values.map((f, i) => ({ f, name: `${s.name || chart.yAxis} at ${String(chart.x[i] ?? i + 1)}` })));
      return [{ members: points.map((p) => ({ label: p.name, figures: [p.f] })), columns: [chart.yAxis], partition: false, name: (i) => points[i].name, describe: (i) => points[i].name }];
    }
    case 'scatter':
      return [
        {
          members: chart.points.map((p) => ({ label: p.label, figures: [p.x, p.y] })),
          columns: [chart.xAxis, chart.yAxis],
          partition: false,
          groups: true,
          name: (i) => chart.points[i].label,
          describe: (i, c) => `${c === 0 ? chart.xAxis : chart.yAxis} of ${chart.points[i].label}`,
        },
      ];
    case 'funnel':
      // Steps are nested (each is a subset of the one before), not a partition: no complements.
      return [{ members: chart.steps.map((s) => ({ label: s.label, figures: [s.figure] })), columns: ['people'], partition: false, groups: true, name: (i) => chart.steps[i].label, describe: (i) => `people at ${chart.steps[i].label}` }];
    case 'flow':
      judgeFlow(chart, marks);
      return [];
  }
}

/** Decide what to withhold in one block; returns the judged grids of named groups, for judgeBlocks. */
function judgeBlock(block: SlideBlock, marks: SlideMarks): GridState[] {
  let grids: Grid[] = [];
  switch (block.type) {
    case 'figures':
      // The items describe one population together (an NPS and its promoter and detractor shares): one group, so
      // a withheld item cannot be rebuilt from the others (NPS = promoters% − detractors%).
      grids = [
        {
          members: [{ label: 'the figures', figures: block.items.map((it) => it.figure) }],
          columns: block.items.map((it) => it.label),
          partition: false,
          lone: true,
          name: () => 'the figures',
          describe: (_, c) => block.items[c].label,
        },
      ];
      break;
    case 'table':
      grids = tableGrids(block);
      break;
    case 'crosstab':
      judgeCrosstab(block, marks);
      break;
    case 'chart':
      grids = chartGrids(block.chart, marks);
      break;
    case 'cards':
      grids = [
        {
          members: block.cards.map((c) => ({ label: c.title, figures: [c.figure ?? null] })),
          columns: ['people'],
          partition: !!block.partition,
          groups: true,
          name: (i) => block.cards[i].title,
          describe: (i) => `size of ${block.cards[i].title}`,
        },
      ];
      break;
    case 'text':
      break;
  }
  return grids.map((g) => judgeGrid(g, marks)).filter((state) => state.grid.groups);
}

/** Decide what to withhold in a slide's blocks; returns the judged grids of named groups (see agreeOnGroups). */
export function judgeBlocks(body: SlideBlock[], marks: SlideMarks): GridState[] {
  return body.flatMap((block) => judgeBlock(block, marks));
}

/**
 * A group withheld by one block is withheld in every other block given here that names it — the blocks of one
 * saved result's slides: a bar of answers would otherwise give back what the table of the same groups withheld —
 * and complements follow, until nothing changes.
 */
export function agreeOnGroups(states: GridState[]): void {
  for (let changed = true; changed; ) {
    const labels = new Set(states.flatMap(withheldLabels));
    changed = false;
    for (const state of states) if (withholdLabels(state, labels)) changed = true;
  }
}

/** Last step of judging a slide: card lines that would restate a withheld card (they hold no figure). */
export function finishBlocks(body: SlideBlock[], marks: SlideMarks): void {
  for (const block of body) if (block.type === 'cards') withholdCardLines(block, marks);
}

/**
 * A withheld card's lines may restate what its figure hid ("12% of customers", "NPS +40"): a card withheld for
 * being small loses every line (a description of a handful of people can single them out); a complement keeps
 * only lines with no digit in them.
 */
function withholdCardLines(block: Extract<SlideBlock, { type: 'cards' }>, marks: SlideMarks): void {
  for (const card of block.cards) {
    // A card without a figure on a slide that comes from no saved result (a journey map's typed cards) counts
    // nobody: it is the workshop's words, judged as running text (personal values and withheld numbers, by the
    // text guard and the PII scrub) like a text slide's paragraphs. On a result's slide it describes the people the
    // result covers and is judged by their number.
    const small = card.figure ? marks.get(card.figure)?.kind === 'primary' : marks.slideBase !== null && isSmall(marks.slideBase, marks.k);
    const complement = card.figure ? marks.get(card.figure)?.kind === 'secondary' : false;
    if (small) {
      const reason = marks.primaryReason();
      if (card.lines.length) marks.removed.push({ what: `the details of card "${card.title}"`, reason });
      card.lines = [`Fewer than ${marks.k} people: details withheld.`];
    } else if (complement) {
      const kept = card.lines.filter((l) => !/\d/.test(l));
      if (kept.length !== card.lines.length) {
        marks.removed.push({ what: `figures in the details of card "${card.title}"`, reason: 'secondary: they would let a withheld group be worked out' });
        card.lines = [...kept, 'Details withheld so that a smaller group cannot be worked out.'];
      }
    }
  }
}
