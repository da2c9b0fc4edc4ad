import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/app-protocol.js';
import { chooseDataDir } from '../../../electron/main/data-dir.js';
import { isAppUrl } from '../../../electron/main/navigation-policy.js';

describe('navigation and sender policy', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, true],
    [`${APP_ORIGIN}/assets/x.js`, true],
    ['https://example.com/', false],
    ['app://snowdesk.evil/index.html', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<h1>x</h1>', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isAppUrl(url, [APP_ORIGIN])).toBe(allowed);
  });

  it('allows the development server only when it is listed', () => {
    expect(isAppUrl('http://localhost:5173/', [APP_ORIGIN])).toBe(false);
    expect(isAppUrl('http://localhost:5173/', [APP_ORIGIN, 'http://localhost:5173'])).toBe(true);
  });
});

describe('choosing the data folder', () => {
  it('prefers --data-dir, then SNOWDESK_DATA_DIR, then the user data folder', () => {
    expect(chooseDataDir(['electron', '.', '--data-dir=/d1'], { SNOWDESK_DATA_DIR: '/d2' }, '/u')).toBe(
      '/d1',
    );
    expect(chooseDataDir(['electron', '--data-dir', '/d3'], {}, '/u')).toBe('/d3');
    expect(chooseDataDir(['electron'], { SNOWDESK_DATA_DIR: '/d2' }, '/u')).toBe('/d2');
    expect(chooseDataDir(['electron'], {}, '/u')).toBe('/u/data');
  });
});
