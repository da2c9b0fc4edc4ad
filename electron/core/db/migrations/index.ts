import type { Migration } from '../migration.js';
import { migration0001 } from './0001-device-metadata.js';
import { migration0002 } from './0002-audit-log.js';
import { migration0003 } from './0003-staff-and-keyring.js';
import { migration0004 } from './0004-sealed-records.js';
import { migration0005 } from './0005-record-workflow.js';
import { migration0006 } from './0006-sync.js';
import { migration0007 } from './0007-backup-keys.js';
import { migration0008 } from './0008-consent-notices.js';
import { migration0009 } from './0009-sampling-audit.js';
import { migration0010 } from './0010-complaints-and-suggestions.js';

/** In order; the runner checks the numbering. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
];
