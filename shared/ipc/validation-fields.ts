import type { z } from 'zod';

/** zod issues -> {"contact.phone": "message"}, the shape the UI puts next to fields. */
export function fieldsFromZodError(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length === 0 ? '_' : issue.path.map(String).join('.');
    fields[key] ??= issue.message;
  }
  return fields;
}
