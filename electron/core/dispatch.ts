import { usesPracticeStore } from '../../shared/domain/practice-mode.js';
import {
  contract,
  isMethodName,
  type Contract,
  type MethodName,
  type MethodSpec,
  type MethodOutput,
  type MethodParsedInput,
} from '../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../shared/ipc/errors.js';
import { fieldsFromZodError } from '../../shared/ipc/validation-fields.js';
import { CoreError } from './core-error.js';
import type { StoreServices } from './core-services.js';
import type { Logger } from './logger.js';
import { checkPayload, DEFAULT_PAYLOAD_LIMITS, type PayloadLimits } from './payload-size.js';
import { checkPermission } from './permission-check.js';
import type { ActiveSession } from './session/session-store.js';

/**
 * Only a 'public' method runs without a session: for every other permission dispatch has refused
 * the call (not_signed_in, locked) before a handler sees it.
 */
export type SessionFor<M extends MethodName> = Contract[M]['permission'] extends 'public'
  ? ActiveSession | null
  : ActiveSession;

export interface HandlerContext<M extends MethodName = MethodName> {
  session: SessionFor<M>;
  /**
   * The call runs against the practice store (R6): the method allows it (`practice: true` in the
   * contract) and the session's staff member is uncertified in a desk role. Decided here, from the
   * main-process session, never from the payload.
   */
  practice: boolean;
  /**
   * The open store's services, or a 'storage_unavailable' CoreError. Read per call, never kept:
   * a restore from the maintainer's screen replaces the store under the handlers.
   */
  readonly store: StoreServices;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: HandlerContext<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** One handler per contract method: a missing one is a type error, not a runtime surprise. */
export type Handlers = { [M in MethodName]: Handler<M> };

export type Dispatch = (method: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  handlers: Handlers;
  session: () => ActiveSession | null;
  /** the open store's services; throws 'storage_unavailable' when there is none (the default) */
  store?: () => StoreServices;
  log: Logger;
  /** tests turn this on: an answer that breaks the contract becomes an 'internal' error */
  validateOutput?: boolean;
  limits?: PayloadLimits;
  /** names a failure of the data folder (disk full, read-only) that a handler threw, or null */
  storageFailure?: (error: unknown) => CoreError | null;
  /** told of each call a handler completed, after it returned (housekeeping such as erasure-scrub.ts) */
  afterCall?: (method: MethodName) => void;
  /** told of each refusal by permission, so it can be audited */
  onRefused?: (method: MethodName, code: string, session: ActiveSession | null) => void;
}

const noStore = (): never => {
  throw new CoreError('storage_unavailable', 'The kiosk cannot reach its data folder');
};

/**
 * The only entry into the core. Everything from the renderer is untrusted: the method name,
 * the payload's size, shape and types, and the right to call it are all checked here, in this
 * order, before a handler runs; failures come back as values with a code, never as a throw.
 */
export function createDispatch(options: DispatchOptions): Dispatch {
  const limits = options.limits ?? DEFAULT_PAYLOAD_LIMITS;
  const { log } = options;

  return async function dispatch(method, payload) {
    if (!isMethodName(method)) {
      log.warn('dispatch.unknown_method', { type: typeof method });
      return fail('unknown_method', 'Unknown method');
    }
    const verdict = checkPayload(payload, limits);
    if (!verdict.ok) {
      return fail(
        'payload_too_large',
        verdict.reason === 'size'
          ? `Payload larger than ${String(limits.maxBytes)} bytes`
          : `Payload nested deeper than ${String(limits.maxDepth)} levels`,
      );
    }
    const spec = contract[method];
    const input = spec.input.safeParse(payload);
    if (!input.success) {
      return fail('invalid_input', `Invalid input for ${method}`, fieldsFromZodError(input.error));
    }
    const session = options.session();
    const practice =
      (spec as MethodSpec).practice === true && session !== null && usesPracticeStore(session.staff);
    const refusal = checkPermission(spec.permission, session, { practice });
    if (refusal) {
      options.onRefused?.(method, refusal.code, session);
      return { ok: false, error: refusal };
    }
    try {
      const handler = options.handlers[method] as Handler<MethodName>;
      const store = options.store ?? noStore;
      const ctx: HandlerContext = {
        // null only for 'public' methods: checkPermission refused every other one above
        session: session as ActiveSession,
        practice,
        get store() {
          return store();
        },
      };
      const value: unknown = await handler(input.data, ctx);
      if (options.validateOutput) {
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          log.error('dispatch.output_invalid', { method });
          return fail('internal', `The answer to ${method} broke the contract`);
        }
      }
      options.afterCall?.(method);
      return ok(value);
    } catch (error) {
      if (error instanceof CoreError) return fail(error.code, error.message, error.fields, error.retryAt);
      const storage = options.storageFailure?.(error);
      if (storage) {
        log.error('dispatch.storage_failed', { method, code: storage.code });
        return fail(storage.code, storage.message);
      }
      log.error('dispatch.handler_failed', {
        method,
        error: error instanceof Error ? error.name : typeof error,
      });
      return fail('internal', 'Something went wrong in the kiosk; the action was not completed');
    }
  };
}
