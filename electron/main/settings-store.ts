import Store from 'electron-store';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../core/private-files.js';
import type { SettingsSource } from '../core/settings-source.js';

/**
 * Device settings live beside the data, in `settings.json`. If that file cannot be opened
 * (the folder is not writable), the kiosk still starts on defaults and says why on the console;
 * the core reports the folder problem itself.
 */
export function openSettings(dataDir: string): SettingsSource {
  try {
    makePrivateDir(dataDir);
    const store = new Store<Record<string, unknown>>({
      cwd: dataDir,
      name: 'settings',
      configFileMode: PRIVATE_FILE_MODE,
    });
    return {
      get: (key) => store.get(key),
      set: (key, value) => {
        store.set(key, value);
      },
    };
  } catch (error) {
    console.error(
      'snowdesk: settings could not be opened, using defaults:',
      error instanceof Error ? error.message : error,
    );
    const memory = new Map<string, unknown>();
    return { get: (key) => memory.get(key), set: (key, value) => memory.set(key, value) };
  }
}
