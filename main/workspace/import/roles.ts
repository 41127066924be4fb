// Default column roles: the guesses a demanding analyst would make before touching anything, every one
// overridable in the preview. Roles drive the defaults of every analysis (which column is the outcome of a
// fairness audit, which are the protected groups, what a journey's case id and step are), so a wrong default is
// costly in both directions: we prefer flagging a protected attribute that turns out harmless over missing one.
//
// Rules are checked top to bottom; the first whose header words and value test both match wins.
import type { ColumnRole, ColumnType, PiiKind } from '../../../shared/domain';
import type { ColumnStats } from './infer-types';
import { headerWords } from './pii';
import { parseRealStrict } from './values';

interface RoleInput {
  header: string;
  words: string[];
  type: ColumnType;
  stats: ColumnStats;
  piiKind: PiiKind | null;
}

interface RoleRule {
  role: ColumnRole;
  /** Why this rule exists, for the next person who edits the table. */
  why: string;
  test: (c: RoleInput) => boolean;
}

const anyWord = (c: RoleInput, ...xs: string[]): boolean => xs.some((x) => c.words.includes(x));
const isNumeric = (t: ColumnType): boolean => t === 'integer' || t === 'real';
const GENDER_VALUES = new Set(['male', 'female', 'm', 'f', 'man', 'woman', 'men', 'women', 'non-binary', 'nonbinary', 'other', 'diverse', 'x']);

/** id-like headers: "id", "ID", "customerID", "customer_id", "order id", XES "case:concept:name". */
function idLikeHeader(c: RoleInput): boolean {
  return c.words[c.words.length - 1] === 'id' || c.words.includes('uuid') || c.words.includes('guid') || c.header === 'case:concept:name';
}

const longText = (c: RoleInput): boolean => c.stats.avgLen > 40 || c.stats.maxLen > 200;

/** Every sampled value is a number within [0, 1] (a probability-like score). */
function realsWithinUnit(c: RoleInput): boolean {
  if (c.stats.nonMissing === 0) return false;
  for (const v of c.stats.distinct) {
    const x = parseRealStrict(v);
    if (!(x >= 0 && x <= 1)) return false;
  }
  return true;
}

/**
 * How, when or where a survey answer was collected (nps_asked_days_after_event, survey_channel, nps_context,
 * collected_by). "survey" alone does not count when the header ends in the measure itself (survey_nps,
 * nps_survey_score, survey_rating): that is the answer, not metadata about it.
 */
function surveyMetadata(c: RoleInput): boolean {
  const w = c.words;
  if (anyWord(c, 'asked', 'context', 'collected', 'collection')) return true;
  for (let i = 0; i + 1 < w.length; i++) if (w[i] === 'after' && w[i + 1] === 'event') return true;
  if (anyWord(c, 'survey', 'surveyed')) return !['nps', 'score', 'rating', 'recommend', 'satisfaction', 'csat'].includes(w[w.length - 1]);
  return false;
}

