// Plotly, loaded on first use (its own chunk, so the main bundle stays small), with one offline configuration:
// no logo, no cloud links, no MathJax or topojson fetches. Colours follow the app's light/dark tokens.
import type { Config, Layout, PlotlyHTMLElement } from 'plotly.js';

export type PlotlyModule = typeof import('plotly.js-strict-dist-min');

let loading: Promise<PlotlyModule> | null = null;

export function loadPlotly(): Promise<PlotlyModule> {
  if (!loading) {
    loading = import('plotly.js-strict-dist-min').then((mod) => {
      const m = mod as PlotlyModule & { default?: PlotlyModule };
      return m.default ?? m;
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Everything that could reach the network stays off; the mode bar keeps only zoom, pan and reset. */
export const PLOTLY_CONFIG: Partial<Config> = {
  displaylogo: false,
  showLink: false,
  sendData: false,
  showEditInChartStudio: false,
  showSources: false,
  responsive: true,
  displayModeBar: 'hover',
  typesetMath: false,
  topojsonURL: '',
  modeBarButtonsToRemove: ['toImage', 'sendDataToCloud', 'lasso2d', 'select2d', 'autoScale2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
} as Partial<Config>;

export interface ChartTheme {
  dark: boolean;
  paper: string;
  text: string;
  muted: string;
  grid: string;
  line: string;
  accent: string;
}

export function chartTheme(dark: boolean): ChartTheme {
  return dark
    ? { dark, paper: '#17191F', text: '#E6E8EC', muted: '#9AA1AD', grid: '#2B2F38', line: '#3A3F4B', accent: '#8C9EFF' }
    : { dark, paper: '#FFFFFF', text: '#1F2329', muted: '#6B7280', grid: '#E9ECF0', line: '#CFD4DC', accent: '#3B5BDB' };
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** Base layout: solid background (so exported PNGs read on any slide), readable type, quiet grid. */
export function baseLayout(t: ChartTheme): Partial<Layout> {
  const axis = { gridcolor: t.grid, linecolor: t.line, zerolinecolor: t.line, tickfont: { size: 13, color: t.muted }, automargin: true };
  return {
    paper_bgcolor: t.paper,
    plot_bgcolor: t.paper,
    font: { family: FONT, size: 14, color: t.text },
    margin: { l: 56, r: 24, t: 24, b: 48 },
    hoverlabel: { font: { family: FONT, size: 13 } },
    legend: { font: { size: 13, color: t.text }, bgcolor: 'rgba(0,0,0,0)' },
    xaxis: { ...axis },
    yaxis: { ...axis },
  } as Partial<Layout>;
}

/** PNG of the chart as a data: URL download (no network, no blob leaks). */
export async function exportPng(el: HTMLElement, fileName: string, size: { width: number; height: number }): Promise<void> {
  const Plotly = await loadPlotly();
  const url = await Plotly.toImage(el as PlotlyHTMLElement, { format: 'png', width: size.width, height: size.height, scale: 2 });
  const a = document.createElement('a');
  a.href = url;
  a.download = `${safeFileName(fileName)}.png`;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^\w\s.=-]+/g, '')
    .trim()
    .replace(/\s+/g, '-');
  return cleaned.slice(0, 80) || 'chart';
}

/** WebGL usable in this window (a GPU-less VM or a locked-down policy may not have it). */
export function hasWebGL(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}
