// Decks: what leaves the analyst's screen — into a room (presentation mode) or an inbox (HTML, PDF, PowerPoint).
// A slide keeps a frozen snapshot of what it shows, written in a small neutral vocabulary of blocks (figures,
// tables, cross-tabs, charts, cards, text) that every face renders the same way: the presentation mode in the
// renderer, the HTML/PDF export and the PowerPoint export. Every number carries the people behind it (`base`), so
// one disclosure-control module (main/disclosure) can judge every block without knowing which analysis made it.
import { z } from 'zod';
import { RESULT_KINDS, type ResultKind } from './results';

// ------------------------------------------------------------------ numbers and their bases

/**
 * How a figure reads: decides its formatting (shared/slides/format.ts) and how disclosure control treats it.
 * `share` is a proportion 0–1 (shown as a percentage); `nps` is −100…100.
 */
export const FIGURE_FORMATS = ['count', 'share', 'nps', 'mean', 'decimal', 'pValue', 'ratio'] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/**
 * One number on a slide.
 * - `base`: the number of people behind it (a group's n, a segment's size, a stage's customers). Disclosure control
 *   suppresses it when base < k. A figure without a base is a whole-population figure (a model's R², the overall
 *   NPS) and is judged by the slide's source base. A share's base is the group it describes (a segment's share of
 *   customers: the segment's size); in a partition, shares that all carry one common base are read as parts of that
 *   whole (size = share × base). A suppressed figure has no base (main/disclosure removes it).
 * - `count` figures are additive: in a block marked `partition`, they add up to a total that is shown or known.
 */
export interface Figure {
  value: number | null;
  format: FigureFormat;
  base?: number;
  /** Decimal places to show (formats have defaults). */
  digits?: number;
  /** 95% interval, same scale as value. */
  ci?: [number, number] | null;
  /** Set by disclosure control only: withheld, and why. */
  suppressed?: 'primary' | 'secondary';
  /** Set by disclosure control only: the count shown was rounded to this base (e.g. 5). */
  roundedTo?: number;
}

/** A table cell: a figure, a label, or nothing. */
export type Cell = Figure | string | null;

// ------------------------------------------------------------------ charts (rendered as SVG / native charts)

export interface ChartSeries {
  name: string;
  values: Figure[];
}

export type ChartSpec =
  | {
      kind: 'bar';
      orientation: 'horizontal' | 'vertical';
      categories: string[];
      series: ChartSeries[];
      valueAxis: string;
      /** A reference line (e.g. overall NPS, the four-fifths ratio). */
      reference?: { value: number; label: string };
      /** Categories are one population split into parts (their counts add up): secondary suppression applies. */
      partition?: boolean;
    }
  | { kind: 'line'; x: (number | string)[]; series: ChartSeries[]; xAxis: string; yAxis: string; marker?: { x: number | string; label: string } }
  | {
      kind: 'scatter';
      points: { label: string; x: Figure; y: Figure; group?: string }[];
      xAxis: string;
      yAxis: string;
      /** Quadrant lines and labels (drivers: importance × performance): [top-left, top-right, bottom-left, bottom-right]. */
      quadrants?: { x: number; y: number; labels: [string, string, string, string] };
    }
  | { kind: 'funnel'; steps: { label: string; figure: Figure }[] }
  | { kind: 'flow'; nodes: string[]; links: { from: string; to: string; figure: Figure }[] };

// ------------------------------------------------------------------ blocks

export interface TableColumn {
  key: string;
  label: string;
  align?: 'left' | 'right';
}

export type SlideBlock =
  /** Big numbers with labels (an NPS headline, a segmentation's fit). */
  | { type: 'figures'; items: { label: string; figure: Figure; note?: string }[] }
  /**
   * A table of groups. `partition`: the rows are one population split into parts (their `count` figures add up to
   * `total` when given, else to a known population), so suppressing one row forces a second (secondary suppression).
   * Row-level tables (one row per person) are never allowed: every row must describe a group with a base.
   */
  | { type: 'table'; columns: TableColumn[]; rows: Record<string, Cell>[]; partition?: boolean; total?: Record<string, Cell>; caption?: string }
  /** A two-way table of counts (transitions, migrations): every row and column, and the margins, are partitions. */
  | { type: 'crosstab'; rowTitle: string; columnTitle: string; rowKeys: string[]; columnKeys: string[]; counts: Figure[][]; caption?: string }
  | { type: 'chart'; title: string; chart: ChartSpec; /** One sentence saying what the chart shows, for screen readers and notes. */ summary: string }
  /** Cards (segment cards, journey-map cards): a title, an optional size, short lines of text. */
  | { type: 'cards'; cards: { title: string; figure?: Figure; lines: string[]; tone?: 'positive' | 'negative' | 'neutral' }[]; partition?: boolean }
  | { type: 'text'; paragraphs: string[]; bullets?: string[] };

