// Dataset issues in plain language, most severe first, coloured by severity.
import { Badge, Paper, Text } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconInfoCircle, IconCircleCheck } from '@tabler/icons-react';
import type { DataIssue } from '../../../../shared/domain';

const ORDER = { error: 0, warning: 1, info: 2 } as const;
const STYLE = {
  error: { color: 'red', icon: IconAlertCircle, label: 'Error' },
  warning: { color: 'orange', icon: IconAlertTriangle, label: 'Warning' },
  info: { color: 'blue', icon: IconInfoCircle, label: 'Note' },
} as const;

export function IssueList({ issues }: { issues: DataIssue[] }) {
  if (issues.length === 0) {
    return (
      <Paper withBorder radius="md" p="sm" className="cxw-issues-ok">
        <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden="true" />
        <Text size="sm">No data quality issues found.</Text>
      </Paper>
    );
  }
  const sorted = [...issues].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <section aria-label="Data quality issues">
      <Text fw={600} size="sm" mb="xs">
        Data quality
      </Text>
      <Paper withBorder radius="md" className="cxw-issues">
        <ul>
          {sorted.map((issue, i) => {
            const s = STYLE[issue.severity];
            const Icon = s.icon;
            return (
              <li key={i} className="cxw-issue">
                <Icon size={17} color={`var(--mantine-color-${s.color}-6)`} aria-label={s.label} className="cxw-issue-icon" />
                <Text size="sm" className="cxw-grow">
                  {issue.message}
                </Text>
                {issue.column && (
                  <Badge variant="default" size="sm" className="cxw-issue-col" tt="none">
                    {issue.column}
                  </Badge>
                )}
              </li>
            );
          })}
        </ul>
      </Paper>
    </section>
  );
}
