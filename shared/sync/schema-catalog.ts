import { z } from 'zod';
import {
  EnrolmentCodeContent,
  EnrolmentRequest,
  EnrolmentResponse,
  ErrorResponse,
  HealthResponse,
  InboxAckRequest,
  InboxAckResponse,
  InboxPage,
  InboxReportRequest,
  InboxReportResponse,
  OutboxBatchRequest,
  OutboxBatchResponse,
  SealedInboxContent,
  SealedOutboxContent,
} from './wire.js';
import {
  GuestSubmission,
  InboxPageV11,
  InboxWithdrawal,
  IntakeRequest,
  IntakeResponse,
  LookupRequest,
  LookupResponse,
  SealedLookupAnswer,
  SealedLookupQuery,
} from './wire-1-1.js';

/**
 * Every message of the contract by the name its JSON Schema file has in docs/schemas
 * (`<name>.schema.json`) and its examples have in docs/sync-protocol.md.
 */
export const WIRE_SCHEMAS = {
  'error-response': ErrorResponse,
  'health-response': HealthResponse,
  'enrolment-request': EnrolmentRequest,
  'enrolment-response': EnrolmentResponse,
  'enrolment-code-content': EnrolmentCodeContent,
  'outbox-batch-request': OutboxBatchRequest,
  'outbox-batch-response': OutboxBatchResponse,
  'sealed-outbox-content': SealedOutboxContent,
  'inbox-page': InboxPage,
  'sealed-inbox-content': SealedInboxContent,
  'inbox-ack-request': InboxAckRequest,
  'inbox-ack-response': InboxAckResponse,
  'inbox-report-request': InboxReportRequest,
  'inbox-report-response': InboxReportResponse,
  // 1.1
  'guest-submission': GuestSubmission,
  'inbox-page-1-1': InboxPageV11,
  'inbox-withdrawal': InboxWithdrawal,
  'intake-request': IntakeRequest,
  'intake-response': IntakeResponse,
  'lookup-request': LookupRequest,
  'lookup-response': LookupResponse,
  'sealed-lookup-query': SealedLookupQuery,
  'sealed-lookup-answer': SealedLookupAnswer,
} as const satisfies Record<string, z.ZodType>;

export type WireSchemaName = keyof typeof WIRE_SCHEMAS;
export const WIRE_SCHEMA_NAMES = Object.keys(WIRE_SCHEMAS) as WireSchemaName[];

export function isWireSchemaName(value: string): value is WireSchemaName {
  return Object.hasOwn(WIRE_SCHEMAS, value);
}

/**
 * The JSON Schema (draft 2020-12) published for a message: exactly what zod derives, plus a
 * stable $id, so a file in docs/schemas that differs from this is out of date.
 */
export function wireJsonSchema(name: WireSchemaName): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(WIRE_SCHEMAS[name], { target: 'draft-2020-12' });
  return { $schema, $id: `urn:snowdesk:sync:v1:${name}`, ...rest };
}
