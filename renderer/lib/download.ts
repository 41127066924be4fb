// Save bytes the app made as a file: a Blob URL clicked through an <a download>. No network, and the URL is
// revoked once the browser has taken the bytes (a later tick; revoking at once can cancel the save).
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Text the services returned (a CSV, an HTML page) saved as a file. */
export function downloadText(text: string, fileName: string, mime = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type: mime }), fileName);
}
