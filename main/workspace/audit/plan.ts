// Which stored columns an audit spec names, checked against the dataset before anything is read: every named
// column exists (with a near miss suggested), the score is numeric, no column plays two parts, bins name a column
// that is audited, and the default proxies are every other feature/category column.
import type { AuditSpec } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';
import type { StoredColumn, StoredDataset } from '../datasets';
import { resolveColumn } from '../nps/nps-columns';

export interface AuditPlan {
  decision: StoredColumn | null;
  score: StoredColumn | null;
  label: StoredColumn | null;
  protected: StoredColumn[];
  /** Proxy candidates; `explicit` when the analyst named them (then nothing is skipped silently). */
  proxies: StoredColumn[];
  explicitProxies: boolean;
  segmentations: string[];
  all: StoredColumn[];
}

const bad = (message: string, details: Record<string, unknown> = {}) => new AppError('BAD_ARGUMENTS', message, details);

export function planAudit(db: Db, ds: StoredDataset, spec: AuditSpec): AuditPlan {
  const decision = spec.decision !== undefined ? resolveColumn(ds, spec.decision, 'decision column') : null;
  const score = spec.score !== undefined ? resolveColumn(ds, spec.score, 'score column') : null;
  if (!decision && !score) throw bad('Name the decision to audit: a two-valued decision column, or a score column with a threshold.');
  if (decision && score) throw bad('Audit a decision column or a score with a threshold, not both.');
  if (score && score.type !== 'integer' && score.type !== 'real') {
    const numeric = ds.columns.filter((c) => c.type === 'integer' || c.type === 'real').map((c) => `"${c.name}"`);
    throw bad(
      `The score column "${score.name}" is ${score.type}; a score must be numeric (positive when score ≥ threshold).` +
        (numeric.length ? ` Numeric columns here: ${numeric.slice(0, 12).join(', ')}.` : '') +
        (score.type === 'boolean' || score.type === 'text' ? ` If "${score.name}" is itself the decision, audit it as the decision column instead.` : ''),
      { columnName: score.name },
    );
  }
  if (score && (spec.threshold === undefined || !Number.isFinite(spec.threshold))) throw bad(`A score needs a threshold: the positive prediction is "${score.name}" ≥ threshold.`);
  const label = spec.label !== undefined ? resolveColumn(ds, spec.label, 'label column') : null;
  const audited = decision ?? score!;
  if (label && label.index === audited.index) throw bad(`The label "${label.name}" is the audited ${decision ? 'decision' : 'score'} itself; the label is the ground truth the decision is checked against.`);

  if (spec.protected.length === 0) throw bad('Name at least one protected attribute (e.g. gender, age band).');
  const prot = spec.protected.map((p) => resolveColumn(ds, p, 'protected attribute'));
  const seen = new Set<number>();
  for (const p of prot) {
    if (seen.has(p.index)) throw bad(`The protected attribute "${p.name}" is named twice.`);
    seen.add(p.index);
    if (p.index === audited.index || p.index === label?.index) {
      throw bad(`"${p.name}" is both a protected attribute and the ${p.index === audited.index ? (decision ? 'decision' : 'score') : 'label'}; audit a decision against other columns.`);
    }
  }
  const used = new Set<number>([audited.index, ...(label ? [label.index] : []), ...prot.map((p) => p.index)]);

  let proxies: StoredColumn[];
  const explicitProxies = spec.proxyColumns !== undefined;
  if (explicitProxies) {
    proxies = spec.proxyColumns!.map((p) => resolveColumn(ds, p, 'proxy column'));
    const clash = proxies.find((p) => used.has(p.index));
    if (clash) throw bad(`"${clash.name}" is audited already (as the decision, label or a protected attribute); a proxy is another column that may stand in for a protected attribute.`);
  } else {
    proxies = ds.columns.filter((c) => (c.role === 'feature' || c.role === 'category') && !used.has(c.index) && c.type !== 'date' && c.type !== 'datetime');
  }

  for (const name of Object.keys(spec.bins ?? {})) {
    const col = resolveColumn(ds, name, 'column to bin');
    if (!prot.some((p) => p.index === col.index) && !proxies.some((p) => p.index === col.index)) {
      throw bad(`Bins were given for "${name}", which is neither a protected attribute nor a proxy column of this audit.`, { columnName: name });
    }
  }
  for (const name of Object.keys(spec.population ?? {})) {
    if (!prot.some((p) => p.name === name)) {
      throw bad(`Population shares were given for "${name}", which is not a protected attribute of this audit (${prot.map((p) => `"${p.name}"`).join(', ')}).`);
    }
  }

  const segmentations =
    spec.proxySegmentations ?? (db.prepare('SELECT name FROM segmentations WHERE dataset_id = ? ORDER BY id').pluck().all(ds.id) as string[]);
  const all = [audited, ...(label ? [label] : []), ...prot, ...proxies];
  return { decision, score, label, protected: prot, proxies, explicitProxies, segmentations, all };
}
