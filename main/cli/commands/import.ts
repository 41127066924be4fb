// cxw import FILE --workspace W [--name N] [--delimiter C] [--encoding utf-8|windows-1252]
//   [--pii COL=drop|pseudonymize|keep ...] [--type COL=TYPE ...] [--role COL=ROLE ...] [--skip-bad-rows]
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs as parseCli } from 'node:util';
import { COLUMN_ROLES, COLUMN_TYPES, PII_ACTIONS, type ColumnPlan, type FileEncoding, type ImportPreview, type ImportResult } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { previewImport } from '../../workspace/import/index';
import { createServices } from '../../services/index';
import { assertKnown, parseDelimiter, parsePairs, requireWorkspace, stateDir, UsageError } from '../args';
import { formatImport } from '../format';
import type { CommandOutput } from '../run';

function columnIndex(preview: ImportPreview, name: string, flag: string): number {
  const col = preview.columns.find((c) => c.name === name) ?? preview.columns.find((c) => c.originalName === name);
  if (!col) throw new AppError('BAD_ARGUMENTS', `--${flag}: the file has no column "${name}". Columns: ${preview.columns.map((c) => c.name).join(', ')}.`);
  return col.index;
}

/** --encoding: the two encodings the importer reads, under the names people type for them. */
const ENCODING_NAMES: Record<string, FileEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
};

export function parseEncoding(value: string): FileEncoding {
  const e = ENCODING_NAMES[value.trim().toLowerCase()];
  if (!e) throw new AppError('BAD_ARGUMENTS', `--encoding: unknown encoding "${value}"; use utf-8 or windows-1252 (Latin-1).`);
  return e;
}

export async function importCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<ImportResult>> {
  const { values, positionals } = parseCli({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      name: { type: 'string' },
      delimiter: { type: 'string' },
      encoding: { type: 'string' },
      pii: { type: 'string', multiple: true },
      type: { type: 'string', multiple: true },
      role: { type: 'string', multiple: true },
      'skip-bad-rows': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('usage: cxw import FILE --workspace W [--name N] [--delimiter C] [--encoding utf-8|windows-1252] [--pii COL=ACTION ...]');
  const workspace = requireWorkspace(values.workspace);
  const options = {
    ...(values.delimiter !== undefined ? { delimiter: parseDelimiter(values.delimiter) } : {}),
    ...(values.encoding !== undefined ? { encoding: parseEncoding(values.encoding) } : {}),
    ...(values['skip-bad-rows'] ? { onBadRow: 'skip' as const } : {}),
  };
  // Preview first: it validates the file before the workspace is touched, and maps column names to positions.
  const preview = await previewImport(file, { fileName: basename(file), options });
  const plans = new Map<number, ColumnPlan>();
  const plan = (index: number) => plans.get(index) ?? plans.set(index, { index }).get(index)!;
  for (const { column, value } of parsePairs(values.pii, 'pii')) {
    const action = value === 'pseudonymise' ? 'pseudonymize' : value;
    plan(columnIndex(preview, column, 'pii')).piiAction = assertKnown(action, PII_ACTIONS, 'PII action');
  }
  for (const { column, value } of parsePairs(values.type, 'type')) plan(columnIndex(preview, column, 'type')).type = assertKnown(value, COLUMN_TYPES, 'column type');
  for (const { column, value } of parsePairs(values.role, 'role')) plan(columnIndex(preview, column, 'role')).role = assertKnown(value, COLUMN_ROLES, 'column role');

  const services = createServices({
    stateDir: stateDir(),
    emit: (event, payload) => {
      if (event === 'job.progress') {
        const p = payload as { done: number; total: number | null; phase: string };
        if (p.total) progress(`${p.phase} ${Math.round((100 * p.done) / p.total)}%`);
      }
    },
  });
  try {
    const { handlers } = services;
    if (existsSync(workspace)) await handlers['workspace.open']({ path: workspace });
    else await handlers['workspace.create']({ path: workspace });
    const result = await handlers['dataset.import']({
      jobId: `cli-${randomBytes(6).toString('hex')}`,
      path: file,
      fileName: basename(file),
      ...(values.name ? { name: values.name } : {}),
      options,
      ...(plans.size ? { columns: [...plans.values()] } : {}),
    });
    return { json: result, text: formatImport(result) };
  } finally {
    services.dispose();
  }
}
