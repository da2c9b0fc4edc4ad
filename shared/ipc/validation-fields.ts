import type { z } from 'zod';
import { isProblemCode, WHOLE_INPUT, type ProblemCode } from './problem-codes.js';

/**
 * zod issues -> {"contact.phone": problem}, the shape the UI puts next to fields. A message that
 * is not a word of the vocabulary (zod's own "expected string") becomes 'input.invalid'.
 */
export function fieldsFromZodError(error: z.ZodError): Record<string, ProblemCode> {
  const fields: Record<string, ProblemCode> = {};
  for (const issue of error.issues) {
    const key = issue.path.length === 0 ? WHOLE_INPUT : issue.path.map(String).join('.');
    fields[key] ??= isProblemCode(issue.message) ? issue.message : 'input.invalid';
  }
  return fields;
}
