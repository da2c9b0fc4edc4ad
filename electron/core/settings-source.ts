import { DeviceSettings, type DeviceSettingKey } from '../../shared/domain/device-settings.js';
import type { Logger } from './logger.js';

/**
 * What the core needs of a settings file. electron-store (in Electron) and conf (tests, preview,
 * CLI) both fit it, so the core never imports either.
 */
export interface SettingsSource {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/** Each key on its own: one bad value falls back to its default without dropping the rest. */
export function readSettings(source: SettingsSource, log: Logger): DeviceSettings {
  const defaults = DeviceSettings.parse({});
  const shape = DeviceSettings.shape;
  const result: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(shape) as DeviceSettingKey[]) {
    const raw = source.get(key);
    if (raw === undefined) continue;
    const parsed = shape[key].safeParse(raw);
    if (parsed.success) result[key] = parsed.data;
    else log.warn('settings.invalid_value_ignored', { key });
  }
  return DeviceSettings.parse(result);
}
