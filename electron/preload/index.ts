import '../../shared/ipc/zod-jitless.js';
import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../shared/ipc/contract.js';
import { createApi } from '../../shared/ipc/create-api.js';

contextBridge.exposeInMainWorld(
  'snowdesk',
  createApi(
    (method, payload) => ipcRenderer.invoke(RPC_CHANNEL, method, payload),
    (listener) => {
      const forward = (_event: Electron.IpcRendererEvent, name: unknown, payload: unknown) => {
        if (typeof name === 'string') listener(name, payload);
      };
      ipcRenderer.on(EVENT_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, forward);
      };
    },
  ),
);
