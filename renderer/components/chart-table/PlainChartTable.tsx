// A chart's numbers as a plain, static table (caption, column and row headers, no controls), for a chart whose
// surroundings should gain no tab stops: the journey map's emotion curve, where it sits visually hidden for screen
// readers (the dots' own labels show the values on screen).
import { displayCell, isNumeric, type ChartTableData } from '../../charts/chart-table';

export function PlainChartTable({ table, caption }: { table: ChartTableData; caption: string }) {
  const rowHeader = table.columns[0]?.kind === 'text' ? 0 : -1;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={i} scope="col" style={isNumeric(c) ? { textAlign: 'right' } : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, ri) => (
          <tr key={ri}>
            {table.columns.map((c, ci) =>
              ci === rowHeader ? (
                <th key={ci} scope="row">
                  {displayCell(r[ci] ?? null, c)}
                </th>
              ) : (
                <td key={ci}>{displayCell(r[ci] ?? null, c)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
