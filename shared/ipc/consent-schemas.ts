import { z } from 'zod';
import { NOTICE_VERSION_MAX_LENGTH } from '../domain/guest-record.js';
import { problem } from './problem-codes.js';

export const ConsentNotice = z.object({
  version: z.string(),
  text: z.object({ 'zh-CN': z.string(), en: z.string() }),
  publishedAt: z.number(),
});
export type ConsentNotice = z.infer<typeof ConsentNotice>;

const NoticeText = z
  .string()
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .min(20, problem('consentNotice.notice_too_short'))
      .max(5000, problem('consentNotice.notice_too_long')),
  );

export const PublishNoticeInput = z
  .object({
    version: z
      .string()
      .trim()
      .min(1)
      .max(NOTICE_VERSION_MAX_LENGTH)
      .regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/, problem('consentNotice.version_characters')),
    textZh: NoticeText,
    textEn: NoticeText,
  })
  .strict();
