import { useCallback, useRef, useState } from 'react';
import type { CoreErrorShape, Result } from '../../../shared/ipc/errors.js';
import type { Message, Refusal } from '../forms/refusal.js';

/** Problem codes the desk-operations methods put in `fields` (shared/i18n/desk-ops.*: problems). */
const DESK_PROBLEMS: ReadonlySet<string> = new Set([
  'required',
  'text_too_long',
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
]);

export function deskProblem(code: string): Message {
  return { key: `deskOps.problems.${DESK_PROBLEMS.has(code) ? code : 'invalid'}` };
}

/**
 * A refusal of a complaint, suggestion or team-day call, split like forms/refusal.ts does: notes next
 * to the fields the form shows, and one summary; a problem about no shown field (`_`: "only the
 * assignee resolves it") becomes the summary, so nothing is swallowed.
 */
export function describeDeskRefusal(error: CoreErrorShape, shown: Readonly<Record<string, string>>): Refusal {
  const fields: Record<string, Message> = {};
  let unshown: Message | null = null;
  for (const [path, code] of Object.entries(error.fields ?? {})) {
    const field = shown[path];
    if (field !== undefined) fields[field] ??= deskProblem(code);
    else unshown ??= deskProblem(code);
  }
  const summary: Message =
    unshown ??
    (Object.keys(fields).length > 0 ? { key: 'errors.checkFields' } : { key: `errors.${error.code}` });
  return { summary, fields };
}

/** One form's trip to the core (like forms/use-core-submit.ts), worded with the desk's problem codes. */
export function useDeskSubmit() {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const inFlight = useRef(false);
  const submit = useCallback(
    async <T>(call: () => Promise<Result<T>>, shown: Readonly<Record<string, string>>): Promise<T | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      setRefusal(null);
      try {
        const result = await call();
        if (result.ok) return result.value;
        setRefusal(describeDeskRefusal(result.error, shown));
        return null;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [],
  );
  return { busy, refusal, setRefusal, submit };
}