// ------------------------------------------------------------------ slides and decks

/** Slide kinds that do not come from a saved result. */
export const FREE_SLIDE_KINDS = ['text', 'section'] as const;
/** A result's slide kind is "<result kind>.<view>", e.g. "nps.byGroup"; each analysis module declares its own. */
export const slideKindSchema = z.string().regex(/^(text|section|[a-zA-Z]+\.[a-zA-Z]+)$/, 'unknown slide kind');
export type SlideKind = string;

/** A slide kind a saved result can make, as listed for "Add to deck". */
export interface SlideKindInfo {
  kind: SlideKind;
  label: string;
  /** Shown by default when the whole result is added. */
  byDefault: boolean;
}

export interface SlideSource {
  resultId: number;
  resultName: string;
  resultKind: ResultKind;
  dataset: string;
  /** People the result covers: the base for figures that carry none. */
  base: number;
  /** When the snapshot was taken (ISO). */
  snapshotAt: string;
}

/** Blocks are made by the app (snapshots), so they are checked only for shape on the way back in. */
const blockSchema = z.object({ type: z.enum(['figures', 'table', 'crosstab', 'chart', 'cards', 'text']) }).passthrough();

export const slideSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/),
    kind: slideKindSchema,
    title: z.string().max(300),
    /** The one-line "so what", pre-filled in plain words, editable. */
    headline: z.string().max(500),
    notes: z.string().max(20000),
    source: z
      .object({
        resultId: z.number().int().min(1),
        resultName: z.string(),
        resultKind: z.enum(RESULT_KINDS),
        dataset: z.string(),
        base: z.number().min(0),
        snapshotAt: z.string(),
      })
      .strict()
      .nullable(),
    body: z.array(blockSchema).max(20),
    /** Cards: one per slide or a grid (segment cards). */
    layout: z.enum(['single', 'grid']).optional(),
    /** A journey-map slide ('journeyMap.map'): the map it shows (a document, not a saved result; source is null). */
    journeyMap: z.string().trim().min(1).max(200).optional(),
    /** Set only on what leaves the editor: one page of a slide too dense for one 16:9 page (see Slide.page). */
    page: z.object({ of: z.string(), index: z.number().int().min(1), count: z.number().int().min(2) }).strict().optional(),
  })
  .strict();

export interface Slide {
  id: string;
  kind: SlideKind;
  title: string;
  headline: string;
  notes: string;
  source: SlideSource | null;
  body: SlideBlock[];
  layout?: 'single' | 'grid';
  /** A journey-map slide: the name of the map it shows (refreshing re-reads the map). */
  journeyMap?: string;
  /**
   * Presented and exported decks only: this is page `index` of `count` of the slide with id `of`, which is too dense
   * for one 16:9 page at the projector sizes (a large journey map). Edits and refreshes go to `of`.
   */
  page?: { of: string; index: number; count: number };
}

export const deckName = z.string().trim().min(1, 'deck name is empty').max(200);

