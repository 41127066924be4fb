// Journeys: path analytics from an event log and the journey map canvas. Plain data (IPC/JSON safe).
// A JourneySpec names the event columns and the analyst's choices; everything needed to recompute the same
// figures is in it (+ the dataset, + the saved segmentation when one is joined).

/** Several steps shown as one stage, in the analyst's order. */
export interface JourneyStageSpec {
  name: string;
  steps: string[];
}

export interface JourneySpec {
  dataset: string;
  /** The journey identifier (customer id, or a case / order id). */
  customer: string;
  /** date or datetime column (datetimes with offsets were normalised to UTC at import). */
  time: string;
  /** The step / touchpoint column. */
  step: string;
  channel?: string;
  /** Numeric rating (any scale; the observed min–max is reported as the scale). */
  satisfaction?: string;
  /** 0–10 recommend score, for NPS per stage. */
  nps?: string;
  /**
   * 'exact' (default) orders events by their full timestamp; 'day' compares dates only, so a date-only event
   * (e.g. a review stamped at midnight) ties with same-day events and the tie rule decides the order.
   */
  precision?: 'exact' | 'day';
  /**
   * Stage order and grouping. Absent: one stage per step, ordered by median position in journeys. Steps not
   * listed in any stage keep their own stage after the listed ones (in inferred order).
   */
  stages?: JourneyStageSpec[];
  /**
   * Side steps (e.g. support contacts) kept everywhere (steps, transitions, variants, timing, their own stage's
   * satisfaction) but left out of the funnel, its drop-offs, time to next stage and pain points.
   */
  offFunnel?: string[];
  /** A saved segmentation whose dataset's id column holds the same customer ids: enables segment filter/compare. */
  segmentation?: string;
  /** Keep only these segments (0-based indices of `segmentation`) / channels. */
  filter?: { segments?: number[]; channels?: string[] };
  /** Recompute the funnel and stage satisfaction per group. */
  compareBy?: 'segment' | 'channel';
  /** Path variants listed (default 20). */
  variantsLimit?: number;
}

export interface MeanCi {
  mean: number;
  n: number;
  /** 95% t interval; null when n < 2. */
  ci: [number, number] | null;
}

export interface NpsCi {
  nps: number;
  n: number;
  /** Adjusted-Wald 95% interval on the −100…100 scale. */
  ci: [number, number];
}

export interface JourneyStep {
  step: string;
  stage: string;
  /** Distinct journeys with at least one event of this step. */
  customers: number;
  events: number;
  /** Median 0-based position of the step's events within their journeys (the basis of the inferred order). */
  medianPosition: number;
  meanSatisfaction: number | null;
  satisfaction: MeanCi | null;
}

export interface JourneyTransition {
  from: string;
  to: string;
  /** Distinct journeys with this directly-follows pair at least once. */
  customers: number;
  /** Occurrences of the pair. */
  events: number;
  medianSeconds: number;
  p90Seconds: number;
}

export interface FunnelStage {
  /** Stage name (the CLI's `step` key carries the same value). */
  stage: string;
  /** Journeys reaching this stage after reaching every earlier stage, in order. */
  customers: number;
  /** Journeys that reached the previous stage but not this one (0 for the first stage). */
  dropOff: number;
  /** dropOff / previous stage's customers (0 for the first). */
  dropOffRate: number;
  /** customers / first stage's customers. */
  conversion: number;
}

export interface JourneyStage {
  stage: string;
  steps: string[];
  /** Distinct journeys with any event in the stage (not necessarily in funnel order). */
  customers: number;
  events: number;
  satisfaction: MeanCi | null;
  nps: NpsCi | null;
  /** Events per channel in this stage, most first (empty without a channel column). */
  channels: { channel: string; events: number }[];
  /** False for a stage made only of offFunnel steps (not in `funnel`). */
  inFunnel: boolean;
  /** Median seconds from this stage's first event to the next stage's first event, over journeys reaching both in funnel order (null for the last stage). */
  medianSecondsToNext: number | null;
}

/** Time between consecutive events for one directly-follows pair: box-plot statistics in seconds. */
export interface JourneyTiming {
  from: string;
  to: string;
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  p90: number;
  max: number;
}

