// Segment cards: the facts a facilitator presents (size, original-unit centroid, what sets the segment apart,
// NPS and outcome rates with intervals, stability) and the words built from them (suggested name, persona).
// Names and personas are derived only from tested differences (p < 0.05), so the words never claim more than
// the numbers.
import type { FeatureDifference, RateWithCi, SegmentCard } from '../../../shared/segments';
import { npsWithInterval, wilsonInterval } from '../../analysis/segment-stats';
import type { EncodedStat, SegmentProfile } from './profile';

/** Customers with confidence below this are "between two segments" and go to the review queue. */
export const REVIEW_THRESHOLD = 0.1;
const MAX_DISTINGUISHING = 5;
const ALPHA = 0.05;

export interface ExtraColumn {
  name: string;
  /** Values over the loaded rows (NaN for missing). */
  values: Float64Array;
}

export interface CardInputs {
  profile: SegmentProfile;
  k: number;
  labels: Int32Array;
  included: Int32Array;
  confidence: Float64Array;
  stability: number[];
  nps: ExtraColumn | null;
  outcomes: ExtraColumn[];
}

export const readable = (name: string): string => name.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();

export function fmtValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
const pct = (p: number) => `${Math.round(100 * p)}%`;

/** What sets a segment apart in words; a yes/no feature as shares of customers ("app user: 27% of the segment vs 57% overall"). */
export function describe(s: EncodedStat): string {
  if (s.level === null && s.binary) return `${readable(s.feature)}: ${pct(s.segmentValue)} of the segment vs ${pct(s.overallValue)} overall`;
  if (s.level === null) {
    const side = s.z >= 0 ? 'above' : 'below';
    return `${readable(s.feature)} ${Math.abs(s.z).toFixed(1)} SD ${side} average (${fmtValue(s.segmentValue)} vs ${fmtValue(s.overallValue)})`;
  }
  return `${readable(s.feature)} is "${s.level}" for ${pct(s.segmentValue)} of the segment vs ${pct(s.overallValue)} overall`;
}

/** A word naming people ("app user", "subscriber", "member"): a yes/no feature so named reads as a group of them. */
const PERSON_NOUN = /(?:er|or|ist|ant|ent|ee|member)$/i;
/** "days since last order" and the like: high means lapsed, low recent. */
const DAYS_SINCE = /^days? since (?:the )?(?:last )?(.+)$/i;
const BUYING = /^(?:order|purchase|buy|transaction)s?$/i;

/** One feature as a few words of a segment's name, e.g. "App users", "Few app users", "Lapsed buyers", "High monthly spend". */
export function shortLabel(s: EncodedStat): string {
  const label = readable(s.feature);
  const high = s.z >= 0;
  if (s.level === null && s.binary) {
    if (PERSON_NOUN.test(label)) return high ? (s.segmentValue >= 0.5 ? `${capitalise(label)}s` : `More ${label}s`) : `Few ${label}s`;
    return high ? (s.segmentValue >= 0.5 ? `Mostly ${label}` : `More often ${label}`) : `Seldom ${label}`;
  }
  const since = s.level === null ? DAYS_SINCE.exec(label) : null;
  if (since) {
    if (BUYING.test(since[1])) return high ? 'Lapsed buyers' : 'Recent buyers';
    return high ? `Long since last ${since[1]}` : `Recent ${since[1]}`;
  }
  if (s.level === null) return `${high ? 'High' : 'Low'} ${label}`;
  return high ? `${capitalise(label)} ${s.level}` : `Not ${label} ${s.level}`;
}
const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export function distinguishing(stats: EncodedStat[]): FeatureDifference[] {
  return stats
    .filter((s) => Number.isFinite(s.pValue) && s.pValue < ALPHA && s.z !== 0)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || (a.feature < b.feature ? -1 : 1))
    .slice(0, MAX_DISTINGUISHING)
    .map((s) => ({
      feature: s.level === null ? s.feature : `${s.feature} = ${s.level}`,
      z: s.z,
      direction: s.z >= 0 ? 'higher' : 'lower',
      pValue: s.pValue,
      description: describe(s),
    }));
}

/** Top two distinguishing features from different columns, e.g. "High monthly spend · Few app users". */
export function suggestName(stats: EncodedStat[], index: number): string {
  const ranked = stats.filter((s) => Number.isFinite(s.pValue) && s.pValue < ALPHA && s.z !== 0).sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  const picked: EncodedStat[] = [];
  for (const s of ranked) {
    if (picked.some((p) => p.feature === s.feature)) continue;
    picked.push(s);
    if (picked.length === 2) break;
  }
  return picked.length ? picked.map(shortLabel).join(' · ') : `Segment ${index + 1} (typical)`;
}

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const c = (seen.get(n) ?? 0) + 1;
    seen.set(n, c);
    return c > 1 ? `${n} (${c})` : n;
  });
}

