import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles a child script (and the real core it imports) into one ESM file, once per test run:
 * starting it then costs Node's start-up and the native modules, not tsx compiling the core again
 * on every one of the fault loop's restarts (about 1.4 s each here). Packages stay external and the
 * file sits under node_modules/.cache, so `better-sqlite3` and the Argon2 worker's libsodium
 * resolve from the project's node_modules exactly as they do for the unbundled core.
 */
export async function bundleChild(entry: string, name: string): Promise<string> {
  const outfile = join(
    ROOT,
    'node_modules',
    '.cache',
    'snowdesk-faults',
    `${name}-${String(process.pid)}.mjs`,
  );
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'silent',
  });
  return outfile;
}
