// The Segments view: saved segmentations on the left (open, delete, compare), and on the right either the set-up
// of a new segmentation, a saved one's results, or the migration between two. The open segmentation is remembered
// per workspace, so a reload comes back to it.
import type { SavedResultSummary } from '../../../shared/results';
import { SavedResultBar } from '../../components/saved/SavedResultBar';
import { onPendingResult, takePendingResult } from '../../lib/open-result';
import { useCallback, useEffect, useRef, useState } from 'react';
import { focusResultHeading } from '../../components/a11y/run-shortcut';
import { Button, Group, Modal, ScrollArea, Stack, Text, UnstyledButton, ActionIcon, Tooltip, Loader, VisuallyHidden } from '@mantine/core';
import { IconArrowsExchange, IconPlus, IconReceipt, IconTrash } from '@tabler/icons-react';
import type { SegmentationResult, SegmentationSummary } from '../../../shared/segments';
import { AppError } from '../../../shared/errors';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { useAsync } from '../../state/useAsync';
import { useToasts } from '../../state/toasts';
import { formatCount, formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SetupPanel } from './SetupPanel';
import { ResultView, type ResultTab } from './ResultView';
import { MigrationPanel } from './MigrationPanel';
import { RfmPanel } from './RfmPanel';
import './segments.css';

type Mode = { kind: 'setup' } | { kind: 'result'; name: string } | { kind: 'migration' } | { kind: 'rfm' };

const STORAGE_KEY = 'cxw-segments-open';

function rememberedName(workspace: string | undefined): string | null {
  if (!workspace) return null;
  try {
    const all = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, string>;
    return all[workspace] ?? null;
  } catch {
    return null;
  }
}

function remember(workspace: string | undefined, name: string | null): void {
  if (!workspace) return;
  try {
    const all = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, string>;
    if (name) all[workspace] = name;
    else delete all[workspace];
    localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Storage may be unavailable; remembering is a convenience.
  }
}

