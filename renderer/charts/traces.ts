// Plotly traces more than one chart draws the same way. No React.
import type { Data } from 'plotly.js';
import type { ChartTheme } from './plotly';

/** Values in words just right of each bar or whisker end (x), in the theme's text colour; no hover, no legend. */
export function labelsRight(t: ChartTheme, y: string[], x: (number | null)[], text: string[]): Data {
  return {
    type: 'scatter',
    mode: 'text',
    y,
    x,
    text,
    textposition: 'middle right',
    textfont: { size: 15, color: t.text },
    cliponaxis: false,
    hoverinfo: 'skip',
    showlegend: false,
  } as Data;
}
