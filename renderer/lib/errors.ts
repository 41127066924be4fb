// Turns any thrown value into a title and sentence a CX analyst can act on, with the file position when known.
import { AppError, formatErrorLocation, type ErrorCode } from '../../shared/errors';

const TITLES: Record<ErrorCode, string> = {
  BAD_ARGUMENTS: 'That request was not valid',
  NOT_FOUND: 'Not found',
  FILE_NOT_FOUND: 'The file could not be found',
  FILE_UNREADABLE: 'The file could not be read',
  EMPTY_FILE: 'The file is empty',
  NO_DATA_ROWS: 'The file has a header but no data rows',
  RAGGED_ROW: 'A row has the wrong number of fields',
  UNTERMINATED_QUOTE: 'A quoted value is never closed',
  BINARY_FILE: 'This does not look like a text (CSV) file',
  FIELD_TOO_LARGE: 'A value is too large',
  BAD_ENCODING: 'The text encoding could not be read',
  TOO_MANY_COLUMNS: 'The file has too many columns',
  DISK_FULL: 'The disk is full',
  WORKSPACE_READONLY: 'The workspace cannot be written',
  NAME_TAKEN: 'That name is already used',
  CANCELLED: 'Cancelled',
  WORKSPACE_CORRUPT: 'The workspace file is damaged',
  WORKSPACE_MIGRATION_MISMATCH: 'The workspace was changed by a different build',
  WORKSPACE_TOO_NEW: 'The workspace was made by a newer version',
  WORKSPACE_BUSY: 'The workspace is busy',
  WORKSPACE_LOG_LOST: 'Another program deleted a file of the open workspace',
  NOT_A_WORKSPACE: 'This file is not a CX Workbench workspace',
  FILE_EXISTS: 'A file with that name already exists',
  KEY_MISSING: 'The pseudonymisation key is not on this computer',
  NO_WORKSPACE: 'No workspace is open',
  FORBIDDEN: 'Not allowed',
  INTERNAL: 'Something went wrong',
};

const HINTS: Partial<Record<ErrorCode, string>> = {
  RAGGED_ROW: 'Check the delimiter, or choose "Skip bad rows" to import the rest and list the rejected ones.',
  UNTERMINATED_QUOTE: 'A value starts with a quote that never ends; the file may be truncated.',
  BAD_ENCODING: 'Try choosing the encoding by hand (Windows-1252 for older Excel exports).',
  BINARY_FILE: 'Export the sheet as CSV first (Excel: File → Save As → CSV UTF-8).',
  TOO_MANY_COLUMNS: 'Split the file into narrower files (keeping the id column in each) and import them separately.',
  DISK_FULL: 'Free some disk space, or move the workspace to a disk with room, and try again. Nothing was changed.',
  WORKSPACE_READONLY: 'Copy the workspace to a folder you can write to (or fix its permissions) and open it from there. Nothing was changed.',
  NAME_TAKEN: 'Choose another name.',
  NOT_A_WORKSPACE: 'Nothing was written to it. Open a .cxw workspace, or import the data into a new one.',
  FILE_EXISTS: 'Choose another file name; nothing was overwritten.',
  WORKSPACE_TOO_NEW: 'Update CX Workbench to open it.',
  NO_WORKSPACE: 'Create or open a workspace first.',
  WORKSPACE_LOG_LOST: 'Open the workspace again (Open… or the recent list): that saves every change made so far. Nothing was written since the file went missing.',
  KEY_MISSING: 'Bring the key over with cxw key export / cxw key import, or drop the personal-data columns. Reading the data works without it.',
};

export interface HumanError {
  title: string;
  message: string;
  location: string;
  hint: string | null;
  code: ErrorCode | null;
}

export function describeError(err: unknown): HumanError {
  if (err instanceof AppError) {
    return {
      title: TITLES[err.code] ?? 'Something went wrong',
      message: err.message,
      location: formatErrorLocation(err.details),
      hint: HINTS[err.code] ?? null,
      code: err.code,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { title: 'Something went wrong', message, location: '', hint: null, code: null };
}

export function isCancelled(err: unknown): boolean {
  return err instanceof AppError && err.code === 'CANCELLED';
}
