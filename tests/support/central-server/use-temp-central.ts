import { afterEach, beforeEach } from 'vitest';
import { FakeDevice } from './fake-device.js';
import { startTempCentral, type TempCentral } from './temp-central.js';

/** The central server of one test, and (when asked for) a device enrolled with it. */
export interface TempCentralFixture extends TempCentral {
  /** enrolled before each test when `useTempCentral({ enrolled: true })` */
  readonly device: FakeDevice;
}

/**
 * For the central server's integration tests, as useStaffedDesk() is for the kiosk's: before each
 * test a central server in a fresh folder (and a device enrolled with it, if asked), after it the
 * server closed and the folder gone. Call once at the top of a test file; read the fields inside
 * tests (they change per test).
 */
export function useTempCentral(options: { enrolled?: boolean } = {}): TempCentralFixture {
  let central: TempCentral | null = null;
  let device: FakeDevice | null = null;
  const current = (): TempCentral => {
    if (!central) throw new Error('the temporary central exists only inside a test');
    return central;
  };

  beforeEach(async () => {
    central = await startTempCentral();
    if (options.enrolled === true) device = await FakeDevice.enrol(central.server);
  });

  afterEach(async () => {
    const open = central;
    central = null;
    device = null;
    await open?.dispose();
  });

  return {
    get server() {
      return current().server;
    },
    get dataDir() {
      return current().dataDir;
    },
    restart: (again) => current().restart(again),
    dispose: () => current().dispose(),
    get device() {
      if (!device) throw new Error('useTempCentral({ enrolled: true }) enrols a device');
      return device;
    },
  };
}
