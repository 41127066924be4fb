// A yes/no protected attribute's group names, for the services (main/workspace/audit/groups.ts) and the view's
// reference picker (renderer/views/audit/model.ts) alike: the data's own labels ("Yes"/"No", "Senior"/"Not senior")
// when it has words, and "Yes"/"No" when its labels are bare codes (1/0, true/false) or unknown — a client never
// reads a group called "1", "0", "true" or "false" in a table, chart or export.
import type { BooleanLabels } from './domain';

const BARE = new Set(['1', '0', 'true', 'false', 't', 'f', '1.0', '0.0']);

export function booleanGroupNames(labels: BooleanLabels | undefined): BooleanLabels {
  if (!labels || BARE.has(labels.true.trim().toLowerCase()) || BARE.has(labels.false.trim().toLowerCase())) return { true: 'Yes', false: 'No' };
  return labels;
}
