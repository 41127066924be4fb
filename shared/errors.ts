// Errors are data: services throw AppError, every transport carries {code, message, details}, and the
// receiving side rebuilds an AppError so callers can branch on `code`.

export const ERROR_CODES = [
  'BAD_ARGUMENTS',
  'NOT_FOUND',
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'EMPTY_FILE',
  'NO_DATA_ROWS',
  'RAGGED_ROW',
  'UNTERMINATED_QUOTE',
  'BINARY_FILE',
  'FIELD_TOO_LARGE',
  'BAD_ENCODING',
  'TOO_MANY_COLUMNS',
  'DISK_FULL',
  'WORKSPACE_READONLY',
  'NAME_TAKEN',
  'CANCELLED',
  'WORKSPACE_CORRUPT',
  'WORKSPACE_MIGRATION_MISMATCH',
  'WORKSPACE_TOO_NEW',
  'WORKSPACE_BUSY',
  'WORKSPACE_LOG_LOST',
  'NOT_A_WORKSPACE',
  'FILE_EXISTS',
  'KEY_MISSING',
  'NO_WORKSPACE',
  'FORBIDDEN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in an input file a problem sits; line and column are 1-based, as an editor shows them. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
}

export interface ErrorDetails extends ErrorLocation {
  [key: string]: unknown;
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}

/** Turn anything thrown into the wire shape; unknown errors become INTERNAL without leaking stacks. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof AppError) return err.toJSON();
  if (isSerializedError(err)) return err;
  if (isBusy(err)) return { code: 'WORKSPACE_BUSY', message: BUSY_MESSAGE };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

export function deserializeError(wire: SerializedError): AppError {
  return new AppError(wire.code, wire.message, wire.details);
}

/** "file.csv, line 12, column 3: message" — the one format every face prints. */
export function formatErrorLocation(details: ErrorLocation | undefined): string {
  if (!details) return '';
  const parts: string[] = [];
  if (details.file) parts.push(details.file);
  if (details.line !== undefined) parts.push(`line ${details.line}`);
  if (details.column !== undefined) parts.push(`column ${details.column}`);
  return parts.join(', ');
}

export const BUSY_MESSAGE = 'Another task is writing to this workspace (an import or a segmentation). Try again when it has finished.';

/** SQLite's "database is locked" (better-sqlite3 sets code SQLITE_BUSY): a wait, not corruption. */
export function isBusy(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && err.code.startsWith('SQLITE_BUSY');
}