export interface Deck {
  name: string;
  slides: Slide[];
  /** Incremented by every save; a save with a stale version is refused (the journey map's guard). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const deckSchema = z
  .object({
    name: deckName,
    slides: z.array(slideSchema).max(500),
    version: z.number().int().min(0),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .strict();

export interface DeckSummary {
  name: string;
  slides: number;
  version: number;
  updatedAt: string;
}

// ------------------------------------------------------------------ disclosure control

export const DISCLOSURE_DEFAULT_MIN_CELL = 10;
/** The lowest threshold the app accepts (UK ONS / NHS small-number practice: never below 5). */
export const DISCLOSURE_FLOOR = 5;

export const disclosureSettingsSchema = z
  .object({
    minCell: z.number().int().min(DISCLOSURE_FLOOR, `the threshold cannot be below ${DISCLOSURE_FLOOR}`).max(1000),
    /** Round shown counts to this base (0 = no rounding). */
    roundTo: z.union([z.literal(0), z.literal(5)]),
  })
  .strict();
export type DisclosureSettings = z.infer<typeof disclosureSettingsSchema>;

/** One thing disclosure control withheld or changed. */
export interface Suppression {
  /** 1-based slide number. */
  slide: number;
  slideTitle: string;
  /** What was withheld, in words: "NPS of region = North". */
  what: string;
  /** Why: "fewer than 10 people", "secondary: would let the North value be recovered from the total". */
  reason: string;
}

export interface DisclosureReport {
  settings: DisclosureSettings;
  suppressed: Suppression[];
  /** Slides or blocks removed entirely (row-level tables, PII). */
  removed: Suppression[];
  /** The short note every export carries (threshold, what was suppressed and why). */
  note: string;
}

/** A deck as it may leave the screen: disclosure applied, with its report. */
export interface SafeDeck {
  deck: Deck;
  report: DisclosureReport;
}

export const EXPORT_FORMATS = ['html', 'pdf', 'pptx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface DeckExport {
  fileName: string;
  /** html: the page; pdf/pptx: base64 of the file. */
  data: string;
  encoding: 'utf8' | 'base64';
  slides: number;
  report: DisclosureReport;
}

/** What refreshing a slide would change: shown before replacing. */
export interface SlideRefresh {
  slide: Slide;
  identical: boolean;
  message: string;
  changes: { label: string; before: string; after: string }[];
}

// ------------------------------------------------------------------ handlers (merged into shared/api.ts)

const slideId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/);
const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'jobId must be 6-64 letters, digits, _ or -');

export const deckArgSchemas = {
  'deck.list': z.object({}).strict(),
  'deck.get': z.object({ name: deckName }).strict(),
  /** A new empty deck; refused when the name is taken. */
  'deck.create': z.object({ name: deckName }).strict(),
  /** Whole-document save; `deck.version` must equal the stored version (0 for a new deck). */
  'deck.save': z.object({ deck: deckSchema }).strict(),
  'deck.rename': z.object({ name: deckName, to: deckName }).strict(),
  'deck.duplicate': z.object({ name: deckName, to: deckName.optional() }).strict(),
  'deck.delete': z.object({ name: deckName }).strict(),
  /** The slide kinds a saved result can make. */
  'deck.slideKinds': z.object({ resultId: z.number().int().min(1) }).strict(),
  /** Snapshot slides of a saved result into a deck (created if absent), appended at the end. */
  'deck.addSlides': z.object({ deck: deckName, resultId: z.number().int().min(1), kinds: z.array(slideKindSchema).min(1).max(50).optional() }).strict(),
  /** A slide of a journey map (a snapshot of its stages × lanes and persona), appended to the deck (created if absent). */
  'deck.addJourneyMap': z.object({ deck: deckName, map: z.string().trim().min(1, 'map name is empty').max(200) }).strict(),
  /** Re-run the slide's result and build the slide again; nothing is saved (the view shows what changed, then saves). */
  'deck.refreshSlide': z.object({ jobId, deck: deckName, slideId }).strict(),
  /** The deck with disclosure control applied, as presentation mode shows it. */
  'deck.present': z.object({ name: deckName }).strict(),
  'deck.export': z.object({ name: deckName, format: z.enum(EXPORT_FORMATS) }).strict(),
  'disclosure.get': z.object({}).strict(),
  'disclosure.set': z.object({ settings: disclosureSettingsSchema }).strict(),
};

export interface DeckResults {
  'deck.list': DeckSummary[];
  'deck.get': Deck;
  'deck.create': Deck;
  'deck.save': Deck;
  'deck.rename': DeckSummary;
  'deck.duplicate': DeckSummary;
  'deck.delete': { deleted: string };
  'deck.slideKinds': SlideKindInfo[];
  'deck.addSlides': Deck;
  'deck.addJourneyMap': Deck;
  'deck.refreshSlide': SlideRefresh;
  'deck.present': SafeDeck;
  'deck.export': DeckExport;
  'disclosure.get': DisclosureSettings;
  'disclosure.set': DisclosureSettings;
}
