// Which way is good for a key-driver target? Read from the column's role and name, shared by the services (which
// refuse to guess) and the set-up (which pre-selects the answer and asks when there is none). Words are matched as
// whole tokens of the name ("MonthlyCharges" → monthly, charges; "churned_12m" → churned, 12m) with a known ending,
// so "late_delivery" is worse but "latest_nps", "template" or "translated" are not read as "late"; a name with both
// kinds of word, or a negation ("not_churned"), is left for the analyst to say.
import type { ColumnRole } from './domain';

export type DriversDirection = 'higher-is-better' | 'higher-is-worse';
export const DIRECTIONS: readonly DriversDirection[] = ['higher-is-better', 'higher-is-worse'];

/** Token prefixes of outcomes where more is worse (churn, complaints, cancellations, detractors, defaults, fraud, late). */
const WORSE = ['churn', 'complain', 'complaint', 'cancel', 'detractor', 'default', 'fraud', 'late', 'attrit', 'dissatisf', 'unsatisf'];
/** Token prefixes of outcomes where more is better (NPS, satisfaction, CSAT, recommend, loyalty, renewal, retention). */
const BETTER = ['nps', 'satisf', 'csat', 'recommend', 'loyal', 'renew', 'retain', 'retention', 'promoter'];
/** Labels of the value counted as 1 that affirm the column name ("Churn" = Yes is churn) or negate it ("Churn" = No). */
const AFFIRMATIVE_LABEL = /^(yes|y|true|1)$/i;
const NEGATIVE_LABEL = /^(no|n|false|0|none|never)$/i;

/** "MonthlyCharges" / "churned_12m" / "Satisfaction-Score" → lower-case word tokens. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Endings a word may take and still be that word ("churned", "cancellations", "lateness"), but not "latest". */
const ENDINGS = new Set(['', 's', 'd', 'ed', 'er', 'ers', 'es', 'ing', 'ness', 'ion', 'ions', 'ation', 'ations', 'lation', 'lations', 'led', 'ling', 'ment', 'ments', 'ly', 'y', 'ied', 'ies', 'al', 'als', 'ty', 'ulent', 'action', 'ied', 'ory', 'ant', 'ants']);
/** Words that turn a name round or leave it unclear ("not_churned", "renewal_declined"): ask rather than guess. */
const NEGATIONS = new Set(['not', 'non', 'no', 'never', 'without', 'declined', 'refused', 'failed', 'lost']);

const matches = (token: string, word: string) => token.startsWith(word) && ENDINGS.has(token.slice(word.length));

function readWords(text: string): DriversDirection | null {
  const tokens = nameTokens(text);
  if (tokens.some((t) => NEGATIONS.has(t))) return null;
  const has = (words: string[]) => tokens.some((t) => words.some((w) => matches(t, w)));
  // "dissatisfied" does not match "satisf" (it is listed among the worse words itself).
  const worse = has(WORSE);
  const better = has(BETTER);
  // Both kinds of word ("nps_after_complaint") or neither: the name does not say; ask.
  if (worse === better) return null;
  return worse ? 'higher-is-worse' : 'higher-is-better';
}

export interface InferredDirection {
  direction: DriversDirection;
  /** Why, in a few words: 'its name "Churn"', 'the NPS role', 'the detractor model'. */
  reason: string;
}

const flip = (d: DriversDirection): DriversDirection => (d === 'higher-is-better' ? 'higher-is-worse' : 'higher-is-better');

/**
 * The direction of a target, or null when neither its role nor its name (nor the label counted as 1) says it.
 * `positiveLabel`: for a binary target, the value that counts as 1 when known. A telling label ("Attrited Customer",
 * "satisfied") decides; yes/true/1 keep the name's direction and no/false/0 turn it round; any other label
 * ("Existing Customer" of "Attrition_Flag") leaves it open, because the name no longer says what 1 is.
 */
export function inferDirection(target: { name: string; role?: ColumnRole }, model?: string, positiveLabel?: string): InferredDirection | null {
  if (model === 'detractor') return { direction: 'higher-is-worse', reason: 'the detractor model (1 = detractor)' };
  if (model === 'promoter') return { direction: 'higher-is-better', reason: 'the promoter model (1 = promoter)' };
  if (positiveLabel !== undefined && positiveLabel.trim() !== '') {
    const label = positiveLabel.trim();
    const fromLabel = NEGATIVE_LABEL.test(label) || AFFIRMATIVE_LABEL.test(label) ? null : readWords(label);
    if (fromLabel) return { direction: fromLabel, reason: `the value counted as 1, "${label}"` };
    // Any other label ("Existing Customer" in "Attrition_Flag") says nothing about the name's direction: ask.
    if (!AFFIRMATIVE_LABEL.test(label) && !NEGATIVE_LABEL.test(label)) return null;
    const fromName = target.role === 'nps' ? 'higher-is-better' : readWords(target.name);
    if (fromName && NEGATIVE_LABEL.test(label)) return { direction: flip(fromName), reason: `its name "${target.name}" with 1 = "${label}"` };
    if (fromName) return { direction: fromName, reason: `its name "${target.name}"` };
    return null;
  }
  if (target.role === 'nps') return { direction: 'higher-is-better', reason: 'its NPS role' };
  const fromName = readWords(target.name);
  return fromName ? { direction: fromName, reason: `its name "${target.name}"` } : null;
}
