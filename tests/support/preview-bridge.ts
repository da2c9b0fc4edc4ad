/**
 * The Chromium preview's stand-in for electron/preload: the same createApi, over Playwright's
 * binding instead of ipcRenderer. Bundled by the launcher and injected before the page loads.
 */
import '../../shared/ipc/zod-jitless.js';
import { createApi } from '../../shared/ipc/create-api.js';

type Listener = (event: string, payload: unknown) => void;

interface BridgeWindow {
  __snowdeskInvoke?: (method: string, payload: unknown) => Promise<unknown>;
}

const listeners = new Set<Listener>();
const host = window as unknown as BridgeWindow;

Object.defineProperty(window, '__snowdeskEmit', {
  value: (event: string, payload: unknown) => {
    for (const listener of listeners) listener(event, payload);
  },
});

Object.defineProperty(window, 'snowdesk', {
  value: Object.freeze(
    createApi(
      (method, payload) => {
        const invoke = host.__snowdeskInvoke;
        if (!invoke) return Promise.reject(new Error('binding missing'));
        return invoke(method, payload);
      },
      (listener) => {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    ),
  ),
  writable: false,
  configurable: false,
});
