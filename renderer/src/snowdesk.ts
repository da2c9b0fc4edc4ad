import type { MethodInput, MethodName, MethodOutput } from '../../shared/ipc/contract.js';
import type { SnowdeskApi } from '../../shared/ipc/create-api.js';
import type { CoreErrorShape } from '../../shared/ipc/errors.js';

declare global {
  interface Window {
    /** the only way into the core: set by the preload (Electron) or the preview's launcher */
    readonly snowdesk?: SnowdeskApi;
  }
}

export class CoreCallError extends Error {
  constructor(readonly error: CoreErrorShape) {
    super(error.message);
    this.name = 'CoreCallError';
  }
}

export function api(): SnowdeskApi {
  const bridge = window.snowdesk;
  if (!bridge) throw new CoreCallError({ code: 'protocol', message: 'The kiosk bridge is missing' });
  return bridge;
}

/** For queries: an error value becomes a thrown error that TanStack Query reports. */
export async function callOrThrow<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await api().call(method, input);
  if (!result.ok) throw new CoreCallError(result.error);
  return result.value;
}
