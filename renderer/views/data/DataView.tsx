// The Data view: datasets on the left, the selected dataset's Profile | Data grid | Columns on the right.
import { useEffect, useState } from 'react';
import type { ImportResult } from '../../../shared/domain';
import { useWorkspace } from '../../state/workspace';
import { DatasetList } from './DatasetList';
import { DatasetDetail, type DetailTab } from './DatasetDetail';
import { EmptyData } from './EmptyData';
import { ImportWizard } from './import/ImportWizard';
import { datasetFromHash } from '../../shell/views';

export function DataView() {
  const { datasets } = useWorkspace();
  // Another view may send us to one dataset ("Open dataset" after RFM) through the address.
  const [selected, setSelected] = useState<string | null>(() => datasetFromHash(window.location.hash));
  const [tab, setTab] = useState<DetailTab>('profile');
  const [importing, setImporting] = useState(false);
  const [lastImport, setLastImport] = useState<ImportResult | null>(null);

  // Keep a valid selection as datasets come and go (import, delete, another workspace).
  useEffect(() => {
    if (selected && datasets.some((d) => d.name === selected)) return;
    setSelected(datasets[0]?.name ?? null);
  }, [datasets, selected]);

  const current = datasets.find((d) => d.name === selected) ?? null;

  const onImported = (result: ImportResult) => {
    setImporting(false);
    setLastImport(result);
    setSelected(result.dataset);
    setTab('profile');
  };

  return (
    <div className="cxw-data">
      <DatasetList
        datasets={datasets}
        selected={selected}
        onSelect={(name) => {
          setSelected(name);
          if (lastImport && lastImport.dataset !== name) setLastImport(null);
        }}
        onRenamed={(from, to) => selected === from && setSelected(to)}
        onImport={() => setImporting(true)}
      />
      <section className="cxw-detail" aria-label="Dataset">
        {current ? (
          <DatasetDetail
            key={current.id}
            dataset={current}
            tab={tab}
            onTab={setTab}
            lastImport={lastImport?.dataset === current.name ? lastImport : null}
            onDismissImport={() => setLastImport(null)}
          />
        ) : (
          <EmptyData onImport={() => setImporting(true)} />
        )}
      </section>
      <ImportWizard opened={importing} onClose={() => setImporting(false)} onImported={onImported} />
    </div>
  );
}