const RULES: RoleRule[] = [
  { role: 'pii', why: 'detected personal data must be handled (pseudonymised by default) before anything else', test: (c) => c.piiKind !== null },
  {
    role: 'id',
    why: 'unique keys identify rows; repeated text keys (an event log case id, an order id on item lines) are still keys, not categories',
    test: (c) => idLikeHeader(c) && (c.stats.uniqueInSample || (c.type === 'text' && c.stats.distinctCount > 100)),
  },
  { role: 'timestamp', why: 'dates and datetimes order events and define periods', test: (c) => c.type === 'date' || c.type === 'datetime' },
  {
    role: 'protected',
    why: 'attributes anti-discrimination law protects (and close proxies such as birth year) are audited for fairness',
    test: (c) =>
      anyWord(c, 'gender', 'sex', 'age', 'race', 'racial', 'ethnicity', 'ethnic', 'religion', 'religious', 'disability', 'disabled', 'marital', 'senior', 'nationality', 'pregnancy', 'pregnant', 'orientation', 'dob', 'birth', 'birthdate', 'birthday') ||
      (c.words.join('') === 'agegroup') ||
      (c.type === 'text' && c.stats.nonMissing > 0 && [...c.stats.distinct].every((v) => GENDER_VALUES.has(v.toLowerCase())) && c.stats.distinctCount >= 2),
  },
  {
    role: 'feature',
    why:
      'survey-collection metadata (how, when, where an answer was collected: nps_asked_days_after_event) explains measurement bias; ' +
      'it is never the NPS itself nor an outcome, so numbers stay plain features even when the header says nps and the values fit 0-10',
    test: (c) => surveyMetadata(c) && (isNumeric(c.type) || c.type === 'boolean'),
  },
  {
    role: 'category',
    why: 'survey-collection metadata as short text (survey_channel, nps_context) groups answers by how they were collected',
    test: (c) => surveyMetadata(c) && c.type === 'text' && !longText(c),
  },
  {
    role: 'nps',
    why:
      'likelihood to recommend on the 0-10 scale: the header names it (nps, recommend) and the sample fits 0-10 with values above 5. ' +
      'A 1-5 satisfaction/CSAT/review rating is not NPS; treating it as one reports a meaningless "NPS -100"',
    test: (c) =>
      anyWord(c, 'nps', 'recommend', 'recommendation', 'recommended') &&
      c.type === 'integer' &&
      c.stats.intMin >= 0 &&
      c.stats.intMax <= 10 &&
      c.stats.intMax > 5,
  },
  {
    role: 'feature',
    why: 'numeric satisfaction/CSAT/star ratings are the drivers later analyses explain an outcome with, not the outcome itself',
    test: (c) => isNumeric(c.type) && anyWord(c, 'satisfaction', 'satisfied', 'csat', 'rating', 'ratings', 'rated', 'stars'),
  },
  {
    role: 'score',
    why:
      'model outputs (probability, propensity, risk, prediction, likelihood other than to recommend) are compared against outcomes; ' +
      'checked before outcome so churn_probability is the model, not the label. A header saying only "score" is a model score when ' +
      'its values are probabilities in [0, 1]; otherwise it measures behaviour (Spending_Score 1-100, credit_score 300-850) and stays a feature',
    test: (c) =>
      isNumeric(c.type) &&
      (anyWord(c, 'probability', 'prob', 'propensity', 'risk', 'predicted', 'prediction', 'pred') ||
        (anyWord(c, 'model') && anyWord(c, 'score', 'output', 'prediction', 'predicted')) ||
        (anyWord(c, 'likelihood') && !anyWord(c, 'recommend')) ||
        (anyWord(c, 'score') && c.type === 'real' && realsWithinUnit(c))),
  },
  {
    role: 'outcome',
    why: 'what happened to the customer: the label a model or an audit explains (a text satisfaction label such as "satisfied" is one; numeric ratings were taken above)',
    test: (c) => anyWord(c, 'churn', 'churned', 'outcome', 'label', 'converted', 'conversion', 'response', 'target', 'satisfaction', 'attrition') || c.header.trim().toLowerCase() === 'y',
  },
  { role: 'decision', why: 'a decision taken about the customer (approval, acceptance) is what a fairness audit tests', test: (c) => anyWord(c, 'decision', 'approved', 'accepted', 'selected', 'approval', 'granted') },
  {
    role: 'journeyStep',
    why: 'the step/activity column of an event log is what journeys are built from',
    test: (c) => c.type === 'text' && (anyWord(c, 'step', 'stage', 'touchpoint', 'activity', 'event') || c.header === 'concept:name'),
  },
  { role: 'feature', why: 'numbers and yes/no flags are analysable as they are', test: (c) => isNumeric(c.type) || c.type === 'boolean' },
  {
    role: 'ignore',
    why: 'long free text (comments) and near-unique short text have no use as a grouping and would swamp charts',
    test: (c) => longText(c) || (c.stats.distinctCount > 200 && c.stats.distinctCount > 0.5 * c.stats.nonMissing),
  },
  { role: 'category', why: 'remaining short text with few distinct values groups customers', test: () => true },
];

export function defaultRole(header: string, type: ColumnType, stats: ColumnStats, piiKind: PiiKind | null): ColumnRole {
  const input: RoleInput = { header, words: headerWords(header), type, stats, piiKind };
  for (const r of RULES) if (r.test(input)) return r.role;
  return 'category';
}
