/**
 * What typed and pasted text becomes before it is checked and stored.
 *
 * Normalisation never changes what a person meant: Unicode NFC (so the same name typed on two
 * machines is the same string for search and duplicate checks), whitespace runs and pasted line
 * breaks collapsed, invisible characters that only ever arrive by pasting removed. Anything that
 * could change meaning (emoji, control characters, text that is too long) is refused with a code,
 * never silently dropped, and the draft keeps what was typed.
 */

/** Characters that are invisible and meaningless in a form field; they arrive with pasted text. */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/gu;
/** Bidirectional embedding/override/isolate controls: they can make text display as something else. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
/** C0/C1 controls, DEL; in notes, tab and line feed are allowed and tested separately. */
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_TAB_LF = /[^\P{Cc}\t\n]/u;

/** Length as people count it: code points, so a name in CJK Extension B is not "two characters". */
export function textLength(value: string): number {
  return value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Identifiers (document numbers)

/**
 * Document numbers: NFKC (full-width digits and letters become ASCII, as Chinese input methods
 * often type them), every space removed (people group digits as they read them out), uppercase.
 */
export function normaliseIdentifierInput(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Single-line fields

/** NFC, invisible characters removed, any run of whitespace or line breaks -> one space, trimmed. */
export function normaliseSingleLine(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

export const SINGLE_LINE_ERROR_CODES = ['control_characters', 'too_long'] as const;
export type SingleLineErrorCode = (typeof SINGLE_LINE_ERROR_CODES)[number];

export type TextResult<Code extends string> =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly code: Code; readonly max?: number; readonly length?: number };

/** A normalised single line (empty allowed: whether a field is required is the record's business). */
export function validateSingleLine(raw: string, maxLength: number): TextResult<SingleLineErrorCode> {
  const value = normaliseSingleLine(raw);
  if (CONTROL.test(value) || BIDI_CONTROLS.test(value)) return { ok: false, code: 'control_characters' };
  const length = textLength(value);
  if (length > maxLength) return { ok: false, code: 'too_long', max: maxLength, length };
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Names

/**
 * The separator dot in transliterated names (买买提·艾力, 让-雅克·卢梭) is U+00B7. Input methods
 * and fonts offer many look-alikes; all of them become U+00B7 so search and duplicates work.
 *   U+0387 Greek ano teleia, U+16EB runic punctuation, U+2022 bullet, U+2024 one-dot leader,
 *   U+2027 hyphenation point, U+2219 bullet operator, U+22C5 dot operator, U+2E31 word-separator
 *   middle dot, U+30FB katakana middle dot, U+FE52 small full stop, U+FF0E full-width full stop,
 *   U+FF65 half-width katakana middle dot.
 */
const MIDDLE_DOT_LOOKALIKES = /[\u0387\u16EB\u2022\u2024\u2027\u2219\u22C5\u2E31\u30FB\uFE52\uFF0E\uFF65]/gu;
export const MIDDLE_DOT = '\u00B7';
/**
 * A full stop between two Chinese characters is a middle dot typed with the wrong key: ASCII '.'
 * or, with the input method in Chinese punctuation mode, '。'.
 */
const FULL_STOP_BETWEEN_HAN = /(?<=\p{Script=Han})\s*[.\u3002]\s*(?=\p{Script=Han})/gu;
/** Full-width ASCII (Ｊｏｈｎ, Ｏ＇Ｂｒｉｅｎ) -> ASCII; U+FF0E is handled as a middle dot above. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF0D\uFF0F-\uFF5E]/gu;

export const NAME_MAX_LENGTH = 100;

export const NAME_ERROR_CODES = [
  'empty',
  'too_long',
  'emoji',
  'control_characters',
  'characters',
  'middle_dot',
] as const;
export type NameErrorCode = (typeof NAME_ERROR_CODES)[number];

export function normaliseName(raw: string): string {
  return normaliseSingleLine(raw)
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(MIDDLE_DOT_LOOKALIKES, MIDDLE_DOT)
    .replace(FULL_STOP_BETWEEN_HAN, MIDDLE_DOT)
    .replace(/\s*\u00B7\s*/gu, MIDDLE_DOT);
}

/** Pictographic emoji, flags (regional indicators), keycaps and the emoji presentation selector. */
const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3\uFE0F]/u;
/** Format characters left after normalisation (zero-width joiners, bidi controls, …). */
const FORMAT = /\p{Cf}/u;
/** Letters and marks of any script, spaces, the middle dot, hyphens, apostrophes and a full stop (Jr.). */
const NAME_CHARACTERS = /^[\p{L}\p{M} \u00B7'\u2019\-.]+$/u;
/** Every middle dot stands between two letters. */
const MIDDLE_DOT_MISPLACED = /(^|[^\p{L}\p{M}])\u00B7|\u00B7(?![\p{L}])/u;

/**
 * A person's name in any script. Refused: emoji, control and format characters, digits and other
 * symbols, a middle dot that does not join two parts. Apostrophes (O'Brien) and hyphens are fine.
 */
export function validateName(raw: string, maxLength = NAME_MAX_LENGTH): TextResult<NameErrorCode> {
  const value = normaliseName(raw);
  if (value === '') return { ok: false, code: 'empty' };
  if (EMOJI.test(value)) return { ok: false, code: 'emoji' };
  if (CONTROL.test(value) || FORMAT.test(value)) return { ok: false, code: 'control_characters' };
  const length = textLength(value);
  if (length > maxLength) return { ok: false, code: 'too_long', max: maxLength, length };
  if (!NAME_CHARACTERS.test(value)) return { ok: false, code: 'characters' };
  if (MIDDLE_DOT_MISPLACED.test(value)) return { ok: false, code: 'middle_dot' };
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// Notes (备注)

export const NOTES_MAX_LENGTH = 5000;

export const NOTES_ERROR_CODES = ['control_characters', 'too_long'] as const;
export type NotesErrorCode = (typeof NOTES_ERROR_CODES)[number];

/**
 * Notes keep their line breaks (CRLF, CR and Unicode line/paragraph separators become LF); each
 * line loses its trailing spaces; blank lines at the start and whitespace at the end go.
 */
export function normaliseNotes(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?|[\u2028\u2029]/gu, '\n')
    .replace(/[^\S\n]+$/gmu, '')
    .replace(/^\n+/u, '')
    .trimEnd();
}

export function validateNotes(raw: string, maxLength = NOTES_MAX_LENGTH): TextResult<NotesErrorCode> {
  const value = normaliseNotes(raw);
  if (CONTROL_EXCEPT_TAB_LF.test(value) || BIDI_CONTROLS.test(value)) {
    return { ok: false, code: 'control_characters' };
  }
  const length = textLength(value);
  if (length > maxLength) return { ok: false, code: 'too_long', max: maxLength, length };
  return { ok: true, value };
}
