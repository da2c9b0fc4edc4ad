import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');

/** Table rows of the threat model (not headers or rules): every one that claims something names its test. */
const rows = DOC.split('\n').filter(
  (line) => line.startsWith('| ') && !line.startsWith('| can / cannot') && !line.startsWith('| ---'),
);

/** `file › name` spans; a bare file name means the file a previous span named in full. */
function citations(): { file: string; name: string | null }[] {
  const known = new Map<string, string>();
  const found: { file: string; name: string | null }[] = [];
  for (const [, span] of DOC.matchAll(/`([^`]*(?:tests\/|\.test\.ts|\.spec\.ts)[^`]*)`/g)) {
    const [file = '', name] = (span ?? '').split(' › ');
    const path = file.startsWith('tests/') ? file : (known.get(file) ?? file);
    if (file.startsWith('tests/')) known.set(basename(file), file);
    found.push({ file: path, name: name ?? null });
  }
  return found;
}

describe('docs/security.md', () => {
  it('names a test in every row that is not marked open', () => {
    const claims = rows.filter((row) => !row.includes('**open') && !row.includes('**can**'));
    expect(claims.length).toBeGreaterThan(15);
    for (const row of claims) expect(row, row).toMatch(/`tests\/|\.test\.ts › |\.spec\.ts › /);
  });

  it('names tests that exist, by their own words', () => {
    const cited = citations();
    expect(cited.length).toBeGreaterThan(15);
    for (const { file, name } of cited) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      if (name !== null) expect(readFileSync(join(ROOT, file), 'utf8'), `${file} › ${name}`).toContain(name);
    }
  });
});
