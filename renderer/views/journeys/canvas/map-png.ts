// The map as a PNG, drawn in the page with the 2D canvas API (no DOM snapshot, no image loading, nothing leaves
// the machine): title and persona, the stages × lanes grid with wrapped card texts and evidence markers, and the
// emotion curve. Always light and at twice the pixel density, so it prints and projects crisply.
import { JOURNEY_LANES, LANE_LABELS, isSideStepColumn, type JourneyCard, type JourneyMap } from '../../../../shared/journeys';
import { curveParts } from '../side-steps';
import { cellCards, curvePoints, emotionColor, evidenceText } from './map-model';
import { maxOf } from '../../../../shared/extent';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';
const C = {
  bg: '#ffffff',
  text: '#111827',
  muted: '#4b5563',
  border: '#cfd4dc',
  lane: '#eef0f4',
  accent: '#3b5bdb',
  assumedBg: '#fff8e1',
  assumedBorder: '#a16207',
  grid: '#d5d9e0',
  line: '#374151',
};
const PAD = 32;
const LANE_W = 180;
const CARD_PAD = 10;
const TEXT_PX = 16;
const TEXT_LINE = 21;
const EV_PX = 13;
const EV_LINE = 18;
const GAP = 8;
const CELL_PAD = 10;
const CURVE_H = 120;
const HEADER_LINE = 23;

export async function mapToPngBlob(map: JourneyMap, scale = 2): Promise<Blob> {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas, so the PNG cannot be made.');
  const layout = measure(ctx, map);
  canvas.width = Math.ceil(layout.width * scale);
  canvas.height = Math.ceil(layout.height * scale);
  ctx.scale(scale, scale);
  draw(ctx, map, layout);
  return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be encoded.'))), 'image/png'));
}

interface CardBox {
  card: JourneyCard;
  lines: string[];
  ev: string;
  height: number;
}
interface Layout {
  width: number;
  height: number;
  colW: number;
  top: number;
  headerH: number;
  stageLines: string[][];
  headLines: { text: string; px: number; weight: number; color: string }[];
  rows: { lane: (typeof JOURNEY_LANES)[number]; y: number; height: number; cells: CardBox[][] }[];
  curveY: number;
}

function font(px: number, weight = 400, italic = false): string {
  return `${italic ? 'italic ' : ''}${weight} ${px}px ${FONT}`;
}

function measure(ctx: CanvasRenderingContext2D, map: JourneyMap): Layout {
  const n = Math.max(1, map.stages.length);
  const colW = n <= 4 ? 300 : n <= 7 ? 250 : 220;
  const width = PAD * 2 + LANE_W + n * colW;
  const inner = colW - CELL_PAD * 2 - CARD_PAD * 2 - 4;

  const headLines: Layout['headLines'] = [{ text: map.name, px: 30, weight: 700, color: C.text }];
  const measured = map.cards.filter((c) => c.evidence === 'measured').length;
  headLines.push({ text: `Journey map · ${map.stages.length} stages · ${map.cards.length} cards (${measured} measured, ${map.cards.length - measured} assumed)`, px: 15, weight: 400, color: C.muted });
  if (map.persona && (map.persona.name || map.persona.note)) {
    ctx.font = font(16);
    const persona = `Persona: ${map.persona.name || 'unnamed'}${map.persona.note ? ` — ${map.persona.note}` : ''}`;
    for (const line of wrap(ctx, persona, width - PAD * 2).slice(0, 4)) headLines.push({ text: line, px: 16, weight: 400, color: C.text });
  }
  const top = PAD + headLines.reduce((h, l) => h + l.px * 1.45, 0) + 16;
  ctx.font = font(18, 700);
  const stageLines = map.stages.map((s) => clampLines(ctx, wrap(ctx, s.name || 'Untitled stage', colW - 58), 2, colW - 58));
  const headerH = Math.max(52, Math.max(1, maxOf(stageLines.map((l) => l.length))) * HEADER_LINE + 22);

  let y = top + headerH;
  let curveY = 0;
  const rows: Layout['rows'] = [];
  for (const lane of JOURNEY_LANES) {
    if (lane === 'emotions') {
      curveY = y;
      y += CURVE_H;
    }
    const cells = map.stages.map((s) =>
      cellCards(map, lane, s.id).map((card): CardBox => {
        ctx.font = font(TEXT_PX);
        // An emotion value sits in a chip at the top right; the first line leaves room for it.
        const chip = chipWidth(ctx, card);
        const lines = wrapFirstNarrower(ctx, card.text || ' ', inner, chip ? chip + 8 : 0);
        const ev = evidenceText(card).label;
        ctx.font = font(EV_PX, 600);
        const evLines = wrap(ctx, ev, inner).length;
        return { card, lines, ev, height: CARD_PAD * 2 + lines.length * TEXT_LINE + 4 + evLines * EV_LINE };
      }),
    );
    const tallest = Math.max(0, maxOf(cells.map((boxes) => boxes.reduce((h, b) => h + b.height + GAP, 0) - (boxes.length ? GAP : 0))));
    const height = Math.max(lane === 'emotions' ? 48 : 64, tallest + CELL_PAD * 2);
    rows.push({ lane, y, height, cells });
    y += height;
  }
  return { width, height: y + PAD, colW, top, headerH, stageLines, headLines, rows, curveY };
}

