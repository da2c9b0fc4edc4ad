import { useQuery } from '@tanstack/react-query';
import { callOrThrow } from '../snowdesk.js';
import { noteCoreTime } from './desk-clock.js';

/** One record as the core shows it to this person now (every opening is audited by the core). */
export function useRecord(recordId: string) {
  return useQuery({
    queryKey: ['records.open', recordId],
    queryFn: async () => {
      const detail = await callOrThrow('records.open', { recordId });
      if (detail.deadline) noteCoreTime(detail.deadline.dueAt - detail.deadline.remainingMs);
      return { detail, fetchedAt: Date.now() };
    },
    staleTime: 0,
    gcTime: 0,
  });
}
