// Upload progress for the browser host's import path; the Electron bridge never emits (it reads files in place).
export interface UploadProgress {
  fileName: string;
  loaded: number;
  total: number;
  /** 'done' once the host answered (success or failure). */
  state: 'uploading' | 'done';
}

type Listener = (progress: UploadProgress) => void;
const listeners = new Set<Listener>();

export function onUploadProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitUploadProgress(progress: UploadProgress): void {
  for (const listener of listeners) listener(progress);
}
