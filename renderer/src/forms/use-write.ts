import { useMutation } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/ipc/contract.js';
import { api, CoreCallError } from '../snowdesk.js';
import { describeRefusal, localRefusal, type Message, type Refusal, type Wording } from './refusal.js';

/** How a refusal is split for the form that wrote: its field paths -> its field names, its words. */
export interface RefusalShape {
  shown?: Readonly<Record<string, string>>;
  wording?: Wording;
  /** what the page found itself (empty fields, a repeat that differs): then nothing is sent */
  check?: Record<string, Message>;
}

interface Write {
  method: MethodName;
  input: unknown;
  shape: RefusalShape;
}

/**
 * Every change a screen asks of the core goes through here (TanStack Query's useMutation): busy
 * while it is on its way (a second Enter does not send it twice), the refusal described once for
 * the notes next to the fields and the summary. A refusal is an answer, so `write` resolves to
 * null rather than throwing; what was typed stays in the form.
 */
export function useWrite() {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const inFlight = useRef(false);
  const mutation = useMutation<unknown, CoreCallError, Write>({
    mutationFn: async ({ method, input }) => {
      const result = await api().call(method, input as never);
      if (!result.ok) throw new CoreCallError(result.error);
      return result.value;
    },
    onMutate: () => {
      setRefusal(null);
    },
    onError: (error, { shape }) => {
      setRefusal(describeRefusal(error.error, shape.shown, shape.wording));
    },
  });
  const { mutateAsync } = mutation;

  const write = useCallback(
    async <M extends MethodName>(
      method: M,
      input: MethodInput<M>,
      shape: RefusalShape = {},
    ): Promise<MethodOutput<M> | null> => {
      if (inFlight.current) return null;
      const refusedHere = shape.check ? localRefusal(shape.check) : null;
      if (refusedHere) {
        setRefusal(refusedHere);
        return null;
      }
      inFlight.current = true;
      try {
        return (await mutateAsync({ method, input, shape })) as MethodOutput<M>;
      } catch (error) {
        if (error instanceof CoreCallError) return null;
        throw error;
      } finally {
        inFlight.current = false;
      }
    },
    [mutateAsync],
  );

  return { busy: mutation.isPending, refusal, setRefusal, write };
}
