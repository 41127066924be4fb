// Friendly names for the contract's enums, in one place so every view says the same thing.
import type { ColumnRole, ColumnType, PiiAction, PiiKind } from '../../shared/domain';

export const TYPE_LABELS: Record<ColumnType, string> = {
  integer: 'Integer',
  real: 'Decimal',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Date & time',
  text: 'Text',
};

export const ROLE_LABELS: Record<ColumnRole, string> = {
  id: 'Identifier',
  feature: 'Feature',
  category: 'Category',
  protected: 'Protected attribute',
  outcome: 'Outcome / label',
  decision: 'Decision',
  score: 'Score',
  timestamp: 'Timestamp',
  journeyStep: 'Journey step',
  nps: 'Satisfaction / NPS',
  pii: 'Personal data (PII)',
  ignore: 'Ignore',
};

export const ROLE_HINTS: Record<ColumnRole, string> = {
  id: 'Identifies a customer or record; used to join and to find duplicates',
  feature: 'Numeric or categorical input to segmentation and drivers',
  category: 'Grouping such as channel, region or plan',
  protected: 'Attribute audited for fairness (age band, gender, …)',
  outcome: 'Ground truth for audits (what actually happened)',
  decision: 'The decision being audited (approved, flagged, …)',
  score: 'A model score that a threshold turns into a decision',
  timestamp: 'When an event happened; orders journeys',
  journeyStep: 'Touchpoint or stage of a journey',
  nps: '0–10 likelihood-to-recommend or satisfaction score',
  pii: 'Personal data; never shown in presentations',
  ignore: 'Kept in the workspace but left out of analyses',
};

export const PII_ACTION_LABELS: Record<PiiAction, string> = {
  keep: 'Keep as is',
  pseudonymize: 'Pseudonymise',
  drop: 'Drop column',
};

export const PII_KIND_LABELS: Record<PiiKind, string> = {
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  address: 'Address',
  birthdate: 'Date of birth',
  freetext: 'Names in text',
};

export function isNumericType(type: ColumnType): boolean {
  return type === 'integer' || type === 'real';
}
