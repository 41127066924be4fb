// The session memory of analysis set-ups: the last form per analysis kind, workspace and dataset, kept only while
// the app runs (nothing is persisted). A view's model makes one memory per kind with its pre-fill and, where
// columns can be renamed or deleted between visits, a revise step that repairs a remembered form.
import type { DatasetSummary } from '../../shared/domain';

export interface FormMemory<F> {
  remember: (workspace: string | undefined, form: F) => void;
  /** The form last used on this dataset of this workspace (revised against its columns), else the pre-filled one. */
  recall: (workspace: string | undefined, dataset: DatasetSummary | null, all?: DatasetSummary[]) => F;
}

const forms = new Map<string, unknown>();
const formKey = (kind: string, workspace: string | undefined, dataset: string) => `${kind}\u0000${workspace ?? ''}\u0000${dataset}`;

export function formMemory<F extends { dataset: string }>(
  kind: string,
  prefill: (dataset: DatasetSummary | null, all: DatasetSummary[]) => F,
  revise?: (saved: F, dataset: DatasetSummary) => F,
): FormMemory<F> {
  return {
    remember: (workspace, form) => {
      if (form.dataset) forms.set(formKey(kind, workspace, form.dataset), form);
    },
    recall: (workspace, dataset, all = []) => {
      if (!dataset) return prefill(null, all);
      const saved = forms.get(formKey(kind, workspace, dataset.name)) as F | undefined;
      if (!saved) return prefill(dataset, all);
      return revise ? revise(saved, dataset) : saved;
    },
  };
}

/** Forget every remembered form (tests). */
export function clearFormMemory(): void {
  forms.clear();
}
