// "Export assignments (CSV)": the same file `cxw assignments` writes (id,segment,confidence,segment_name), saved as a download.
import { useState } from 'react';
import { Button } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { downloadText } from '../../lib/download';
import { formatCount } from '../../lib/format';

export function ExportAssignmentsButton({ segmentation }: { segmentation: string }) {
  const client = useClient();
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const out = await client.invoke('segment.export', { segmentation });
      downloadText(out.csv, out.fileName);
      toasts.success('Assignments exported', `${formatCount(out.rows)} customers in “${out.fileName}” (id = ${out.idColumn ?? 'row number'}, segment = 1…k with its name).`);
    } catch (err) {
      toasts.error(err, 'The assignments were not exported');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" leftSection={<IconFileDownload size={16} />} onClick={run} loading={busy}>
      Export assignments (CSV)
    </Button>
  );
}
