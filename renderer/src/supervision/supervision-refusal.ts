import type { CoreErrorShape } from '../../../shared/ipc/errors.js';
import type { Message, Refusal } from '../forms/refusal.js';

/** Problem codes the supervision methods put in `fields` (shared/ipc/supervision-schemas.ts, sampling-service.ts). */
const CODES: ReadonlySet<string> = new Set([
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
]);

export function problem(code: string): Message {
  return { key: CODES.has(code) ? `supervision.problems.${code}` : 'supervision.problems.unknown' };
}

/**
 * A refusal worded for the supervision screens: notes next to the fields `shown` maps, the rest
 * (an empty period, a sample already completed) as the one summary above the button.
 */
export function supervisionRefusal(
  error: CoreErrorShape,
  shown: Readonly<Record<string, string>> = {},
): Refusal {
  const fields: Record<string, Message> = {};
  let summary: Message | null = null;
  for (const [path, code] of Object.entries(error.fields ?? {})) {
    const field = shown[path];
    if (field !== undefined) fields[field] ??= problem(code);
    else summary ??= problem(code);
  }
  if (!summary)
    summary =
      Object.keys(fields).length > 0 ? { key: 'errors.checkFields' } : { key: `errors.${error.code}` };
  return { summary, fields };
}
