import type { ValidationCatalog } from './validation.zh-CN.js';

/** Validation and workflow messages, English. Keys must equal zh-CN's (the type says so). */
export const validationEn: ValidationCatalog = {
  common: {
    required: 'This field is required.',
    not_a_number: 'Enter a number, for example 175 or 42.5.',
    out_of_range: 'Enter a value from {{min}} to {{max}}.',
    invalid_date: 'This is not a valid date. Use year-month-day, for example 2012-03-09.',
    invalid_datetime: 'The recorded time is not valid. Record it again.',
    date_future: 'The time cannot be later than today.',
  },
  text: {
    control_characters:
      'The text contains invisible control characters (usually from copy and paste). Delete them and type it again.',
    too_long: 'Too long: at most {{max}} characters, this has {{length}}.',
  },
  name: {
    empty: 'Enter the name.',
    too_long: 'The name is too long: at most {{max}} characters, this has {{length}}.',
    emoji: 'A name cannot contain emoji. Enter the name as written on the document.',
    control_characters:
      'The name contains invisible characters (usually from copy and paste). Delete them and type it again.',
    characters:
      'A name may contain letters, spaces, the middle dot “·”, hyphens and apostrophes, but no digits or other symbols.',
    middle_dot: 'The middle dot “·” only goes between two parts of a name, as in “买买提·艾力”.',
  },
  notes: {
    control_characters:
      'The notes contain invisible control characters (usually from copy and paste). Delete them and type them again.',
    too_long: 'Notes can be at most {{max}} characters; these have {{length}}. Please shorten them.',
  },
  phone: {
    empty: 'Enter the phone number.',
    characters: 'A phone number may contain digits, “+”, spaces and “-” only.',
    invalid_country: 'This country calling code does not exist. Check the code after “+”.',
    too_short: 'The number has too few digits. Check it (mainland China mobiles have 11).',
    too_long: 'The number has too many digits. Check it (mainland China mobiles have 11).',
    invalid:
      'This phone number does not exist. Check it; start numbers from abroad with “+” and the country code.',
    not_personal:
      'This is a hotline or service number (such as 400 or 800 numbers). Enter a phone the person answers.',
  },
  residentId: {
    empty: 'Enter the resident ID number.',
    characters: 'A resident ID number contains digits only; the last one may be X.',
    legacy_15: 'This is an old 15-digit ID number, no longer in use. Enter the current 18-character number.',
    length: 'A resident ID number has 18 characters. Check the length.',
    region: 'The first two digits are not a valid province code. Check the number.',
    birth_date_invalid:
      'The birth date in the ID number (characters 7–14) is not a real date. Check the number.',
    birth_date_too_early: 'The birth date in the ID number is before 1900. Check the number.',
    birth_date_future: 'The birth date in the ID number is after today. Check the number.',
    checksum: 'The ID number’s check character is wrong. Check the last character, then every other digit.',
  },
  passport: {
    empty: 'Enter the passport number.',
    characters: 'A passport number contains Latin letters and digits only.',
    length: 'A passport number has 5 to 20 letters or digits. Check it.',
    prc_format:
      'Not a Chinese passport number: it is E or G followed by 8 digits, or E, one letter and 7 digits.',
    issuing_country:
      'The issuing state is 1 to 3 Latin letters as printed on the data page, such as CHN or RUS.',
  },
  hkMacaoPermit: {
    empty: 'Enter the Mainland Travel Permit number.',
    characters: 'The permit number contains letters and digits only.',
    prefix:
      'A Mainland Travel Permit for Hong Kong and Macao residents starts with H (Hong Kong) or M (Macao).',
    length: 'The permit number is H or M followed by 8 digits (10 digits on the older booklet).',
  },
  taiwanPermit: {
    empty: 'Enter the Mainland Travel Permit for Taiwan Residents number.',
    characters: 'The Taiwan residents’ permit number contains digits only.',
    length: 'The Taiwan residents’ permit number has 8 digits (10 on the older booklet).',
  },
  foreignPermanentResidence: {
    empty: 'Enter the Foreign Permanent Resident ID Card number.',
    characters: 'The permanent resident card number contains letters and digits only.',
    length: 'The permanent resident card number has 18 characters (2023 card) or 15 (older cards).',
    format:
      'Not a permanent resident card number: the 2023 card has 18 characters starting with 9; older cards have 3 letters and 12 digits.',
    region: 'Characters 2–3 are not a valid issuing-province code. Check the number.',
    birth_date_invalid:
      'The birth date in the card number (characters 7–14) is not a real date. Check the number.',
    birth_date_too_early: 'The birth date in the card number is before 1900. Check the number.',
    birth_date_future: 'The birth date in the card number is after today. Check the number.',
    checksum: 'The card number’s check character is wrong. Check the last character, then every other digit.',
  },
  birthDate: {
    too_early: 'The birth date is before 1900. Check it.',
    future: 'The birth date cannot be after today.',
    mismatch_document: 'The birth date differs from the one in the document number. Check both.',
  },
  emergencyContact: {
    same_as_guest: 'The emergency contact’s phone is the guest’s own. Enter another person’s phone.',
  },
  consent: {
    general_required:
      'The guest has not agreed to the collection yet. Explain its purpose and use, and submit once they agree.',
    id_number_required:
      'An ID number is sensitive personal information: it needs the guest’s separate consent before it is recorded.',
    notice_unknown:
      'The record cites a notice version this kiosk never published. Show the guest the notice in force and ask for consent again.',
  },
  guardian: {
    consent_required: 'The guest is under 14: a guardian must consent before the record can be submitted.',
  },
  search: {
    id_number_characters: 'A document number has only letters and digits. Check what was typed.',
  },
  workflow: {
    erased: 'This record was erased; nothing more can be done with it.',
    wrong_state: 'The record’s current status does not allow this. Refresh and try again.',
    forbidden: 'Your role does not include this action.',
    not_certified: 'This needs the entry training and examination first.',
    not_entrant: 'Only the person who entered the record can do this.',
    reviewer_is_entrant: 'You cannot review a record you entered. Pass it to a colleague.',
    checklist_incomplete:
      'Complete every item of the self-review first (completeness, accuracy, format, notice and consent).',
    comments_required: 'When returning a record, say what is wrong with at least one field.',
    reason_required: 'Enter a reason.',
    erasure_pending: 'An erasure request for this record is already waiting for approval.',
    no_erasure_request: 'There is no erasure request waiting for this record.',
    requester_cannot_approve: 'The person who requested an erasure cannot approve it.',
    not_a_correction: 'Only a new revision from a guest correction can be cancelled.',
    online_submission:
      'What a guest sent online cannot be discarded like a desk draft. If the guest asks, request an erasure.',
  },
};
