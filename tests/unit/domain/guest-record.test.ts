import { describe, expect, it } from 'vitest';
import {
  completeness,
  GuestDraft,
  GuestRecord,
  GUARDIAN_REQUIRED_FIELDS,
  missingRequiredFields,
  parseDateInput,
  parseNumberInput,
  RECOMMENDED_FIELDS,
  REQUIRED_FIELDS,
  requiredFieldsFor,
  validateGuestForSubmit,
  workflowFlags,
  type FieldErrors,
  type SubmitValidation,
} from '../../../shared/domain/guest-record.js';
import { deepFreeze, residentId } from './helpers.js';

const TODAY = '2025-01-15';
const CONSENT_AT = '2025-01-15T09:30:00+08:00';

/** A complete adult record as the desk would type it (with some mess to normalise). */
function adultDraft(): GuestDraft {
  return {
    name: '  张三 ',
    contact: { phone: '138 0013 8000' },
    idDocument: { type: 'resident_id', number: '11010519491231002x' },
    homeAddress: ' 北京市朝阳区\r\n建国路88号 ',
    ski: {
      discipline: 'ski',
      level: 'intermediate',
      lessonInterest: 'group',
      rental: { heightCm: '175', weightKg: 70, shoeSize: '42.5', shoeSizeSystem: 'eu' },
    },
    emergencyContact: { name: '李四', phone: '+86 139 0013 9000', relation: 'spouse' },
    notes: '喜欢早场\r\n需要儿童头盔  ',
    consent: { noticeVersion: '2024-12', general: true, idNumber: true, method: 'verbal', at: CONSENT_AT },
    channel: 'on_site_face_to_face',
  };
}

/** A guest who is 10 on TODAY, with a guardian. */
function childDraft(): GuestDraft {
  return {
    ...adultDraft(),
    name: '张小明',
    idDocument: { type: 'resident_id', number: residentId('110105', '20141001', '011') },
    emergencyContact: undefined,
    guardian: {
      name: '张三',
      phone: '13800138000',
      relation: 'parent',
      consent: { given: true, method: 'paper_form', at: CONSENT_AT },
    },
    contact: { phone: '13700137000' },
  };
}

/** The ok result of a draft expected to pass (the test fails with the errors otherwise). */
function accepted(draft: GuestDraft, today = TODAY): Extract<SubmitValidation, { ok: true }> {
  const result = validateGuestForSubmit(draft, today);
  if (!result.ok) throw new Error(`expected no errors, got ${JSON.stringify(result.errors)}`);
  return result;
}

function errorsOf(draft: GuestDraft, today = TODAY): FieldErrors {
  const result = validateGuestForSubmit(draft, today);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
}

function codesOf(draft: GuestDraft, today = TODAY): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errorsOf(draft, today)).map(([path, error]) => [path, error.code]),
  );
}

describe('GuestDraft (autosave)', () => {
  it('accepts an empty draft and any partial draft', () => {
    expect(GuestDraft.safeParse({}).success).toBe(true);
    expect(GuestDraft.safeParse({ name: '张', ski: { rental: { heightCm: '17' } } }).success).toBe(true);
    expect(GuestDraft.safeParse(adultDraft()).success).toBe(true);
  });

  it('stores what was typed even when it would not pass submit (a 5,001-character note, a bad phone)', () => {
    const draft = {
      notes: 'x'.repeat(5001),
      contact: { phone: 'call me' },
      ski: { rental: { heightCm: '175cm' } },
    };
    expect(GuestDraft.parse(draft)).toEqual(draft);
  });

  it('refuses unknown fields and wrong choice values', () => {
    expect(GuestDraft.safeParse({ nmae: '张三' }).success).toBe(false);
    expect(GuestDraft.safeParse({ ski: { level: 'olympic' } }).success).toBe(false);
    expect(GuestDraft.safeParse({ channel: 'fax' }).success).toBe(false);
  });
});

