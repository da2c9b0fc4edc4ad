import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { describeRefusal, type Refusal } from '../forms/refusal.js';
import { callOrThrow, CoreCallError } from '../snowdesk.js';

export const STAFF_LIST_KEY = ['staff.list'] as const;

/** The accounts, for the maintainer and the manager; forgotten on lock like every query. */
export function useStaffList() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: STAFF_LIST_KEY, queryFn: () => callOrThrow('staff.list', {}) });
  const refresh = useCallback(() => client.invalidateQueries({ queryKey: STAFF_LIST_KEY }), [client]);
  const loadRefusal: Refusal | null =
    list.error instanceof CoreCallError
      ? describeRefusal(list.error.error, {})
      : list.error
        ? { summary: { key: 'errors.protocol' }, fields: {} }
        : null;
  return { list, refresh, loadRefusal };
}
