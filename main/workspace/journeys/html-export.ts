// A journey map as one self-contained HTML page: inline CSS, the stages × lanes grid as a table, the emotion curve
// as inline SVG. No script and no reference to anything outside the file (a CSP meta tag forbids loading any, in
// case a future edit slips one in), and every text the analyst typed is escaped, so the page is safe to mail
// around and open anywhere. Reads on a projector (large type, high contrast, dark when the viewer prefers it) and
// prints on landscape pages.
import { JOURNEY_LANES, LANE_LABELS, isSideStepColumn, type JourneyCard, type JourneyMap } from '../../../shared/journeys';
import { count, rating } from './map-format';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function journeyMapHtml(map: JourneyMap): { fileName: string; html: string } {
  return { fileName: journeyMapFileName(map.name), html: renderPage(map) };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function renderPage(map: JourneyMap): string {
  const measured = map.cards.filter((c) => c.evidence === 'measured').length;
  const n = Math.max(1, map.stages.length);
  const saved = map.updatedAt ? ` · saved ${escapeHtml(map.updatedAt.slice(0, 16).replace('T', ' '))} UTC` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(map.name)} — journey map</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<h1>${escapeHtml(map.name)}</h1>
<p class="meta">Journey map · version ${map.version}${saved} · ${plural(map.stages.length, 'stage')} · ${plural(map.cards.length, 'card')} (${measured} measured, ${map.cards.length - measured} assumed)</p>
${renderPersona(map)}
<p class="legend"><span class="card measured sample"><span class="ev">measured · n = …</span></span> computed from the data, with the number of journeys or events it rests on
<span class="card assumed sample"><span class="ev">assumed</span></span> written or edited by people in the workshop</p>
</header>
<main>
<table class="map" style="min-width:${160 + n * 190}px">
<colgroup><col class="lane-col">${map.stages.map(() => '<col>').join('')}</colgroup>
<thead><tr><th scope="col" class="corner">Stage</th>${map.stages.map((s, i) => `<th scope="col" class="stage"><span class="num">${i + 1}</span>${escapeHtml(s.name || 'Untitled stage')}</th>`).join('')}</tr></thead>
<tbody>
${JOURNEY_LANES.map((lane) => renderLane(map, lane)).join('\n')}
</tbody>
</table>
</main>
${renderFooter(map)}
</body>
</html>
`;
}

function renderLane(map: JourneyMap, lane: (typeof JOURNEY_LANES)[number]): string {
  const cells = map.stages.map((s) => `<td>${map.cards.filter((c) => c.lane === lane && c.stageId === s.id).map((c) => renderCard(c, map.emotionScale)).join('')}</td>`).join('');
  if (lane !== 'emotions') return `<tr class="lane-${lane}"><th scope="row">${LANE_LABELS[lane]}</th>${cells}</tr>`;
  const [lo, hi] = map.emotionScale;
  return `<tr class="lane-emotions curve-row"><th scope="row" rowspan="2">${LANE_LABELS.emotions}<span class="scale">curve on ${rating(lo)}–${rating(hi)}</span></th><td class="curve" colspan="${Math.max(1, map.stages.length)}">${renderCurve(map)}</td></tr>
<tr class="lane-emotions">${cells}</tr>`;
}

function renderCard(card: JourneyCard, scale: [number, number]): string {
  const value =
    card.lane === 'emotions' && card.value !== undefined
      ? `<span class="value" style="background:${emotionColor((card.value - scale[0]) / (scale[1] - scale[0]))}">${escapeHtml(rating(Number(card.value.toFixed(2))))}</span>`
      : '';
  return `<div class="card ${card.evidence}">${value}<p class="text">${escapeHtml(card.text)}</p><p class="ev">${escapeHtml(evidenceLabel(card))}</p></div>`;
}

/** "measured · n = 1,234"; an assumed card that still carries an n was edited from a measured one and says so. */
export function evidenceLabel(card: Pick<JourneyCard, 'evidence' | 'n'>): string {
  if (card.evidence === 'measured') return `measured · n = ${card.n === undefined ? '?' : count(card.n)}`;
  return card.n === undefined ? 'assumed' : `assumed · edited from measured (n = ${count(card.n)})`;
}

/** One point per stage at the mean of its emotion cards' values; stages without a value break the line. */
export function curvePoints(map: JourneyMap): (number | null)[] {
  return map.stages.map((s) => {
    const values = map.cards.filter((c) => c.lane === 'emotions' && c.stageId === s.id && c.value !== undefined).map((c) => c.value!);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  });
}

function renderCurve(map: JourneyMap): string {
  const points = curvePoints(map);
  const [lo, hi] = map.emotionScale;
  const w = Math.max(1, points.length) * 100;
  // Drawn in a 100-unit-per-stage box stretched to the row (preserveAspectRatio none): strokes keep their width
  // with non-scaling-stroke, and dots are zero-length round-capped lines, which stay round however it stretches.
  const y = (v: number) => 92 - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * 84;
  const grid = [lo, (lo + hi) / 2, hi].map((v) => `<line class="grid" x1="0" x2="${w}" y1="${y(v)}" y2="${y(v)}"/>`).join('');
  // A side-step column's point is drawn apart, not joined to the line, as in the app (renderer side-steps.ts): an
  // open ring here, since a diamond would stretch with the box.
  const side = map.stages.map(isSideStepColumn);
  const segments: string[] = [];
  let run: string[] = [];
  points.forEach((v, i) => {
    if (side[i]) return;
    if (v === null) {
      if (run.length > 1) segments.push(run.join(' '));
      run = [];
      return;
    }
    run.push(`${run.length ? 'L' : 'M'}${i * 100 + 50} ${y(v).toFixed(2)}`);
  });
  if (run.length > 1) segments.push(run.join(' '));
  const line = segments.map((d) => `<path class="line" d="${d}"/>`).join('');
  const dots = points
    .map((v, i) => {
      if (v === null) return '';
      const at = `d="M${i * 100 + 50} ${y(v).toFixed(2)} l0 0"`;
      const dot = `<path class="dot" style="stroke:${emotionColor((v - lo) / (hi - lo))}" ${at}/>`;
      return side[i] ? `${dot}<path class="side-hole" ${at}/>` : dot;
    })
    .join('');
  const label = points.map((v, i) => `${map.stages[i].name || 'Untitled stage'}: ${v === null ? 'no value' : rating(Number(v.toFixed(2)))}${side[i] && v !== null ? ', drawn apart' : ''}`).join(', ');
  return `<svg class="curve-svg" viewBox="0 0 ${w} 100" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`Emotion curve on ${rating(lo)}–${rating(hi)}: ${label}`)}">${grid}${line}${dots}</svg>`;
}

