import { useCallback, useRef, useState } from 'react';
import type { ErrorCode, Result } from '../../../shared/ipc/errors.js';
import { describeRefusal, type Message, type Refusal } from './refusal.js';

/**
 * One form's trip to the core: busy while it is on its way (a second Enter does not send it
 * twice), the refusal kept for the notes next to the fields. What was typed stays in the form.
 */
export function useCoreSubmit() {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const inFlight = useRef(false);

  const submit = useCallback(
    async <T>(
      call: () => Promise<Result<T>>,
      shown: Readonly<Record<string, string>>,
      wording?: Partial<Record<ErrorCode, Message>>,
    ): Promise<T | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      setRefusal(null);
      try {
        const result = await call();
        if (result.ok) return result.value;
        setRefusal(describeRefusal(result.error, shown, wording));
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
