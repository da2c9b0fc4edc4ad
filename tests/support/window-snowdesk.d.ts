import type { SnowdeskApi } from '../../shared/ipc/create-api.js';

// What tests see inside the page: the same bridge renderer/src/snowdesk.ts declares.
declare global {
  interface Window {
    readonly snowdesk?: SnowdeskApi;
  }
}
