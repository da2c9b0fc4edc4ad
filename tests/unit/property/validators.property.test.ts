import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GuestRecord, validateGuestForSubmit, type GuestDraft } from '../../../shared/domain/guest-record.js';
import { ID_DOCUMENT_TYPES, validateIdDocument } from '../../../shared/domain/identity-documents.js';
import { PHONE_ERROR_CODES, validatePhone } from '../../../shared/domain/phone.js';
import { passwordProblem } from '../../../shared/domain/staff-account-rules.js';
import {
  NAME_ERROR_CODES,
  NOTES_ERROR_CODES,
  SINGLE_LINE_ERROR_CODES,
  validateName,
  validateNotes,
  validateSingleLine,
} from '../../../shared/domain/text-normalisation.js';
import { allProblemCodes } from '../../../shared/ipc/problem-codes.js';
import { adultGuest, childGuest } from '../../support/desk-harness.js';

/**
 * Issue 7: every validator, fed whatever a person (or a hostile page) could type. Each one answers
 * with a value, never a throw; a refusal carries a code from its own list (so the UI has a message
 * for it); an accepted value is a fixed point (validating it again gives it back unchanged), and
 * holds no control characters where a single line is expected. The resident-ID checksum and the
 * workflow state machine have their own property tests (resident-id.test.ts, record-workflow.test.ts).
 */

const TODAY = '2026-11-23';
const CONTROL = /\p{Cc}/u;

/** typing as it happens: any unicode, full-width forms, digits and separators, control characters */
const typed: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.stringMatching(/^[+＋]?[0-9０-９ \-()（）.]{0,24}$/u),
  fc.stringMatching(/^[A-Za-zＡ-Ｚａ-ｚ0-9０-９ ]{0,20}$/u),
  fc.constantFrom('', ' ', '\u0000', '\u200b', '\u202e', 'Ⅻ', 'ﬀ', '张\u0301伟', '\ud800', 'x'.repeat(6000)),
);

const RUNS = { numRuns: 300 };

describe('text validators', () => {
  it.each([
    ['name', (raw: string) => validateName(raw), NAME_ERROR_CODES, true],
    ['single line', (raw: string) => validateSingleLine(raw, 80), SINGLE_LINE_ERROR_CODES, true],
    ['notes', (raw: string) => validateNotes(raw), NOTES_ERROR_CODES, false],
  ] as const)(
    '%s: a code or a normalised fixed point, never a throw',
    (_name, validate, codes, singleLine) => {
      fc.assert(
        fc.property(typed, (raw) => {
          const result = validate(raw);
          if (!result.ok) {
            expect(codes).toContain(result.code);
            return;
          }
          if (singleLine) expect(result.value).not.toMatch(CONTROL);
          expect(validate(result.value)).toEqual(result);
        }),
        RUNS,
      );
    },
  );
});

describe('phone numbers', () => {
  it('answer E.164 or a phone code, and an accepted number validates to itself', () => {
    fc.assert(
      fc.property(typed, (raw) => {
        const result = validatePhone(raw);
        if (!result.ok) {
          expect(PHONE_ERROR_CODES).toContain(result.code);
          return;
        }
        expect(result.value).toMatch(/^\+[1-9]\d{4,14}$/);
        expect(validatePhone(result.value)).toMatchObject({ ok: true, value: result.value });
      }),
      RUNS,
    );
  });
});

describe('identity documents', () => {
  const codes = new Set<string>(allProblemCodes());
  it.each(ID_DOCUMENT_TYPES)(
    '%s: a grouped code the catalogs know, or a number that validates to itself',
    (type) => {
      fc.assert(
        fc.property(typed, fc.constantFrom(undefined, 'CHN', 'RUS', 'D', ''), (raw, issuingCountry) => {
          const options = issuingCountry === undefined ? {} : { issuingCountry };
          const result = validateIdDocument(type, raw, TODAY, options);
          if (!result.ok) {
            expect(codes.has(result.code), result.code).toBe(true);
            return;
          }
          expect(result.value).not.toMatch(CONTROL);
          expect(validateIdDocument(type, result.value, TODAY, options)).toEqual(result);
        }),
        RUNS,
      );
    },
  );
});

describe('passwords', () => {
  it('answer null or a known problem for any password and name', () => {
    fc.assert(
      fc.property(typed, fc.option(typed, { nil: undefined }), (password, name) => {
        const problem = passwordProblem(password, name);
        expect([
          null,
          'password.too_short',
          'password.too_long',
          'password.contains_name',
          'password.too_simple',
        ]).toContain(problem);
      }),
      RUNS,
    );
  });
});

describe('a whole guest record at submit', () => {
  const codes = new Set<string>(allProblemCodes());
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const dateText = fc.oneof(
    typed,
    fc
      .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.constantFrom('2026-11-23T09:55:00+08:00', '2016-05-01', '2099-01-01'),
  );
  const draft: fc.Arbitrary<GuestDraft> = fc.record(
    {
      name: maybe(typed),
      channel: maybe(fc.constantFrom('on_site_face_to_face', 'on_site_paper_form', 'online_website')),
      contact: maybe(fc.record({ phone: maybe(typed) }, { requiredKeys: [] })),
      idDocument: maybe(
        fc.record(
          { type: maybe(fc.constantFrom(...ID_DOCUMENT_TYPES)), number: maybe(typed) },
          { requiredKeys: [] },
        ),
      ),
      homeAddress: maybe(typed),
      birthDate: maybe(dateText),
      notes: maybe(typed),
      vip: maybe(fc.boolean()),
      consent: maybe(
        fc.record(
          {
            noticeVersion: maybe(typed),
            general: maybe(fc.boolean()),
            idNumber: maybe(fc.boolean()),
            method: maybe(fc.constantFrom('verbal', 'signed_form')),
            at: maybe(dateText),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<GuestDraft>;

  it('is a valid GuestRecord or a set of field errors with known codes, never a throw', () => {
    fc.assert(
      fc.property(draft, (input) => {
        const result = validateGuestForSubmit(input, TODAY);
        if (result.ok) {
          expect(GuestRecord.safeParse(result.value).success).toBe(true);
          return;
        }
        const entries = Object.entries(result.errors);
        expect(entries.length).toBeGreaterThan(0);
        for (const [path, error] of entries) {
          expect(path).toMatch(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/);
          expect(codes.has(error.code), `${path}: ${error.code}`).toBe(true);
        }
      }),
      {
        ...RUNS,
        // complete guests too, so the accepting branch is always taken
        examples: [
          [adultGuest({ channel: 'on_site_face_to_face' })],
          [childGuest({ channel: 'on_site_paper_form' })],
          [adultGuest({ channel: 'online_website', contact: { phone: '+44 20 7946 0958' } })],
        ],
      },
    );
  });
});
