import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideDownload } from '../../../electron/main/download-policy.js';

describe('the download policy (no Save dialog, ever)', () => {
  const folder = join('/', 'srv', 'snowdesk-exports');

  it('saves into the configured export folder under the file’s own name', () => {
    expect(decideDownload(folder, 'quality-2026-11.csv')).toEqual({
      action: 'save',
      path: join(folder, 'quality-2026-11.csv'),
    });
  });

  it('keeps a page-chosen name inside the folder', () => {
    for (const name of ['../../etc/passwd', '..\\..\\boot.ini', '/tmp/x.csv', '.bashrc']) {
      const decision = decideDownload(folder, name);
      expect(decision.action).toBe('save');
      if (decision.action === 'save') {
        expect(decision.path.startsWith(folder + '/'), name).toBe(true);
        expect(decision.path.slice(folder.length + 1), name).not.toMatch(/[/\\]|^\./u);
      }
    }
    expect(decideDownload(folder, '')).toEqual({ action: 'save', path: join(folder, 'snowdesk-export.csv') });
  });

  it('refuses, saying where to configure it, when no folder (or a relative one) is set', () => {
    for (const setting of [null, 'exports']) {
      const decision = decideDownload(setting, 'quality.csv');
      expect(decision).toMatchObject({ action: 'refuse' });
      if (decision.action === 'refuse') expect(decision.message).toContain('exportFolder');
    }
  });
});
