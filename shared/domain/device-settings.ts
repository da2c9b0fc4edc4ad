import { z } from 'zod';
import { Language } from '../i18n/languages.js';

/**
 * Per-device settings (not guest data). Electron's core thread, the CLI, the tests and the
 * preview keep them in settings.json through conf; the core reads them through this schema, so a
 * hand-edited or older settings file falls back to defaults instead of breaking start-up.
 */
export const DeviceSettings = z.object({
  /** the window covers the screen and cannot be left (kiosk) */
  kiosk: z.boolean().default(true),
  language: Language.default('zh-CN'),
  /** lock the screen after this many idle minutes (R23) */
  idleLockMinutes: z.number().int().min(1).max(60).default(3),
  /** on-site entry must be finished this many minutes after it starts (R11) */
  onsiteDeadlineMinutes: z.number().int().min(1).max(240).default(15),
  /**
   * The desk's working day ends at this local time (HH:MM, China time): a record submitted that
   * day is cross-reviewed by then (R13). 22:00 covers night skiing, when the desk is still open.
   */
  workdayEnd: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/u)
    .default('22:00'),
  /**
   * Where the daily backup goes (R16): an absolute path to a folder (a USB drive, a mounted
   * share); null: not configured, so no scheduled backup runs. backup.configure checks it.
   */
  backupFolder: z.string().min(1).max(4096).nullable().default(null),
  /**
   * The daily backup starts at this local time (HH:MM, China time), or at the first moment after
   * it that the kiosk is on. 23:30: after the desk closes (workdayEnd 22:00, night skiing).
   */
  backupTime: z
    .string()
    .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/u)
    .default('23:30'),
  /**
   * Where exports (the quality CSV) are saved, an absolute folder path; null: exports are refused
   * with where to set it. No export ever opens a Save dialog (a way out of the kiosk).
   */
  exportFolder: z.string().min(1).max(4096).nullable().default(null),
  /** how many days of daily backups the folder keeps (the newest of each day) */
  backupKeepDays: z.number().int().min(1).max(365).default(30),
});
export type DeviceSettings = z.infer<typeof DeviceSettings>;
export type DeviceSettingKey = keyof DeviceSettings;
