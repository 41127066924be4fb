// The first rows of the file under per-column controls: name, type, role and (for personal data) what to do.
import { Badge, NativeSelect, Text, TextInput, Tooltip } from '@mantine/core';
import type { ColumnPreview, ColumnRole, ColumnType, ImportPreview, PiiAction } from '../../../../shared/domain';
import { COLUMN_ROLES, COLUMN_TYPES, PII_ACTIONS } from '../../../../shared/domain';
import { PII_ACTION_LABELS, PII_KIND_LABELS, ROLE_LABELS, TYPE_LABELS, isNumericType } from '../../../lib/labels';
import type { PlanEdits } from './plan';

const TYPE_OPTIONS = COLUMN_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }));
const ROLE_OPTIONS = COLUMN_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const PII_OPTIONS = PII_ACTIONS.map((a) => ({ value: a, label: PII_ACTION_LABELS[a] }));

interface Props {
  preview: ImportPreview;
  /** Columns with edits applied, aligned to preview.columns. */
  columns: ColumnPreview[];
  edits: PlanEdits;
  onEdits: (edits: PlanEdits) => void;
}

export function PreviewTable({ preview, columns, edits, onEdits }: Props) {
  const edit = (index: number, patch: PlanEdits[number]) => onEdits({ ...edits, [index]: { ...edits[index], ...patch } });
  return (
    <div className="cxw-preview-scroll" tabIndex={0} aria-label="File preview">
      <table className="cxw-preview">
        <thead>
          <tr>
            {columns.map((c, i) => {
              // Labels use the name the detector gave the column, so they stay stable while the analyst renames it.
              const label = preview.columns[i].name;
              const dropped = c.piiAction === 'drop';
              return (
                <th key={c.index} scope="col" data-dropped={dropped ? 'true' : undefined}>
                  <div className="cxw-colctl">
                    <TextInput
                      size="xs"
                      value={c.name}
                      onChange={(e) => edit(c.index, { name: e.currentTarget.value })}
                      aria-label={`Name of column ${label}`}
                      className="cxw-colctl-name"
                      disabled={dropped}
                      error={c.name.trim() === '' ? true : undefined}
                    />
                    <div className="cxw-colctl-row">
                      <NativeSelect
                        size="xs"
                        data={TYPE_OPTIONS}
                        value={c.type}
                        onChange={(e) => edit(c.index, { type: e.currentTarget.value as ColumnType })}
                        aria-label={`Type of column ${label}`}
                        disabled={dropped}
                        className="cxw-grow"
                      />
                      {c.typeConfidence < 0.995 && c.type === preview.columns[i].type && (
                        <Tooltip label={`${Math.round(c.typeConfidence * 100)}% of sampled values fit ${TYPE_LABELS[c.type].toLowerCase()}; the rest will be missing`}>
                          <Badge size="xs" color="orange" variant="light" className="cxw-fit">
                            {Math.floor(c.typeConfidence * 100)}%
                          </Badge>
                        </Tooltip>
                      )}
                    </div>
                    <NativeSelect
                      size="xs"
                      data={ROLE_OPTIONS}
                      value={c.role}
                      onChange={(e) => edit(c.index, { role: e.currentTarget.value as ColumnRole })}
                      aria-label={`Role of column ${label}`}
                      disabled={dropped}
                    />
                    {c.piiKind ? (
                      <div className="cxw-colctl-pii">
                        <Badge size="sm" color="violet" variant="light" className="cxw-pii-badge" title={c.piiReason ? `Detected personal data: ${c.piiReason}` : 'Detected personal data'}>
                          Personal data · {PII_KIND_LABELS[c.piiKind]}
                        </Badge>
                        <NativeSelect
                          size="xs"
                          data={PII_OPTIONS}
                          value={c.piiAction}
                          onChange={(e) => edit(c.index, { piiAction: e.currentTarget.value as PiiAction })}
                          aria-label={`PII action for column ${label}`}
                        />
                      </div>
                    ) : null}
                    {c.missingInSample > 0 && (
                      <Text size="xs" c="dimmed" className="cxw-tabular">
                        {c.missingInSample} missing in sample
                      </Text>
                    )}
                  </div>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r}>
              {columns.map((c, i) => {
                const v = row[i] ?? '';
                const numeric = isNumericType(c.type);
                return (
                  <td
                    key={c.index}
                    className={numeric ? 'cxw-num' : undefined}
                    data-dropped={c.piiAction === 'drop' ? 'true' : undefined}
                    title={v.length > 30 ? v : undefined}
                  >
                    {v === '' ? <span className="cxw-null">—</span> : v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
