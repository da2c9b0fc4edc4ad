import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeEnrolmentCode, encodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import { SYNC_ERRORS } from '../../../shared/sync/error-codes.js';
import { SYNC_LIMITS, SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { parseRetryAfter } from '../../../shared/sync/retry-after.js';
import {
  WIRE_SCHEMAS,
  WIRE_SCHEMA_NAMES,
  type WireSchemaName,
  isWireSchemaName,
  wireJsonSchema,
} from '../../../shared/sync/schema-catalog.js';
import {
  EnrolmentCodeContent,
  InboxPage,
  OutboxBatchRequest,
  SealedInboxContent,
  SealedOutboxContent,
} from '../../../shared/sync/wire.js';
import { type DocBlock, docBlocks, demoKeys } from '../../support/central-server/doc-examples.js';
import {
  type BoxKeyPair,
  openSealedJson,
  sodiumReady,
  toBase64,
} from '../../support/central-server/sealing.js';
import { SCHEMAS_DIR, schemaFileName } from '../../support/central-server/write-schemas.js';

/**
 * The contract on paper and in code must be one: every example of docs/sync-protocol.md and every
 * fixture validates against the zod schema *and* against the published JSON Schema file (read
 * from disk and turned into a validator by zod's own z.fromJSONSchema, so the file itself is what
 * is checked); the files are what the zod schemas generate; the sealed values open with the
 * published test-vector keys.
 */
const here = dirname(fileURLToPath(import.meta.url));
const DOC_PATH = join(here, '../../../docs/sync-protocol.md');
const FIXTURES_PATH = join(here, '../../support/central-server/fixtures/wire-examples.json');

const doc = readFileSync(DOC_PATH, 'utf8');
const blocks = docBlocks(doc);

function schemaFile(name: WireSchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, schemaFileName(name)), 'utf8')) as Record<string, unknown>;
}

const fileValidators = new Map<WireSchemaName, z.ZodType>();
function fileValidator(name: WireSchemaName): z.ZodType {
  let validator = fileValidators.get(name);
  if (!validator) {
    validator = z.fromJSONSchema(schemaFile(name));
    fileValidators.set(name, validator);
  }
  return validator;
}

function verdicts(name: WireSchemaName, value: unknown): { zod: boolean; jsonSchema: boolean } {
  return {
    zod: WIRE_SCHEMAS[name].safeParse(value).success,
    jsonSchema: fileValidator(name).safeParse(value).success,
  };
}

interface Example {
  name: WireSchemaName;
  value: unknown;
  block: DocBlock;
}

const examples: Example[] = blocks.flatMap((block) =>
  block.lang === 'json' && block.name !== null && isWireSchemaName(block.name)
    ? [{ name: block.name, value: JSON.parse(block.text) as unknown, block }]
    : [],
);

const FixturesFile = z.strictObject({
  about: z.string(),
  valid: z.array(z.strictObject({ schema: z.string(), note: z.string(), value: z.unknown() })),
  invalid: z.array(z.strictObject({ schema: z.string(), note: z.string(), value: z.unknown() })),
});
const fixtures = FixturesFile.parse(JSON.parse(readFileSync(FIXTURES_PATH, 'utf8')));

let keys: { central: BoxKeyPair; device: BoxKeyPair };
beforeAll(async () => {
  await sodiumReady();
  keys = demoKeys();
});

describe('the JSON Schema files', () => {
  it('are exactly the schemas zod generates, one file per message and nothing else', () => {
    const files = readdirSync(SCHEMAS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(WIRE_SCHEMA_NAMES.map(schemaFileName).sort());
    for (const name of WIRE_SCHEMA_NAMES) {
      // compared as data: the layout of the files is prettier's
      expect(schemaFile(name), `${schemaFileName(name)} is out of date: run write-schemas.ts`).toEqual(
        wireJsonSchema(name),
      );
    }
  });

  it('declare draft 2020-12 and a stable $id', () => {
    for (const name of WIRE_SCHEMA_NAMES) {
      expect(schemaFile(name)).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: `urn:snowdesk:sync:v1:${name}`,
      });
    }
  });
});