/** Red (low) through amber to green (high) for a 0–1 position on the scale. */
export function emotionColor(t: number): string {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5));
  const hue = Math.round(c * 130);
  return `hsl(${hue} 70% 42%)`;
}

function renderPersona(map: JourneyMap): string {
  const p = map.persona;
  if (!p || (!p.name && !p.note)) return '';
  const link = p.segmentation ? `<p class="persona-link">Segment ${p.segment !== undefined ? p.segment + 1 : ''} of “${escapeHtml(p.segmentation)}”</p>` : '';
  return `<section class="persona" aria-label="Persona"><h2>Persona: ${escapeHtml(p.name || 'unnamed')}</h2>${p.note ? `<p class="note">${escapeHtml(p.note)}</p>` : ''}${link}</section>`;
}

function renderFooter(map: JourneyMap): string {
  const s = map.seededFrom;
  if (!s) return '<footer><p>Every card on this map was written by people; none was computed from data.</p></footer>';
  const cols = [`journey id “${s.customer}”`, `step “${s.step}”`, `time “${s.time}”`, s.channel ? `channel “${s.channel}”` : '', s.satisfaction ? `satisfaction “${s.satisfaction}”` : '', s.nps ? `NPS “${s.nps}”` : '']
    .filter(Boolean)
    .join(', ');
  const seg = s.segmentation ? `, joined with segmentation “${s.segmentation}”` : '';
  return `<footer><p>Seeded from the dataset “${escapeHtml(s.dataset)}” (${escapeHtml(cols)}${escapeHtml(seg)}). Measured cards show the figures at seeding time; n is the number of journeys (events for channel mix) each rests on.</p></footer>`;
}

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "<name> journey map.html", without saying it twice: a map already named "Checkout journey map" (the default
 * names end so) gives "Checkout journey map.html", not "… journey map journey map.html". Case, and "-"/"_" for
 * spaces, do not matter for the comparison; the name keeps its own spelling.
 */
export function journeyMapFileName(name: string): string {
  const base = safeFileName(name);
  const words = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  return words(base).endsWith('journey map') ? `${base}.html` : `${base} journey map.html`;
}

/** A map name as a file name: characters no file system accepts become "_". */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned || 'journey map';
}

