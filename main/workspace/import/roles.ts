// Default column roles: the guesses a demanding analyst would make before touching anything, every one
// overridable in the preview. Roles drive the defaults of every analysis (which column is the outcome of a
// fairness audit, which are the protected groups, what a journey's case id and step are), so a wrong default is
// costly in both directions: we prefer flagging a protected attribute that turns out harmless over missing one.
//
// Rules are checked top to bottom; the first whose header words and value test both match wins.
import type { ColumnRole, ColumnType, PiiKind } from '../../../shared/domain';
import type { ColumnStats } from './infer-types';
import { headerWords } from './pii';

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
    role: 'nps',
    why: 'likelihood-to-recommend and satisfaction ratings are small integer scales (0-10, 1-5)',
    test: (c) =>
      (anyWord(c, 'nps', 'recommend', 'likelihood', 'satisfaction', 'csat') || c.words.join('_') === 'review_score') &&
      c.type === 'integer' &&
      c.stats.intMin >= 0 &&
      c.stats.intMax <= 10,
  },
  {
    role: 'outcome',
    why: 'what happened to the customer: the label a model or an audit explains',
    test: (c) => anyWord(c, 'churn', 'churned', 'outcome', 'label', 'converted', 'conversion', 'response', 'target', 'satisfaction', 'attrition') || c.header.trim().toLowerCase() === 'y',
  },
  { role: 'decision', why: 'a decision taken about the customer (approval, acceptance) is what a fairness audit tests', test: (c) => anyWord(c, 'decision', 'approved', 'accepted', 'selected', 'approval', 'granted') },
  { role: 'score', why: 'model scores and probabilities are compared against outcomes', test: (c) => anyWord(c, 'score', 'probability', 'prob', 'propensity') && c.type !== 'text' },
  {
    role: 'journeyStep',
    why: 'the step/activity column of an event log is what journeys are built from',
    test: (c) => c.type === 'text' && (anyWord(c, 'step', 'stage', 'touchpoint', 'activity', 'event') || c.header === 'concept:name'),
  },
  { role: 'feature', why: 'numbers and yes/no flags are analysable as they are', test: (c) => isNumeric(c.type) || c.type === 'boolean' },
  {
    role: 'ignore',
    why: 'long free text (comments) and near-unique short text have no use as a grouping and would swamp charts',
    test: (c) => c.stats.avgLen > 40 || c.stats.maxLen > 200 || (c.stats.distinctCount > 200 && c.stats.distinctCount > 0.5 * c.stats.nonMissing),
  },
  { role: 'category', why: 'remaining short text with few distinct values groups customers', test: () => true },
];

export function defaultRole(header: string, type: ColumnType, stats: ColumnStats, piiKind: PiiKind | null): ColumnRole {
  const input: RoleInput = { header, words: headerWords(header), type, stats, piiKind };
  for (const r of RULES) if (r.test(input)) return r.role;
  return 'category';
}