describe('validateGuestForSubmit', () => {
  it('returns normalised copies of a complete adult record', () => {
    const result = validateGuestForSubmit(adultDraft(), TODAY);
    expect(result).toEqual({
      ok: true,
      value: {
        name: '张三',
        birthDate: '1949-12-31',
        contact: { phone: '+8613800138000' },
        idDocument: { type: 'resident_id', number: '11010519491231002X' },
        homeAddress: '北京市朝阳区 建国路88号',
        ski: {
          discipline: 'ski',
          level: 'intermediate',
          lessonInterest: 'group',
          rental: { heightCm: 175, weightKg: 70, shoeSize: 42.5, shoeSizeSystem: 'eu' },
        },
        emergencyContact: { name: '李四', phone: '+8613900139000', relation: 'spouse' },
        notes: '喜欢早场\n需要儿童头盔',
        consent: {
          noticeVersion: '2024-12',
          general: true,
          idNumber: true,
          method: 'verbal',
          at: CONSENT_AT,
        },
        vip: false,
        doubtful: false,
        channel: 'on_site_face_to_face',
      },
      derived: { birthDate: '1949-12-31', age: 75, minorUnder14: false, sex: 'female' },
    });
    if (result.ok) expect(GuestRecord.parse(result.value)).toEqual(result.value);
  });

  it('never modifies the draft it checks', () => {
    const draft = deepFreeze(adultDraft());
    const copy = structuredClone(draft);
    expect(validateGuestForSubmit(draft, TODAY).ok).toBe(true);
    const bad = deepFreeze({ ...adultDraft(), name: '😀', notes: 'x'.repeat(6000) });
    const badCopy = structuredClone(bad);
    expect(validateGuestForSubmit(bad, TODAY).ok).toBe(false);
    expect(draft).toEqual(copy);
    expect(bad).toEqual(badCopy);
  });

  it('lists every required field of an empty draft', () => {
    expect(codesOf({})).toEqual({
      name: 'common.required',
      'contact.phone': 'common.required',
      'idDocument.type': 'common.required',
      'idDocument.number': 'common.required',
      birthDate: 'common.required',
      homeAddress: 'common.required',
      'ski.discipline': 'common.required',
      'ski.level': 'common.required',
      'consent.noticeVersion': 'common.required',
      'consent.general': 'consent.general_required',
      'consent.idNumber': 'consent.id_number_required',
      'consent.method': 'common.required',
      'consent.at': 'common.required',
      channel: 'common.required',
    });
  });

  it('treats whitespace-only input as missing', () => {
    expect(codesOf({ ...adultDraft(), name: ' \u3000 ', homeAddress: '\r\n' })).toEqual({
      name: 'common.required',
      homeAddress: 'common.required',
    });
  });

  it('puts each validator’s code on its field', () => {
    expect(
      codesOf({
        ...adultDraft(),
        name: '张三😀',
        contact: { phone: '1380013800' },
        idDocument: { type: 'resident_id', number: '110105194912310021' },
      }),
    ).toEqual({
      name: 'name.emoji',
      'contact.phone': 'phone.too_short',
      'idDocument.number': 'residentId.checksum',
    });
  });

  it('refuses a resident ID with 31 February or a birth date in the future', () => {
    const feb31 = { type: 'resident_id' as const, number: residentId('110105', '20010231') };
    expect(codesOf({ ...adultDraft(), idDocument: feb31 })).toEqual({
      'idDocument.number': 'residentId.birth_date_invalid',
    });
    const future = { type: 'resident_id' as const, number: residentId('110105', '20250116') };
    expect(codesOf({ ...adultDraft(), idDocument: future })).toEqual({
      'idDocument.number': 'residentId.birth_date_future',
    });
  });

  it('accepts SQL-like text in the address and notes as plain text', () => {
    const sql = "1'; DROP TABLE guests; --";
    const result = accepted({ ...adultDraft(), homeAddress: sql, notes: sql }, TODAY);
    expect([result.value.homeAddress, result.value.notes]).toEqual([sql, sql]);
  });

  it('accepts 5,000-character notes and refuses 5,001 with the numbers for the message', () => {
    expect(validateGuestForSubmit({ ...adultDraft(), notes: '雪'.repeat(5000) }, TODAY).ok).toBe(true);
    expect(errorsOf({ ...adultDraft(), notes: '雪'.repeat(5001) })).toEqual({
      notes: { code: 'notes.too_long', params: { max: 5000, length: 5001 } },
    });
  });

  it('leaves blank notes out of the record', () => {
    const result = accepted({ ...adultDraft(), notes: '  \n ' }, TODAY);
    expect('notes' in result.value).toBe(false);
  });

  describe('documents without a birth date', () => {
    const passportDraft = (): GuestDraft => ({
      ...adultDraft(),
      name: 'Anna Ivanova',
      idDocument: { type: 'passport', number: '72 1234567', issuingCountry: 'rus' },
    });

    it('require the birth date to be typed', () => {
      expect(codesOf(passportDraft())).toEqual({ birthDate: 'common.required' });
    });

    it('accept the birth date in the formats a desk types', () => {
      for (const typed of [
        '1990-06-15',
        '1990/6/15',
        '1990.06.15',
        '19900615',
        '1990年6月15日',
        '１９９０－０６－１５',
      ]) {
        const result = accepted({ ...passportDraft(), birthDate: typed }, TODAY);
        expect(result.value.birthDate).toBe('1990-06-15');
        expect(result.value.idDocument).toEqual({
          type: 'passport',
          number: '721234567',
          issuingCountry: 'RUS',
        });
      }
    });

    it('refuse impossible, future and pre-1900 birth dates', () => {
      expect(codesOf({ ...passportDraft(), birthDate: '1990-02-30' })).toEqual({
        birthDate: 'common.invalid_date',
      });
      expect(codesOf({ ...passportDraft(), birthDate: '2025-01-16' })).toEqual({
        birthDate: 'birthDate.future',
      });
      expect(codesOf({ ...passportDraft(), birthDate: '1899-12-31' })).toEqual({
        birthDate: 'birthDate.too_early',
      });
    });

    it('treat a blank or padding-only issuing state as not given', () => {
      for (const issuingCountry of ['', '  ', '<<']) {
        const result = accepted({
          ...passportDraft(),
          birthDate: '1990-06-15',
          idDocument: { type: 'passport', number: '721234567', issuingCountry },
        });
        expect(result.value.idDocument).toEqual({ type: 'passport', number: '721234567' });
      }
    });

    it('put a bad issuing state on its own field', () => {
      const draft = { ...passportDraft(), birthDate: '1990-06-15' };
      expect(
        codesOf({ ...draft, idDocument: { type: 'passport', number: 'E1234567', issuingCountry: 'CHN' } }),
      ).toEqual({ 'idDocument.number': 'passport.prc_format' });
      expect(
        codesOf({ ...draft, idDocument: { type: 'passport', number: 'E1234567', issuingCountry: '12' } }),
      ).toEqual({
        'idDocument.issuingCountry': 'passport.issuing_country',
      });
    });

    it('keep the issuing state out of the record for other documents (the draft keeps it)', () => {
      const draft = {
        ...adultDraft(),
        idDocument: { type: 'resident_id' as const, number: '11010519491231002X', issuingCountry: 'CHN' },
      };
      const result = accepted(draft, TODAY);
      expect(result.value.idDocument).toEqual({ type: 'resident_id', number: '11010519491231002X' });
      expect(draft.idDocument.issuingCountry).toBe('CHN');
    });
  });

  it('takes the birth date from the document and refuses a typed one that differs', () => {
    expect(validateGuestForSubmit({ ...adultDraft(), birthDate: '1949-12-31' }, TODAY).ok).toBe(true);
    expect(codesOf({ ...adultDraft(), birthDate: '1949-12-30' })).toEqual({
      birthDate: 'birthDate.mismatch_document',
    });
  });

  describe('guests under 14', () => {
    it('pass with a guardian and the guardian’s consent', () => {
      const result = accepted(childDraft(), TODAY);
      expect(result.derived).toEqual({ birthDate: '2014-10-01', age: 10, minorUnder14: true, sex: 'male' });
      expect(result.value.guardian).toEqual({
        name: '张三',
        phone: '+8613800138000',
        relation: 'parent',
        consent: { given: true, method: 'paper_form', at: CONSENT_AT },
      });
    });

    it('need the guardian’s name, phone, relation and consent', () => {
      expect(codesOf({ ...childDraft(), guardian: undefined })).toEqual({
        'guardian.name': 'common.required',
        'guardian.phone': 'common.required',
        'guardian.relation': 'common.required',
        'guardian.consent.given': 'guardian.consent_required',
        'guardian.consent.method': 'common.required',
        'guardian.consent.at': 'common.required',
      });
      expect(
        codesOf({
          ...childDraft(),
          guardian: { ...childDraft().guardian, consent: { given: false, method: 'verbal', at: CONSENT_AT } },
        }),
      ).toEqual({ 'guardian.consent.given': 'guardian.consent_required' });
    });

    it('a guest whose 14th birthday is today needs no guardian', () => {
      const draft = {
        ...childDraft(),
        idDocument: { type: 'resident_id' as const, number: residentId('110105', '20110115') },
        guardian: undefined,
      };
      const result = accepted(draft, TODAY);
      expect(result.derived.age).toBe(14);
      expect(result.derived.minorUnder14).toBe(false);
      const dayBefore = validateGuestForSubmit(draft, '2025-01-14');
      expect(dayBefore.ok).toBe(false);
    });

    it('a passport holder under 14 needs a guardian too (from the typed birth date)', () => {
      const draft: GuestDraft = {
        ...childDraft(),
        idDocument: { type: 'passport', number: '721234567' },
        birthDate: '2015-03-01',
        guardian: undefined,
      };
      expect(Object.keys(errorsOf(draft)).sort()).toEqual([...GUARDIAN_REQUIRED_FIELDS].sort());
    });

    it('an adult’s optional guardian is checked when given', () => {
      const result = accepted({ ...adultDraft(), guardian: { name: '王五', phone: '13600136000' } }, TODAY);
      expect(result.value.guardian).toEqual({ name: '王五', phone: '+8613600136000' });
      expect(codesOf({ ...adultDraft(), guardian: { phone: '123' } })).toEqual({
        'guardian.phone': 'phone.too_short',
      });
    });
  });

  describe('emergency contact', () => {
    it('is optional', () => {
      expect(validateGuestForSubmit({ ...adultDraft(), emergencyContact: undefined }, TODAY).ok).toBe(true);
      expect(
        validateGuestForSubmit({ ...adultDraft(), emergencyContact: { name: ' ', phone: '' } }, TODAY).ok,
      ).toBe(true);
    });

    it('once started, needs a name, a phone and the relation', () => {
      expect(codesOf({ ...adultDraft(), emergencyContact: { name: '李四' } })).toEqual({
        'emergencyContact.phone': 'common.required',
        'emergencyContact.relation': 'common.required',
      });
    });

    it('cannot be the guest’s own phone', () => {
      expect(
        codesOf({
          ...adultDraft(),
          emergencyContact: { name: '李四', phone: '+86 13800138000', relation: 'friend' },
        }),
      ).toEqual({ 'emergencyContact.phone': 'emergencyContact.same_as_guest' });
    });
  });

  describe('rental sizes', () => {
    const withRental = (rental: NonNullable<NonNullable<GuestDraft['ski']>['rental']>): GuestDraft => ({
      ...adultDraft(),
      ski: { discipline: 'snowboard', level: 'beginner', rental },
    });

    it('parse typed numbers, full-width digits and a decimal comma', () => {
      const result = accepted(
        withRental({ heightCm: '１８０', weightKg: '72,5', shoeSize: 27.5, shoeSizeSystem: 'mondopoint' }),
        TODAY,
      );
      expect(result.value.ski.rental).toEqual({
        heightCm: 180,
        weightKg: 72.5,
        shoeSize: 27.5,
        shoeSizeSystem: 'mondopoint',
      });
    });

    it('refuse non-numbers and out-of-range values with the range', () => {
      expect(errorsOf(withRental({ heightCm: '175cm', weightKg: 400 }))).toEqual({
        'ski.rental.heightCm': { code: 'common.not_a_number' },
        'ski.rental.weightKg': { code: 'common.out_of_range', params: { min: 10, max: 250 } },
      });
      expect(codesOf(withRental({ shoeSize: 265, shoeSizeSystem: 'mondopoint' }))).toEqual({
        'ski.rental.shoeSize': 'common.out_of_range',
      });
    });

    it('need the size system with a shoe size', () => {
      expect(codesOf(withRental({ shoeSize: '42' }))).toEqual({
        'ski.rental.shoeSizeSystem': 'common.required',
      });
    });

    it('leave an empty rental block out of the record', () => {
      const result = accepted(withRental({ heightCm: ' ', shoeSizeSystem: 'eu' }), TODAY);
      expect(result.value.ski).toEqual({ discipline: 'snowboard', level: 'beginner' });
    });
  });

  describe('consent', () => {
    it('needs the separate consent for the ID number', () => {
      const draft = adultDraft();
      expect(codesOf({ ...draft, consent: { ...draft.consent, idNumber: false } })).toEqual({
        'consent.idNumber': 'consent.id_number_required',
      });
    });

    it('needs a valid time that is not after today', () => {
      const draft = adultDraft();
      expect(codesOf({ ...draft, consent: { ...draft.consent, at: 'yesterday' } })).toEqual({
        'consent.at': 'common.invalid_datetime',
      });
      expect(codesOf({ ...draft, consent: { ...draft.consent, at: '2025-01-16T08:00:00+08:00' } })).toEqual({
        'consent.at': 'common.date_future',
      });
      // 23:30 UTC on the 15th is already the 16th in China
      expect(codesOf({ ...draft, consent: { ...draft.consent, at: '2025-01-15T23:30:00Z' } })).toEqual({
        'consent.at': 'common.date_future',
      });
    });
  });

  it('needs a reason when the record is marked doubtful', () => {
    expect(codesOf({ ...adultDraft(), doubtful: true })).toEqual({ doubtReason: 'common.required' });
    const result = accepted(
      { ...adultDraft(), doubtful: true, vip: true, doubtReason: ' 证件照片模糊 ' },
      TODAY,
    );
    expect(workflowFlags(result.value)).toEqual({
      vip: true,
      doubtful: true,
      channel: 'on_site_face_to_face',
    });
    expect(result.value.doubtReason).toBe('证件照片模糊');
  });
});

