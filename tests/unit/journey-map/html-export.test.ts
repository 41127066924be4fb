// The HTML export: everything typed is escaped, nothing is fetched or run (no script, no URL of any kind), the
// markup nests properly, and the grid, evidence markers and emotion curve carry the map's values.
import { describe, expect, it } from 'vitest';
import { curvePoints, escapeHtml, evidenceLabel, journeyMapHtml } from '../../../main/workspace/journeys/html-export';
import { seedJourneyMap } from '../../../main/workspace/journeys/seed';
import { JOURNEY_LANES, LANE_LABELS, type JourneyMap } from '../../../shared/journeys';
import { handMap, handResult, SPEC } from './fixture';

const XSS = '<img src=x onerror=alert(1)>';

function hostile(): JourneyMap {
  const m = handMap(`Map ${XSS}`);
  m.stages[0].name = '<script>alert("stage")</script>';
  m.cards.push({ id: 'x1', lane: 'actions', stageId: 's1', text: XSS, evidence: 'assumed' });
  m.cards.push({ id: 'x2', lane: 'backstage', stageId: 's2', text: '"quoted" & \'single\' </td></tr></table>', evidence: 'assumed' });
  m.persona = { name: '<b>Ann</b>', note: '<iframe srcdoc="x">' };
  return { ...m, version: 3, updatedAt: '2025-03-01T10:00:00.000Z' };
}

const VOID = new Set(['meta', 'col', 'br', 'hr', 'img', 'input', 'link']);

