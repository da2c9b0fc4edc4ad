/**
 * Every error code the domain can put next to a field or use to refuse a workflow action, grouped
 * the way the message catalogs (shared/i18n/validation.*.ts) are. A code travels as
 * "group.code" ("residentId.checksum"), which is also its key in the catalogs, so the UI shows
 * `t('validation.' + code, params)`. The catalogs are typed from this list: a code without a
 * message, or a message without a code, does not compile.
 */
import {
  FOREIGN_PERMANENT_RESIDENCE_ERROR_CODES,
  HK_MACAO_PERMIT_ERROR_CODES,
  PASSPORT_ERROR_CODES,
  TAIWAN_PERMIT_ERROR_CODES,
} from './identity-documents.js';
import { PHONE_ERROR_CODES } from './phone.js';
import { WORKFLOW_REFUSALS } from './record-workflow.js';
import { RESIDENT_ID_ERROR_CODES } from './resident-id.js';
import { NAME_ERROR_CODES, NOTES_ERROR_CODES, SINGLE_LINE_ERROR_CODES } from './text-normalisation.js';

/** Codes of the guest record itself (params in the message catalogs: {{min}}, {{max}}, {{length}}). */
export const COMMON_ERROR_CODES = [
  'required',
  'not_a_number',
  'out_of_range',
  'invalid_date',
  'invalid_datetime',
  'date_future',
] as const;
export const BIRTH_DATE_ERROR_CODES = ['too_early', 'future', 'mismatch_document'] as const;
export const EMERGENCY_CONTACT_ERROR_CODES = ['same_as_guest'] as const;
export const CONSENT_ERROR_CODES = ['general_required', 'id_number_required', 'notice_unknown'] as const;
export const GUARDIAN_ERROR_CODES = ['consent_required'] as const;
/** an exact lookup asked with something no document number has */
export const SEARCH_ERROR_CODES = ['id_number_characters'] as const;

export const VALIDATION_CODES = {
  common: COMMON_ERROR_CODES,
  text: SINGLE_LINE_ERROR_CODES,
  name: NAME_ERROR_CODES,
  notes: NOTES_ERROR_CODES,
  phone: PHONE_ERROR_CODES,
  residentId: RESIDENT_ID_ERROR_CODES,
  passport: PASSPORT_ERROR_CODES,
  hkMacaoPermit: HK_MACAO_PERMIT_ERROR_CODES,
  taiwanPermit: TAIWAN_PERMIT_ERROR_CODES,
  foreignPermanentResidence: FOREIGN_PERMANENT_RESIDENCE_ERROR_CODES,
  birthDate: BIRTH_DATE_ERROR_CODES,
  emergencyContact: EMERGENCY_CONTACT_ERROR_CODES,
  consent: CONSENT_ERROR_CODES,
  guardian: GUARDIAN_ERROR_CODES,
  search: SEARCH_ERROR_CODES,
  workflow: WORKFLOW_REFUSALS,
} as const;

type Groups = typeof VALIDATION_CODES;
export type ValidationGroup = keyof Groups;

/** "group.code", e.g. "phone.too_short". */
export type ValidationCode = { [G in ValidationGroup]: `${G}.${Groups[G][number]}` }[ValidationGroup];

// The messages, the flat list and the zod enum of these codes live in shared/ipc/problem-codes.ts,
// which adds the refusal groups of the other services to them.