export interface JourneyVariant {
  path: string[];
  customers: number;
  /** customers / all journeys. */
  share: number;
}

export interface PainPoint {
  stage: string;
  /** dropOffRate × (1 − satisfaction on a 0–1 scale); higher is worse. Ranked descending. */
  score: number;
  dropOffRate: number;
  meanSatisfaction: number | null;
  explanation: string;
}

export interface JourneyGroup {
  group: string;
  customers: number;
  funnel: FunnelStage[];
  stages: { stage: string; satisfaction: MeanCi | null }[];
}

export interface JourneyResult {
  spec: JourneySpec;
  /** Journeys (distinct customer ids) and events after filters and after dropping unusable events. */
  customers: number;
  events: number;
  /** Events without a customer, a time or a step (not counted anywhere else). */
  skippedEvents: number;
  /** The order rule in words, e.g. ties at the same timestamp broken by stage order, then by row order. */
  orderNote: string;
  steps: JourneyStep[];
  stages: JourneyStage[];
  transitions: JourneyTransition[];
  funnel: FunnelStage[];
  timing: JourneyTiming[];
  variants: JourneyVariant[];
  /** Distinct variants in all. */
  variantCount: number;
  painPoints: PainPoint[];
  /** Observed min and max of the satisfaction column. */
  satisfactionScale: [number, number] | null;
  channels: string[];
  /** Segments of the joined segmentation (index and card name), with how many journeys matched one. */
  segments: { index: number; name: string; customers: number }[] | null;
  /** Journeys whose id is not in the joined segmentation. */
  unmatchedCustomers: number;
  groups: JourneyGroup[] | null;
  /**
   * Steps that look like side steps rather than funnel stages: their stage is reached (any order) by fewer than 80%
   * of the journeys of a later funnel stage, so as a funnel stage they cut the funnel short. The UI offers to leave
   * them out. (A few journeys skipping a stage, e.g. orders reviewed but never delivered, do not count.)
   */
  suggestedOffFunnel: string[];
  warnings: string[];
}

// ------------------------------------------------------------------ journey map canvas

export const JOURNEY_LANES = ['touchpoints', 'actions', 'emotions', 'painPoints', 'opportunities', 'channels', 'kpis', 'backstage'] as const;
export type JourneyLane = (typeof JOURNEY_LANES)[number];
export const LANE_LABELS: Record<JourneyLane, string> = {
  touchpoints: 'Touchpoints',
  actions: 'Customer actions',
  emotions: 'Emotions',
  painPoints: 'Pain points',
  opportunities: 'Opportunities',
  channels: 'Channels',
  kpis: 'KPIs',
  backstage: 'Backstage',
};

export interface JourneyMapStage {
  id: string;
  name: string;
}

/**
 * A seeded map names a side step's column "<stage> (side step)"; the emotion curve (canvas, PNG and HTML) draws
 * that column's point apart, not joined to the line. A workshop can mark or unmark a column by renaming it.
 */
export const SIDE_STEP_COLUMN_SUFFIX = ' (side step)';

export function isSideStepColumn(stage: Pick<JourneyMapStage, 'name'>): boolean {
  return stage.name.trimEnd().toLowerCase().endsWith(SIDE_STEP_COLUMN_SUFFIX.trim());
}

export interface JourneyCard {
  id: string;
  lane: JourneyLane;
  stageId: string;
  text: string;
  /** measured: computed from the data (with its n); assumed: typed by a person. */
  evidence: 'measured' | 'assumed';
  n?: number;
  /** Emotion lane: the curve's value at this stage on the satisfaction scale. */
  value?: number;
}

export interface JourneyPersona {
  name: string;
  note: string;
  segmentation?: string;
  segment?: number;
}

export interface JourneyMap {
  name: string;
  stages: JourneyMapStage[];
  cards: JourneyCard[];
  persona: JourneyPersona | null;
  /** Scale of the emotion values (the satisfaction scale when seeded). */
  emotionScale: [number, number];
  /** The analytics it was seeded from, if any. */
  seededFrom: JourneySpec | null;
  /** Incremented by every save; a save with a stale version is refused (someone else saved in between). */
  version: number;
  updatedAt: string;
}

export interface JourneyMapSummary {
  name: string;
  stages: number;
  cards: number;
  updatedAt: string;
}
