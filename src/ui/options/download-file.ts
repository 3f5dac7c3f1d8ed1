/** Saves text as a file through the browser's download UI (no permission needed from a page). */
export function downloadFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has started from the object URL by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
