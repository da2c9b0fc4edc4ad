import type { SettingsSource } from '../settings-source.js';
import type { OpenedStore, StoreProblem } from './open-database.js';

export const DEVICE_BINDING_KEY = 'deviceId';

/**
 * A kiosk's settings remember which database belongs to it. A snowdesk.db copied in from another
 * kiosk would otherwise start syncing under that kiosk's identity and mix two audit histories; it
 * is refused (and left untouched) until a maintainer of that database adopts it on purpose.
 */
export function bindToDevice(
  opened: OpenedStore | StoreProblem,
  settings: SettingsSource,
  dataDir: string,
  allowForeign: boolean,
): OpenedStore | StoreProblem {
  if (!opened.ok) return opened;
  const bound = settings.get(DEVICE_BINDING_KEY);
  if (typeof bound === 'string' && bound !== opened.deviceId) {
    if (allowForeign) return opened;
    opened.db.close();
    return {
      ok: false,
      problem: {
        code: 'database_foreign',
        message:
          `The database belongs to another kiosk (device ${opened.deviceId}; this kiosk is ${bound}); it was left untouched. ` +
          'A maintainer of that database can adopt it: snowdesk adopt --data-dir <folder>',
        dataDir,
      },
    };
  }
  if (bound !== opened.deviceId) settings.set(DEVICE_BINDING_KEY, opened.deviceId);
  return opened;
}
