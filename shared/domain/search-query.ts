import type { IsoDate } from './calendar.js';
import { validatePhone } from './phone.js';
import { validateResidentId } from './resident-id.js';
import { normaliseIdentifierInput } from './text-normalisation.js';
import type { ValidationCode } from './validation-codes.js';

/** What an exact lookup can be asked with: letters and digits of any document, once normalised. */
const ID_NUMBER_FORM = /^[0-9A-Z]{1,64}$/u;
/** 18 characters of digits (the last may be X): a resident ID, whose check character we can test. */
const RESIDENT_ID_SHAPE = /^\d{17}[\dX]$/u;

export interface SearchQueryProblem {
  readonly field: 'idNumber' | 'phone';
  readonly code: ValidationCode;
}

/**
 * Why an exact lookup cannot find anyone, said before searching: a mistyped resident ID or phone
 * would otherwise answer "no guest found", and the desk would register the guest a second time.
 * Other documents (passports, permits) are only checked for their characters: their numbers carry
 * no check the desk could apply to a fragment.
 */
export function searchQueryProblem(
  query: { idNumber?: string; phone?: string },
  today: IsoDate,
): SearchQueryProblem | null {
  if (query.idNumber !== undefined) {
    const value = normaliseIdentifierInput(query.idNumber);
    if (!ID_NUMBER_FORM.test(value)) return { field: 'idNumber', code: 'search.id_number_characters' };
    if (RESIDENT_ID_SHAPE.test(value)) {
      const checked = validateResidentId(value, today);
      if (!checked.ok) return { field: 'idNumber', code: `residentId.${checked.code}` };
    }
  }
  if (query.phone !== undefined) {
    const checked = validatePhone(query.phone);
    if (!checked.ok) return { field: 'phone', code: `phone.${checked.code}` };
  }
  return null;
}
