import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ElectronBinary =
  { available: true; path: string } | { available: false; reason: string; cause: string };

/**
 * Asks the `electron` package for its binary in a child process: on a machine with internet the
 * package downloads it on first use; here (no GitHub) it cannot, and we say exactly that.
 */
export function findElectronBinary(timeoutMs = 180_000): ElectronBinary {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const path = probe.stdout.trim();
  if (probe.status === 0 && path && existsSync(path)) return { available: true, path };
  const said = (probe.stderr || probe.error?.message || '').split('\n').find((l) => l.trim()) ?? 'no output';
  return {
    available: false,
    cause:
      'its binary is not installed and could not be downloaded (the electron package fetches it from GitHub ' +
      `on first start; is there network?). It said: ${said.trim()}`,
    reason:
      'Electron tier skipped: the Electron binary is not installed and could not be downloaded ' +
      `(the electron package fetches it from GitHub on first use; this machine has no route there). Probe said: ${said.trim()}`,
  };
}
