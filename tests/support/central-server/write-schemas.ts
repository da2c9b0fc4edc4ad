/**
 * Writes docs/schemas/<name>.schema.json from the zod schemas in shared/sync, so the published
 * JSON Schemas are exactly what the kiosk validates with. The docs test fails when a file
 * means something else than what this would write (layout is prettier's business); then run:
 *
 *   npx tsx tests/support/central-server/write-schemas.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  WIRE_SCHEMA_NAMES,
  type WireSchemaName,
  wireJsonSchema,
} from '../../../shared/sync/schema-catalog.js';

export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/schemas');

export function schemaFileName(name: WireSchemaName): string {
  return `${name}.schema.json`;
}

export function schemaFileText(name: WireSchemaName): string {
  return `${JSON.stringify(wireJsonSchema(name), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  for (const name of WIRE_SCHEMA_NAMES) {
    writeFileSync(join(SCHEMAS_DIR, schemaFileName(name)), schemaFileText(name));
  }
  console.log(`wrote ${WIRE_SCHEMA_NAMES.length} schemas to ${SCHEMAS_DIR}; now run prettier on them`);
}
