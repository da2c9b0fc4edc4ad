import { join, resolve } from 'node:path';

/** `--data-dir=PATH` (or `--data-dir PATH`), else SNOWDESK_DATA_DIR, else the user data folder. */
export function chooseDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, userData: string): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--data-dir=')) return resolve(arg.slice('--data-dir='.length));
    if (arg === '--data-dir' && argv[i + 1]) return resolve(argv[i + 1] ?? '');
  }
  if (env.SNOWDESK_DATA_DIR) return resolve(env.SNOWDESK_DATA_DIR);
  return resolve(userData, 'data');
}

/**
 * Chromium's profile (and Electron's single-instance lock, which lives in it) beside the data
 * folder: one data folder is one kiosk instance, and two data folders (tests) never collide.
 */
export function profileDirFor(dataDir: string): string {
  return join(dataDir, 'electron-profile');
}
