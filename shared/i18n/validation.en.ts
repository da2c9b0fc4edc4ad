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
  account: {
    required: 'Please fill this in',
    repeat_mismatch: 'The two passwords differ; please type them again',
    name_required: 'Please enter a name',
    name_too_long: 'The name is too long: at most {{max}} characters',
    name_characters: 'Names may contain letters, digits, spaces and . · - _ only',
    name_taken: 'An account with this name exists; choose another name (for example, add the staff number)',
    not_maintainer: 'There is no maintainer account with this name',
    self: 'You cannot disable the account you are using',
    not_desk_role: 'The maintainer is never certified for guest data',
    not_found: 'This account was not found; it may have changed. Refresh the list',
  },
  password: {
    too_short: 'The password is too short: at least {{min}} characters',
    too_long: 'The password is too long: at most {{max}} characters',
    contains_name: 'The password must not contain the name',
    too_simple:
      'The password is too simple (common or repeated characters); choose one that is hard to guess',
    same_as_current: 'The new password must differ from the current one',
    same_for_both: 'Each person chooses their own password; this one is the same as the other person’s',
  },
  recoveryKey: {
    length: 'A recovery key has 14 groups of 4 characters; check it against what you wrote down',
    character:
      'The recovery key contains a character that recovery keys never use; check what you wrote down',
    checksum: 'A character of the recovery key is mistyped; check it group by group',
    mismatch: 'This group does not match the recovery key; check it against what you wrote down',
  },
  consentNotice: {
    version_taken: 'This version has been published already; use a new version number',
    version_characters: 'Use letters, digits, dots, hyphens and underscores only',
    notice_too_short: 'The notice is too short (20 characters at least)',
    notice_too_long: 'The notice is too long (5,000 characters at most)',
  },
  desk: {
    required: 'Please fill this in.',
    text_too_long: 'This is too long; please shorten it.',
    record_number_form: 'This is not in the right form.',
    unknown_record: 'No guest record has this number; please check it.',
    cannot_handle_complaints: 'This person may not handle complaints.',
    assignee_is_entrant: 'It cannot go to the person who entered the record.',
    unknown_staff: 'No such active account.',
    not_assignee: 'Only the person it is assigned to can resolve it.',
    not_assigned: 'Assign someone first.',
    already_resolved: 'This complaint is resolved and cannot change.',
    unknown_complaint: 'This complaint was not found; please refresh.',
    unknown_suggestion: 'This suggestion was not found; please refresh.',
    date_future: 'That day has not begun yet.',
    date_invalid: 'That is not a valid date.',
  },
  sampling: {
    required: 'Fill this in.',
    date_invalid: 'Enter a real date (year-month-day).',
    period_reversed: 'The end of the period cannot be before its start.',
    share_out_of_range: 'The share must be more than 0 % and at most 100 %.',
    count_out_of_range: 'The number of records must be a whole number from 1 to 500.',
    share_or_count: 'Give a share or a number of records (one of them).',
    period_empty:
      'No record became valid in this period, so there is nothing to draw. Choose another period.',
    sample_completed: 'This sample’s check is complete and can no longer change.',
    records_unchecked: 'Some records are not checked yet. Check each record before completing.',
    record_erased: 'This record was erased; there is nothing to check.',
    record_not_in_sample: 'This record is not in the sample.',
    sample_not_found: 'This sample does not exist.',
  },
  enrolmentCode: {
    prefix: 'This is not an enrolment code: codes start with snowdesk-enrol:1:',
    encoding: 'The code is incomplete or mistyped; copy or scan it again',
    json: 'The code is damaged; ask the central system for a new one',
    content:
      'The code lacks the address, token or key, or holds a wrong value; ask the central system for a new one',
  },
  quality: {
    period_invalid_date: 'Enter a real date.',
    period_reversed: 'The end cannot be before the start.',
    period_too_long: 'A period is at most a year (366 days).',
  },
  input: {
    invalid: 'Something is wrong with this entry; please check it',
    not_a_field: 'This is not a field of the guest record',
  },
};
