/**
 * The closed vocabulary of problems the core (and the contract's schemas) put next to a field in
 * a refusal. ONE grammar: "group.code" ("password.too_short", "sampling.period_reversed",
 * "residentId.checksum"); the same string is the message's key in the `validation` namespace
 * of both catalogs, which are typed from this list, so a code without a message, or a message
 * without a code, does not compile.
 */
import { z } from 'zod';
import { VALIDATION_CODES } from '../domain/validation-codes.js';

const REFUSAL_CODES = {
  /** staff accounts: names (staff-account-rules.ts) and what an action on an account met */
  account: [
    'required',
    'repeat_mismatch',
    'name_required',
    'name_too_long',
    'name_characters',
    'name_taken',
    'not_maintainer',
    'self',
    'not_desk_role',
    'not_found',
  ],
  /** staff-account-rules.ts' password policy */
  password: ['too_short', 'too_long', 'contains_name', 'too_simple', 'same_as_current', 'same_for_both'],
  /** the recovery key's format, and the confirmation of its groups */
  recoveryKey: ['length', 'character', 'checksum', 'mismatch'],
  consentNotice: ['version_taken', 'version_characters', 'notice_too_short', 'notice_too_long'],
  /** complaints, suggestions and the team's day */
  desk: [
    'required',
    'text_too_long',
    /** a record number that is not one (the form's free-text record field) */
    'record_number_form',
    'unknown_record',
    'cannot_handle_complaints',
    'assignee_is_entrant',
    'unknown_staff',
    'not_assignee',
    'not_assigned',
    'already_resolved',
    'unknown_complaint',
    'unknown_suggestion',
    'date_future',
    'date_invalid',
  ],
  /** the supervisor's sampling audit */
  sampling: [
    'required',
    'date_invalid',
    'period_reversed',
    'share_out_of_range',
    'count_out_of_range',
    'share_or_count',
    'period_empty',
    'sample_completed',
    'records_unchecked',
    'record_erased',
    'record_not_in_sample',
    'sample_not_found',
  ],
  /** shared/sync/enrolment-code.ts: what is wrong with a pasted enrolment code */
  enrolmentCode: ['prefix', 'encoding', 'json', 'content'],
  /** quality-figures.ts' period */
  quality: ['period_invalid_date', 'period_reversed', 'period_too_long'],
  /** input the schemas refused without a word of ours (a wrong type, a transport bound) */
  input: ['invalid', 'not_a_field'],
} as const;

/** a complaint's, suggestion's or team day's problem, without its group (the audit log's reason) */
export type DeskProblem = (typeof REFUSAL_CODES.desk)[number];
export type SamplingProblem = (typeof REFUSAL_CODES.sampling)[number];

export const PROBLEM_GROUPS = { ...VALIDATION_CODES, ...REFUSAL_CODES } as const;
type Groups = typeof PROBLEM_GROUPS;
export type ProblemGroup = keyof Groups;

export type ProblemCode = { [G in ProblemGroup]: `${G}.${Groups[G][number]}` }[ProblemGroup];

/** The shape every problem message catalog has: one message per code, nothing else. */
export type ProblemMessages = {
  readonly [G in ProblemGroup]: { readonly [C in Groups[G][number]]: string };
};

export function allProblemCodes(): ProblemCode[] {
  return (Object.keys(PROBLEM_GROUPS) as ProblemGroup[]).flatMap((group) =>
    PROBLEM_GROUPS[group].map((code) => `${group}.${code}` as ProblemCode),
  );
}

export const ProblemCode = z.enum(allProblemCodes() as [ProblemCode, ...ProblemCode[]]);

/** The path of a problem that is about the input as a whole, not one of its fields. */
export const WHOLE_INPUT = '_';

/** field path ("contact.phone", or WHOLE_INPUT) -> problem */
export type ProblemFields = Partial<Record<string, ProblemCode>>;

/** A schema's refusal message, checked against the vocabulary where it is written. */
export function problem(code: ProblemCode): ProblemCode {
  return code;
}

export function isProblemCode(value: string): value is ProblemCode {
  return ProblemCode.safeParse(value).success;
}