/** Open/close tags must nest; returns the problems found (none for well-formed markup). */
function nestingProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = html.replace(/^<!doctype html>/i, '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [, closing, rawName, rest] = m;
    const name = rawName.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else if (!VOID.has(name) && !rest.endsWith('/')) {
      stack.push(name);
    }
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

describe('journeyMapHtml', () => {
  it('escapes every text the analyst typed: markup renders as text', () => {
    const { html } = journeyMapHtml(hostile());
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;stage&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39; &lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;');
    expect(html).toContain('Persona: &lt;b&gt;Ann&lt;/b&gt;');
    expect(html).toContain('&lt;iframe srcdoc=&quot;x&quot;&gt;');
    expect(html).toContain(`<title>Map ${escapeHtml(XSS)} — journey map</title>`);
    expect(nestingProblems(html)).toEqual([]);
  });

  it('has no script and references nothing outside the file', () => {
    for (const map of [hostile(), { ...seedJourneyMap({ name: 'Seeded', result: handResult(), spec: SPEC }), version: 1 }]) {
      const { html } = journeyMapHtml(map);
      const lower = html.toLowerCase();
      expect(lower).not.toContain('<script');
      expect(lower).not.toMatch(/https?:/);
      expect(lower).not.toContain('//');
      expect(lower).not.toContain('url(');
      expect(lower).not.toContain('@import');
      // Attributes that load or run something, looked for in the markup itself (escaped text has no tags).
      const tags = (lower.match(/<[a-z][^>]*>/g) ?? []).join('\n');
      expect(tags).toContain('<table class="map"');
      expect(tags).not.toMatch(/\s(src|href|srcset|action|xlink:href|srcdoc)=/);
      expect(tags).not.toMatch(/\son[a-z]+=/);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
    }
  });

  it('a URL typed on a card stays text, never a link', () => {
    const m = handMap();
    m.cards.push({ id: 'u', lane: 'opportunities', stageId: 's1', text: 'See https://example.com/fix', evidence: 'assumed' });
    const { html } = journeyMapHtml({ ...m, version: 1 });
    expect(html).toContain('<p class="text">See https://example.com/fix</p>');
    expect(html).not.toMatch(/<a\s/);
  });

  it('lays out stages × the 8 lanes with the cards in their cells and their evidence', () => {
    const m = { ...handMap(), version: 2, updatedAt: '2025-03-01T10:00:00.000Z' };
    const { html, fileName } = journeyMapHtml(m);
    expect(fileName).toBe('Checkout workshop journey map.html');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('version 2 · saved 2025-03-01 10:00 UTC · 2 stages · 4 cards (2 measured, 2 assumed)');
    const head = html.match(/<thead>([\s\S]*?)<\/thead>/)![1];
    expect([...head.matchAll(/<th scope="col" class="stage">([\s\S]*?)<\/th>/g)].map((x) => x[1].replace(/<[^>]+>\d+<\/span>/, ''))).toEqual(['Discover', 'Buy']);
    const rowLabels = [...html.matchAll(/<th scope="row"[^>]*>([^<]+)/g)].map((x) => x[1]);
    expect(rowLabels).toEqual(JOURNEY_LANES.map((l) => LANE_LABELS[l]));
    // The pain point card sits in the second stage's cell of the pain-point row; the first cell is empty.
    const pain = html.match(/<tr class="lane-painPoints">([\s\S]*?)<\/tr>/)![1];
    expect(pain).toBe(
      '<th scope="row">Pain points</th><td></td><td><div class="card assumed"><p class="text">Card declined\nno reason given</p><p class="ev">assumed</p></div></td>',
    );
    expect(html).toContain('<div class="card measured"><p class="text">Home page</p><p class="ev">measured · n = 1,234</p></div>');
    // 2.5 on 1–5 is 3/8 of the way up: hue round(0.375 × 130) = 49 (amber).
    expect(html).toContain('<span class="value" style="background:hsl(49 70% 42%)">2.5</span><p class="text">Satisfaction 2.5</p><p class="ev">measured · n = 300</p>');
    expect(html).toContain('<section class="persona" aria-label="Persona"><h2>Persona: Busy parent</h2><p class="note">Shops on the phone at night.</p></section>');
    expect(html).toContain('none was computed from data');
    expect(nestingProblems(html)).toEqual([]);
  });

  it('draws the emotion curve through each stage value on the map scale, breaking at stages without one', () => {
    const m = handMap();
    // s1: 4 → y = 92 − (4 − 1) / 4 × 84 = 29; s2: 2.5 → y = 92 − 1.5 / 4 × 84 = 60.5
    expect(curvePoints(m)).toEqual([4, 2.5]);
    const { html } = journeyMapHtml(m);
    expect(html).toContain('viewBox="0 0 200 100"');
    expect(html).toContain('<path class="line" d="M50 29.00 L150 60.50"/>');
    expect(html).toContain('aria-label="Emotion curve on 1–5: Discover: 4, Buy: 2.5"');

    // A third stage without a value, then a fourth with two values (their mean, 3): two separate lines of one and
    // two points — the lone point gets a dot but no line.
    m.stages.push({ id: 's3', name: 'Wait' }, { id: 's4', name: 'Use' });
    m.cards.push({ id: 'e4', lane: 'emotions', stageId: 's4', text: 'a', evidence: 'assumed', value: 2 }, { id: 'e5', lane: 'emotions', stageId: 's4', text: 'b', evidence: 'assumed', value: 4 });
    expect(curvePoints(m)).toEqual([4, 2.5, null, 3]);
    const curve = journeyMapHtml(m).html;
    expect([...curve.matchAll(/<path class="line" d="([^"]+)"/g)].map((x) => x[1])).toEqual(['M50 29.00 L150 60.50']);
    expect(curve.match(/<path class="dot"/g)).toHaveLength(3);
    expect(curve).toContain('d="M350 50.00 l0 0"');
  });

  it('draws a side-step column apart: a ring not joined to the line, and the funnel stages either side stay joined', () => {
    const m = handMap();
    // Discover 4, then a side step rated 2, then Buy 2.5: the line runs Discover → Buy over the side step's column.
    m.stages.splice(1, 0, { id: 'sx', name: 'Support contact (side step)' });
    m.cards.push({ id: 'ex', lane: 'emotions', stageId: 'sx', text: 'calls', evidence: 'measured', n: 40, value: 2 });
    const { html } = journeyMapHtml(m);
    expect([...html.matchAll(/<path class="line" d="([^"]+)"/g)].map((x) => x[1])).toEqual(['M50 29.00 L250 60.50']);
    // y = 92 − (2 − 1) / 4 × 84 = 71
    expect(html).toContain('<path class="side-hole" d="M150 71.00 l0 0"/>');
    expect(html.match(/<path class="side-hole"/g)).toHaveLength(1);
    expect(html).toContain('Support contact (side step): 2, drawn apart, Buy: 2.5');
  });

  it('labels evidence honestly, including cards edited from measured ones', () => {
    expect(evidenceLabel({ evidence: 'measured', n: 1234 })).toBe('measured · n = 1,234');
    expect(evidenceLabel({ evidence: 'assumed' })).toBe('assumed');
    expect(evidenceLabel({ evidence: 'assumed', n: 300 })).toBe('assumed · edited from measured (n = 300)');
  });

  it('names where seeded cards come from', () => {
    const { html } = journeyMapHtml({ ...seedJourneyMap({ name: 'Seeded', result: handResult(), spec: SPEC }), version: 1 });
    expect(html).toContain('Seeded from the dataset “events” (journey id “customer_id”, step “step”, time “ts”, channel “channel”, satisfaction “csat”, NPS “nps”).');
  });
});
