import Conf from 'conf';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
import type { SettingsSource } from './settings-source.js';

/**
 * `settings.json` in the data folder, through conf: the library electron-store wraps, with the
 * same file format, so the CLI, the preview and Electron read one file. A folder that cannot
 * be written gives in-memory defaults; the core reports the folder itself.
 */
export function openSettingsFile(dataDir: string): SettingsSource {
  try {
    makePrivateDir(dataDir);
    const conf = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'snowdesk',
      configFileMode: PRIVATE_FILE_MODE,
    });
    return {
      get: (key) => conf.get(key),
      set: (key, value) => {
        conf.set(key, value);
      },
    };
  } catch {
    const memory = new Map<string, unknown>();
    return { get: (key) => memory.get(key), set: (key, value) => memory.set(key, value) };
  }
}
