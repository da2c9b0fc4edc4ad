/**
 * The supervisor's sampling audit (R26): the rules that do not need the database. A period is a
 * range of calendar days in China, both ends included; the sample is a share of the valid records
 * of the period (rounded up, so a share never draws nobody) or a number of them.
 */
import { CHINA_UTC_OFFSET_MINUTES, requireIsoDate, type IsoDate } from './calendar.js';

export const AUDIT_VERDICTS = ['correct', 'wrong', 'missing'] as const;
export type AuditVerdict = (typeof AUDIT_VERDICTS)[number];

export const SAMPLE_STATUSES = ['open', 'completed'] as const;
export type SampleStatus = (typeof SAMPLE_STATUSES)[number];

/** A share is given in hundredths of a percent at most: 0.01 % … 100 %. */
export const SHARE_MIN_PERCENT = 0.01;
export const SHARE_MAX_PERCENT = 100;
/** More records than a supervisor checks by hand in a sitting is not a sample any more. */
export const SAMPLE_MAX_COUNT = 500;

export type SampleRequest = { sharePercent: number } | { count: number };

/**
 * How many records a request draws from a population of `population`. Integer arithmetic in
 * hundredths of a percent: 30 % of 10 is 3, not ceil(3.0000000000000004) = 4.
 */
export function sampleSize(population: number, request: SampleRequest): number {
  if (!Number.isInteger(population) || population < 0) throw new RangeError('population must be a count');
  if ('count' in request) return Math.min(request.count, population);
  const hundredths = Math.round(request.sharePercent * 100);
  if (hundredths < 1 || hundredths > 10_000) throw new RangeError('share must be within 0.01–100 %');
  return Math.min(population, Math.ceil((population * hundredths) / 10_000));
}

const DAY_MS = 86_400_000;

/** The first instant (ms) of a calendar day in China. */
export function chinaDayStart(date: IsoDate): number {
  const { year, month, day } = requireIsoDate(date);
  return Date.UTC(year, month - 1, day) - CHINA_UTC_OFFSET_MINUTES * 60_000;
}

/** A period of whole days, both included, as the instants [from, to] the store compares valid_at with. */
export function periodInstants(from: IsoDate, to: IsoDate): { from: number; to: number } {
  return { from: chinaDayStart(from), to: chinaDayStart(to) + DAY_MS - 1 };
}