function draw(ctx: CanvasRenderingContext2D, map: JourneyMap, L: Layout): void {
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, L.width, L.height);
  ctx.textBaseline = 'top';

  let hy = PAD;
  for (const line of L.headLines) {
    ctx.font = font(line.px, line.weight);
    ctx.fillStyle = line.color;
    ctx.fillText(line.text, PAD, hy);
    hy += line.px * 1.45;
  }

  const gridX = PAD;
  const gridW = LANE_W + map.stages.length * L.colW;
  const colX = (i: number) => gridX + LANE_W + i * L.colW;
  const bottom = L.rows[L.rows.length - 1].y + L.rows[L.rows.length - 1].height;

  // Header and lane label backgrounds, then the grid lines over them.
  ctx.fillStyle = C.lane;
  ctx.fillRect(gridX, L.top, gridW, L.headerH);
  ctx.fillRect(gridX, L.top, LANE_W, bottom - L.top);
  ctx.font = font(13, 700);
  ctx.fillStyle = C.muted;
  ctx.fillText('STAGE', gridX + 12, L.top + L.headerH / 2 - 7);
  map.stages.forEach((_s, i) => {
    const x = colX(i) + 12;
    const mid = L.top + L.headerH / 2;
    ctx.fillStyle = C.accent;
    ctx.beginPath();
    ctx.arc(x + 13, mid, 13, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = font(14, 700);
    ctx.textAlign = 'center';
    ctx.fillText(String(i + 1), x + 13, mid - 8);
    ctx.textAlign = 'left';
    ctx.fillStyle = C.text;
    ctx.font = font(18, 700);
    const lines = L.stageLines[i];
    lines.forEach((line, k) => ctx.fillText(line, x + 34, mid - (lines.length * HEADER_LINE) / 2 + k * HEADER_LINE + 2));
  });

  for (const row of L.rows) {
    const labelY = row.lane === 'emotions' ? L.curveY : row.y;
    ctx.fillStyle = C.text;
    ctx.font = font(16, 700);
    ctx.fillText(LANE_LABELS[row.lane], gridX + 12, labelY + 12);
    if (row.lane === 'emotions') {
      ctx.fillStyle = C.muted;
      ctx.font = font(13);
      ctx.fillText(`curve on ${round2(map.emotionScale[0])}–${round2(map.emotionScale[1])}`, gridX + 12, labelY + 34);
    }
    row.cells.forEach((boxes, i) => {
      let cy = row.y + CELL_PAD;
      for (const box of boxes) {
        drawCard(ctx, box, colX(i) + CELL_PAD, cy, L.colW - CELL_PAD * 2, map.emotionScale);
        cy += box.height + GAP;
      }
    });
  }
  drawCurve(ctx, map, colX(0), L.curveY, map.stages.length * L.colW);

  ctx.strokeStyle = C.border;
  ctx.lineWidth = 1;
  const hline = (y: number, from = gridX) => {
    ctx.beginPath();
    ctx.moveTo(from, y + 0.5);
    ctx.lineTo(gridX + gridW, y + 0.5);
    ctx.stroke();
  };
  hline(L.top + L.headerH);
  for (const row of L.rows.slice(1)) hline(row.lane === 'emotions' ? L.curveY : row.y);
  for (let i = 0; i <= map.stages.length; i++) {
    ctx.beginPath();
    ctx.moveTo(colX(i) + 0.5, L.top);
    ctx.lineTo(colX(i) + 0.5, bottom);
    ctx.stroke();
  }
  ctx.strokeRect(gridX + 0.5, L.top + 0.5, gridW, bottom - L.top);
}

