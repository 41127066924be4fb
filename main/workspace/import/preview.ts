// previewImport: what the analyst sees before committing — detected encoding/delimiter, header fixes, the
// proposed type, role and PII handling per column, and the first rows.
import { basename, extname } from 'node:path';
import type { ImportOptions, ImportPreview } from '../../../shared/domain';
import { closeInput, openInput } from './decode';
import { DEFAULT_SAMPLE_ROWS, nonFiniteWarning } from './infer-types';
import { planColumns } from './plan';
import { detectShape, readSample, withEncodingRetry } from './sample';

export const PREVIEW_ROWS = 100;

export async function previewImport(path: string, opts: { fileName?: string; options?: ImportOptions; sampleRows?: number } = {}): Promise<ImportPreview> {
  const input = openInput(path, opts.fileName);
  try {
    const shape0 = detectShape(input, opts.options ?? {});
    const sampleRows = Math.max(1, opts.sampleRows ?? DEFAULT_SAMPLE_ROWS);
    const { value: sample, shape } = withEncodingRetry(shape0, (s) => readSample(s, sampleRows, PREVIEW_ROWS));
    const planned = planColumns(sample);
    const warnings = [...sample.warnings, ...planned.warnings];
    planned.columns.forEach((c, i) => {
      const st = sample.stats[i];
      if ((c.type === 'integer' || c.type === 'real') && st.firstNonFinite) warnings.push(nonFiniteWarning(c.name, st.firstNonFinite, st.nonFinite, 'sample'));
    });
    if (shape.encodingNote) warnings.unshift(shape.encodingNote);
    return {
      path,
      fileName: input.file,
      sizeBytes: input.size,
      encoding: shape.encoding,
      delimiter: shape.delimiter,
      hasHeader: shape.hasHeader,
      headerFixes: sample.headerFixes,
      columns: planned.columns,
      rows: sample.rows,
      sampledRows: sample.sampledRows,
      suggestedName: basename(input.file, extname(input.file)).trim() || 'dataset',
      warnings,
    };
  } finally {
    closeInput(input);
  }
}
