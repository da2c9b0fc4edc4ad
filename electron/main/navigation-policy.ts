/**
 * The window shows the app and nothing else: only URLs of our own origin may be loaded, and
 * only frames of our own origin may call the core.
 */
export function isAppUrl(candidate: string, allowedOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  const origin = url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin;
  return allowedOrigins.includes(origin);
}