function drawCard(ctx: CanvasRenderingContext2D, box: CardBox, x: number, y: number, w: number, scale: [number, number]): void {
  const measured = box.card.evidence === 'measured';
  ctx.fillStyle = measured ? '#ffffff' : C.assumedBg;
  roundRect(ctx, x, y, w, box.height, 8);
  ctx.fill();
  ctx.setLineDash(measured ? [] : [6, 4]);
  ctx.strokeStyle = measured ? C.border : C.assumedBorder;
  ctx.lineWidth = 1.5;
  roundRect(ctx, x, y, w, box.height, 8);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = measured ? C.accent : C.assumedBorder;
  ctx.fillRect(x, y + 4, 5, box.height - 8);

  const chip = chipWidth(ctx, box.card);
  if (chip && box.card.value !== undefined) {
    ctx.fillStyle = emotionColor((box.card.value - scale[0]) / (scale[1] - scale[0]));
    roundRect(ctx, x + w - CARD_PAD - chip, y + CARD_PAD - 1, chip, TEXT_LINE - 1, 10);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = font(TEXT_PX - 1, 700);
    ctx.textAlign = 'center';
    ctx.fillText(String(round2(box.card.value)), x + w - CARD_PAD - chip / 2, y + CARD_PAD + 1);
    ctx.textAlign = 'left';
  }
  let ty = y + CARD_PAD;
  ctx.fillStyle = C.text;
  ctx.font = font(TEXT_PX);
  for (const line of box.lines) {
    ctx.fillText(line, x + CARD_PAD + 4, ty);
    ty += TEXT_LINE;
  }
  ty += 4;
  ctx.fillStyle = C.muted;
  ctx.font = font(EV_PX, 600, !measured);
  for (const line of wrap(ctx, box.ev, w - CARD_PAD * 2 - 4)) {
    ctx.fillText(line, x + CARD_PAD + 4, ty);
    ty += EV_LINE;
  }
}

function drawCurve(ctx: CanvasRenderingContext2D, map: JourneyMap, x0: number, y0: number, w: number): void {
  const [lo, hi] = map.emotionScale;
  const pts = curvePoints(map);
  const colW = w / Math.max(1, pts.length);
  const y = (v: number) => y0 + CURVE_H - 12 - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (CURVE_H - 46);
  ctx.strokeStyle = C.grid;
  ctx.setLineDash([4, 4]);
  ctx.lineWidth = 1;
  for (const v of [lo, (lo + hi) / 2, hi]) {
    ctx.beginPath();
    ctx.moveTo(x0, y(v));
    ctx.lineTo(x0 + w, y(v));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = C.line;
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  // Side-step columns are open diamonds, not joined to the line (side-steps.ts: the same rule as on screen).
  const { runs, apart } = curveParts(pts, map.stages.map(isSideStepColumn));
  const px = (i: number) => x0 + (i + 0.5) * colW;
  ctx.beginPath();
  for (const run of runs) run.forEach((i, k) => (k ? ctx.lineTo(px(i), y(pts[i]!)) : ctx.moveTo(px(i), y(pts[i]!))));
  ctx.stroke();
  pts.forEach((v, i) => {
    if (v === null) return;
    const color = emotionColor((v - lo) / (hi - lo));
    ctx.beginPath();
    if (apart.includes(i)) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 3;
      ctx.moveTo(px(i), y(v) - 10);
      ctx.lineTo(px(i) + 10, y(v));
      ctx.lineTo(px(i), y(v) + 10);
      ctx.lineTo(px(i) - 10, y(v));
      ctx.closePath();
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.arc(px(i), y(v), 8, 0, Math.PI * 2);
      ctx.fill();
    }
    // The value above its dot, clear of the line on either side.
    ctx.fillStyle = C.text;
    ctx.font = font(14, 700);
    ctx.textAlign = 'center';
    ctx.fillText(String(round2(v)), px(i), y(v) - 28);
    ctx.textAlign = 'left';
  });
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function chipWidth(ctx: CanvasRenderingContext2D, card: JourneyCard): number {
  if (card.lane !== 'emotions' || card.value === undefined) return 0;
  ctx.font = font(TEXT_PX - 1, 700);
  const w = ctx.measureText(String(round2(card.value))).width + 16;
  ctx.font = font(TEXT_PX);
  return w;
}

/** Wraps with the first line `less` narrower (room for a chip), the rest at full width. */
function wrapFirstNarrower(ctx: CanvasRenderingContext2D, text: string, width: number, less: number): string[] {
  return wrap(ctx, text, (line) => (line === 0 ? width - less : width));
}

/** Greedy word wrap by measured width (per output line); words longer than a line are cut; newlines are kept. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number | ((line: number) => number)): string[] {
  const widthAt = typeof width === 'number' ? () => width : width;
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (ctx.measureText(candidate).width <= widthAt(out.length)) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      let rest = word;
      while (ctx.measureText(rest).width > widthAt(out.length) && rest.length > 1) {
        let k = rest.length - 1;
        while (k > 1 && ctx.measureText(rest.slice(0, k)).width > widthAt(out.length)) k--;
        out.push(rest.slice(0, k));
        rest = rest.slice(k);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

/** At most `max` lines, the last one cut with an ellipsis when more text follows. */
function clampLines(ctx: CanvasRenderingContext2D, lines: string[], max: number, width: number): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), ellipsis(ctx, lines.slice(max - 1).join(' '), width)];
}

function ellipsis(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let k = text.length;
  while (k > 1 && ctx.measureText(`${text.slice(0, k)}…`).width > width) k--;
  return `${text.slice(0, k)}…`;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}
