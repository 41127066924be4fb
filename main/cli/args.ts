// Command-line parsing helpers shared by the cxw commands: repeated KEY=VALUE flags, delimiter names, paths.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

export class UsageError extends Error {}

/** "COL=VALUE" pairs from repeated flags; the column part may itself contain '=' only if quoted by the shell. */
export function parsePairs(values: string[] | undefined, flag: string): { column: string; value: string }[] {
  return (values ?? []).map((raw) => {
    const at = raw.lastIndexOf('=');
    if (at <= 0 || at === raw.length - 1) throw new UsageError(`--${flag} expects COLUMN=VALUE, got "${raw}".`);
    return { column: raw.slice(0, at), value: raw.slice(at + 1) };
  });
}

export function parseDelimiter(raw: string | undefined): ',' | ';' | '\t' | '|' | undefined {
  if (raw === undefined) return undefined;
  const named: Record<string, ',' | ';' | '\t' | '|'> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t', '|': '|', pipe: '|' };
  const d = named[raw.toLowerCase()];
  if (!d) throw new UsageError(`--delimiter must be one of , ; tab | (got "${raw}").`);
  return d;
}

export function stateDir(): string {
  if (process.env.CXW_STATE_DIR) return process.env.CXW_STATE_DIR;
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'cx-workbench');
}

export function requireWorkspace(path: string | undefined): string {
  if (!path) throw new UsageError('--workspace FILE is required.');
  return path;
}

export function assertKnown<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new AppError('BAD_ARGUMENTS', `Unknown ${what} "${value}". Use one of: ${allowed.join(', ')}.`);
  }
  return value as T;
}

/** `--save NAME`: keep the result in the workspace under NAME (listed by `cxw results`, re-run by `cxw rerun`). */
export function saveArg(name: string | undefined): { save?: { name: string } } {
  if (name === undefined) return {};
  if (!name.trim()) throw new UsageError('--save needs a name for the saved result, e.g. --save "Q3 NPS by region".');
  return { save: { name: name.trim() } };
}

/** "a, b,,c" → ["a", "b", "c"]: a comma-separated flag value (columns, names), blanks dropped. */
export function commaList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** A numeric flag, or undefined when absent; refused (wrong usage) when it is not a number that passes `check`. */
export function numberFlag(raw: string | undefined, flag: string, check: (v: number) => boolean, expected: string): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || !check(v)) throw new UsageError(`--${flag} must be ${expected}, got "${raw}".`);
  return v;
}
