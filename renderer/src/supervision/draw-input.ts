import { problemMessage } from '../forms/refusal.js';
import { isIsoDate } from '../../../shared/domain/calendar.js';
import {
  SAMPLE_MAX_COUNT,
  SHARE_MAX_PERCENT,
  SHARE_MIN_PERCENT,
} from '../../../shared/domain/sampling-audit.js';
import type { SampleDrawInput } from '../../../shared/ipc/supervision-schemas.js';
import type { Message } from '../forms/refusal.js';

export interface DrawForm {
  from: string;
  to: string;
  mode: 'share' | 'count';
  amount: string;
}

/**
 * What the form can say before asking the core: blank or unreal dates, a reversed period, a share
 * of 0 or over 100 %, a count that is not 1–500. The core checks all of it again, and alone knows
 * whether the period has any valid record.
 */
export function checkDrawForm(
  form: DrawForm,
): { input: SampleDrawInput } | { problems: Record<string, Message> } {
  const problems: Record<string, Message> = {};
  if (form.from === '') problems.from = problemMessage('sampling.required');
  else if (!isIsoDate(form.from)) problems.from = problemMessage('sampling.date_invalid');
  if (form.to === '') problems.to = problemMessage('sampling.required');
  else if (!isIsoDate(form.to)) problems.to = problemMessage('sampling.date_invalid');
  if (!problems.from && !problems.to && form.from > form.to)
    problems.to = problemMessage('sampling.period_reversed');

  const text = form.amount
    .trim()
    .replace(/[%％]$/u, '')
    .trim();
  const amount = Number(text);
  if (text === '') problems.amount = problemMessage('sampling.required');
  else if (form.mode === 'share') {
    if (!Number.isFinite(amount) || amount < SHARE_MIN_PERCENT || amount > SHARE_MAX_PERCENT) {
      problems.amount = problemMessage('sampling.share_out_of_range');
    }
  } else if (!Number.isInteger(amount) || amount < 1 || amount > SAMPLE_MAX_COUNT) {
    problems.amount = problemMessage('sampling.count_out_of_range');
  }
  if (Object.keys(problems).length > 0) return { problems };
  const period = { from: form.from, to: form.to };
  return {
    input: form.mode === 'share' ? { ...period, sharePercent: amount } : { ...period, count: amount },
  };
}
