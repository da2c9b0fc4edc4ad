/**
 * Structured log lines. Callers pass identifiers and codes only: never a payload, a name, a
 * phone or an ID number, because logs reach the disk in clear.
 */
export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function consoleLogger(prefix = 'snowdesk'): Logger {
  const line = (level: string, event: string, fields?: LogFields) =>
    `${prefix} ${level} ${event}${fields ? ' ' + JSON.stringify(fields) : ''}`;
  return {
    info: (event, fields) => {
      console.info(line('info', event, fields));
    },
    warn: (event, fields) => {
      console.warn(line('warn', event, fields));
    },
    error: (event, fields) => {
      console.error(line('error', event, fields));
    },
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
