// The one file that knows pptxgenjs. The deck exporter (pptx.ts) speaks only the small interface below (slides,
// text boxes, tables, native charts, rectangles, lines, notes), so the library can be swapped by rewriting this file.
//
// Offline by construction: pptxgenjs fetches media given by `path` (https.get in Node, XHR in a browser) and writes
// hyperlinks as external relationships. This adapter exposes neither: no images, no links, nothing with a path.
//
// After pptxgenjs writes the file, chart parts are tidied: a missing value (a withheld figure) is written by
// pptxgenjs as an empty <c:v></c:v>, which is not a number; the point is dropped instead (a sparse numCache is how
// OOXML says "no value", and PowerPoint and LibreOffice draw a gap, never a zero); scatter tick labels are moved to
// the plot's edges (see dropEmptyChartPoints).
import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';

/** Position and size in inches, on a 10 × 5.625 in (16:9) slide. */
export interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  bullet?: boolean;
  /** End the paragraph after this run. */
  breakLine?: boolean;
}

export interface TextStyle {
  size: number;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle' | 'bottom';
  fill?: string;
  /** Shrink the text on overflow (PowerPoint's "shrink text on overflow"). */
  shrink?: boolean;
}

export interface TableCell {
  text: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

export interface NativeChart {
  type: 'bar' | 'line' | 'scatter';
  horizontal?: boolean;
  /** Category labels (bar, line); for scatter the x values are in `x`. */
  categories: string[];
  x?: number[];
  series: { name: string; values: (number | null)[]; pointLabels?: string[] }[];
  /** Excel number format for value labels and the value axis (e.g. '#,##0', '0.0%', '+0.0;-0.0;0.0'). */
  valueFormat: string;
  valueAxisTitle?: string;
  categoryAxisTitle?: string;
  showValues: boolean;
  colours: string[];
  /** Where the axes cross (scatter quadrants): the axis lines become the quadrant lines. */
  crossAt?: { x: number; y: number };
  fontSize: number;
}

export interface SlideWriter {
  background(colour: string): void;
  text(content: string | TextRun[], frame: Frame, style: TextStyle): void;
  table(rows: TableCell[][], frame: Frame, o: { size: number; colW: number[]; headerRows: number }): void;
  chart(chart: NativeChart, frame: Frame): void;
  rect(frame: Frame, o: { fill?: string; line?: string; dash?: boolean; lineWidth?: number; rounded?: boolean }): void;
  line(x0: number, y0: number, x1: number, y1: number, o: { colour: string; widthPt: number; dash?: boolean; transparency?: number }): void;
  notes(text: string): void;
}

export interface DeckWriter {
  addSlide(): SlideWriter;
  write(): Promise<Buffer>;
}

export const SLIDE_W = 10;
export const SLIDE_H = 5.625;
const FONT = 'Calibri';
const hex = (c: string) => c.replace(/^#/, '').toUpperCase();
const NO_LINE: PptxGenJS.BorderProps = { type: 'none' };
/** Tables are ruled like the HTML export: a strong line under the header, hairlines between rows. */
const HEADER_BORDER: [PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps] = [NO_LINE, NO_LINE, { type: 'solid', pt: 1.5, color: '222222' }, NO_LINE];
const ROW_BORDER: [PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps, PptxGenJS.BorderProps] = [NO_LINE, NO_LINE, { type: 'solid', pt: 0.5, color: 'C8C8C8' }, NO_LINE];

export function createDeckWriter(meta: { title: string; subject?: string }): DeckWriter {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = meta.title;
  pptx.subject = meta.subject ?? '';
  pptx.company = '';
  pptx.author = 'CX Workbench';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };

  const slideWriter = (slide: PptxGenJS.Slide): SlideWriter => ({
    background(colour) {
      slide.background = { color: hex(colour) };
    },
    text(content, frame, style) {
      const runs =
        typeof content === 'string'
          ? content
          : content.map((r) => ({
              text: r.text,
              options: { bold: r.bold, italic: r.italic, fontSize: r.size, color: r.color ? hex(r.color) : undefined, bullet: r.bullet ? { indent: 14 } : undefined, breakLine: r.breakLine },
            }));
      slide.addText(runs, {
        ...frame,
        fontFace: FONT,
        fontSize: style.size,
        color: hex(style.color ?? '#111111'),
        bold: style.bold,
        italic: style.italic,
        align: style.align ?? 'left',
        valign: style.valign ?? 'top',
        fill: style.fill ? { color: hex(style.fill) } : undefined,
        fit: style.shrink ? 'shrink' : undefined,
        margin: 2,
      });
    },
    table(rows, frame, o) {
      const data = rows.map((row, r) =>
        row.map((cell) => ({
          text: cell.text,
          options: {
            bold: cell.bold ?? r < o.headerRows,
            italic: cell.italic,
            color: hex(cell.color ?? '#111111'),
            align: cell.align ?? 'left',
            border: r < o.headerRows ? HEADER_BORDER : ROW_BORDER,
          },
        })),
      );
      slide.addTable(data, { x: frame.x, y: frame.y, w: frame.w, colW: o.colW, fontFace: FONT, fontSize: o.size, autoPage: false, valign: 'middle', margin: 3 });
    },
    chart(chart, frame) {
      const common = {
        ...frame,
        fontFace: FONT,
        // One series gets one colour: with several, pptxgenjs colours each bar differently (a rainbow that means nothing).
        chartColors: (chart.series.length === 1 ? chart.colours.slice(0, 1) : chart.colours).map(hex),
        showLegend: chart.series.length > 1,
        legendPos: 't' as const,
        legendFontSize: chart.fontSize,
        showValue: chart.showValues,
        dataLabelFormatCode: chart.valueFormat,
        dataLabelFontSize: chart.fontSize - 1,
        valAxisLabelFormatCode: chart.valueFormat,
        valAxisLabelFontSize: chart.fontSize,
        catAxisLabelFontSize: chart.fontSize,
        showValAxisTitle: Boolean(chart.valueAxisTitle),
        valAxisTitle: chart.valueAxisTitle,
        valAxisTitleFontSize: chart.fontSize,
        showCatAxisTitle: Boolean(chart.categoryAxisTitle),
        catAxisTitle: chart.categoryAxisTitle,
        catAxisTitleFontSize: chart.fontSize,
        valGridLine: { color: 'D9D9D9', size: 0.5 },
      };
      if (chart.type === 'scatter') {
        const data = [{ name: 'X', values: chart.x ?? [] }, ...chart.series.map((s) => ({ name: s.name, values: s.values as number[], labels: [s.pointLabels ?? []] }))];
        slide.addChart(pptx.ChartType.scatter, data as PptxGenJS.OptsChartData[], {
          ...common,
          showValue: false,
          showLabel: chart.series.some((s) => s.pointLabels?.length),
          dataLabelFormatScatter: 'custom',
          dataLabelPosition: 'r',
          lineSize: 0,
          lineDataSymbol: 'circle',
          lineDataSymbolSize: 9,
          valAxisCrossesAt: chart.crossAt?.y,
          catAxisCrossesAt: chart.crossAt?.x,
          catAxisLabelPos: 'low',
          valAxisLabelPos: 'low',
          showLegend: chart.series.length > 1,
        });
        return;
      }
      const data = chart.series.map((s) => ({ name: s.name, labels: chart.categories, values: s.values as number[] }));
      if (chart.type === 'bar') {
        // Category labels at the low end, not at zero: a negative bar would otherwise run into its label.
        slide.addChart(pptx.ChartType.bar, data, { ...common, barDir: chart.horizontal ? 'bar' : 'col', barGrouping: 'clustered', barGapWidthPct: 60, dataLabelPosition: 'outEnd', catAxisLabelPos: 'low' });
      } else {
        slide.addChart(pptx.ChartType.line, data, { ...common, lineSize: 2.5, lineDataSymbol: 'circle', lineDataSymbolSize: 7, dataLabelPosition: 't' });
      }
    },
    rect(frame, o) {
      slide.addShape(o.rounded ? pptx.ShapeType.roundRect : pptx.ShapeType.rect, {
        ...frame,
        fill: o.fill ? { color: hex(o.fill) } : { type: 'none' },
        line: o.line ? { color: hex(o.line), width: o.lineWidth ?? 1, dashType: o.dash ? 'dash' : 'solid' } : { type: 'none' },
        rectRadius: o.rounded ? 0.08 : undefined,
      });
    },
    line(x0, y0, x1, y1, o) {
      // A line shape spans its box from top-left to bottom-right; flipV makes it rise instead.
      slide.addShape(pptx.ShapeType.line, {
        x: Math.min(x0, x1),
        y: Math.min(y0, y1),
        w: Math.max(0.001, Math.abs(x1 - x0)),
        h: Math.max(0.001, Math.abs(y1 - y0)),
        flipV: (y1 < y0) !== (x1 < x0),
        line: { color: hex(o.colour), width: o.widthPt, dashType: o.dash ? 'dash' : 'solid', transparency: o.transparency },
      });
    },
    notes(text) {
      if (text.trim()) slide.addNotes(text);
    },
  });

  return {
    addSlide: () => slideWriter(pptx.addSlide()),
    async write() {
      const raw = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
      return dropEmptyChartPoints(raw);
    },
  };
}

/** Remove <c:pt> entries without a value from every chart part (see the header). */
async function dropEmptyChartPoints(file: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const charts = Object.keys(zip.files).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name));
  if (charts.length === 0) return file;
  for (const name of charts) {
    const xml = await zip.file(name)!.async('string');
    let tidy = xml.replace(/<c:pt idx="\d+">\s*<c:v>\s*<\/c:v>\s*<\/c:pt>/g, '');
    // pptxgenjs pins a scatter chart's tick labels "nextTo" the axis; when the axes cross mid-plot (quadrants) that
    // writes the numbers through the middle of the chart. "low" keeps them at the plot's edges.
    if (tidy.includes('<c:scatterChart>')) tidy = tidy.replace(/<c:tickLblPos val="nextTo"\/>/g, '<c:tickLblPos val="low"/>');
    zip.file(name, tidy);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
