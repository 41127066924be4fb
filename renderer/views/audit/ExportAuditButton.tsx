// "Export CSV": the audit's groups, disparities and summary as one tidy CSV (see csv.ts), saved as a download. The
// result is already in the window, so nothing is asked of the services.
import { Button } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import type { AuditResult } from '../../../shared/audit';
import { downloadText } from '../../lib/download';
import { useToasts } from '../../state/toasts';
import { auditCsv, auditCsvRows, auditFileName } from './csv';

export function ExportAuditButton({ result }: { result: AuditResult }) {
  const toasts = useToasts();
  const run = () => {
    try {
      const fileName = auditFileName(result);
      downloadText(auditCsv(result), fileName);
      toasts.success('Audit exported', `${auditCsvRows(result).length} rows (groups, disparities and summary) in “${fileName}”.`);
    } catch (err) {
      toasts.error(err, 'The audit was not exported');
    }
  };
  return (
    <Button variant="default" leftSection={<IconFileDownload size={16} />} onClick={run} className="cxw-aud-export">
      Export CSV
    </Button>
  );
}
