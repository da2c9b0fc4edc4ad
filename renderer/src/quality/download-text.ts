/**
 * Saves text as a file through the browser's download: a Blob and an object URL on an
 * `<a download>`. Nothing leaves the machine (connect-src 'none' stays untouched: a download is
 * not a fetch), and the URL is revoked once the browser has had time to take the bytes.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
