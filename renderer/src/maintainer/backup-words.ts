import type { BackupProblem } from '../../../shared/ipc/backup-schemas.js';
import { BackupProblem as Problems } from '../../../shared/ipc/backup-schemas.js';

/** "1.4 MB", "820 KB": a backup's size as a person reads it. */
export function formatBytes(bytes: number, language: string): string {
  const number = (value: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024)} KB`;
  return `${String(bytes)} B`;
}

/** The catalog key of a problem; an error code this build does not know reads as an unexpected one. */
export function problemKey(code: string): `backup.problems.${BackupProblem}` {
  const known = Problems.safeParse(code);
  return `backup.problems.${known.success ? known.data : 'io_error'}`;
}
