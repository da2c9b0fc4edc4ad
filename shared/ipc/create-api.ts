import './zod-jitless.js';
import { z } from 'zod';
import {
  contract,
  events,
  isEventName,
  isMethodName,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './contract.js';
import { CoreErrorShape, fail, type Result } from './errors.js';
import { fieldsFromZodError } from './validation-fields.js';

/** Sends one call across the door and resolves with whatever came back, unvalidated. */
export type Invoke = (method: string, payload: unknown) => Promise<unknown>;
/** Registers for every event crossing the door; returns the unsubscribe function. */
export type Subscribe = (listener: (event: string, payload: unknown) => void) => () => void;

export interface SnowdeskApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: CoreErrorShape }),
]);

/**
 * The renderer's side of the door. The preload builds it over ipcRenderer, the tests and the
 * Chromium preview over Playwright's binding; both validate what leaves and what arrives, so
 * a bug on either side becomes a typed error instead of a surprise in a component.
 */
export function createApi(invoke: Invoke, subscribe: Subscribe): SnowdeskApi {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>) {
      if (!isMethodName(method)) {
        return fail<MethodOutput<M>>('unknown_method', `Unknown method: ${String(method)}`);
      }
      const spec = contract[method];
      const parsedInput = spec.input.safeParse(input);
      if (!parsedInput.success) {
        return fail<MethodOutput<M>>(
          'invalid_input',
          `Invalid input for ${method}`,
          fieldsFromZodError(parsedInput.error),
        );
      }
      let raw: unknown;
      try {
        raw = await invoke(method, parsedInput.data);
      } catch {
        return fail<MethodOutput<M>>('protocol', `The call ${method} did not reach the core`);
      }
      const envelope = Envelope.safeParse(raw);
      if (!envelope.success) {
        return fail<MethodOutput<M>>('protocol', `The core's answer to ${method} is malformed`);
      }
      if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
      const output = spec.output.safeParse(envelope.data.value);
      if (!output.success) {
        return fail<MethodOutput<M>>('protocol', `The core's answer to ${method} is malformed`);
      }
      return { ok: true, value: output.data as MethodOutput<M> };
    },

    on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void) {
      return subscribe((name, payload) => {
        if (name !== event || !isEventName(name)) return;
        const parsed = events[event].safeParse(payload);
        if (parsed.success) handler(parsed.data as EventPayload<E>);
      });
    },
  };
}
