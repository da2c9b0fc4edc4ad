/** Staff suggestions (R17 提出建议权, 获得支持权): anyone signed in sends, the manager reads. */
import { z } from 'zod';
import { StaffRef } from './record-schemas.js';
import { problem } from './problem-codes.js';

export const SUGGESTION_TEXT_MAX = 2000;
export const SUGGESTION_TOPICS = ['entry_process', 'system', 'training', 'support', 'other'] as const;
export const SuggestionId = z.uuid();

export const SendSuggestionInput = z.strictObject({
  topic: z.enum(SUGGESTION_TOPICS),
  text: z
    .string()
    .trim()
    .min(1, { message: problem('desk.required') })
    .max(SUGGESTION_TEXT_MAX, { message: problem('desk.text_too_long') }),
});
export const SuggestionRefInput = z.strictObject({ suggestionId: SuggestionId });

export const SuggestionView = z.object({
  id: SuggestionId,
  topic: z.enum(SUGGESTION_TOPICS),
  text: z.string(),
  sentBy: StaffRef,
  sentAt: z.number(),
  readBy: StaffRef.nullable(),
  readAt: z.number().nullable(),
});
export type SuggestionView = z.infer<typeof SuggestionView>;

export const SuggestionList = z.object({
  items: z.array(SuggestionView),
  unread: z.number().int().nonnegative(),
});
export type SuggestionList = z.infer<typeof SuggestionList>;
