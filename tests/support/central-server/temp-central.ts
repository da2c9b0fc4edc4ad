import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CentralServer, type CentralServerOptions } from './central-server.js';

/** A central server in a fresh temporary folder; dispose() closes it and removes the folder. */
export interface TempCentral {
  server: CentralServer;
  dataDir: string;
  /** starts another server on the same folder (and port), after this one was closed */
  restart(options?: Omit<CentralServerOptions, 'dataDir'>): Promise<CentralServer>;
  dispose(): Promise<void>;
}

export async function startTempCentral(
  options: Omit<CentralServerOptions, 'dataDir'> = {},
): Promise<TempCentral> {
  const dataDir = mkdtempSync(join(tmpdir(), 'snowdesk-central-'));
  const servers: CentralServer[] = [];
  try {
    servers.push(await CentralServer.start({ ...options, dataDir }));
  } catch (cause) {
    rmSync(dataDir, { recursive: true, force: true });
    throw cause;
  }
  const temp: TempCentral = {
    get server(): CentralServer {
      const last = servers.at(-1);
      if (!last) throw new Error('no server');
      return last;
    },
    dataDir,
    async restart(again = {}) {
      const previous = temp.server;
      await previous.close();
      // let pooled client connections see their FIN first, or fetch may reuse a dead socket
      await new Promise((resolve) => setTimeout(resolve, 50));
      servers.push(await CentralServer.start({ ...options, port: previous.port, ...again, dataDir }));
      return temp.server;
    },
    async dispose() {
      for (const server of servers) await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return temp;
}