/** Rows whose label is `seg` (every row when seg < 0): plain index loops, no per-segment index arrays at 1M rows. */
interface Members {
  labels: Int32Array;
  included: Int32Array;
  seg: number;
}

function npsOf(col: ExtraColumn, m: Members): RateWithCi {
  let pro = 0;
  let pas = 0;
  let det = 0;
  for (let r = 0; r < m.included.length; r++) {
    if (m.seg >= 0 && m.labels[r] !== m.seg) continue;
    const v = col.values[m.included[r]];
    if (!(v >= 0 && v <= 10)) continue;
    if (v >= 9) pro++;
    else if (v >= 7) pas++;
    else det++;
  }
  const r = npsWithInterval(pro, pas, det);
  return { value: r.nps, n: r.n, ci: r.ci };
}

function rateOf(col: ExtraColumn, m: Members): RateWithCi {
  let n = 0;
  let x = 0;
  for (let r = 0; r < m.included.length; r++) {
    if (m.seg >= 0 && m.labels[r] !== m.seg) continue;
    const v = col.values[m.included[r]];
    if (Number.isNaN(v)) continue;
    n++;
    if (v === 1) x++;
  }
  return { value: n ? x / n : null, n, ci: wilsonInterval(x, n) };
}

/** The persona's opening sentence; kept in one place so a recount after reassignments can refresh it. */
export function sizeSentence(share: number, size: number): string {
  return `${pct(share)} of customers (${size.toLocaleString('en-US')}).`;
}
const SIZE_SENTENCE = /^\d+% of customers \([\d,]+\)\./;

/** A persona with its size sentence brought up to date (text the analyst wrote after it is kept). */
export function refreshSizeSentence(text: string, share: number, size: number): string {
  return SIZE_SENTENCE.test(text) ? text.replace(SIZE_SENTENCE, sizeSentence(share, size)) : text;
}

function persona(card: Omit<SegmentCard, 'persona'>, overall: { nps: RateWithCi | null; outcomes: { column: string; rate: RateWithCi }[] }): string {
  const parts = [sizeSentence(card.share, card.size)];
  const top = card.distinguishing.slice(0, 2).map((d) => d.description);
  parts.push(top.length ? `Compared with everyone else: ${top.join('; ')}.` : 'No feature differs significantly from the average customer.');
  const extras: string[] = [];
  if (card.nps && card.nps.value !== null && overall.nps?.value !== null && overall.nps) {
    extras.push(`NPS ${fmtSigned(card.nps.value)} (n = ${card.nps.n.toLocaleString('en-US')}) vs ${fmtSigned(overall.nps.value ?? 0)} overall`);
  }
  for (const o of card.outcomes) {
    const all = overall.outcomes.find((x) => x.column === o.column)?.rate;
    if (o.rate.value !== null && all?.value !== null && all) extras.push(`${readable(o.column)} ${pct(o.rate.value)} vs ${pct(all.value ?? 0)} overall`);
  }
  if (extras.length) parts.push(`${capitalise(extras.join('; '))}.`);
  if (card.stability < 0.6) parts.push(`Unstable across bootstrap resamples (stability ${card.stability.toFixed(2)}): treat with caution.`);
  return parts.join(' ');
}
const fmtSigned = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(Math.round(v))}`;

export function buildCards(inp: CardInputs): SegmentCard[] {
  const { k, labels, included, confidence } = inp;
  const size = new Float64Array(k);
  const low = new Float64Array(k);
  for (let r = 0; r < labels.length; r++) {
    size[labels[r]]++;
    if (confidence[r] < REVIEW_THRESHOLD) low[labels[r]]++;
  }
  const everyone: Members = { labels, included, seg: -1 };
  const overall = {
    nps: inp.nps ? npsOf(inp.nps, everyone) : null,
    outcomes: inp.outcomes.map((o) => ({ column: o.name, rate: rateOf(o, everyone) })),
  };
  const names = uniqueNames(inp.profile.stats.map((s, i) => suggestName(s, i)));
  return names.map((name, s) => {
    const mine: Members = { labels, included, seg: s };
    const base = {
      index: s,
      name,
      suggestedName: name,
      size: size[s],
      share: labels.length ? size[s] / labels.length : 0,
      centroid: inp.profile.centroids[s],
      distinguishing: distinguishing(inp.profile.stats[s]),
      stability: inp.stability[s] ?? Number.NaN,
      lowConfidence: low[s],
      nps: inp.nps ? npsOf(inp.nps, mine) : null,
      outcomes: inp.outcomes.map((o) => ({ column: o.name, rate: rateOf(o, mine) })),
    };
    return { ...base, persona: persona(base, overall) };
  });
}

/** segments × encoded features z-scores, the heatmap. */
export function heatmapOf(profile: SegmentProfile): number[][] {
  return profile.stats.map((row) => row.map((s) => s.z));
}
