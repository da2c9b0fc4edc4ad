/**
 * `npm start`: the kiosk in Electron, from the build `electron-vite build` just made. Electron's
 * binary is not fetched at install (no install scripts, .npmrc): the `electron` package fetches
 * it here on first start. Without network that cannot work, and the two lines below say so and
 * point at the preview, which needs no Electron.
 *
 *   npm start -- [--data-dir DIR]
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../tests/support/electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = findElectronBinary();
if (!binary.available) {
  console.error(`Snowdesk cannot start in Electron: ${binary.cause}`);
  console.error(
    'Run the same kiosk in Chromium instead: npm run preview   (README, "Without an Electron binary")',
  );
  process.exit(1);
}
const child = spawn(binary.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exit(signal ? 1 : (code ?? 0));
});
