import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, resolveAppPath, serveAppRequest } from '../../../electron/main/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy.js';

let root: string;
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'snowdesk-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'not for the page');
});

describe('the app:// protocol', () => {
  it('serves the renderer with the CSP header', async () => {
    const answer = await serveAppRequest(root, `${APP_ORIGIN}/index.html`);
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers['Content-Type']).toMatch(/^text\/html/);
    expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
    const js = await serveAppRequest(root, `${APP_ORIGIN}/assets/app.js`);
    expect(js.headers['Content-Type']).toMatch(/^text\/javascript/);
  });

  it.each([
    `${APP_ORIGIN}/../secret.txt`,
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`,
    `${APP_ORIGIN}/%00index.html`,
    'app://elsewhere/index.html',
    'https://snowdesk/index.html',
    'not a url',
  ])('refuses %s', async (url) => {
    const answer = await serveAppRequest(root, url);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.body.toString()).not.toContain('not for the page');
  });

  it('never resolves outside the renderer folder', () => {
    expect(resolveAppPath(root, `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`, APP_ORIGIN)).toBeNull();
    expect(resolveAppPath(root, `${APP_ORIGIN}/`, APP_ORIGIN)).toBe(join(root, 'index.html'));
  });

  it('answers 404 for missing files and unknown file types', async () => {
    expect((await serveAppRequest(root, `${APP_ORIGIN}/nope.js`)).status).toBe(404);
    expect((await serveAppRequest(root, `${APP_ORIGIN}/index.exe`)).status).toBe(404);
  });
});

describe('the content security policy', () => {
  it('allows no inline script, no eval and no network', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