describe('required and recommended fields', () => {
  it('lists the R7 fields as required', () => {
    expect(REQUIRED_FIELDS).toEqual(
      expect.arrayContaining([
        'name',
        'contact.phone',
        'idDocument.number',
        'homeAddress',
        'ski.discipline',
        'consent.general',
      ]),
    );
    expect(RECOMMENDED_FIELDS).toEqual(['emergencyContact', 'ski.rental', 'ski.lessonInterest', 'notes']);
  });

  it('adds the birth date for documents without one and the guardian for a child', () => {
    expect(requiredFieldsFor(adultDraft(), TODAY)).toEqual([...REQUIRED_FIELDS]);
    expect(requiredFieldsFor({ idDocument: { type: 'passport' } }, TODAY)).toContain('birthDate');
    expect(requiredFieldsFor(childDraft(), TODAY)).toEqual([...REQUIRED_FIELDS, ...GUARDIAN_REQUIRED_FIELDS]);
    expect(requiredFieldsFor({ doubtful: true }, TODAY)).toContain('doubtReason');
  });

  it('says which required fields are still blank', () => {
    expect(missingRequiredFields(adultDraft(), TODAY)).toEqual([]);
    const draft = adultDraft();
    expect(
      missingRequiredFields({ ...draft, name: ' ', consent: { ...draft.consent, general: false } }, TODAY),
    ).toEqual(['name', 'consent.general']);
    expect(missingRequiredFields({ ...childDraft(), guardian: { name: '张三' } }, TODAY)).toEqual([
      'guardian.phone',
      'guardian.relation',
      'guardian.consent.given',
      'guardian.consent.method',
      'guardian.consent.at',
    ]);
  });

  it('measures completeness as the share of recommended fields filled', () => {
    expect(completeness(adultDraft())).toEqual({ filled: [...RECOMMENDED_FIELDS], missing: [], share: 1 });
    expect(completeness({})).toEqual({ filled: [], missing: [...RECOMMENDED_FIELDS], share: 0 });
    const half = completeness({
      ski: { lessonInterest: 'none', rental: { heightCm: 170, weightKg: 60 } },
      notes: '  ',
      emergencyContact: { name: '李四', phone: '13900139000', relation: 'friend' },
    });
    expect(half).toEqual({
      filled: ['emergencyContact', 'ski.lessonInterest'],
      missing: ['ski.rental', 'notes'],
      share: 0.5,
    });
  });
});

describe('input parsers', () => {
  it('parse dates as typed', () => {
    expect(parseDateInput('2012年3月9日')).toBe('2012-03-09');
    expect(parseDateInput('2012/03/09')).toBe('2012-03-09');
    expect(parseDateInput('2012-02-30')).toBeUndefined();
    expect(parseDateInput('09/03/2012')).toBeUndefined();
  });

  it('parse numbers as typed', () => {
    expect(parseNumberInput('42,5')).toBe(42.5);
    expect(parseNumberInput(' ４２ ')).toBe(42);
    expect(parseNumberInput('-3')).toBeUndefined();
    expect(parseNumberInput('1e3')).toBeUndefined();
    expect(parseNumberInput(Number.NaN)).toBeUndefined();
  });
});