// System fonts only (nothing to fetch). Light by default, dark when the viewer asks for it; print is always light.
const STYLES = `
:root{color-scheme:light dark;--bg:#f7f8fa;--surface:#fff;--text:#111827;--muted:#4b5563;--border:#cfd4dc;--lane:#eef0f4;--accent:#3b5bdb;--assumed-bg:#fff8e1;--assumed-border:#a16207;--grid:#d5d9e0;--line:#374151}
@media (prefers-color-scheme:dark){:root{--bg:#121418;--surface:#1f2229;--text:#f3f4f6;--muted:#c9cdd6;--border:#3a3f4b;--lane:#17191f;--accent:#91a7ff;--assumed-bg:#2b2410;--assumed-border:#fbbf24;--grid:#3a3f4b;--line:#e5e7eb}}
*{box-sizing:border-box}
body{margin:0;padding:28px 32px 40px;background:var(--bg);color:var(--text);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif}
h1{font-size:32px;line-height:1.2;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:19px;margin:0 0 4px}
.meta{color:var(--muted);margin:0 0 14px}
.persona{border:1px solid var(--border);border-left:6px solid var(--accent);background:var(--surface);border-radius:8px;padding:12px 16px;margin:0 0 14px;max-width:1100px}
.persona .note{margin:0;white-space:pre-wrap}
.persona-link{margin:6px 0 0;color:var(--muted);font-size:14px}
.legend{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;color:var(--muted);font-size:14px;margin:0 0 16px}
.legend .sample{display:inline-block;margin:0;padding:2px 8px}
main{overflow-x:auto}
table.map{width:100%;table-layout:fixed;border-collapse:separate;border-spacing:0;background:var(--surface);border:1px solid var(--border);border-radius:10px}
col.lane-col{width:160px}
th,td{border-bottom:1px solid var(--border);border-right:1px solid var(--border);vertical-align:top;padding:10px}
tr:last-child>th,tr:last-child>td{border-bottom:0}
th:last-child,td:last-child{border-right:0}
thead th{background:var(--lane);font-size:18px;text-align:left;padding:12px 10px}
thead th.corner{color:var(--muted);font-size:14px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.num{display:inline-block;min-width:26px;height:26px;margin-right:8px;border-radius:13px;background:var(--accent);color:var(--surface);font-size:14px;line-height:26px;text-align:center;vertical-align:1px}
tbody th{background:var(--lane);text-align:left;font-size:16px}
.scale{display:block;font-weight:400;color:var(--muted);font-size:13px;margin-top:2px}
td.curve{padding:0;height:120px}
tr.curve-row td{border-bottom:0}
.curve-svg{display:block;width:100%;height:120px}
.curve-svg .grid{stroke:var(--grid);stroke-width:1;vector-effect:non-scaling-stroke;stroke-dasharray:4 4}
.curve-svg .line{fill:none;stroke:var(--line);stroke-width:3;vector-effect:non-scaling-stroke;stroke-linejoin:round}
.curve-svg .dot{stroke-width:16;stroke-linecap:round;vector-effect:non-scaling-stroke}
.curve-svg .side-hole{stroke:var(--surface);stroke-width:9;stroke-linecap:round;vector-effect:non-scaling-stroke}
.card{position:relative;background:var(--surface);border:1.5px solid var(--border);border-left:5px solid var(--accent);border-radius:8px;padding:8px 10px;margin:0 0 8px;break-inside:avoid}
.card:last-child{margin-bottom:0}
.card.assumed{background:var(--assumed-bg);border:1.5px dashed var(--assumed-border);border-left:5px solid var(--assumed-border)}
.card .text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.card .ev{margin:4px 0 0;font-size:13px;color:var(--muted);font-weight:600}
.card.assumed .ev{font-style:italic}
.card .value{float:right;margin:0 0 4px 8px;padding:0 8px;border-radius:10px;color:#fff;font-weight:700;font-size:15px;line-height:22px}
footer{color:var(--muted);font-size:14px;margin-top:16px;max-width:1100px}
@page{size:landscape;margin:10mm}
@media print{
:root{--bg:#fff;--surface:#fff;--text:#000;--muted:#333;--border:#999;--lane:#f0f0f0;--accent:#1f3a93;--assumed-bg:#fffbea;--assumed-border:#7a4a00;--grid:#bbb;--line:#222}
body{padding:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:18pt}
main{overflow:visible}
table.map{min-width:0!important;border-radius:0}
thead{display:table-header-group}
tr{break-inside:avoid}
thead th{font-size:11pt}
.card .ev{font-size:8pt}
col.lane-col{width:128px}
tbody th{font-size:10pt;overflow-wrap:anywhere}
}
`;