export function SegmentsView() {
  const client = useClient();
  const toasts = useToasts();
  const { info, datasets, revision } = useWorkspace();
  const workspace = info?.path;
  const [listNonce, setListNonce] = useState(0);
  const saved = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client, revision, listNonce]);
  const [mode, setMode] = useState<Mode>(() => {
    // A segmentation opened from the workspace's Results list, else the one open last time.
    const name = takePendingResult('segmentation')?.name ?? rememberedName(workspace);
    return name ? { kind: 'result', name } : { kind: 'setup' };
  });
  const [result, setResult] = useState<SegmentationResult | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  // Set by a finished run: the new result's heading takes focus once it is on screen (keyboard users land on it).
  const focusAfterRun = useRef(false);
  useEffect(() => {
    if (!focusAfterRun.current || !result) return;
    const frame = requestAnimationFrame(() => {
      if (mainRef.current && focusResultHeading(mainRef.current, 'The segmentation')) focusAfterRun.current = false;
    });
    return () => cancelAnimationFrame(frame);
  }, [result]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tab, setTab] = useState<ResultTab>('segments');
  const [confirm, setConfirm] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  // The last scoring (source → scored) is what "Compare two" offers first: who moved is the next question.
  const [scoredPair, setScoredPair] = useState<{ from: string; to: string } | null>(null);

  const openName = mode.kind === 'result' ? mode.name : null;
  // The open segmentation as a saved result: re-run, rename, and the results list (segmentations are results).
  const segResults = useAsync<SavedResultSummary[]>(() => client.invoke('results.list', { kind: 'segmentation' }), [client, revision, listNonce, openName]);
  const current = segResults.data?.find((r) => r.name === openName);
  const onCurrentChanged = (c: { name?: string; deleted?: boolean }) => {
    setListNonce((n) => n + 1);
    if (c.deleted) {
      setMode({ kind: 'setup' });
      setResult(null);
    } else if (c.name) setMode({ kind: 'result', name: c.name });
  };

  const load = useCallback(
    async (name: string) => {
      setLoadError(null);
      try {
        const r = await client.invoke('segment.get', { segmentation: name });
        setResult(r);
      } catch (err) {
        setResult(null);
        // A remembered segmentation that is gone (deleted, another workspace) falls back to the set-up.
        if (err instanceof AppError && err.code === 'NOT_FOUND') setMode({ kind: 'setup' });
        else setLoadError(err);
      }
    },
    [client],
  );

  useEffect(() => {
    if (!openName) return;
    if (result?.name === openName) return;
    setResult(null);
    void load(openName);
  }, [openName, load, result?.name]);

  useEffect(() => remember(workspace, openName), [workspace, openName]);
  useEffect(
    () =>
      onPendingResult((kind) => {
        const r = kind === 'segmentation' ? takePendingResult(kind) : null;
        if (r) setMode({ kind: 'result', name: r.name });
      }),
    [],
  );

  const open = (name: string) => {
    setTab('segments');
    setLoadError(null);
    setMode({ kind: 'result', name });
  };

  const onDone = (r: SegmentationResult) => {
    focusAfterRun.current = true;
    setResult(r);
    setTab('segments');
    setMode({ kind: 'result', name: r.name });
    setListNonce((n) => n + 1);
    toasts.success('Segmentation saved', `“${r.name}”: ${r.k} segments of ${formatCount(r.rows)} customers.`);
  };

  const onScored = (source: string, scored: SegmentationSummary) => {
    setScoredPair({ from: source, to: scored.name });
    setListNonce((n) => n + 1);
    open(scored.name);
    toasts.success('Dataset scored', `“${scored.dataset}” is saved as “${scored.name}”: ${formatCount(scored.rows)} customers in ${scored.k} segments.`);
  };

  const doDelete = async () => {
    if (!confirm) return;
    setDeleting(true);
    try {
      await client.invoke('segment.delete', { segmentation: confirm });
      toasts.success('Segmentation deleted', `“${confirm}” and its assignments were removed.`);
      if (openName === confirm) {
        setMode({ kind: 'setup' });
        setResult(null);
      }
      setListNonce((n) => n + 1);
      setConfirm(null);
    } catch (err) {
      toasts.error(err, 'The segmentation was not deleted');
    } finally {
      setDeleting(false);
    }
  };

  const list = saved.data ?? [];
  return (
    <div className="cxw-seg">
      <aside className="cxw-seg-pane" aria-label="Saved segmentations">
        <Stack gap="xs" p="sm">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setMode({ kind: 'setup' })} variant={mode.kind === 'setup' ? 'filled' : 'light'} fullWidth>
            New segmentation
          </Button>
          <Button
            leftSection={<IconArrowsExchange size={16} />}
            onClick={() => setMode({ kind: 'migration' })}
            variant={mode.kind === 'migration' ? 'light' : 'subtle'}
            color={mode.kind === 'migration' ? 'indigo' : 'gray'}
            fullWidth
            disabled={list.length < 2}
          >
            Compare two
          </Button>
          <Button
            leftSection={<IconReceipt size={16} />}
            onClick={() => setMode({ kind: 'rfm' })}
            variant={mode.kind === 'rfm' ? 'light' : 'subtle'}
            color={mode.kind === 'rfm' ? 'indigo' : 'gray'}
            fullWidth
            px="xs"
          >
            RFM from transactions
          </Button>
        </Stack>
        <Text size="xs" fw={600} tt="uppercase" c="dimmed" px="md" pt="xs" pb={6} className="cxw-eyebrow">
          Saved
        </Text>
        <ScrollArea className="cxw-seg-list" type="auto">
          <Stack gap={2} px="xs" pb="md">
            {saved.error ? <ErrorAlert error={saved.error} /> : null}
            {!saved.error && list.length === 0 && (
              <Text size="sm" c="dimmed" px="sm">
                {saved.loading ? 'Loading…' : 'None yet. Segmentations you run are saved here.'}
              </Text>
            )}
            {list.map((s) => (
              <div key={s.id} className="cxw-seg-item" data-active={openName === s.name}>
                <UnstyledButton className="cxw-seg-item-main" onClick={() => open(s.name)} aria-current={openName === s.name ? 'true' : undefined}>
                  <Text size="sm" fw={600} truncate>
                    <VisuallyHidden>Open segmentation </VisuallyHidden>
                    {s.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    k = {s.k} · {formatCount(s.rows)} rows · {s.dataset}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {formatDateTime(s.createdAt)}
                  </Text>
                </UnstyledButton>
                <Tooltip label="Delete">
                  <ActionIcon variant="subtle" color="gray" className="cxw-seg-item-delete" aria-label={`Delete segmentation ${s.name}`} onClick={() => setConfirm(s.name)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </aside>

      <section ref={mainRef} className="cxw-seg-main" aria-label="Segmentation">
        {mode.kind === 'setup' && <SetupPanel datasets={datasets} onDone={onDone} />}
        {mode.kind === 'migration' && <MigrationPanel saved={list} initial={scoredPair} />}
        {mode.kind === 'rfm' && <RfmPanel datasets={datasets} />}
        {mode.kind === 'result' &&
          (loadError ? (
            <ErrorAlert error={loadError} title={`“${mode.name}” could not be opened`} />
          ) : result && result.name === mode.name ? (
            <>
              <div>
                <SavedResultBar kinds={['segmentation']} current={current ? { id: current.id, name: current.name, kind: current.kind } : null} onOpen={(r) => open(r.name)} onCurrentChanged={onCurrentChanged} nameShown />
              </div>
              <ResultView
                result={result}
                tab={tab}
                onTab={setTab}
                onChanged={setResult}
                onReload={() => {
                  void load(mode.name);
                }}
                onDelete={() => setConfirm(mode.name)}
                onScored={(scored) => onScored(mode.name, scored)}
              />
            </>
          ) : (
            <Group gap="sm" p="xl">
              <Loader size="sm" />
              <Text c="dimmed">Opening “{mode.name}”…</Text>
            </Group>
          ))}
      </section>

      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title="Delete segmentation?" centered>
        <Text size="sm">
          “{confirm}” and its customer assignments, names and persona notes will be removed from this workspace. The datasets are not touched.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirm(null)}>
            Keep it
          </Button>
          <Button color="red" onClick={doDelete} loading={deleting}>
            Delete segmentation
          </Button>
        </Group>
      </Modal>
    </div>
  );
}