describe('the examples in docs/sync-protocol.md', () => {
  it('are all named: every JSON block says which message it shows', () => {
    const unnamed = blocks.filter((b) => b.lang === 'json' && (b.name === null || !isWireSchemaName(b.name)));
    expect(unnamed.map((b) => `line ${b.line}: ${b.name ?? '(no example comment)'}`)).toEqual([]);
  });

  it('show every message of the contract at least once', () => {
    expect([...new Set(examples.map((e) => e.name))].sort()).toEqual([...WIRE_SCHEMA_NAMES].sort());
  });

  it('validate against both the zod schema and the JSON Schema file', () => {
    for (const example of examples) {
      expect(verdicts(example.name, example.value), `${example.name} at line ${example.block.line}`).toEqual({
        zod: true,
        jsonSchema: true,
      });
    }
  });

  it('include an enrolment code that decodes to the enrolment-code-content example', () => {
    const code = blocks.find((b) => b.name === 'enrolment-code');
    const content = examples.find((e) => e.name === 'enrolment-code-content');
    expect(code && decodeEnrolmentCode(code.text)).toEqual({ ok: true, content: content?.value });
    expect(encodeEnrolmentCode(EnrolmentCodeContent.parse(content?.value))).toBe(code?.text.trim());
  });

  it('seal with the published test-vector keys, and their content matches its wrapper', () => {
    expect(doc).toContain(toBase64(keys.central.publicKey));
    expect(doc).toContain(toBase64(keys.central.privateKey));
    expect(doc).toContain(toBase64(keys.device.publicKey));
    expect(doc).toContain(toBase64(keys.device.privateKey));

    const contentExample = examples.find((e) => e.name === 'sealed-outbox-content')?.value;
    let opened = 0;
    for (const example of examples.filter((e) => e.name === 'outbox-batch-request')) {
      const batch = OutboxBatchRequest.parse(example.value);
      for (const item of batch.items) {
        const result = openSealedJson(item.sealed, keys.central);
        const content = SealedOutboxContent.parse(result.ok ? result.value : null);
        expect(content).toMatchObject({
          id: item.id,
          recordId: item.recordId,
          seq: item.seq,
          deviceId: batch.deviceId,
        });
        if (content.id === (contentExample as { id?: string } | undefined)?.id)
          expect(content).toEqual(contentExample);
        opened += 1;
      }
    }
    const inboxContent = examples.find((e) => e.name === 'sealed-inbox-content')?.value;
    for (const example of examples.filter((e) => e.name === 'inbox-page')) {
      for (const item of InboxPage.parse(example.value).items) {
        const result = openSealedJson(item.sealed, keys.device);
        const content = SealedInboxContent.parse(result.ok ? result.value : null);
        expect(content).toMatchObject({ id: item.id, channel: item.channel, receivedAt: item.receivedAt });
        expect(content).toEqual(inboxContent);
        opened += 1;
      }
    }
    expect(opened).toBeGreaterThanOrEqual(3);
  });

  it('name every endpoint, every error code with its status, and the limits the code enforces', () => {
    for (const path of Object.values(SYNC_PATHS)) expect(doc).toContain(path);
    for (const [code, spec] of Object.entries(SYNC_ERRORS)) {
      expect(doc, code).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${spec.status}\\s*\\|`));
    }
    expect(doc).toContain(SYNC_LIMITS.maxBodyBytes.toLocaleString('en-US'));
    expect(doc).toContain(SYNC_LIMITS.maxSealedChars.toLocaleString('en-US'));
    expect(doc).toContain(`0 to ${SYNC_LIMITS.maxBatchItems}`);
    expect(doc).toContain(`${SYNC_LIMITS.maxRetryAfterSeconds} s`);
  });
});

describe('the fixtures', () => {
  it('name messages of the contract', () => {
    for (const f of [...fixtures.valid, ...fixtures.invalid])
      expect(isWireSchemaName(f.schema), f.schema).toBe(true);
  });

  it('valid ones pass both validators', () => {
    for (const f of fixtures.valid) {
      expect(verdicts(f.schema as WireSchemaName, f.value), f.note).toEqual({ zod: true, jsonSchema: true });
    }
  });

  it('invalid ones fail both validators', () => {
    for (const f of fixtures.invalid) {
      expect(verdicts(f.schema as WireSchemaName, f.value), f.note).toEqual({
        zod: false,
        jsonSchema: false,
      });
    }
  });
});

describe('the small rules beside the messages', () => {
  it('enrolment codes round-trip, keep non-ASCII safe, and refuse what is not one', () => {
    const content = EnrolmentCodeContent.parse({
      v: 1,
      url: 'https://雪场.example/sync',
      token: 'T'.repeat(40),
      centralPublicKey: toBase64(keys.central.publicKey),
    });
    const code = encodeEnrolmentCode(content);
    expect(code).toMatch(/^snowdesk-enrol:1:[A-Za-z0-9_-]+$/);
    expect(decodeEnrolmentCode(`  ${code}\n`)).toEqual({ ok: true, content });
    expect(decodeEnrolmentCode('hello')).toEqual({ ok: false, problem: 'prefix' });
    expect(decodeEnrolmentCode('snowdesk-enrol:1:@@@@')).toEqual({ ok: false, problem: 'encoding' });
    expect(decodeEnrolmentCode(`${code}x`).ok).toBe(false);
    expect(decodeEnrolmentCode('snowdesk-enrol:1:bm90IGpzb24')).toEqual({ ok: false, problem: 'json' });
    expect(decodeEnrolmentCode('snowdesk-enrol:1:e30')).toEqual({ ok: false, problem: 'content' });
  });

  it('Retry-After: seconds, HTTP-dates, junk, and the cap', () => {
    const now = Date.parse('2025-01-18T03:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 18 Jan 2025 03:00:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfter('Sat, 18 Jan 2025 02:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(SYNC_LIMITS.maxRetryAfterSeconds * 1000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
