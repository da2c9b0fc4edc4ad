import { useEffect } from 'react';
import type { EventName, EventPayload } from '../../shared/ipc/contract.js';
import { api } from './snowdesk.js';

export function useCoreEvent<E extends EventName>(
  event: E,
  handler: (payload: EventPayload<E>) => void,
): void {
  useEffect(() => api().on(event, handler), [event, handler]);
}
