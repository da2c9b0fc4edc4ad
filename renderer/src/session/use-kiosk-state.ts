import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { SessionState } from '../../../shared/ipc/schemas.js';
import { api } from '../snowdesk.js';
import { useCoreEvent } from '../use-core-event.js';
import { forgetSignedInData, leavesPerson } from './forget-signed-in-data.js';
import { initialKioskState, kioskReducer, type KioskAction, type KioskState } from './kiosk-state.js';

export interface KioskHandle {
  state: KioskState;
  /** a session a call returned; session.changed brings the same, whichever arrives first */
  applySession: (next: SessionState) => void;
  dispatch: (action: KioskAction) => void;
}

/**
 * Who is at the kiosk, as the core says: asked once, then followed through `session.changed`
 * (the core locks by itself when idle). Kept out of the query cache on purpose: that cache is
 * emptied of everything a person loaded as soon as they stop working (lock, sign-out, switch).
 */
export function useKioskState(): KioskHandle {
  const client = useQueryClient();
  const [state, dispatchAction] = useReducer(kioskReducer, initialKioskState);
  const lastSession = useRef<SessionState | undefined>(undefined);

  const dispatch = useCallback(
    (action: KioskAction) => {
      const next =
        action.type === 'session'
          ? action.session
          : action.type === 'setup-created'
            ? action.result.session
            : null;
      if (next) {
        if (leavesPerson(lastSession.current, next)) forgetSignedInData(client);
        lastSession.current = next;
      }
      dispatchAction(action);
    },
    [client],
  );

  const applySession = useCallback(
    (next: SessionState) => {
      dispatch({ type: 'session', session: next });
    },
    [dispatch],
  );

  useCoreEvent('session.changed', applySession);

  useEffect(() => {
    let cancelled = false;
    void api()
      .call('session.state', {})
      .then((result) => {
        // an event that came first is at least as new as this answer
        if (cancelled || lastSession.current) return;
        if (result.ok) applySession(result.value);
        else dispatch({ type: 'session-failed' });
      });
    return () => {
      cancelled = true;
    };
  }, [applySession, dispatch]);

  return { state, applySession, dispatch };
}
