// Human review of a model's calls: a person confirms the model's call on a customer (flag or not, from the
// probability and the model's threshold) or overrides it, always with a reason. Every review is a row (the latest
// one per customer counts), logged in the activity log, shown on the model card, and carried by exported scores:
// nothing the model says about a customer is a decision until it has a review state.
import { userInfo } from 'node:os';
import { AppError } from '../../../shared/errors';
import type { AuditResult } from '../../../shared/audit';
import type { ModelCard, ModelReview, ReviewState } from '../../../shared/predict';
import { buildModelCard } from '../../analysis/predict/card';
import { listDatasets } from '../datasets';
import { getStored, getSummary, listResults } from '../results/store';
import { logActivity } from '../activity';
import type { Db } from '../db';
import { explainCustomer, modelRef } from './apply';

/** Who is reviewing: the operating-system account (the workbench has no accounts of its own). */
export function currentReviewer(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

interface Row {
  customer: string;
  decision: 'confirm' | 'override';
  flagged: number;
  reason: string;
  reviewer: string;
  probability: number;
  reviewed_at: string;
}

const toReview = (model: string, r: Row): ModelReview => ({
  model,
  id: r.customer,
  decision: r.decision,
  flagged: r.flagged === 1,
  reason: r.reason,
  reviewer: r.reviewer,
  probability: r.probability,
  at: r.reviewed_at,
});

export function addReview(db: Db, args: { model: string; dataset: string; id: string; decision: 'confirm' | 'override'; reason: string; reviewer?: string }): ModelReview {
  const reason = args.reason.trim();
  if (!reason) throw new AppError('BAD_ARGUMENTS', `Say why (--reason): a review without a reason cannot be checked later.`);
  const { id: resultId, name, result } = modelRef(db, args.model);
  const e = explainCustomer(db, { model: name, dataset: args.dataset, id: args.id }, { isCancelled: () => false, onProgress: () => undefined });
  const modelFlags = e.probability >= result.frozen.threshold;
  const flagged = args.decision === 'confirm' ? modelFlags : !modelFlags;
  const reviewer = args.reviewer?.trim() || currentReviewer();
  const at = new Date().toISOString();
  const pct = `${Math.round(e.probability * 100)}%`;
  db.transaction(() => {
    db.prepare('INSERT INTO model_reviews (result_id, customer, decision, flagged, reason, reviewer, probability, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      resultId,
      args.id,
      args.decision,
      flagged ? 1 : 0,
      reason,
      reviewer,
      e.probability,
      at,
    );
    logActivity(
      db,
      'predict.review',
      `${reviewer} ${args.decision === 'confirm' ? 'confirmed' : 'overrode'} the model “${name}” on customer ${args.id} (${pct}): ${flagged ? 'flagged' : 'not flagged'}, because ${reason}`,
      { model: name, customer: args.id, decision: args.decision, flagged, probability: e.probability, threshold: result.frozen.threshold, reviewer },
    );
  })();
  return { model: name, id: args.id, decision: args.decision, flagged, reason, reviewer, probability: e.probability, at };
}

/** Every review of a model, oldest first (the latest per customer is the one that counts). */
export function listReviews(db: Db, model: string): ModelReview[] {
  const { id, name } = modelRef(db, model);
  const rows = db.prepare('SELECT customer, decision, flagged, reason, reviewer, probability, reviewed_at FROM model_reviews WHERE result_id = ? ORDER BY id').all(id) as Row[];
  return rows.map((r) => toReview(name, r));
}

/** The latest review per customer id. */
export function latestReviews(db: Db, resultId: number): Map<string, { decision: 'confirm' | 'override'; flagged: boolean }> {
  const rows = db.prepare('SELECT customer, decision, flagged FROM model_reviews WHERE result_id = ? ORDER BY id').all(resultId) as Pick<Row, 'customer' | 'decision' | 'flagged'>[];
  return new Map(rows.map((r) => [r.customer, { decision: r.decision, flagged: r.flagged === 1 }]));
}

/**
 * A scored customer's review state and call: reviewed (the person's call), not in the review band (the model's call
 * stands, 'automatic'), or waiting for a person ('pending review': no call yet).
 */
export function reviewState(needsReview: boolean, modelFlags: boolean, review: { decision: 'confirm' | 'override'; flagged: boolean } | undefined): { state: ReviewState; flagged: boolean | null } {
  if (review) return { state: review.decision === 'confirm' ? 'confirmed' : 'overridden', flagged: review.flagged };
  if (needsReview) return { state: 'pending review', flagged: null };
  return { state: 'automatic', flagged: modelFlags };
}

/** The newest fairness audit of a model: an audit of a dataset of the model's test-row scores. */
export function latestModelAudit(db: Db, modelName: string): { name: string; result: AuditResult } | null {
  const scoreSets = new Set(
    listDatasets(db)
      .filter((d) => d.importParams.kind === 'model-scores' && d.importParams.model === modelName && d.importParams.rows === 'test')
      .map((d) => d.name),
  );
  const hit = listResults(db, 'audit').find((r) => scoreSets.has(r.dataset));
  return hit ? { name: hit.name, result: getStored(db, hit.id).result as AuditResult } : null;
}

export function modelCard(db: Db, model: string): ModelCard {
  const { id, name, result } = modelRef(db, model);
  const createdAt = getSummary(db, id).createdAt;
  return buildModelCard({ name, createdAt, result, reviews: listReviews(db, name), audit: latestModelAudit(db, name) });
}
