import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './content-security-policy.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'snowdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Maps a request for the renderer's files onto `rootDir`, refusing anything outside it and any
 * origin other than ours. Used by Electron's protocol handler and by the preview's launcher.
 */
export function resolveAppPath(rootDir: string, requestUrl: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.origin !== origin && `${url.protocol}//${url.host}` !== origin) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const target = resolve(root, relative);
  if (target !== root && !target.startsWith(root + sep)) return null;
  return target;
}

export async function serveAppRequest(
  rootDir: string,
  requestUrl: string,
  origin: string = APP_ORIGIN,
): Promise<AppResponse> {
  const notFound = (status: number): AppResponse => ({
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from(status === 403 ? 'Forbidden' : 'Not found'),
  });
  const path = resolveAppPath(rootDir, requestUrl, origin);
  if (!path) return notFound(403);
  const type = MIME[extname(path).toLowerCase()];
  if (!type) return notFound(404);
  try {
    const body = await readFile(path);
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type }, body };
  } catch {
    return notFound(404);
  }
}
