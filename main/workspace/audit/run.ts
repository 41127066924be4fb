// The 'audit.run' job (placeholder until the audit data path lands): loads the decision, label, score and
// protected columns and runs main/analysis/fairness.
import type { AuditResult, AuditSpec } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';

export interface AuditProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

export function runAudit(db: Db, spec: AuditSpec, ctx: AuditProgress): AuditResult {
  void db;
  void spec;
  void ctx;
  throw new AppError('INTERNAL', 'Not built yet.');
}
