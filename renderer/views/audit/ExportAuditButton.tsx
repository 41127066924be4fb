// "Export CSV": two forms of the audit, saved as a download — "Groups table (for people)", one row per group with
// rates as percentages and their intervals (csv-people.ts), and "Long form (for tools)", the tidy, exact table of
// groups × metrics, disparities and summary (csv.ts). The result is already in the window, so nothing is asked of the
// services.
import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconFileDownload, IconTable, IconTableExport } from '@tabler/icons-react';
import type { AuditResult } from '../../../shared/audit';
import { downloadText } from '../../lib/download';
import { useToasts } from '../../state/toasts';
import { auditCsv, auditCsvRows, auditFileName, type AuditCsvForm } from './csv';
import { auditPeopleCsv, peopleCsvRows } from './csv-people';

export function ExportAuditButton({ result }: { result: AuditResult }) {
  const toasts = useToasts();
  const run = (form: AuditCsvForm) => {
    try {
      const fileName = auditFileName(result, form);
      if (form === 'people') {
        downloadText(auditPeopleCsv(result), fileName);
        toasts.success('Audit exported', `${peopleCsvRows(result).length} groups, rates as percentages with their 95% intervals, in “${fileName}”.`);
      } else {
        downloadText(auditCsv(result), fileName);
        toasts.success('Audit exported', `${auditCsvRows(result).length} rows (groups, disparities and summary, exact fractions) in “${fileName}”.`);
      }
    } catch (err) {
      toasts.error(err, 'The audit was not exported');
    }
  };
  return (
    <Menu position="bottom-end" shadow="md" width={300}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconFileDownload size={16} />} rightSection={<IconChevronDown size={14} />} className="cxw-aud-export">
          Export CSV
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconTable size={16} />} onClick={() => run('people')}>
          Groups table (for people)
          <div className="cxw-aud-export-sub">One row per group, rates in %, 95% intervals</div>
        </Menu.Item>
        <Menu.Item leftSection={<IconTableExport size={16} />} onClick={() => run('tools')}>
          Long form (for tools)
          <div className="cxw-aud-export-sub">Every rate, disparity and summary number, exact</div>
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
