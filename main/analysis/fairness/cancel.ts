// Cancellation: the job flips a flag; the audit checks it between columns (each column is one fast pass).
import { AppError } from '../../../shared/errors';

export function poll(isCancelled?: () => boolean): void {
  if (isCancelled?.()) throw new AppError('CANCELLED', 'Cancelled.');
}
