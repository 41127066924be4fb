// Import in three steps: choose a file, review how it will be read (types, roles, personal data), import with
// progress and cancel. Nothing is written to the workspace before the last step.
import { useEffect, useState } from 'react';
import { Modal, Stepper } from '@mantine/core';
import type { ImportOptions, ImportPreview, ImportResult } from '../../../../shared/domain';
import type { PickedFile } from '../../../../shared/platform';
import { useClient } from '../../../state/bridge';
import { useWorkspace } from '../../../state/workspace';
import { useWorkspaceActions } from '../../../shell/useWorkspaceActions';
import { WorkspaceDialogs, type WorkspaceDialog } from '../../../shell/WorkspaceDialogs';
import { DemoImportPrompt } from './DemoImportPrompt';
import { PickStep } from './PickStep';
import { ReviewStep } from './ReviewStep';
import { CommitStep } from './CommitStep';
import { editsStillApply, wireOptions, type PlanEdits } from './plan';

interface Props {
  opened: boolean;
  onClose: () => void;
  onImported: (result: ImportResult) => void;
}

export function ImportWizard({ opened, onClose, onImported }: Props) {
  const [running, setRunning] = useState(false);
  const { info } = useWorkspace();
  // In the demo workspace, ask first (every time the wizard opens) whether the data should go somewhere else.
  const [demoAnswered, setDemoAnswered] = useState(false);
  const [dialog, setDialog] = useState<WorkspaceDialog | null>(null);
  const actions = useWorkspaceActions(setDialog);
  useEffect(() => {
    if (!opened) setDemoAnswered(false);
  }, [opened]);
  const asking = opened && info?.isDemo === true && !demoAnswered;
  return (
    <>
      <Modal
        opened={opened}
        onClose={() => !running && onClose()}
        title={info?.isDemo ? 'Import data into the demo workspace' : info ? `Import data into ${info.name}` : 'Import data'}
        size={asking ? 'lg' : 'min(1240px, 96vw)'}
        withCloseButton={!running}
        closeOnEscape={!running}
        closeOnClickOutside={false}
        className="cxw-import-modal"
        classNames={{ body: 'cxw-import-body' }}
      >
        {asking ? (
          <DemoImportPrompt onCreate={actions.newWorkspace} onImportAnyway={() => setDemoAnswered(true)} />
        ) : (
          opened && <Wizard onClose={onClose} onImported={onImported} onRunning={setRunning} />
        )}
      </Modal>
      <WorkspaceDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}

function Wizard({ onClose, onImported, onRunning }: Omit<Props, 'opened'> & { onRunning: (r: boolean) => void }) {
  const client = useClient();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [edits, setEdits] = useState<PlanEdits>({});
  const [name, setName] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => () => onRunning(false), [onRunning]);

  const runPreview = async (picked: PickedFile, next: ImportOptions, before: ImportPreview | null) => {
    setLoading(true);
    setError(null);
    try {
      const options = wireOptions({ ...next, onBadRow: undefined });
      const p = await client.invoke('dataset.preview', { path: picked.path, fileName: picked.fileName, ...(options ? { options } : {}) });
      setPreview(p);
      if (!editsStillApply(before, p)) setEdits({});
      if (!before) setName(p.suggestedName);
      setStep(1);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  return (
    <Stepper active={step} size="sm" allowNextStepsSelect={false} onStepClick={(s) => !loading && s < 2 && s < step && setStep(s)} className="cxw-stepper">
      <Stepper.Step label="Choose file" description="CSV, TSV or TXT">
        <PickStep
          file={file}
          loading={loading}
          error={error}
          onPicked={(picked) => {
            setFile(picked);
            setOptions({});
            void runPreview(picked, {}, null);
          }}
          onError={setError}
        />
      </Stepper.Step>
      <Stepper.Step label="Review columns" description="Types, roles, personal data">
        {preview && file && (
          <ReviewStep
            preview={preview}
            options={options}
            edits={edits}
            name={name}
            loading={loading}
            error={error}
            onName={setName}
            onEdits={setEdits}
            onOptions={(next, rerun) => {
              setOptions(next);
              if (rerun) void runPreview(file, next, preview);
            }}
            onBack={() => {
              setError(null);
              setStep(0);
            }}
            onCommit={() => {
              setError(null);
              setStep(2);
            }}
          />
        )}
      </Stepper.Step>
      <Stepper.Step label="Import" description="Write to the workspace">
        {preview && file && (
          <CommitStep
            file={file}
            preview={preview}
            options={options}
            edits={edits}
            name={name}
            onRunning={onRunning}
            onBack={() => setStep(1)}
            onClose={onClose}
            onDone={onImported}
          />
        )}
      </Stepper.Step>
    </Stepper>
  );
}
